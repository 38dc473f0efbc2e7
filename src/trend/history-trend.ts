import type { SeatsEntry, StoredDay } from '../day/stored-day.js'
import {
  evaluateAlerts,
  type AlertReason,
  type AlertThresholds
} from './alerts.js'
import { weeklyTrend, type WeekTrend } from './weekly-trend.js'

/** What the trend needs of the inputs: weeks, alert-drop-percent and alert-min-utilization. */
export interface TrendOptions {
  weeks: number
  alerts: AlertThresholds
}

export interface HistoryTrend {
  trend: WeekTrend[]
  /** Thresholds the latest full week crossed. */
  alerts: AlertReason[]
}

/** The weekly trend of one history and the alerts of its latest full week. */
export function historyTrend(
  history: { days: readonly StoredDay[]; seats?: readonly SeatsEntry[] },
  options: TrendOptions
): HistoryTrend {
  const trend = weeklyTrend(history.days, options.weeks, history.seats)
  return { trend, alerts: evaluateAlerts(trend, options.alerts) }
}
