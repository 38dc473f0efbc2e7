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
import {
  assembleHistory,
  indexShardPaths,
  parseIndexOrNull,
  type StoredLayout
} from './shards.js'
import type { MetricsSource } from '../day/stored-day.js'

export interface StoredHistories {
  base: Pick<Snapshot, 'head' | 'tree'>
  /** One per target, in order; empty where nothing is stored yet. */
  stored: History[]
  /** How each was stored: what the next write compares with. */
  layouts: StoredLayout[]
}

/**
 * Reads every history at the branch tip, in either layout: the files at
 * history-path first, then the shards their indexes list, all at the same
 * commit. Texts stay inside this function; only parsed days leave it.
 */
export async function readStoredHistories(
  store: DataBranchStore,
  targets: readonly Target[],
  api: MetricsSource
): Promise<StoredHistories> {
  const { texts, ...base } = await store.read(
    targets.map((target) => target.historyPath)
  )
  const read = targets.map((target, i) => {
    const text = texts[i]
    const where = store.where(target.historyPath)
    if (text === null) return { text, where, index: null }
    return {
      text,
      where,
      index: parseIndexOrNull(text, where, target.scope)
    }
  })
  const shardPaths = read.map((entry, i) =>
    entry.index ? indexShardPaths(targets[i].historyPath, entry.index) : []
  )
  const shardTexts =
    base.head && shardPaths.some((paths) => paths.length > 0)
      ? await store.readFiles(base.head, shardPaths.flat())
      : []
  let offset = 0
  const histories = read.map(
    (
      entry,
      i
    ): {
      history: History
      layout: StoredLayout
    } => {
      const target = targets[i]
      if (entry.text === null)
        return {
          history: emptyHistory(target.scope, api),
          layout: { kind: 'none' as const }
        }
      if (!entry.index)
        return {
          history: parseHistory(entry.text, entry.where, target.scope),
          layout: { kind: 'single' as const }
        }
      const paths = shardPaths[i]
      const texts = shardTexts.slice(offset, offset + paths.length)
      offset += paths.length
      return assembleHistory(
        entry.index,
        texts,
        { index: entry.where, shard: (n) => store.where(paths[n]) },
        target.scope
      )
    }
  )
  return {
    base,
    stored: histories.map((entry) => entry.history),
    layouts: histories.map((entry) => entry.layout)
  }
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
