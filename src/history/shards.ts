import { createHash } from 'node:crypto'
import { z } from 'zod'
import { StoredDaySchema, type StoredDay } from '../day/stored-day.js'
import type { Scope } from '../inputs/settings.js'
import {
  HISTORY_SCHEMA_VERSION,
  HistoryFileError,
  REPAIR_ADVICE,
  jsonErrorLocation,
  validateHistory,
  type History
} from './file.js'

/**
 * The sharded layout: the file at history-path is an index (every top-level
 * field of the history but its days, plus the list of shards), and each
 * calendar month of days is one shard next to it, one stored day per line.
 * A night then writes the index and the month it touched, whatever the
 * history's length. Version 2: an older Action, which reads version 1 only,
 * stops with "written by a newer version" instead of misreading the index.
 */
export const SHARDED_SCHEMA_VERSION = 2

const ShardEntrySchema = z.object({
  /** Relative to the folder of the index, e.g. "enterprise-acme/2026-11.jsonl". */
  file: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  days: z.number().int().positive(),
  first: z.string(),
  last: z.string(),
  /** SHA-256 of the shard's bytes; null after a hand edit, to have it checked in full and renewed. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
})
export type ShardEntry = z.infer<typeof ShardEntrySchema>

const IndexSchema = z.looseObject({
  schemaVersion: z.literal(SHARDED_SCHEMA_VERSION),
  layout: z.literal('monthly'),
  shards: z.array(ShardEntrySchema)
})
type Index = z.infer<typeof IndexSchema>

/** How a history was stored at the branch tip: what a write compares with. */
export type StoredLayout =
  | { kind: 'none' }
  /** A single-file history (version 1): the next write converts it. */
  | { kind: 'single' }
  | {
      kind: 'sharded'
      /** Per month: the days as read (compared by identity) and the shard's checksum. */
      months: Map<string, { days: readonly StoredDay[]; sha256: string }>
    }

export interface HistoryFile {
  path: string
  /** null removes the file. */
  text: string | null
  /** Small enough to send inside the tree request instead of as a blob. */
  inline?: boolean
}

/** The folder of a history's shards: history-path without ".json". */
export function shardFolder(historyPath: string): string {
  return /\.json$/i.test(historyPath)
    ? historyPath.slice(0, -'.json'.length)
    : `${historyPath}.shards`
}

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
const dirName = (path: string): string =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : ''

/** The path of a month's shard, relative to the repository root. */
export function shardPath(historyPath: string, month: string): string {
  return `${shardFolder(historyPath)}/${month}.jsonl`
}

const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('hex')

/** A parsed file at history-path: a sharded index, or anything else (a single-file history). */
export function parseIndexOrNull(
  text: string,
  where: string,
  scope: Scope,
  advice = REPAIR_ADVICE
): Index | null {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new HistoryFileError(
      where,
      `is not valid JSON (${jsonErrorLocation(text, error)})`,
      advice
    )
  }
  const object = json as Record<string, unknown> | null
  if (object === null || typeof object !== 'object' || !('shards' in object))
    return null
  const version = object.schemaVersion
  if (typeof version === 'number' && version > SHARDED_SCHEMA_VERSION)
    throw new HistoryFileError(
      where,
      `was written by a newer version of this Action (schemaVersion ${version}, this version reads ${SHARDED_SCHEMA_VERSION}); upgrade the Action`,
      advice
    )
  const parsed = IndexSchema.safeParse(json)
  if (!parsed.success)
    throw new HistoryFileError(
      where,
      `is not a valid history index: ${parsed.error.issues
        .slice(0, 3)
        .map(
          (issue) =>
            `${issue.path.join('.') || '(top level)'}: ${issue.message}`
        )
        .join('; ')}`,
      advice
    )
  // The top-level fields are checked as those of a history with no days.
  validateHistory(envelopeOf(parsed.data, []), where, scope, advice)
  const months = parsed.data.shards.map((shard) => shard.month)
  months.forEach((month, i) => {
    if (i > 0 && month <= months[i - 1])
      throw new HistoryFileError(
        where,
        `lists its shards out of order: ${month} follows ${months[i - 1]}`,
        advice
      )
  })
  return parsed.data
}

/** The shard files an index lists, relative to the repository root. */
export function indexShardPaths(indexPath: string, index: Index): string[] {
  return index.shards.map((shard) => `${dirName(indexPath)}${shard.file}`)
}

/**
 * The history an index and its shards hold. Every shard must be there, match
 * its checksum and day count, and hold only days of its month, in order: any
 * doubt fails the run, naming the file. A shard that matches its checksum is
 * what this Action wrote (validated then), so its days are only parsed.
 */
export function assembleHistory(
  index: Index,
  shardTexts: readonly (string | null)[],
  where: { index: string; shard: (i: number) => string },
  scope: Scope,
  advice = REPAIR_ADVICE
): { history: History; layout: StoredLayout } {
  const months = new Map<string, { days: StoredDay[]; sha256: string }>()
  const days: StoredDay[] = []
  index.shards.forEach((shard, i) => {
    const text = shardTexts[i]
    const fail = (problem: string): never => {
      throw new HistoryFileError(where.shard(i), problem, advice)
    }
    if (text === null)
      fail(
        `is missing, but the index ${where.index} lists it (${shard.days} days of ${shard.month})`
      )
    const checksum = sha256(text!)
    const verified = shard.sha256 === checksum
    if (shard.sha256 !== null && !verified)
      fail(
        `does not match the checksum in the index ${where.index}: it was changed or damaged after this Action wrote it (after a deliberate edit, set its "sha256" in the index to null)`
      )
    const lines = text!.split('\n')
    if (lines[lines.length - 1] === '') lines.pop()
    const monthDays: StoredDay[] = []
    lines.forEach((line, n) => {
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch (error) {
        fail(
          `line ${n + 1} is not valid JSON (${(error as Error).message.split(/ in JSON| at position|, "/)[0]})`
        )
      }
      let day = json as StoredDay
      if (!verified) {
        const parsed = StoredDaySchema.safeParse(json)
        if (!parsed.success)
          fail(
            `line ${n + 1} failed validation: ${parsed.error.issues
              .slice(0, 3)
              .map(
                (issue) =>
                  `${issue.path.join('.') || '(day)'}: ${issue.message}`
              )
              .join('; ')}`
          )
        day = parsed.data!
      }
      if (
        typeof day?.date !== 'string' ||
        !day.date.startsWith(`${shard.month}-`)
      )
        fail(
          `line ${n + 1} holds day ${String(day?.date)}, not a day of ${shard.month}`
        )
      const previous = monthDays[monthDays.length - 1]?.date
      if (previous !== undefined && day.date <= previous)
        fail(
          day.date === previous
            ? `line ${n + 1}: date ${day.date} is stored twice`
            : `line ${n + 1}: dates are not sorted: ${day.date} follows ${previous}`
        )
      monthDays.push(day)
    })
    if (monthDays.length !== shard.days)
      fail(
        `holds ${monthDays.length} days, but the index ${where.index} says ${shard.days}`
      )
    months.set(shard.month, { days: monthDays, sha256: checksum })
    for (const day of monthDays) days.push(day)
  })
  const history = validateHistory(
    envelopeOf(index, []),
    where.index,
    scope,
    advice
  )
  history.days = days
  return { history, layout: { kind: 'sharded', months } }
}

/** The top-level fields of the history an index describes, with `days`. */
function envelopeOf(index: Index, days: StoredDay[]): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { shards, layout, schemaVersion, ...fields } = index
  return { schemaVersion: HISTORY_SCHEMA_VERSION, ...fields, days }
}

