import * as core from '@actions/core'
import type { z } from 'zod'
import { ReportFormatError } from './ndjson-lines.js'
import {
  DownloadFailedError,
  LinkExpiredError,
  describeLink,
  streamNdjson,
  type DownloadPolicy
} from './download.js'
import { ActionError } from '../../common/errors.js'
import { describeIssues } from './records.js'

const DOWNLOAD_ATTEMPTS = 3

/** What a report endpoint answers: the signed links, or why there are none. */
export type ReportLinks =
  { status: 'available'; links: string[] } | { status: 'pending' | 'no-data' }

/**
 * Downloads every file of one report. A file is retried from its start on a
 * transient failure; when a signed link has expired, fresh links are requested
 * once and the whole report is read again. `readFile` must therefore be
 * idempotent for what it keeps (e.g. add to a Set).
 *
 * @param what names the report in errors, e.g. "users report of 2026-11-20"
 * @param request asks the API for the report's links
 * @returns the API's answer, with one result of `readFile` per link when available
 */
export async function downloadFiles<R extends ReportLinks, T>(
  what: string,
  request: () => Promise<R>,
  readFile: (link: string) => Promise<T>
): Promise<{ report: R; files: T[] }> {
  for (let round = 1; ; round++) {
    const report = await request()
    if (report.status !== 'available') return { report, files: [] }
    try {
      const files: T[] = []
      for (const link of (report as { links: string[] }).links)
        files.push(await withRetries(() => readFile(link)))
      return { report, files }
    } catch (error) {
      if (!(error instanceof LinkExpiredError)) throw error
      if (round > 1)
        throw new ActionError(
          `The ${what} could not be downloaded: fresh signed links were refused too (${error.message}). ` +
            'Nothing was committed; run the workflow again later.'
        )
      core.info(`Signed links of the ${what} expired; requesting fresh ones`)
    }
  }
}

/** Parses one file; `map` validates a record and returns what to keep of it, if anything. */
export async function readRecords<T>(
  link: string,
  policy: DownloadPolicy,
  map: (record: unknown, line: number, where: string) => T | undefined
): Promise<T[]> {
  const where = describeLink(link)
  const kept: T[] = []
  await streamNdjson(link, policy, (record, line) => {
    const value = map(record, line, where)
    if (value !== undefined) kept.push(value)
  })
  return kept
}

async function withRetries<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read()
    } catch (error) {
      if (!(error instanceof DownloadFailedError)) throw error
      if (attempt >= DOWNLOAD_ATTEMPTS)
        throw new ActionError(
          `${error.message} (${DOWNLOAD_ATTEMPTS} attempts). Nothing was committed; ` +
            "GitHub's report host may be having trouble: run the workflow again later.",
          { cause: error }
        )
      core.info(
        `${error.message}; retrying (${attempt}/${DOWNLOAD_ATTEMPTS - 1})`
      )
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt ** 2))
    }
  }
}

/** Validates one record of a report file, naming the file and line when it does not fit. */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  record: unknown,
  line: number,
  where: string
): z.output<S> {
  const parsed = schema.safeParse(record)
  if (!parsed.success)
    throw new ReportFormatError(
      where,
      line,
      `unexpected record (${describeIssues(parsed.error)})`
    )
  // The record as received, not zod's copy (which puts the schema's keys
  // first): a day is stored exactly as GitHub sent it. No schema transforms.
  return record as z.output<S>
}

/** A 1-day report holds records of its own day only. */
export function checkDay(
  day: string,
  date: string,
  line: number,
  where: string
): void {
  if (day !== date)
    throw new ReportFormatError(
      where,
      line,
      `record of ${day} in the report of ${date}`
    )
}
