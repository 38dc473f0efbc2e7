import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  BranchMovedError,
  DataBranchStore,
  type Snapshot
} from './data-branch.js'
import { utcToday, type IsoDate } from '../common/dates.js'
import { createDayFetcher, type DayFetcher } from '../sources/day-fetcher.js'
import { ActionError } from '../common/errors.js'
import { earliestDay, planFetch } from './fetch-plan.js'
import type { Octokit } from '../sources/github-client.js'
import {
  emptyHistory,
  parseHistory,
  serializeHistory,
  type History
} from './file.js'
import { type StoredDay } from '../day/stored-day.js'
import { parseImportFile } from './import-file.js'
import { mergeDays } from './merge.js'
import { fetchSeats, mergeSeats, type SeatsOutcome } from '../sources/seats.js'
import type { DayOutcome } from '../sources/reports/day-source.js'
import {
  describeScope,
  type Settings,
  type Target
} from '../inputs/settings.js'

/** Attempts to commit when other runs keep moving the data branch. */
const WRITE_ATTEMPTS = 5

export interface SyncResult {
  target: Target
  history: History
  added: IsoDate[]
  updated: IsoDate[]
  /** Requested days GitHub has not published yet (or published without data). */
  pending: IsoDate[]
  /** Requested days without the team in the user-teams report (fewer than five seated users). */
  belowThreshold: IsoDate[]
  /** The commit holding this run's changes; null on a dry run or when nothing changed. */
  commit: string | null
  /** Seats read this run (organization scope only); null for other scopes. */
  seats: SeatsOutcome | null
  /** Whether this run added the seats of its date to the history. */
  seatsAdded: boolean
}

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
 * Import → fetch → merge → store, for every history file of the run, as a
 * compare-and-swap loop: when another run moved the branch, the files are read
 * again and the days already fetched are merged into them, so no day is lost
 * or stored twice. All files change in one commit.
 */
