import { addDays, isoWeek, type IsoDate } from './dates.js'
import type { StoredDay } from './history.js'

export interface WeekTrend {
  /** ISO week, e.g. `2026-W47` */
  week: string
  /** Monday */
  start: IsoDate
  /** Sunday */
  end: IsoDate
  /** Days of the week with data. */
  days: number
  /** Sum of the daily active users over the days with data (the guide's `activeUsers`). */
  activeUsers: number
  /** Sum of the daily engaged users over the days with data. */
  engagedUsers: number
  /** activeUsers ÷ days, rounded to 2 decimals. */
  avgActiveUsers: number
  /** engagedUsers ÷ days, rounded to 2 decimals. */
  avgEngagedUsers: number
  /** Distinct users active in the week: the trailing-7-day count on the week's last day with data; null when the source has none. */
  weeklyActiveUsers: number | null
  /** Share of active users who were engaged: avgEngagedUsers ÷ avgActiveUsers, 4 decimals. */
  engagedShare: number | null
  /** Change of avgActiveUsers against the previous ISO week, in percent (2 decimals); null without a previous week. */
  avgActiveUsersChangePct: number | null
  /** Change of avgEngagedUsers against the previous ISO week, in percent. */
  avgEngagedUsersChangePct: number | null
  /** Fewer than 7 days of data. */
  partial: boolean
}

export const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals
  return Math.round((value + Number.EPSILON) * factor) / factor
}

const changePct = (
  current: number,
  previous: number | undefined
): number | null =>
  previous === undefined || previous === 0
    ? null
    : round(((current - previous) / previous) * 100, 2)

interface WeekTotals {
  start: IsoDate
  days: StoredDay[]
}

/**
 * Per-ISO-week trend (Monday to Sunday, UTC) over the `weeks` calendar weeks
 * ending with the week of the newest stored day, oldest first. Weeks without
 * any data are left out; the week before the window is still read so the
 * first week has a week-over-week change.
 */
export function weeklyTrend(
  days: readonly StoredDay[],
  weeks: number
): WeekTrend[] {
  if (days.length === 0) return []
  const newest = isoWeek(days[days.length - 1].date)
  const firstStart = addDays(newest.start, -7 * (weeks - 1))
  const readFrom = addDays(firstStart, -7)

  const byWeek = new Map<IsoDate, WeekTotals>()
  for (const day of days) {
    if (day.date < readFrom) continue
    const { start } = isoWeek(day.date)
    const totals = byWeek.get(start) ?? { start, days: [] }
    totals.days.push(day)
    byWeek.set(start, totals)
  }

  const averages = new Map<IsoDate, { active: number; engaged: number }>()
  for (const [start, totals] of byWeek) {
    const n = totals.days.length
    averages.set(start, {
      active: round(sum(totals.days, (d) => d.summary.activeUsers) / n, 2),
      engaged: round(sum(totals.days, (d) => d.summary.engagedUsers) / n, 2)
    })
  }

  const trend: WeekTrend[] = []
  for (
    let start = firstStart;
    start <= newest.start;
    start = addDays(start, 7)
  ) {
    const totals = byWeek.get(start)
    if (!totals) continue
    const { label, end } = isoWeek(start)
    const average = averages.get(start)!
    const previous = averages.get(addDays(start, -7))
    const last = totals.days[totals.days.length - 1]
    trend.push({
      week: label,
      start,
      end,
      days: totals.days.length,
      activeUsers: sum(totals.days, (d) => d.summary.activeUsers),
      engagedUsers: sum(totals.days, (d) => d.summary.engagedUsers),
      avgActiveUsers: average.active,
      avgEngagedUsers: average.engaged,
      weeklyActiveUsers: last.summary.weeklyActiveUsers ?? null,
      engagedShare:
        average.active > 0 ? round(average.engaged / average.active, 4) : null,
      avgActiveUsersChangePct: changePct(average.active, previous?.active),
      avgEngagedUsersChangePct: changePct(average.engaged, previous?.engaged),
      partial: totals.days.length < 7
    })
  }
  return trend
}

function sum(
  days: readonly StoredDay[],
  value: (day: StoredDay) => number
): number {
  return days.reduce((total, day) => total + value(day), 0)
}
