import {
  addDays,
  monthOf,
  monthsBefore,
  type IsoDate
} from '../common/dates.js'
import { TREND_MONTHS } from '../common/lookback.js'
import type { StoredDay } from '../day/stored-day.js'
import { round } from './weekly-trend.js'

/** Calendar months in the monthly trend. */
export const MONTHS = TREND_MONTHS

export interface MonthTrend {
  /** Calendar month, e.g. `2026-11` */
  month: string
  /** First day of the month. */
  start: IsoDate
  /** Last day of the month. */
  end: IsoDate
  /** Days of the month with data. */
  days: number
  /** Days in the calendar month. */
  daysInMonth: number
  /** Fewer days of data than the month has: the month is not over, or GitHub lacks days. */
  partial: boolean
  /** Average daily active users over the days with data, 2 decimals. */
  avgActiveUsers: number
  /** Average daily engaged users over the days with data, 2 decimals. */
  avgEngagedUsers: number
  /**
   * Distinct users active on any day of the month with data (so far, for a
   * partial month), from GitHub's per-user rows; null when a day of the
   * month has none (legacy API, imported guide file) or is not counted yet.
   */
  monthlyActiveUsers: number | null
  /** Distinct users engaged on any day of the month with data; null likewise. */
  monthlyEngagedUsers: number | null
}

/**
 * Per-calendar-month trend (UTC) over the `months` months ending with the
 * month of the newest stored day, oldest first; months without data are left out.
 */
export function monthlyTrend(
  days: readonly StoredDay[],
  months = MONTHS
): MonthTrend[] {
  if (days.length === 0) return []
  const newest = days[days.length - 1].date
  const first = monthsBefore(monthOf(newest), months - 1)
  const byMonth = new Map<string, StoredDay[]>()
  for (const day of days) {
    const month = monthOf(day.date)
    if (month < first) continue
    const list = byMonth.get(month) ?? []
    list.push(day)
    byMonth.set(month, list)
  }
  return [...byMonth].map(([month, list]): MonthTrend => {
    const start = `${month}-01`
    const end = addDays(`${monthsBefore(month, -1)}-01`, -1)
    const daysInMonth = Number(end.slice(8))
    const distinct = list[list.length - 1].distinct?.monthToDate ?? null
    const average = (value: (day: StoredDay) => number): number =>
      round(list.reduce((sum, day) => sum + value(day), 0) / list.length, 2)
    return {
      month,
      start,
      end,
      days: list.length,
      daysInMonth,
      partial: list.length < daysInMonth,
      avgActiveUsers: average((day) => day.summary.activeUsers),
      avgEngagedUsers: average((day) => day.summary.engagedUsers),
      monthlyActiveUsers: distinct?.activeUsers ?? null,
      monthlyEngagedUsers: distinct?.engagedUsers ?? null
    }
  })
}
