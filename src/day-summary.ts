import type { DaySummary } from './history.js'
import type { AggregateDay } from './report-records.js'

/**
 * The normalized figures of one reports-API day, stored beside the raw
 * record. Weekly trends read only these, whatever API a day came from.
 */
export function summarizeReportsDay(
  record: AggregateDay,
  engagedUsers: number
): DaySummary {
  return {
    activeUsers: record.daily_active_users,
    engagedUsers,
    weeklyActiveUsers: record.weekly_active_users ?? null
  }
}
