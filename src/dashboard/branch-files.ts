import * as core from '@actions/core'
import type { DataBranchStore } from '../history/data-branch.js'
import type { ExtraFiles } from '../history/sync.js'
import type { DashboardSettings } from '../inputs/dashboard.js'
import type { Target } from '../inputs/settings.js'
import { INDEX_FILE, historyIndex, parseHistoryIndex } from './history-index.js'
import {
  changedFiles,
  dashboardFiles,
  joinPath,
  type BranchFile
} from './render.js'

/**
 * The dashboard files to add to the commit that writes `written`: none when
 * the page and the list of histories on the branch are unchanged. `tree` is
 * the tree the commit builds on, so a retry after another run committed sees
 * that run's histories too.
 */
export async function dashboardChanges(
  store: DataBranchStore,
  tree: string | null,
  settings: DashboardSettings,
  targets: readonly Target[]
): Promise<BranchFile[]> {
  const written = targets.map(({ historyPath, scope }) => ({
    path: historyPath,
    scope
  }))
  const listed = tree ? await store.listFiles(tree) : new Map<string, string>()
  // The history matters more than its page: without the full list, no page.
  if (listed === null) {
    core.warning(
      'The data branch holds too many files for GitHub to list at once: the dashboard is not updated. Set input dashboard to false to skip it.'
    )
    return []
  }
  const indexPath = joinPath(settings.dir, INDEX_FILE)
  const indexSha = listed.get(indexPath)
  const previous = parseHistoryIndex(
    indexSha ? await store.readBlob(indexSha) : null
  )
  const paths = [...listed.keys(), ...written.map((history) => history.path)]
  const index = historyIndex(paths, written, previous, indexPath)
  // A history is never overwritten by the page: such a file is left out.
  const histories = new Set(index.histories.map((history) => history.path))
  const files = dashboardFiles(settings.dir, index).filter((file) => {
    if (!histories.has(file.path)) return true
    core.warning(
      `The dashboard file ${file.path} would replace a history of the same path: it is not written. Set input dashboard-path to another folder.`
    )
    return false
  })
  return changedFiles(files, listed)
}

/** The hook that adds the dashboard to each commit of the histories; none when switched off. */
export function dashboardWriter(
  settings: DashboardSettings | null
): ExtraFiles | undefined {
  return settings
    ? (store, tree, written) => dashboardChanges(store, tree, settings, written)
    : undefined
}
