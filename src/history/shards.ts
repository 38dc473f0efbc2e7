// A history as monthly shards: reading the shards an index lists back into
// days, and the files a write changes.
import { jsonErrorReason } from '../common/json-location.js'
import type { StoredDay } from '../day/stored-day.js'
import { StoredDaySchema } from '../day/stored-day.js'
import type { Scope } from '../inputs/settings.js'
import {
  HistoryFileError,
  REPAIR_ADVICE,
  validateHistory,
  type History
} from './file.js'
import {
  baseName,
  envelopeOf,
  serializeIndex,
  sha256,
  shardFolder,
  shardPath,
  type Index,
  type ShardEntry
} from './shard-index.js'

export {
  SHARDED_SCHEMA_VERSION,
  indexShardPaths,
  parseIndexOrNull,
  serializeIndex,
  shardFolder,
  shardPath,
  type ShardEntry
} from './shard-index.js'

/** How a history was stored at the branch tip: what a write compares with. */
export type StoredLayout =
  | { kind: 'none' }
  /** A single-file history (version 1): the next write converts it. */
  | { kind: 'single' }
  | {
      kind: 'sharded'
      /** Per month: the days as read (compared by identity) and the shard's checksum. */
      months: Map<string, { days: readonly StoredDay[]; sha256: string }>
      /** Shards the run did not read: their entries go to the next index as they are. */
      unloaded: readonly ShardEntry[]
    }

export interface HistoryFile {
  path: string
  /** null removes the file. */
  text: string | null
  /** Small enough to send inside the tree request instead of as a blob. */
  inline?: boolean
}

export interface HistoryFile {
  path: string
  /** null removes the file. */
  text: string | null
  /** Small enough to send inside the tree request instead of as a blob. */
  inline?: boolean
}

/**
 * The history an index and its shards hold. Every shard read must be there,
 * match its checksum and day count, and hold only days of its month, in
 * order: any doubt fails the run, naming the file. A shard that matches its
 * checksum is what this Action wrote (validated then), so its days are only
 * parsed. A shard whose text is `undefined` was not read (see
 * shard-selection.ts): its entry is carried through to the next write as it is.
 */
export function assembleHistory(
  index: Index,
  shardTexts: readonly (string | null | undefined)[],
  where: { index: string; shard: (i: number) => string },
  scope: Scope,
  advice = REPAIR_ADVICE
): { history: History; layout: StoredLayout } {
  const months = new Map<string, { days: StoredDay[]; sha256: string }>()
  const unloaded: ShardEntry[] = []
  const days: StoredDay[] = []
  index.shards.forEach((shard, i) => {
    const text = shardTexts[i]
    if (text === undefined) {
      unloaded.push(shard)
      return
    }
    const fail = (problem: string): never => {
      throw new HistoryFileError(where.shard(i), problem, advice)
    }
    const read = readShard(shard, text, where.index, fail)
    months.set(shard.month, read)
    for (const day of read.days) days.push(day)
  })
  const history = validateHistory(
    envelopeOf(index, []),
    where.index,
    scope,
    advice
  )
  history.days = days
  return { history, layout: { kind: 'sharded', months, unloaded } }
}

/** The days of one shard, checked against its entry in the index. */
function readShard(
  shard: ShardEntry,
  text: string | null,
  index: string,
  fail: (problem: string) => never
): { days: StoredDay[]; sha256: string } {
  if (text === null)
    fail(
      `is missing, but the index ${index} lists it (${shard.days} days of ${shard.month})`
    )
  const checksum = sha256(text)
  const verified = shard.sha256 === checksum
  if (shard.sha256 !== null && !verified)
    fail(
      `does not match the checksum in the index ${index}: it was changed or damaged after this Action wrote it (after a deliberate edit, set its "sha256" in the index to null)`
    )
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const days: StoredDay[] = []
  lines.forEach((line, n) => {
    const day = parseShardLine(line, verified, (problem) =>
      fail(`line ${n + 1} ${problem}`)
    )
    if (
      typeof day?.date !== 'string' ||
      !day.date.startsWith(`${shard.month}-`)
    )
      fail(
        `line ${n + 1} holds day ${String(day?.date)}, not a day of ${shard.month}`
      )
    const previous = days[days.length - 1]?.date
    if (previous !== undefined && day.date <= previous)
      fail(
        day.date === previous
          ? `line ${n + 1}: date ${day.date} is stored twice`
          : `line ${n + 1}: dates are not sorted: ${day.date} follows ${previous}`
      )
    days.push(day)
  })
  if (days.length !== shard.days)
    fail(`holds ${days.length} days, but the index ${index} says ${shard.days}`)
  return { days, sha256: checksum }
}

/** One line of a shard; validated in full unless the shard matched its checksum. */
function parseShardLine(
  line: string,
  verified: boolean,
  fail: (problem: string) => never
): StoredDay {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch (error) {
    fail(`is not valid JSON (${jsonErrorReason(error)})`)
  }
  if (verified) return json as StoredDay
  const parsed = StoredDaySchema.safeParse(json)
  if (!parsed.success)
    fail(
      `failed validation: ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(day)'}: ${issue.message}`)
        .join('; ')}`
    )
  return parsed.data
}

/** Days stored in the shards a run did not read: with the days it holds, the history's length. */
export function unreadDays(layout: StoredLayout): number {
  return layout.kind === 'sharded'
    ? layout.unloaded.reduce((sum, shard) => sum + shard.days, 0)
    : 0
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
 * place at history-path in the same commit. Shards not read are listed as
 * they were and never written: a day of their month in `history` would
 * replace days never read, so it stops the write.
 */
export function historyFiles(
  historyPath: string,
  history: History,
  previous: StoredLayout
): HistoryFile[] {
  const before =
    previous.kind === 'sharded'
      ? previous.months
      : new Map<string, { days: readonly StoredDay[]; sha256: string }>()
  const unloaded = previous.kind === 'sharded' ? previous.unloaded : []
  const months = byMonth(history.days)
  for (const shard of unloaded)
    if (months.has(shard.month))
      throw new Error(
        `internal error: a day of ${shard.month} would be written to ${shardPath(historyPath, shard.month)}, which this run did not read`
      )
  const files: HistoryFile[] = []
  const shards: ShardEntry[] = [...unloaded]
  for (const [month, days] of months) {
    const written = shardOf(historyPath, month, days, before.get(month))
    if (written.file) files.push(written.file)
    shards.push(written.entry)
  }
  for (const month of before.keys())
    if (!months.has(month))
      files.push({ path: shardPath(historyPath, month), text: null })
  shards.sort((a, b) => (a.month < b.month ? -1 : 1))
  files.push({
    path: historyPath,
    text: serializeIndex(history, shards),
    inline: true
  })
  return files
}

/** A month's entry in the index, and its file when its days differ from those read. */
function shardOf(
  historyPath: string,
  month: string,
  days: readonly StoredDay[],
  old: { days: readonly StoredDay[]; sha256: string } | undefined
): { entry: ShardEntry; file: HistoryFile | null } {
  let checksum: string
  let file: HistoryFile | null = null
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
      file = { path: shardPath(historyPath, month), text }
  }
  return {
    file,
    entry: {
      file: `${baseName(shardFolder(historyPath))}/${month}.jsonl`,
      month,
      days: days.length,
      first: days[0].date,
      last: days[days.length - 1].date,
      sha256: checksum
    }
  }
}
