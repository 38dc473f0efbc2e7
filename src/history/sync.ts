import * as core from '@actions/core'
import {
  BranchMovedError,
  DataBranchStore,
  type Snapshot
} from './data-branch.js'
import { daysBetween, utcToday, type IsoDate } from '../common/dates.js'
import { createDayFetcher, type DayFetcher } from '../sources/day-fetcher.js'
import { addDistinctCounts } from './distinct-counts.js'
import { ActionError } from '../common/errors.js'
import {
  REQUESTS_PER_DAY,
  applyBudget,
  earliestDay,
  planFetch,
  type FetchPlan
} from './fetch-plan.js'
import type { Octokit } from '../sources/github-client.js'
import { type History } from './file.js'
import { historyFiles, type StoredLayout } from './shards.js'
import { readHistories, readImport, readSeats } from './run-inputs.js'
import { updateChecks } from './checks.js'
import { commitMessage } from './commit-message.js'
import { type StoredDay } from '../day/stored-day.js'
import { changedSince, mergeDays, type MergeResult } from './merge.js'
import { mergeSeats, type SeatsOutcome } from '../sources/seats.js'
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
  /** Requested days not stored: not published yet (404) or published without data (output days-pending). */
  pending: IsoDate[]
  /** Those of `pending` GitHub published without data (204, no links, an empty file). */
  noData: IsoDate[]
  /** Requested days without the team in the user-teams report (fewer than five seated users). */
  belowThreshold: IsoDate[]
  /** Days of the window not served at a recent check, not due for a retry this run. */
  waiting: IsoDate[]
  /** Days of the window left for the next run by the request budget (input max-requests). */
  deferred: IsoDate[]
  /** Days checked but never served that are no longer in the window: not requested again. */
  givenUp: IsoDate[]
  /** The commit holding this run's changes; null on a dry run or when nothing changed. */
  commit: string | null
  /** Seats read this run (organization scope only); null for other scopes. */
  seats: SeatsOutcome | null
  /** Whether this run added the seats of its date to the history. */
  seatsAdded: boolean
}

/** What every step of a run shares. */
interface Run {
  settings: Settings
  store: DataBranchStore
  today: IsoDate
  /** The run's clock: `now` plus the time elapsed since the run started. */
  clock: () => Date
  fetchDays: DayFetcher
  /** Every day fetched so far, with when it was asked, across commit attempts. */
  fetched: Map<IsoDate, { outcomes: DayOutcome[]; checkedAt: string }>
  /** Days the request budget still allows this run. */
  budgetDays: number
  /** The stored days of each target as this run first read them. */
  firstRead: StoredDay[][] | null
}

