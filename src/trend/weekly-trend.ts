import { addDays, isoWeek, type IsoDate } from '../common/dates.js'
import {
  dayFigures,
  type DayFigures,
  type OptionalFigure as Figure
} from '../day/day-summary.js'
import type { SeatsEntry, StoredDay } from '../day/stored-day.js'

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
  /**
   * Distinct users active on any day of the ISO week with data (so far, for a
   * partial week), counted from GitHub's per-user rows; null when a day of the
   * week has none (legacy API, imported guide file) or it is not counted yet.
   */
  weeklyActiveUsers: number | null
  /** Distinct users engaged on any day of the ISO week with data; null likewise. */
  weeklyEngagedUsers: number | null
  /** Share of active users who were engaged: engagedUsers ÷ activeUsers (unrounded sums), 4 decimals. */
  engagedShare: number | null
  /** Change of avgActiveUsers against the previous ISO week, in percent (2 decimals); null without a previous week. */
  avgActiveUsersChangePct: number | null
  /** Change of avgEngagedUsers against the previous ISO week, in percent. */
  avgEngagedUsersChangePct: number | null
  /** Fewer than 7 days of data. */
  partial: boolean
  // The figures below are sums or averages over the days of the week that
  // have the figure, and null when no day has it (older days, other sources).
  /** Code generation events (completions shown, blocks generated). */
  codeGenerations: number | null
  /** Accepted, applied, inserted or copied suggestions. */
  codeAcceptances: number | null
  /** codeAcceptances ÷ codeGenerations over the days that have both, 4 decimals. */
  acceptanceRate: number | null
  /** Lines added with Copilot. */
  locAdded: number | null
  /** locAdded per day that has it, 2 decimals. */
  avgLocAdded: number | null
  /** Prompts sent to Copilot: chat, agent mode, CLI. */
  interactions: number | null
  /** interactions per day that has it, 2 decimals. */
  avgInteractions: number | null
  /** Average daily users active with Copilot code review, 2 decimals. */
  avgCodeReviewUsers: number | null
  /** Average daily users active with Copilot cloud agent, 2 decimals. */
  avgCloudAgentUsers: number | null
  /** Copilot seats: the last value recorded in the week (organization scope); null when none was. */
  seats: number | null
  /** Unrounded average daily active users ÷ seats, 4 decimals: are people using the seats paid for? */
  utilization: number | null
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
  days: DayFigures[]
  /** The week's newest stored day: its counts to date cover the whole week. */
  last: StoredDay
}

/** Unrounded daily averages of a week. */
interface WeekAverages {
  active: number
  engaged: number
}

/**
 * Per-ISO-week trend (Monday to Sunday, UTC) over the `weeks` calendar weeks
 * ending with the week of the newest stored day, oldest first. Weeks without
 * any data are left out; the week before the window is still read so the
 * first week has a week-over-week change.
 */
export function weeklyTrend(
  days: readonly StoredDay[],
  weeks: number,
  seats: readonly SeatsEntry[] = []
): WeekTrend[] {
  if (days.length === 0) return []
  const newest = isoWeek(days[days.length - 1].date)
  const firstStart = addDays(newest.start, -7 * (weeks - 1))
  const readFrom = addDays(firstStart, -7)
  const byWeek = groupByWeek(days, readFrom)
  const averages = weekAverages(byWeek)
  const trend: WeekTrend[] = []
  for (
    let start = firstStart;
    start <= newest.start;
    start = addDays(start, 7)
  ) {
    const totals = byWeek.get(start)
    if (!totals) continue
    const previous = averages.get(addDays(start, -7))
    trend.push(weekRow(totals, averages.get(start)!, previous, seats))
  }
  return trend
}

/** The figures of each stored day from `readFrom` on, by the Monday of its ISO week. */
function groupByWeek(
  days: readonly StoredDay[],
  readFrom: IsoDate
): Map<IsoDate, WeekTotals> {
  const byWeek = new Map<IsoDate, WeekTotals>()
  for (const day of days) {
    if (day.date < readFrom) continue
    const { start } = isoWeek(day.date)
    const totals = byWeek.get(start) ?? { start, days: [], last: day }
    totals.days.push(dayFigures(day))
    totals.last = day
    byWeek.set(start, totals)
  }
  return byWeek
}

/**
 * Unrounded: ratios and changes are computed from these, and rounded only
 * once, for the figure shown (168/197 is 0.8528, not 0.8529).
 */
