import * as core from '@actions/core'
import type { IsoDate } from './dates.js'
import { summarizeReportsDay } from './day-summary.js'
import {
  DownloadFailedError,
  LinkExpiredError,
  ReportFormatError,
  describeLink,
  streamNdjson,
  type DownloadPolicy
} from './download.js'
import { ActionError } from './errors.js'
import type { StoredDay } from './history.js'
import {
  AggregateDaySchema,
  UserDaySchema,
  UserTeamSchema,
  describeIssues,
  isEngaged,
  type AggregateDay
} from './report-records.js'
import type { DayReportKind, ReportsApi } from './reports-api.js'
import { TeamDayAggregator } from './team-aggregate.js'

export type DayOutcome =
  | { status: 'fetched'; day: StoredDay }
  | { status: 'pending'; date: IsoDate }
  | { status: 'no-data'; date: IsoDate }
  /** The team is absent from the user-teams report: GitHub leaves out teams with fewer than five seated users. */
  | { status: 'below-threshold'; date: IsoDate }

const DOWNLOAD_ATTEMPTS = 3

/**
 * Fetches one day of an organization or enterprise from the reports API: the
 * aggregated record as received, plus the engaged-user count from the users
 * report (streamed; only the count is kept, never a user).
 */
export async function fetchReportsDay(
  api: ReportsApi,
  policy: DownloadPolicy,
  date: IsoDate,
  fetchedAt: string
): Promise<DayOutcome> {
  const aggregate = await downloadReport(
    api,
    policy,
    'aggregate',
    date,
    (link) =>
      readRecords(link, policy, (raw, line, where) =>
        validate(AggregateDaySchema, raw, line, where, date)
      )
  )
  if (aggregate.status !== 'available')
    return { status: aggregate.status, date }
  const record = singleRecord(aggregate.files.flat(), date)
  if (!record) return { status: 'no-data', date }

  const users = await downloadReport(api, policy, 'users', date, (link) =>
    readRecords(link, policy, (raw, line, where) => {
      const user = validate(UserDaySchema, raw, line, where, date)
      return isEngaged(user) ? String(user.user_id) : undefined
    })
  )
  // The day is stored only once both reports are out, so it is never half-counted.
  if (users.status === 'pending') return { status: 'pending', date }
  // Shards can repeat a user: count distinct ids.
  const engaged =
    users.status === 'available' ? new Set(users.files.flat()).size : 0

  return {
    status: 'fetched',
    day: {
      date,
      source: 'reports',
      fetchedAt,
      summary: summarizeReportsDay(record, engaged),
      record
    }
  }
}

/**
 * Fetches one day of several teams of one organization or enterprise: the
 * user-teams report says who is in which team, and the users report (one
 * download for all teams) is summed per team. Outcomes follow `teams`.
 */
