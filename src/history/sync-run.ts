// The steps of a run before the merge: its shared state, the plan of each
// history, the fetch within the request budget, and what each read needs.
import * as core from '@actions/core'
import { utcToday, type IsoDate } from '../common/dates.js'
import type { StoredDay } from '../day/stored-day.js'
import {
  describeScope,
  type Settings,
  type Target
} from '../inputs/settings.js'
import { createDayFetcher, type DayFetcher } from '../sources/day-fetcher.js'
import type { Octokit } from '../sources/github-client.js'
import type { DayOutcome } from '../sources/reports/day-source.js'
import { DataBranchStore } from './data-branch.js'
import {
  REQUESTS_PER_DAY,
  applyBudget,
  earliestDay,
  planFetch,
  type FetchPlan
} from './fetch-plan.js'
import type { History } from './file.js'
import type { ReadNeeds } from './shard-selection.js'

/** What every step of a run shares. */
export interface Run {
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

export function startRun(
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

/**
 * What a read of a target's history needs besides the months its own index
 * decides: from the first day GitHub still serves (the plan's window and the
 * retry checks), and the months of every day this run brings, imported or
 * already fetched by an earlier attempt, so that such a day is merged into
 * its month's shard, never written over one not read.
 */
export function readNeeds(
  run: Run,
  target: Target,
  imported: readonly StoredDay[] | null
): ReadNeeds {
  return {
    from: earliestDay(run.settings.api, target.scope, run.today),
    dates: [...(imported ?? []).map((day) => day.date), ...run.fetched.keys()],
    weeks: run.settings.weeks
  }
}

/** One plan per target; the first attempt says when GitHub's retention clamps the window. */
export function planTargets(
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
export async function fetchPlanned(
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
export async function checkScope(
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
