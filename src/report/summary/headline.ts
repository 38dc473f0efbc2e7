import { addDays, isoWeek } from '../../common/dates.js'
import type { WeekTrend } from '../../trend/weekly-trend.js'
import {
  dateRange,
  formatChange,
  formatNumber,
  formatShare
} from './markdown.js'
import { fullWeekChanges } from './weekly-table.js'

/**
 * One sentence for the ten-second read: the latest full week's average daily
 * active and engaged users with the week-over-week change, the engaged share,
 * weekly active users and seat utilization. A partial week never drives it:
 * without a full week it shows the newest week, says it is partial, and
 * gives no change.
 */
export function headline(trend: readonly WeekTrend[]): string {
  let index = -1
  for (let i = trend.length - 1; i >= 0 && index < 0; i--)
    if (!trend[i].partial) index = i
  const full = index >= 0
  if (!full) index = trend.length - 1
  const week = trend.at(index)
  if (!week) return ''
  const before = isoWeek(addDays(week.start, -7)).label
  const which = full
    ? `Latest full week, ${week.week} (${dateRange(week.start, week.end)})`
    : `Newest week, ${week.week} (${dateRange(week.start, week.end)}; partial: ${week.days} of 7 days)`
  const changes = fullWeekChanges(trend, index)
  const previousPartial = full && index > 0 && trend[index - 1].partial
  const activeChange = !full
    ? ''
    : changes.active !== null
      ? ` (${formatChange(changes.active)} vs ${before})`
      : previousPartial
        ? ` (${before} is partial: no change shown)`
        : ` (no data for ${before} to compare with)`
  const engagedChange =
    changes.engaged === null ? '' : ` (${formatChange(changes.engaged)})`
  const parts = [
    `**${formatNumber(week.avgActiveUsers)}** average daily active users${activeChange}`,
    `**${formatNumber(week.avgEngagedUsers)}** engaged${engagedChange}`
  ]
  if (week.engagedShare !== null)
    parts.push(`**${formatShare(week.engagedShare)}** of active users engaged`)
  if (week.weeklyActiveUsers !== null)
    parts.push(
      `**${formatNumber(week.weeklyActiveUsers)}** weekly active users`
    )
  if (week.utilization !== null && week.seats !== null)
    parts.push(
      `**${formatShare(week.utilization)}** seat utilization (${formatNumber(week.seats)} seats)`
    )
  const sentence = `**${which}:** ${parts.join(', ')}.`
  return full
    ? sentence
    : `${sentence} No week of the table has 7 days of data yet.`
}