export async function fetchTeamsDay(
  api: ReportsApi,
  policy: DownloadPolicy,
  date: IsoDate,
  teams: readonly string[],
  fetchedAt: string
): Promise<DayOutcome[]> {
  const wanted = new Map(teams.map((team) => [team.toLowerCase(), team]))
  const memberships = await downloadReport(
    api,
    policy,
    'user-teams',
    date,
    (link) =>
      readRecords(link, policy, (raw, line, where) => {
        const row = validate(UserTeamSchema, raw, line, where, date)
        const team = wanted.get(row.slug.toLowerCase())
        return team === undefined
          ? undefined
          : { user: String(row.user_id), team, teamId: row.team_id ?? null }
      })
  )
  if (memberships.status === 'pending')
    return teams.map(() => ({ status: 'pending', date }))

  const membersOf = new Map<
    string,
    { ids: Set<string>; teamId: string | number | null }
  >()
  const teamsOf = new Map<string, string[]>()
  for (const row of memberships.status === 'available'
    ? memberships.files.flat()
    : []) {
    const members = membersOf.get(row.team) ?? {
      ids: new Set<string>(),
      teamId: row.teamId
    }
    membersOf.set(row.team, members)
    if (members.ids.has(row.user)) continue
    members.ids.add(row.user)
    teamsOf.set(row.user, [...(teamsOf.get(row.user) ?? []), row.team])
  }
  const aggregators = new Map(
    [...membersOf].map(([team, members]) => [
      team,
      new TeamDayAggregator(team, members.teamId, members.ids.size)
    ])
  )

  if (aggregators.size > 0) {
    const users = await downloadReport(api, policy, 'users', date, (link) =>
      readRecords(link, policy, (raw, line, where) => {
        const user = validate(UserDaySchema, raw, line, where, date)
        // A user in no wanted team is skipped; a user in several is added to each.
        for (const team of teamsOf.get(String(user.user_id)) ?? [])
          aggregators.get(team)!.add(user)
        return undefined
      })
    )
    if (users.status === 'pending')
      return teams.map(() => ({ status: 'pending', date }))
  }

  return teams.map((team): DayOutcome => {
    const aggregator = aggregators.get(team)
    if (!aggregator) return { status: 'below-threshold', date }
    const record = AggregateDaySchema.parse(aggregator.record(date))
    return {
      status: 'fetched',
      day: {
        date,
        source: 'reports',
        fetchedAt,
        summary: summarizeReportsDay(record, aggregator.engagedUsers),
        record
      }
    }
  })
}

type Downloaded<T> =
  { status: 'available'; files: T[] } | { status: 'pending' | 'no-data' }

/**
 * Downloads every file of one report. A file is retried from its start on a
 * transient failure; when a signed link has expired, fresh links are requested
 * once and the whole report is read again.
 */
export async function downloadReport<T>(
  api: ReportsApi,
  policy: DownloadPolicy,
  kind: DayReportKind,
  date: IsoDate,
  readFile: (link: string) => Promise<T>
): Promise<Downloaded<T>> {
  for (let round = 1; ; round++) {
    const report = await api.dayReport(kind, date)
    if (report.status !== 'available') return report
    try {
      const files: T[] = []
      for (const link of report.links)
        files.push(await withRetries(() => readFile(link)))
      return { status: 'available', files }
    } catch (error) {
      if (!(error instanceof LinkExpiredError)) throw error
      if (round > 1)
        throw new ActionError(
          `The ${kind} report of ${date} could not be downloaded: fresh signed links were refused too (${error.message}). ` +
            'Nothing was committed; run the workflow again later.'
        )
      core.info(
        `Signed links of the ${kind} report of ${date} expired; requesting fresh ones`
      )
    }
  }
}

/** Parses one file; `map` validates a record and returns what to keep of it, if anything. */
async function readRecords<T>(
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

function validate<T>(
  schema: {
    safeParse: (
      value: unknown
    ) =>
      | { success: true; data: T }
      | { success: false; error: import('zod').ZodError }
  },
  record: unknown,
  line: number,
  where: string,
  date: IsoDate
): T {
  const parsed = schema.safeParse(record)
  if (!parsed.success)
    throw new ReportFormatError(
      where,
      line,
      `unexpected record (${describeIssues(parsed.error)})`
    )
  const day = (parsed.data as { day: string }).day
  if (day !== date)
    throw new ReportFormatError(
      where,
      line,
      `record of ${day} in the report of ${date}`
    )
  return parsed.data
}

/** The aggregated report holds one record; identical repeats across shards are tolerated. */
function singleRecord(
  records: AggregateDay[],
  date: IsoDate
): AggregateDay | null {
  if (records.length === 0) return null
  const first = JSON.stringify(records[0])
  if (records.some((record) => JSON.stringify(record) !== first))
    throw new ActionError(
      `The aggregated report of ${date} holds ${records.length} different records; expected one. Nothing was stored.`
    )
  return records[0]
}
