import {
  addDays,
  dayRange,
  daysBetween,
  type IsoDate
} from '../common/dates.js'
import type { DayCheck, History } from './file.js'
import { LEGACY_WINDOW_DAYS } from '../sources/legacy/day-source.js'
import type { MetricsApi, Scope } from '../inputs/settings.js'

/** The first day an API can still answer for. */
export function earliestDay(
  api: MetricsApi,
  scope: Scope,
  today: IsoDate
): IsoDate {
  if (api === 'legacy') return addDays(today, -LEGACY_WINDOW_DAYS)
  const enterprise =
    scope.kind === 'enterprise' || scope.kind === 'enterprise-team'
  const start = enterprise
    ? REPORTS_AVAILABLE_FROM.enterprise
    : REPORTS_AVAILABLE_FROM.organization
  const retained = addDays(today, -REPORTS_RETENTION_DAYS)
  return start > retained ? start : retained
}

/** First days GitHub publishes reports for, and how far back it keeps them. */
export const REPORTS_AVAILABLE_FROM = {
  enterprise: '2025-10-10',
  organization: '2025-12-12'
} as const
export const REPORTS_RETENTION_DAYS = 365

/**
 * Retry schedule of a day GitHub has not served: daily while the day is up to
 * two weeks old (publishing and revisions happen then), weekly afterwards,
 * for as long as it is in the window. A few hours of slack let a nightly
 * schedule that drifts count as daily.
 */
export const RETRY = {
  dailyUntilAgeDays: 14,
  weeklyIntervalDays: 7,
  slackHours: 4
} as const

/** Report calls one day costs through the 1-day reports (aggregate or user-teams, and users). */
export const REQUESTS_PER_DAY = 2

export interface FetchPlan {
  /** Days to request, oldest first. */
  dates: IsoDate[]
  /** Stored days from here on may be replaced by a revision (see MergePolicy). */
  replaceFrom: IsoDate | null
  /** Set when the wanted range started earlier than GitHub keeps data. */
  clampedFrom: IsoDate | null
  /** The target state: every day of [from, to] stored. */
  window: { from: IsoDate; to: IsoDate }
  /** Days of the window not stored before this run, oldest first. */
  missing: IsoDate[]
  /** Missing days checked recently whose next retry is not due yet. */
  waiting: IsoDate[]
}

export interface PlanOptions {
  today: IsoDate
  /** The run's clock, for the retry schedule. */
  now: Date
  backfillDays: number
  refreshDays: number
  earliest: IsoDate
  /** The API of this run: a day stored from an older API is still wanted from the reports API. */
  api: MetricsApi
}

/**
 * Which days to request. The window [yesterday − backfillDays + 1, yesterday]
 * (clamped to the first day GitHub serves) is a target state: every day of it
 * not stored yet is requested, days GitHub did not serve on the retry
 * schedule (see RETRY), plus the newest `refreshDays` stored days, which
 * GitHub may still revise. Days newer than the newest stored one are always
 * requested (GitHub publishes a day about two days after it ends).
 */
export function planFetch(history: History, options: PlanOptions): FetchPlan {
  const yesterday = addDays(options.today, -1)
  const { earliest } = options
  const wanted = addDays(yesterday, 1 - options.backfillDays)
  const from = wanted < earliest ? earliest : wanted
  const stored = new Set(
    history.days
      .filter((day) => options.api === 'legacy' || day.source === options.api)
      .map((day) => day.date)
  )
  const newest = [...stored].sort().at(-1) ?? null
  const replaceFrom =
    newest !== null && options.refreshDays > 0
      ? addDays(newest, 1 - options.refreshDays)
      : null
  // Always asked: the revision window and whatever is newer than the newest day.
  const always = newest === null ? from : (replaceFrom ?? addDays(newest, 1))
  const window = from <= yesterday ? dayRange(from, yesterday) : []
  const missing = window.filter((date) => !stored.has(date))
  const checks = history.checks ?? {}
  const waiting = missing.filter(
    (date) =>
      date < always && !retryDue(date, checks[date], options.today, options.now)
  )
  const skip = new Set(waiting)
  const refresh = dayRange(always < from ? from : always, yesterday)
  const dates = [
    ...new Set([...missing.filter((date) => !skip.has(date)), ...refresh])
  ].sort()
  return {
    dates,
    replaceFrom,
    clampedFrom: wanted < earliest ? from : null,
    window: { from, to: yesterday },
    missing,
    waiting
  }
}

/** Whether a day not served at its last check is due to be asked again. */
export function retryDue(
  date: IsoDate,
  check: DayCheck | undefined,
  today: IsoDate,
  now: Date
): boolean {
  if (!check) return true
  const checked = Date.parse(check.lastCheckedAt)
  if (Number.isNaN(checked)) return true
  const intervalDays =
    daysBetween(date, today) <= RETRY.dailyUntilAgeDays
      ? 1
      : RETRY.weeklyIntervalDays
  const elapsedHours = (now.getTime() - checked) / 3_600_000
  return elapsedHours >= intervalDays * 24 - RETRY.slackHours
}

/**
 * The days a run asks for under its request budget, newest first: the trend
 * needs the recent weeks now, and the oldest days wait a night or two (GitHub
 * drops one a day). Dates are oldest first in both lists.
 */
export function applyBudget(
  dates: readonly IsoDate[],
  maxDays: number
): { dates: IsoDate[]; deferred: IsoDate[] } {
  if (dates.length <= maxDays) return { dates: [...dates], deferred: [] }
  const cut = dates.length - Math.max(0, maxDays)
  return { dates: dates.slice(cut), deferred: dates.slice(0, cut) }
}