/** Days grouped by calendar month ("YYYY-MM"), in order. */
export function byMonth(days: readonly StoredDay[]): Map<string, StoredDay[]> {
  const months = new Map<string, StoredDay[]>()
  for (const day of days) {
    const month = day.date.slice(0, 7)
    const list = months.get(month)
    if (list) list.push(day)
    else months.set(month, [day])
  }
  return months
}

/** One stored day per line: loads straight into DuckDB, BigQuery or pandas. */
export function serializeShard(days: readonly StoredDay[]): string {
  let text = ''
  for (const day of days) text += `${JSON.stringify(day)}\n`
  return text
}

/**
 * The files a write of `history` changes: the shards whose days differ from
 * what was read, any shard left empty (removed), and the index. Converting a
 * single-file history writes every shard, and the index takes the old file's
 * place at history-path in the same commit.
 */
export function historyFiles(
  historyPath: string,
  history: History,
  previous: StoredLayout
): HistoryFile[] {
  const before: Map<string, { days: readonly StoredDay[]; sha256: string }> =
    previous.kind === 'sharded'
      ? previous.months
      : new Map<string, { days: readonly StoredDay[]; sha256: string }>()
  const files: HistoryFile[] = []
  const shards: ShardEntry[] = []
  const months = byMonth(history.days)
  for (const [month, days] of months) {
    const old = before.get(month)
    let checksum: string
    if (
      old &&
      old.days.length === days.length &&
      old.days.every((day, i) => day === days[i])
    )
      checksum = old.sha256
    else {
      const text = serializeShard(days)
      checksum = sha256(text)
      if (checksum !== old?.sha256)
        files.push({ path: shardPath(historyPath, month), text })
    }
    shards.push({
      file: `${baseName(shardFolder(historyPath))}/${month}.jsonl`,
      month,
      days: days.length,
      first: days[0].date,
      last: days[days.length - 1].date,
      sha256: checksum
    })
  }
  for (const month of before.keys())
    if (!months.has(month))
      files.push({ path: shardPath(historyPath, month), text: null })
  files.push({
    path: historyPath,
    text: serializeIndex(history, shards),
    inline: true
  })
  return files
}

/**
 * The index: the history's top-level fields (scope, source, seats and any
 * other) pretty-printed, with one line per entry of a list (a shard, a seats
 * entry), so a night's change is a line or two in `git diff`.
 */
export function serializeIndex(
  history: History,
  shards: readonly ShardEntry[]
): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { days, schemaVersion, ...fields } = history
  const entries = Object.entries({
    schemaVersion: SHARDED_SCHEMA_VERSION,
    layout: 'monthly',
    ...fields,
    shards
  })
  const lines = ['{']
  entries.forEach(([key, value], i) => {
    const comma = i < entries.length - 1 ? ',' : ''
    if (Array.isArray(value) && value.length > 0)
      lines.push(
        `  ${JSON.stringify(key)}: [`,
        ...value.map(
          (entry, n) =>
            `    ${JSON.stringify(entry)}${n < value.length - 1 ? ',' : ''}`
        ),
        `  ]${comma}`
      )
    else
      lines.push(
        `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}`
      )
  })
  lines.push('}', '')
  return lines.join('\n')
}
