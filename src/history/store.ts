import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Scope, Target } from '../inputs/settings.js'
import type { DataBranchStore, Snapshot } from './data-branch.js'
import {
  emptyHistory,
  parseHistory,
  serializeHistory,
  type History
} from './file.js'
import { assembleHistory, unreadDays, type StoredLayout } from './shards.js'
import {
  indexShardPaths,
  newestMonthStart,
  parseIndexOrNull,
  type Index
} from './shard-index.js'
import { isRead, monthsToRead, type ReadNeeds } from './shard-selection.js'
import type { MetricsSource } from '../day/stored-day.js'

export interface StoredHistories {
  base: Pick<Snapshot, 'head' | 'tree'>
  /** One per target, in order; empty where nothing is stored yet. */
  stored: History[]
  /** How each was stored: what the next write compares with. */
  layouts: StoredLayout[]
}

/** The file at history-path of one target, parsed as far as its layout. */
interface IndexRead {
  text: string | null
  where: string
  index: Index | null
  /** The shards to read, relative to the repository root; undefined: not read. */
  paths: (string | undefined)[]
}

/**
 * Reads every history at the branch tip, in either layout: the files at
 * history-path first, then the shards their indexes list, all at the same
 * commit. With `needs`, only the months of an index that the run needs are
 * read (shard-selection.ts); a single-file history is read whole (it is
 * converted once). Texts stay inside this function; only parsed days leave it.
 */
export async function readStoredHistories(
  store: DataBranchStore,
  targets: readonly Target[],
  api: MetricsSource,
  needs?: (target: Target) => ReadNeeds
): Promise<StoredHistories> {
  const { texts, ...base } = await store.read(
    targets.map((target) => target.historyPath)
  )
  const read = targets.map((target, i) =>
    readIndex(store, target, texts[i], needs?.(target))
  )
  const wanted = read.flatMap((entry) =>
    entry.paths.filter((path): path is string => path !== undefined)
  )
  const shardTexts =
    base.head && wanted.length > 0
      ? await store.readFiles(base.head, wanted)
      : []
  const byPath = new Map(wanted.map((path, i) => [path, shardTexts[i]]))
  const histories = read.map((entry, i) =>
    assemble(store, targets[i], entry, byPath, api)
  )
  return {
    base,
    stored: histories.map((entry) => entry.history),
    layouts: histories.map((entry) => entry.layout)
  }
}

/** The index at history-path (if the file is one) and the shards of it to read. */
function readIndex(
  store: DataBranchStore,
  target: Target,
  text: string | null,
  needs: ReadNeeds | undefined
): IndexRead {
  const where = store.where(target.historyPath)
  const index =
    text === null ? null : parseIndexOrNull(text, where, target.scope)
  if (!index) return { text, where, index, paths: [] }
  const selection = needs ? monthsToRead(newestMonthStart(index), needs) : null
  const all = indexShardPaths(target.historyPath, index)
  const paths = all.map((path, n) =>
    !selection || isRead(index.shards[n].month, selection) ? path : undefined
  )
  return { text, where, index, paths }
}

function assemble(
  store: DataBranchStore,
  target: Target,
  entry: IndexRead,
  texts: ReadonlyMap<string, string | null>,
  api: MetricsSource
): { history: History; layout: StoredLayout } {
  if (entry.text === null)
    return {
      history: emptyHistory(target.scope, api),
      layout: { kind: 'none' }
    }
  if (!entry.index)
    return {
      history: parseHistory(entry.text, entry.where, target.scope),
      layout: { kind: 'single' }
    }
  const { paths } = entry
  return assembleHistory(
    entry.index,
    paths.map((path) => (path === undefined ? undefined : texts.get(path)!)),
    { index: entry.where, shard: (n) => store.where(paths[n]!) },
    target.scope
  )
}

/** Days of history `index` as read, with those of the shards not read. */
export function storedDays(read: StoredHistories, index: number): number {
  return read.stored[index].days.length + unreadDays(read.layouts[index])
}

/**
 * A history file given in import-path, as the text of a single-file history:
 * a sharded index is assembled from the shards next to it on disk; any other
 * text is returned as it is, for the import parser to judge.
 */
export async function readLocalHistoryText(
  path: string,
  text: string,
  where: string,
  scope: Scope,
  advice: string
): Promise<string> {
  const index = parseIndexOrNull(text, where, scope, advice)
  if (!index) return text
  const paths = indexShardPaths('', index)
  const texts = await Promise.all(
    paths.map((shard) =>
      readFile(join(dirname(path), shard), 'utf8').catch(() => null)
    )
  )
  const { history } = assembleHistory(
    index,
    texts,
    {
      index: where,
      shard: (n) => `${paths[n]} next to ${where}`
    },
    scope,
    advice
  )
  return serializeHistory(history)
}
