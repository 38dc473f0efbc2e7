// The index of a sharded history: the file at history-path, holding every
// top-level field of the history but its days, and the list of its shards.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { parseJsonText } from '../common/json-location.js'
import type { StoredDay } from '../day/stored-day.js'
import type { Scope } from '../inputs/settings.js'
import {
  HISTORY_SCHEMA_VERSION,
  HistoryFileError,
  REPAIR_ADVICE,
  refuseNewerVersion,
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
export type Index = z.infer<typeof IndexSchema>

/** The folder of a history's shards: history-path without ".json". */
export function shardFolder(historyPath: string): string {
  return /\.json$/i.test(historyPath)
    ? historyPath.slice(0, -'.json'.length)
    : `${historyPath}.shards`
}

export const baseName = (path: string): string =>
  path.slice(path.lastIndexOf('/') + 1)
const dirName = (path: string): string =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : ''

/** The path of a month's shard, relative to the repository root. */
export function shardPath(historyPath: string, month: string): string {
  return `${shardFolder(historyPath)}/${month}.jsonl`
}

export const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('hex')

/** A parsed file at history-path: a sharded index, or anything else (a single-file history). */
export function parseIndexOrNull(
  text: string,
  where: string,
  scope: Scope,
  advice = REPAIR_ADVICE
): Index | null {
  const read = parseJsonText(text)
  if (!read.ok)
    throw new HistoryFileError(
      where,
      `is not valid JSON (${read.location})`,
      advice
    )
  const json = read.value
  const object = json as Record<string, unknown> | null
  if (object === null || typeof object !== 'object' || !('shards' in object))
    return null
  refuseNewerVersion(object, where, advice, SHARDED_SCHEMA_VERSION)
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
  checkOrder(parsed.data, where, advice)
  return parsed.data
}

/** Shards in month order, each month once. */
function checkOrder(index: Index, where: string, advice: string): void {
  index.shards.forEach((shard, i) => {
    const previous = index.shards[i - 1]?.month
    if (previous !== undefined && shard.month <= previous)
      throw new HistoryFileError(
        where,
        `lists its shards out of order: ${shard.month} follows ${previous}`,
        advice
      )
  })
}

/**
 * A day no later than the newest stored day: the first of the last shard's
 * month (its `last` field is not trusted before the shard is read); null
 * when the index lists no shard.
 */
export function newestMonthStart(index: Index): string | null {
  const month = index.shards.at(-1)?.month
  return month === undefined ? null : `${month}-01`
}

/** The shard files an index lists, relative to the repository root. */
export function indexShardPaths(indexPath: string, index: Index): string[] {
  return index.shards.map((shard) => `${dirName(indexPath)}${shard.file}`)
}

/** The top-level fields of the history an index describes, with `days`. */
export function envelopeOf(
  index: Index,
  days: StoredDay[]
): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { shards, layout, schemaVersion, ...fields } = index
  return { schemaVersion: HISTORY_SCHEMA_VERSION, ...fields, days }
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
