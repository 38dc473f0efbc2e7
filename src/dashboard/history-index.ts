import { z } from 'zod'
import { SCOPE_KINDS, describeScope, type Scope } from '../inputs/settings.js'

/** The file the page reads to discover every history on the branch. */
export const INDEX_FILE = 'histories.json'

const EntrySchema = z.object({
  /** From the branch root. */
  path: z.string(),
  label: z.string(),
  // The page reads a single file or an index with monthly shards by content.
  scope: z.looseObject({ kind: z.enum(SCOPE_KINDS) })
})
export type HistoryEntry = z.infer<typeof EntrySchema>

const IndexSchema = z.object({
  schemaVersion: z.literal(1),
  histories: z.array(EntrySchema)
})
export type HistoryIndex = z.infer<typeof IndexSchema>

/** The histories this run writes, with the scope it knows for certain. */
export interface KnownHistory {
  path: string
  scope: Scope
}

/**
 * Histories written under the default names (copilot-metrics/<kind>-<name>.json)
 * by runs that kept no index yet. The name alone cannot split an organization
 * from its team, so a team's label is the rest of the name.
 */
const DEFAULT_NAME =
  /^copilot-metrics\/(enterprise-team|organization|enterprise|team)-([^/]+)\.json$/

/**
 * Every history the branch holds after this commit: the files listed in the
 * tree (other runs of a matrix wrote some of them) plus the ones this run
 * writes. A history is recognised by this run's targets, the previous index,
 * or the default name; labels come from the same places, in that order.
 * Nothing time-dependent goes in, so the index only changes with the list.
 */
export function historyIndex(
  treePaths: readonly string[],
  written: readonly KnownHistory[],
  previous: HistoryIndex | null,
  indexPath: string
): HistoryIndex {
  const entries = new Map<string, HistoryEntry>()
  const present = new Set(treePaths)
  for (const entry of previous?.histories ?? [])
    if (present.has(entry.path)) entries.set(entry.path, entry)
  for (const path of treePaths) {
    if (entries.has(path) || path === indexPath) continue
    const match = DEFAULT_NAME.exec(path)
    if (match)
      entries.set(path, {
        path,
        label: `${match[1].replace('-', ' ')} ${match[2]}`,
        scope: { kind: match[1] as Scope['kind'] }
      })
  }
  for (const { path, scope } of written)
    entries.set(path, {
      path,
      label: describeScope(scope),
      scope: { ...scope }
    })
  const histories = [...entries.values()].sort(
    (a, b) =>
      // Organizations and enterprises first, then teams, each by label.
      Number(a.scope.kind.includes('team')) -
        Number(b.scope.kind.includes('team')) ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)
  )
  return { schemaVersion: 1, histories }
}

/** The previous index, or null when it is missing or not one this version can read (it is then rebuilt). */
export function parseHistoryIndex(text: string | null): HistoryIndex | null {
  if (text === null) return null
  try {
    const parsed = IndexSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
