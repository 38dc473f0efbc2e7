// The history of each target after a run's merge, and what the run reports
// about its days (added, updated, pending, waiting, deferred, given up).
import * as core from '@actions/core'
import { daysBetween, type IsoDate } from '../common/dates.js'
import type { StoredDay } from '../day/stored-day.js'
import {
  describeScope,
  type Settings,
  type Target
} from '../inputs/settings.js'
import type { DayOutcome } from '../sources/reports/day-source.js'
import { mergeSeats, type SeatsOutcome } from '../sources/seats.js'
import { updateChecks } from './checks.js'
import { earliestDay, type FetchPlan } from './fetch-plan.js'
import type { DayCheck, History } from './file.js'
import { changedSince, mergeDays, type MergeResult } from './merge.js'
import { unreadDays, type StoredLayout } from './shards.js'
import type { Run } from './sync-run.js'

/** What the backfill progress line needs of the settings. */
type ProgressSettings = Pick<Settings, 'api' | 'maxRequests' | 'targets'>

export interface SyncResult {
  target: Target
  /** The days this run read (see shard-selection.ts) with its changes; older shards are carried through. */
  history: History
  /** Days in the whole history after this run, read or not (output days-total). */
  daysTotal: number
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

export type Result = SyncResult & { changed: boolean }

export interface ResultInput {
  target: Target
  stored: History
  layout: StoredLayout
  plan: FetchPlan
  imported: StoredDay[] | null
  seats: SeatsOutcome | null
  deferred: IsoDate[]
}

/** The history of one target after this run: imported and fetched days merged, checks and seats updated. */
export function buildResult(run: Run, input: ResultInput): Result {
  const { target, stored, seats } = input
  const index = run.settings.targets.indexOf(target)
  const merged = mergeIncoming(run, index, input)
  const days = new Set(merged.days.map((day) => day.date))
  const checks = nextChecks(run, index, input, days)
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
    daysTotal: merged.days.length + unreadDays(input.layout),
    added: merged.added,
    updated: merged.updated,
    ...notStored(run, index, input, { days, checks }),
    commit: null,
    seats,
    seatsAdded: seated.added,
    // Checks alone do not make a commit: they ride along with the next day stored.
    changed:
      merged.added.length > 0 || merged.updated.length > 0 || seated.added
  }
}

/** Every day fetched so far, in date order, with the outcome of target `index`. */
function fetchedOutcomes(
  run: Run,
  index: number
): { date: IsoDate; outcome: DayOutcome; checkedAt: string }[] {
  return [...run.fetched.keys()].sort().map((date) => {
    const { outcomes, checkedAt } = run.fetched.get(date)!
    return { date, outcome: outcomes[index], checkedAt }
  })
}

/**
 * The imported days, then the fetched ones, merged into the stored days.
 * Every day fetched so far, not only this attempt's plan: after another run
 * committed, the plan may be shorter and would drop days only this run has.
 */
function mergeIncoming(
  run: Run,
  index: number,
  { stored, plan, imported }: ResultInput
): MergeResult {
  const base: MergeResult = imported
    ? mergeDays(stored.days, imported, {
        replaceFrom: null,
        preferNewerSource: true
      })
    : { days: stored.days, added: [], updated: [] }
  // After a lost race, a day the other run wrote meanwhile stays as it wrote it.
  const theirs = changedSince(run.firstRead?.[index] ?? [], stored.days)
  const fetched = fetchedOutcomes(run, index).flatMap(({ date, outcome }) =>
    outcome.status === 'fetched' && !theirs.has(date) ? [outcome.day] : []
  )
  // A day of the reports API replaces an imported or stored legacy day.
  const merged = mergeDays(base.days, fetched, {
    replaceFrom: plan.replaceFrom,
    preferNewerSource: true
  })
  const added = [...new Set([...base.added, ...merged.added])].sort()
  const updated = [...new Set([...base.updated, ...merged.updated])]
    .filter((date) => !added.includes(date))
    .sort()
  return { days: merged.days, added, updated }
}

/** The retry checks after this run (checks.ts). */
function nextChecks(
  run: Run,
  index: number,
  { stored, target }: ResultInput,
  days: ReadonlySet<IsoDate>
): Record<IsoDate, DayCheck> {
  return updateChecks(stored.checks ?? {}, {
    fetched: fetchedOutcomes(run, index).map(
      ({ date, outcome, checkedAt }) => ({
        date,
        status: outcome.status,
        checkedAt
      })
    ),
    stored: days,
    from: earliestDay(run.settings.api, target.scope, run.today)
  })
}

/** The days of the window this run leaves unstored, by why. */
function notStored(
  run: Run,
  index: number,
  { plan, deferred }: ResultInput,
  after: { days: ReadonlySet<IsoDate>; checks: Record<IsoDate, DayCheck> }
): Pick<
  SyncResult,
  'pending' | 'noData' | 'belowThreshold' | 'waiting' | 'deferred' | 'givenUp'
> {
  const { days, checks } = after
  const fetched = fetchedOutcomes(run, index)
  const unserved = (status: DayOutcome['status']): IsoDate[] =>
    fetched
      .filter(
        ({ date, outcome }) => outcome.status === status && !days.has(date)
      )
      .map(({ date }) => date)
  return {
    pending: [...unserved('pending'), ...unserved('no-data')].sort(),
    noData: unserved('no-data'),
    belowThreshold: unserved('below-threshold'),
    waiting: plan.waiting.filter((date) => !days.has(date)),
    deferred: deferred.filter(
      (date) =>
        date >= plan.window.from && date <= plan.window.to && !days.has(date)
    ),
    givenUp: Object.keys(checks)
      .filter((date) => date < plan.window.from)
      .sort()
  }
}

/** `Backfill: 120 of 354 days` while the window is not complete. */
export function logProgress(
  results: readonly Result[],
  plans: readonly FetchPlan[],
  settings: ProgressSettings
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
