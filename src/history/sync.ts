import * as core from '@actions/core'
import {
  BranchMovedError,
  DataBranchStore,
  type Snapshot
} from './data-branch.js'
import { ActionError } from '../common/errors.js'
import { addDistinctCounts } from './distinct-counts.js'
import type { Octokit } from '../sources/github-client.js'
import { historyFiles, type StoredLayout } from './shards.js'
import { readHistories, readImport, readSeats } from './run-inputs.js'
import { commitMessage } from './commit-message.js'
import type { Settings, Target } from '../inputs/settings.js'
import {
  checkScope,
  fetchPlanned,
  planTargets,
  readNeeds,
  startRun,
  type Run
} from './sync-run.js'
import {
  buildResult,
  logProgress,
  type Result,
  type SyncResult
} from './sync-result.js'

export type { SyncResult } from './sync-result.js'

/** Attempts to commit when other runs keep moving the data branch. */
const WRITE_ATTEMPTS = 5

/**
 * Files to add to the commit that writes the `written` histories (the
 * dashboard), read from the tree that commit builds on.
 */
export type ExtraFiles = (
  store: DataBranchStore,
  tree: string | null,
  written: readonly Target[]
) => Promise<{ path: string; text: string }[]>

/**
 * Import → plan → fetch → merge → store, for every history file of the run,
 * as a compare-and-swap loop: when another run moved the branch, the files are
 * read again and the days already fetched are merged into them (the later
 * copy of a day wins), so no day is lost or stored twice. All files change in
 * one commit; a failure commits nothing.
 */
export async function syncHistories(
  settings: Settings,
  octokits: { metrics: Octokit; repo: Octokit },
  now: Date,
  extraFiles?: ExtraFiles
): Promise<SyncResult[]> {
  const run = startRun(settings, octokits.metrics, octokits.repo, now)
  const imported = settings.importPath
    ? await readImport(settings, run.clock().toISOString())
    : null
  const seats = await readSeats(settings, octokits.metrics, now)

  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    // Only the months each history's run needs (shard-selection.ts).
    const { base, stored, layouts } = await readHistories(
      run.store,
      settings.targets,
      settings.api,
      (target) => readNeeds(run, target, imported)
    )
    run.firstRead ??= stored.map((history) => history.days)
    // Planned from the history as read: an import never hides a missing day.
    const plans = planTargets(run, stored, attempt === 1)
    const deferred = await fetchPlanned(run, plans)
    await checkScope(run, stored, plans)
    const results = settings.targets.map((target, index) => {
      const result = buildResult(run, {
        target,
        stored: stored[index],
        layout: layouts[index],
        plan: plans[index],
        imported,
        seats,
        deferred
      })
      // A single-file history is converted to shards on the first write.
      const converts = layouts[index].kind === 'single'
      return { ...result, changed: result.changed || converts }
    })
    // Distinct weekly and monthly users of the windows that changed (docs/distinct-users.md).
    await addDistinctCounts(results, settings, octokits.metrics)
    if (attempt === 1) logProgress(results, plans, settings)
    const written = await commitChanges(run, base, results, attempt, {
      layouts,
      extraFiles
    })
    if (written) return written
  }
  throw new ActionError(
    `The data branch ${settings.dataBranch} kept moving: ${WRITE_ATTEMPTS} attempts to commit lost the race to other runs. ` +
      'Nothing was overwritten; run again, and serialize the runs with a workflow "concurrency" group.'
  )
}

/**
 * Commits the changed histories in one commit on the base this attempt read.
 * Returns the results, or null when another run moved the branch (try again).
 */
async function commitChanges(
  run: Run,
  base: Pick<Snapshot, 'head' | 'tree'>,
  results: readonly Result[],
  attempt: number,
  files: { layouts: readonly StoredLayout[]; extraFiles?: ExtraFiles }
): Promise<SyncResult[] | null> {
  const { settings, store } = run
  const changed = results.filter((result) => result.changed)
  if (changed.length === 0) return [...results]
  if (settings.dryRun) {
    core.info('Dry run: nothing is committed.')
    return [...results]
  }
  try {
    const extra = files.extraFiles
      ? await files.extraFiles(
          store,
          base.tree,
          changed.map((result) => result.target)
        )
      : []
    const commit = await store.write(
      base,
      [
        ...changed.flatMap((result) =>
          historyFiles(
            result.target.historyPath,
            result.history,
            files.layouts[results.indexOf(result)]
          )
        ),
        ...extra
      ],
      commitMessage(changed)
    )
    core.info(`Committed ${commit} to ${settings.dataBranch}`)
    return results.map((result) => ({
      ...result,
      commit: result.changed ? commit : null
    }))
  } catch (error) {
    if (!(error instanceof BranchMovedError)) throw error
    core.info(
      `The data branch moved while writing (attempt ${attempt}/${WRITE_ATTEMPTS}); reading it again`
    )
    await new Promise((resolve) =>
      setTimeout(resolve, Math.random() * 250 * attempt)
    )
    return null
  }
}