type Result = SyncResult & { changed: boolean }

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
    const { base, stored, layouts } = await readHistories(
      run.store,
      settings.targets,
      settings.api
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

function startRun(
  settings: Settings,
  metrics: Octokit,
  repo: Octokit,
  now: Date
): Run {
  const started = Date.now()
  const clock = (): Date => new Date(now.getTime() + (Date.now() - started))
  return {
    settings,
    store: new DataBranchStore(
      repo,
      settings.repository.owner,
      settings.repository.repo,
      settings.dataBranch
    ),
    today: utcToday(now),
    clock,
    fetchDays: createDayFetcher(settings, metrics, () => clock().toISOString()),
    fetched: new Map(),
    budgetDays: Math.floor(settings.maxRequests / REQUESTS_PER_DAY),
    firstRead: null
  }
}

/** One plan per target; the first attempt says when GitHub's retention clamps the window. */
function planTargets(
  run: Run,
  stored: readonly History[],
  notify: boolean
): FetchPlan[] {
  const { settings, today } = run
  return settings.targets.map((target, index) => {
    const plan = planFetch(stored[index], {
      today,
      now: run.clock(),
      backfillDays: settings.backfillDays,
      refreshDays: settings.refreshDays,
      earliest: earliestDay(settings.api, target.scope, today),
      api: settings.api
    })
    if (notify && plan.clampedFrom)
      core.notice(
        `GitHub answers for the ${describeScope(target.scope)} only from ${plan.clampedFrom} (${settings.api} API); earlier days are skipped.`
      )
    return plan
  })
}

/**
 * Fetches the planned days not fetched yet, newest first within the request
 * budget. Returns the days the budget left for the next run.
 */
async function fetchPlanned(
  run: Run,
  plans: readonly FetchPlan[]
): Promise<IsoDate[]> {
  const wanted = [...new Set(plans.flatMap((plan) => plan.dates))].sort()
  const { dates, deferred } = applyBudget(
    wanted.filter((date) => !run.fetched.has(date)),
    run.budgetDays
  )
  run.budgetDays -= dates.length
  if (dates.length === 0) return deferred
  await core.group(
    `Fetching ${dates.length} ${dates.length === 1 ? 'day' : 'days'} of Copilot usage metrics`,
    async () => {
      for (const [date, outcomes] of await run.fetchDays(dates)) {
        run.fetched.set(date, {
          outcomes,
          checkedAt: run.clock().toISOString()
        })
        core.info(`${date}: ${outcomes.map(describeOutcome).join('; ')}`)
      }
    }
  )
  return deferred
}

/**
 * A 404 for every day can mean a misspelt name as well as days not published:
 * asked while no history holds a day of the reports API, import or not.
 */
async function checkScope(
  run: Run,
  stored: readonly History[],
  plans: readonly FetchPlan[]
): Promise<void> {
  const hasReportsDay = stored.some((history) =>
    history.days.some((day) => day.source === 'reports')
  )
  if (hasReportsDay) return
  const dates = new Set(plans.flatMap((plan) => plan.dates))
  await run.fetchDays.checkScopeExists(
    [...dates].flatMap((date) => run.fetched.get(date)?.outcomes ?? [])
  )
}

/** The history of one target after this run: imported and fetched days merged, checks and seats updated. */
function buildResult(
  run: Run,
  input: {
    target: Target
    stored: History
    plan: FetchPlan
    imported: StoredDay[] | null
    seats: SeatsOutcome | null
    deferred: IsoDate[]
  }
): Result {
  const { target, stored, plan, imported, seats } = input
  const index = run.settings.targets.indexOf(target)
  const base: MergeResult = imported
    ? mergeDays(stored.days, imported, {
        replaceFrom: null,
        preferNewerSource: true
      })
    : { days: stored.days, added: [], updated: [] }
  // Every day fetched so far, not only this attempt's plan: after another run
  // committed, the plan may be shorter and would drop days only this run has.
  const fetchedDates = [...run.fetched.keys()].sort()
  const outcomeOf = (date: IsoDate): DayOutcome =>
    run.fetched.get(date)!.outcomes[index]
  // After a lost race, a day the other run wrote meanwhile stays as it wrote it.
  const theirs = changedSince(run.firstRead?.[index] ?? [], stored.days)
  const fetched = fetchedDates.flatMap((date) => {
    const outcome = outcomeOf(date)
    return outcome.status === 'fetched' && !theirs.has(date)
      ? [outcome.day]
      : []
  })
  // A day of the reports API replaces an imported or stored legacy day.
  const merged = mergeDays(base.days, fetched, {
    replaceFrom: plan.replaceFrom,
    preferNewerSource: true
  })
  const days = new Set(merged.days.map((day) => day.date))
  const unserved = (status: DayOutcome['status']): IsoDate[] =>
    fetchedDates.filter(
      (date) => outcomeOf(date).status === status && !days.has(date)
    )
  const added = [...new Set([...base.added, ...merged.added])].sort()
  const updated = [...new Set([...base.updated, ...merged.updated])]
    .filter((date) => !added.includes(date))
    .sort()
  const checks = updateChecks(stored.checks ?? {}, {
    fetched: fetchedDates.map((date) => ({
      date,
      status: outcomeOf(date).status,
      checkedAt: run.fetched.get(date)!.checkedAt
    })),
    stored: days,
    from: earliestDay(run.settings.api, target.scope, run.today)
  })
  const seated =
    seats?.status === 'recorded'
      ? mergeSeats(stored.seats, seats.entry)
      : { seats: stored.seats, added: false }
  const rest: History = { ...stored }
  delete rest.checks
  return {
    target,
    history: {
      ...rest,
      source: run.settings.api,
      days: merged.days,
      ...(seated.seats ? { seats: seated.seats } : {}),
      ...(Object.keys(checks).length > 0 ? { checks } : {})
    },
    added,
    updated,
    pending: [...unserved('pending'), ...unserved('no-data')].sort(),
    noData: unserved('no-data'),
    belowThreshold: unserved('below-threshold'),
    waiting: plan.waiting.filter((date) => !days.has(date)),
    deferred: input.deferred.filter(
      (date) =>
        date >= plan.window.from && date <= plan.window.to && !days.has(date)
    ),
    givenUp: Object.keys(checks)
      .filter((date) => date < plan.window.from)
      .sort(),
    commit: null,
    seats,
    seatsAdded: seated.added,
    // Checks alone do not make a commit: they ride along with the next day stored.
    changed: added.length > 0 || updated.length > 0 || seated.added
  }
}

/** `Backfill: 120 of 354 days` while the window is not complete. */
function logProgress(
  results: readonly Result[],
  plans: readonly FetchPlan[],
  settings: Settings
): void {
  results.forEach((result, index) => {
    const { from, to } = plans[index].window
    const size = from <= to ? daysBetween(from, to) + 1 : 0
    const have = result.history.days.filter(
      (day) =>
        day.date >= from &&
        day.date <= to &&
        (settings.api === 'legacy' || day.source === settings.api)
    ).length
    if (have >= size) return
    const who =
      results.length > 1 ? `${describeScope(result.target.scope)}: ` : ''
    const later = result.deferred.length
      ? `; ${result.deferred.length} more on the next run (max-requests ${settings.maxRequests})`
      : ''
    core.info(
      `${who}Backfill: ${have} of ${size} days (${from} to ${to})${later}.`
    )
  })
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