function weekAverages(
  byWeek: ReadonlyMap<IsoDate, WeekTotals>
): Map<IsoDate, WeekAverages> {
  const averages = new Map<IsoDate, WeekAverages>()
  for (const [start, totals] of byWeek) {
    const n = totals.days.length
    averages.set(start, {
      active: sum(totals.days, (d) => d.activeUsers) / n,
      engaged: sum(totals.days, (d) => d.engagedUsers) / n
    })
  }
  return averages
}

/** One week of the trend: users, their change against `previous`, activity and seats. */
function weekRow(
  totals: WeekTotals,
  average: WeekAverages,
  previous: WeekAverages | undefined,
  seats: readonly SeatsEntry[]
): WeekTrend {
  const { start } = totals
  const { label, end } = isoWeek(start)
  const distinct = totals.last.distinct?.weekToDate ?? null
  const seatsOfWeek = lastSeats(seats, start, end)
  return {
    week: label,
    start,
    end,
    days: totals.days.length,
    activeUsers: sum(totals.days, (d) => d.activeUsers),
    engagedUsers: sum(totals.days, (d) => d.engagedUsers),
    avgActiveUsers: round(average.active, 2),
    avgEngagedUsers: round(average.engaged, 2),
    weeklyActiveUsers: distinct?.activeUsers ?? null,
    weeklyEngagedUsers: distinct?.engagedUsers ?? null,
    engagedShare:
      average.active > 0 ? round(average.engaged / average.active, 4) : null,
    avgActiveUsersChangePct: changePct(average.active, previous?.active),
    avgEngagedUsersChangePct: changePct(average.engaged, previous?.engaged),
    partial: totals.days.length < 7,
    ...activity(totals.days),
    seats: seatsOfWeek,
    utilization: seatsOfWeek ? round(average.active / seatsOfWeek, 4) : null
  }
}

/** The week's activity figures: sums and per-day means over the days that have each. */
function activity(
  days: readonly DayFigures[]
): Pick<
  WeekTrend,
  | 'codeGenerations'
  | 'codeAcceptances'
  | 'acceptanceRate'
  | 'locAdded'
  | 'avgLocAdded'
  | 'interactions'
  | 'avgInteractions'
  | 'avgCodeReviewUsers'
  | 'avgCloudAgentUsers'
> {
  const both = days.filter(
    (d) => d.codeGenerations !== null && d.codeAcceptances !== null
  )
  const generated = sum(both, (d) => d.codeGenerations ?? 0)
  return {
    codeGenerations: total(days, 'codeGenerations'),
    codeAcceptances: total(days, 'codeAcceptances'),
    acceptanceRate:
      generated > 0
        ? round(sum(both, (d) => d.codeAcceptances ?? 0) / generated, 4)
        : null,
    locAdded: total(days, 'locAdded'),
    avgLocAdded: mean(days, 'locAdded'),
    interactions: total(days, 'interactions'),
    avgInteractions: mean(days, 'interactions'),
    avgCodeReviewUsers: mean(days, 'codeReviewUsers'),
    avgCloudAgentUsers: mean(days, 'cloudAgentUsers')
  }
}

/**
 * The newest week of the trend with 7 days of data, or null. The newest week
 * is usually partial: GitHub publishes a day about two days after it ends.
 */
export function latestFullWeek(trend: readonly WeekTrend[]): WeekTrend | null {
  for (let i = trend.length - 1; i >= 0; i--)
    if (!trend[i].partial) return trend[i]
  return null
}

/** The seats recorded last within the week, if any were. */
function lastSeats(
  seats: readonly SeatsEntry[],
  start: IsoDate,
  end: IsoDate
): number | null {
  let value: number | null = null
  for (const entry of seats)
    if (entry.date >= start && entry.date <= end) value = entry.summary.total
  return value
}

function present(days: readonly DayFigures[], figure: Figure): number[] {
  return days.flatMap((day) => (day[figure] === null ? [] : [day[figure]]))
}

function total(days: readonly DayFigures[], figure: Figure): number | null {
  const values = present(days, figure)
  return values.length ? values.reduce((a, b) => a + b, 0) : null
}

function mean(days: readonly DayFigures[], figure: Figure): number | null {
  const values = present(days, figure)
  return values.length
    ? round(values.reduce((a, b) => a + b, 0) / values.length, 2)
    : null
}

function sum(
  days: readonly DayFigures[],
  value: (day: DayFigures) => number
): number {
  return days.reduce((total, day) => total + value(day), 0)
}
