// What a run reads besides the reports: the histories at the branch tip, the
// seats, and the file given in import-path.
import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ActionError } from '../common/errors.js'
import type { StoredDay } from '../day/stored-day.js'
import {
  describeScope,
  type Settings,
  type Target
} from '../inputs/settings.js'
import type { Octokit } from '../sources/github-client.js'
import { fetchSeats, type SeatsOutcome } from '../sources/seats.js'
import type { DataBranchStore } from './data-branch.js'
import { parseImportFile } from './import-file.js'
import type { StoredLayout } from './shards.js'
import {
  readLocalHistoryText,
  readStoredHistories,
  storedDays
} from './store.js'

/** Reads and parses every history at the branch tip, single-file or sharded (the months `needs` asks for). */
export async function readHistories(
  store: DataBranchStore,
  targets: readonly Target[],
  api: Settings['api'],
  needs?: Parameters<typeof readStoredHistories>[3]
): Promise<Awaited<ReturnType<typeof readStoredHistories>>> {
  const read = await readStoredHistories(store, targets, api, needs)
  targets.forEach((target, index) =>
    core.info(
      `${store.where(target.historyPath)}: ${storedState(read.layouts[index], storedDays(read, index))}`
    )
  )
  return read
}

/** What the log says of a history as read: absent, or its days and layout. */
export function storedState(layout: StoredLayout, days: number): string {
  if (layout.kind === 'none') return 'not there yet'
  return layout.kind === 'single'
    ? `${days} days stored in one file (converted to monthly shards on this write)`
    : `${days} days stored`
}

/** Seats exist for organizations only; elsewhere a notice says why none are recorded. */
export async function readSeats(
  settings: Pick<Settings, 'targets'>,
  octokit: Octokit,
  now: Date
): Promise<SeatsOutcome | null> {
  const scope = settings.targets[0].scope
  if (scope.kind !== 'organization') {
    core.notice(
      `Seats are recorded for scope organization only: GitHub documents no seat breakdown for the ${describeScope(scope)} that could be read without listing users.`
    )
    return null
  }
  const seats = await fetchSeats(octokit, scope.organization, now)
  if (seats.status === 'recorded')
    core.info(`Seats on ${seats.entry.date}: ${seats.entry.summary.total}`)
  else core.warning(seats.message)
  return seats
}

/** The days of the file given in import-path, read from the workspace. */
export async function readImport(
  settings: Pick<Settings, 'importPath' | 'targets'>,
  importedAt: string
): Promise<StoredDay[]> {
  const path = settings.importPath!
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  let text: string
  try {
    text = await readFile(resolve(workspace, path), 'utf8')
  } catch (error) {
    throw new ActionError(
      `Input 'import-path': cannot read ${path} in the workspace (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check out the repository first, or fix the path.`
    )
  }
  const days = parseImportFile(
    await readLocalHistoryText(
      resolve(workspace, path),
      text,
      `given in import-path, ${path},`,
      settings.targets[0].scope,
      'Nothing was committed. Fix the file given in import-path, or remove the input.'
    ),
    path,
    settings.targets[0].scope,
    importedAt
  )
  core.info(`Import file ${path}: ${days.length} days`)
  return days
}
