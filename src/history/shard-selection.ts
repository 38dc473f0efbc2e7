// Which monthly shards a night reads. Everything a run computes from days
// looks back a bounded time from the newest stored day (the trends, the
// charts, the distinct counts) or from today (the window GitHub still serves,
// the retry checks), or is about days it brings (an import, a fetch): older
// shards are carried through the index untouched, neither read nor rewritten.
import {
  addDays,
  isoWeek,
  monthOf,
  monthsBefore,
  type IsoDate
} from '../common/dates.js'
import { DAILY_CHART_DAYS, TREND_MONTHS } from '../common/lookback.js'

/** What one history's run needs loaded, besides the months its index decides. */
export interface ReadNeeds {
  /**
   * The first day the run may fetch, store or check: the first day GitHub
   * still serves (the backfill window and the retry checks start there or later).
   */
  from: IsoDate
  /** Days the run brings from elsewhere (an import, days fetched by an earlier attempt). */
  dates: readonly IsoDate[]
  /** Weeks of the weekly trend (input `weeks`). */
  weeks: number
}

/**
 * The earliest day whose month must be loaded for the days from `date` on
 * that the run may change: their distinct counts to date are counted again
 * from the start of their ISO week and calendar month.
 */
function windowStart(date: IsoDate): IsoDate {
  const week = isoWeek(date).start
  const month = `${monthOf(date)}-01`
  return week < month ? week : month
}

/**
 * The earliest day the reports of a history whose newest day is `newest`
 * read: the weekly trend and the week before it (for its change), the days
 * whose distinct counts are filled in, the monthly trend, and the daily chart. Each
 * only moves later when a newer day is stored, so what the newest day of the
 * index needs covers the history after this run's merge too.
 */
export function lookbackStart(newest: IsoDate, weeks: number): IsoDate {
  const firstWeek = addDays(isoWeek(newest).start, -7 * (weeks - 1))
  const candidates = [
    // The week before the first, for its change.
    addDays(firstWeek, -7),
    // Days never counted get their distinct counts from the first of the
    // first week's month (distinct-counts.ts), counted from its ISO week.
    windowStart(`${monthOf(firstWeek)}-01`),
    `${monthsBefore(monthOf(newest), TREND_MONTHS - 1)}-01`,
    addDays(newest, 1 - DAILY_CHART_DAYS)
  ]
  return candidates.sort()[0]
}

/**
 * The months of an index to read: every month from the earliest day the run
 * looks at, plus the months of the ISO week of each day it brings. `newest`
 * is no later than the newest stored day (an earlier day only reads more);
 * null when the index lists no shard.
 */
export function monthsToRead(
  newest: IsoDate | null,
  needs: ReadNeeds
): { from: string; months: Set<string> } {
  const starts = [windowStart(needs.from)]
  if (newest !== null) starts.push(lookbackStart(newest, needs.weeks))
  const from = monthOf(starts.sort()[0])
  const months = new Set<string>()
  for (const date of needs.dates) {
    // A day's ISO week may reach into the months before and after its own.
    const week = isoWeek(date)
    for (const day of [week.start, date, week.end]) months.add(monthOf(day))
  }
  return { from, months }
}

/** Whether a month of the index is read, given monthsToRead's answer. */
export function isRead(
  month: string,
  selection: { from: string; months: ReadonlySet<string> }
): boolean {
  return month >= selection.from || selection.months.has(month)
}
