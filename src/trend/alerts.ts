import { round } from './weekly-trend.js'

/** What alerts read of a week; WeekTrend has it. */
export interface AlertWeek {
  week: string
  partial: boolean
  avgActiveUsers: number
  avgActiveUsersChangePct: number | null
  seats?: number | null
  utilization?: number | null
}

export interface AlertThresholds {
  /** Alert when average daily active users fell by at least this many percent week over week; null: off. */
  dropPercent: number | null
  /** Alert when average daily active users ÷ seats is below this ratio; null: off. */
  minUtilization: number | null
}

export interface AlertReason {
  kind: 'active-users-drop' | 'low-utilization'
  week: string
  value: number
  threshold: number
  message: string
}

/**
 * Alerts of the latest full week (7 days of data). Partial weeks never alert:
 * a week GitHub has not finished publishing would look like a drop, and a
 * full week after a partial one (a history that starts mid-week) would look
 * like a rise or a fall it is not.
 */
export function evaluateAlerts(
  trend: readonly AlertWeek[],
  thresholds: AlertThresholds
): AlertReason[] {
  let index = trend.length - 1
  while (index >= 0 && trend[index].partial) index--
  if (index < 0) return []
  const week = trend[index]
  const reasons: AlertReason[] = []
  // When there is a change, trend[index - 1] is the week before (the trend
  // holds every week with data in its window).
  const change =
    index > 0 && trend[index - 1].partial ? null : week.avgActiveUsersChangePct
  if (
    thresholds.dropPercent !== null &&
    change !== null &&
    -change >= thresholds.dropPercent
  )
    reasons.push({
      kind: 'active-users-drop',
      week: week.week,
      value: change,
      threshold: -thresholds.dropPercent,
      message: `Average daily active users fell ${round(-change, 2)}% in ${week.week} (alert at a fall of ${thresholds.dropPercent}% or more).`
    })
  const utilization = week.utilization ?? null
  if (
    thresholds.minUtilization !== null &&
    utilization !== null &&
    utilization < thresholds.minUtilization
  )
    reasons.push({
      kind: 'low-utilization',
      week: week.week,
      value: utilization,
      threshold: thresholds.minUtilization,
      message: `Seat utilization was ${round(utilization * 100, 2)}% in ${week.week}: ${week.avgActiveUsers} average daily active users for ${week.seats} seats (alert below ${round(thresholds.minUtilization * 100, 2)}%).`
    })
  return reasons
}