export async function syncHistories(
  settings: Settings,
  octokits: { metrics: Octokit; repo: Octokit },
  now: Date,
  extraFiles?: ExtraFiles
): Promise<SyncResult[]> {
  const { targets } = settings
  const store = new DataBranchStore(
    octokits.repo,
    settings.repository.owner,
    settings.repository.repo,
    settings.dataBranch
  )
  const fetchedAt = now.toISOString()
  const today = utcToday(now)
  const fetchDays = createDayFetcher(settings, octokits.metrics, fetchedAt)
  const imported = settings.importPath
    ? await readImport(settings, fetchedAt)
    : null
  const seats = await readSeats(settings, octokits.metrics, now)
  const outcomes = new Map<IsoDate, DayOutcome[]>()

  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const { base, stored } = await readHistories(store, targets, settings.api)
    // An import is merged first, so the fetch plan starts after its newest day.
    const bases = stored.map((history) =>
      imported
        ? mergeDays(history.days, imported, {
            replaceFrom: null,
            preferNewerSource: true
          })
        : { days: history.days, added: [], updated: [] }
    )
    const plans = targets.map((target, index) =>
      planFetch(
        { ...stored[index], days: bases[index].days },
        {
          today,
          backfillDays: settings.backfillDays,
          refreshDays: settings.refreshDays,
          earliest: earliestDay(settings.api, target.scope, today)
        }
      )
    )
    if (attempt === 1)
      plans.forEach((plan, index) => {
        if (plan.clampedFrom)
          core.notice(
            `GitHub answers for the ${describeScope(targets[index].scope)} only from ${plan.clampedFrom} (${settings.api} API); earlier days are skipped.`
          )
      })

    const wanted = [...new Set(plans.flatMap((plan) => plan.dates))].sort()
    const missing = wanted.filter((date) => !outcomes.has(date))
    if (missing.length > 0) await fetchInto(outcomes, fetchDays, missing)
    if (stored.every((history) => history.days.length === 0) && !imported)
      await fetchDays.checkScopeExists(
        wanted.map((date) => outcomes.get(date)!).flat()
      )

    const results = targets.map(
      (target, index): SyncResult & { changed: boolean } => {
        // Every day fetched so far, not only this attempt's plan: after another
        // run committed, the plan starts later and would drop days only this run has.
        const fetchedDates = [...outcomes.keys()].sort()
        const planned = fetchedDates.map((date) => outcomes.get(date)![index])
        const fetched = planned.flatMap((outcome) =>
          outcome.status === 'fetched' ? [outcome.day] : []
        )
        const merged = mergeDays(bases[index].days, fetched, {
          replaceFrom: plans[index].replaceFrom
        })
        const days = new Set(merged.days.map((day) => day.date))
        const missingWith = (status: DayOutcome['status']): IsoDate[] =>
          fetchedDates.filter(
            (date, i) => planned[i].status === status && !days.has(date)
          )
        const added = [...bases[index].added, ...merged.added].sort()
        const updated = [...bases[index].updated, ...merged.updated].sort()
        const seated =
          seats?.status === 'recorded'
            ? mergeSeats(stored[index].seats, seats.entry)
            : { seats: stored[index].seats, added: false }
        return {
          target,
          history: {
            ...stored[index],
            source: settings.api,
            days: merged.days,
            ...(seated.seats ? { seats: seated.seats } : {})
          },
          added,
          updated,
          pending: [
            ...missingWith('pending'),
            ...missingWith('no-data')
          ].sort(),
          belowThreshold: missingWith('below-threshold'),
          commit: null,
          seats,
          seatsAdded: seated.added,
          changed: added.length > 0 || updated.length > 0 || seated.added
        }
      }
    )
    const changed = results.filter((result) => result.changed)
    if (changed.length === 0) return results
    if (settings.dryRun) {
      core.info('Dry run: nothing is committed.')
      return results
    }
    try {
      const extra = extraFiles
        ? await extraFiles(
            store,
            base.tree,
            changed.map((result) => result.target)
          )
        : []
      const commit = await store.write(
        base,
        [
          ...changed.map((result) => ({
            path: result.target.historyPath,
            text: serializeHistory(result.history)
          })),
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
    }
  }
  throw new ActionError(
    `The data branch ${settings.dataBranch} kept moving: ${WRITE_ATTEMPTS} attempts to commit lost the race to other runs. ` +
      'Nothing was overwritten; run again, and serialize the runs with a workflow "concurrency" group.'
  )
}

async function fetchInto(
  outcomes: Map<IsoDate, DayOutcome[]>,
  fetchDays: DayFetcher,
  dates: IsoDate[]
): Promise<void> {
  await core.group(
    `Fetching ${dates.length} ${dates.length === 1 ? 'day' : 'days'} of Copilot usage metrics`,
    async () => {
      for (const [date, dayOutcomes] of await fetchDays(dates)) {
        outcomes.set(date, dayOutcomes)
        core.info(`${date}: ${dayOutcomes.map(describeOutcome).join('; ')}`)
      }
    }
  )
}

function describeOutcome(outcome: DayOutcome): string {
  switch (outcome.status) {
    case 'fetched':
      return `${outcome.day.summary.activeUsers} active, ${outcome.day.summary.engagedUsers} engaged users`
    case 'pending':
      return 'not published yet'
    case 'no-data':
      return 'published without data'
    case 'below-threshold':
      return "no data: team below GitHub's five-seat threshold"
  }
}

/**
 * Reads and parses every history file at the branch tip. The file texts stay
 * inside this function: a year of history is several MB, kept once, parsed.
 */
async function readHistories(
  store: DataBranchStore,
  targets: readonly Target[],
  api: Settings['api']
): Promise<{ base: Pick<Snapshot, 'head' | 'tree'>; stored: History[] }> {
  const { texts, ...base } = await store.read(
    targets.map((target) => target.historyPath)
  )
  const stored = targets.map((target, index) => {
    const text = texts[index]
    const where = store.where(target.historyPath)
    const history =
      text === null
        ? emptyHistory(target.scope, api)
        : parseHistory(text, where, target.scope)
    core.info(
      `${where}: ${text === null ? 'not there yet' : `${history.days.length} days stored`}`
    )
    return history
  })
  return { base, stored }
}

/** Seats exist for organizations only; elsewhere a notice says why none are recorded. */
async function readSeats(
  settings: Settings,
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

async function readImport(
  settings: Settings,
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
    text,
    path,
    settings.targets[0].scope,
    importedAt
  )
  core.info(`Import file ${path}: ${days.length} days`)
  return days
}

function commitMessage(changed: readonly SyncResult[]): string {
  const range = (dates: IsoDate[]): string =>
    dates.length === 1 ? dates[0] : `${dates[0]}..${dates[dates.length - 1]}`
  const lines = changed.map((result) => {
    const parts = []
    if (result.added.length)
      parts.push(`add ${result.added.length} day(s) ${range(result.added)}`)
    if (result.updated.length)
      parts.push(
        `update ${result.updated.length} revised day(s) ${range(result.updated)}`
      )
    if (result.seatsAdded && result.seats?.status === 'recorded')
      parts.push(`record the seats of ${result.seats.entry.date}`)
    return `${describeScope(result.target.scope)}: ${parts.join(', ')}`
  })
  return lines.length === 1
    ? `Copilot metrics of the ${lines[0]}`
    : `Copilot metrics of ${lines.length} teams\n\n${lines.join('\n')}`
}
