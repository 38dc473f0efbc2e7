import { addDays, isoWeek } from '../../common/dates.js'
import { latestFullWeek, type WeekTrend } from '../../trend/weekly-trend.js'
import {
  dateRange,
  formatChange,
  formatNumber,
  formatShare
} from './markdown.js'

/**
 * One sentence for the ten-second read: the latest full week's average daily
 * active and engaged users with the week-over-week change, the engaged share
 * and weekly active users. Without a full week, the newest week, said to be partial.
 */
export function headline(trend: readonly WeekTrend[]): string {
  const full = latestFullWeek(trend)
  const week = full ?? trend.at(-1)
  if (!week) return ''
  const before = isoWeek(addDays(week.start, -7)).label
  const which = full
    ? `Latest full week, ${week.week} (${dateRange(week.start, week.end)})`
    : `Newest week, ${week.week} (${dateRange(week.start, week.end)}; partial: ${week.days} of 7 days)`
  const activeChange =
    week.avgActiveUsersChangePct === null
      ? ` (no data for ${before} to compare with)`
      : ` (${formatChange(week.avgActiveUsersChangePct)} vs ${before})`
  const engagedChange =
    week.avgEngagedUsersChangePct === null
      ? ''
      : ` (${formatChange(week.avgEngagedUsersChangePct)})`
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
  const sentence = `**${which}:** ${parts.join(', ')}.`
  return full
    ? sentence
    : `${sentence} No week of the table has 7 days of data yet.`
}
