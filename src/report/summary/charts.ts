import type { IsoDate } from '../../common/dates.js'
import type { DayFigures } from '../../day/day-summary.js'
import type { WeekTrend } from '../../trend/weekly-trend.js'

/**
 * Mermaid `xychart-beta` blocks, which job summaries render. Its grammar has
 * no missing value (`null` or an empty entry fails to parse), so a day or
 * week without data is left off the x-axis, never drawn as zero.
 */

/** A number as the xychart grammar accepts it: plain decimal, never `1e-7` or `NaN`. */
export function chartNumber(value: number): string {
  if (!Number.isFinite(value)) return '0'
  if (Math.abs(value) >= 1e21) return BigInt(Math.round(value)).toString()
  const text = String(value)
  return /e/i.test(text) ? value.toFixed(2).replace(/\.?0+$/, '') : text
}

/** A quoted label: the grammar has no escape for `"`. */
const label = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  `"${text.replace(/["\u0000-\u001f\u007f]/g, ' ')}"`

/** Top of the y-axis: 10% headroom above the maximum, a whole number free of float noise. */
function axisTop(values: readonly number[]): number {
  const max = Math.max(1, ...values)
  return Math.ceil(Math.round(max * 110) / 100)
}

/** Weekly averages: bars for active users, a line for engaged users, one ISO week per label. */
export function weeklyChart(trend: readonly WeekTrend[]): string {
  const top = axisTop(
    trend.flatMap((week) => [week.avgActiveUsers, week.avgEngagedUsers])
  )
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Average daily users per ISO week"',
    `  x-axis [${trend.map((week) => label(week.week)).join(', ')}]`,
    `  y-axis "Users" 0 --> ${top}`,
    `  bar [${trend.map((week) => chartNumber(week.avgActiveUsers)).join(', ')}]`,
    `  line [${trend.map((week) => chartNumber(week.avgEngagedUsers)).join(', ')}]`,
    '```'
  ].join('\n')
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** `Mon 2026-11-16`: unambiguous across months and years, and weekends stand out. */
export function dayLabel(day: IsoDate): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
  return `${WEEKDAYS[weekday]} ${day}`
}

export interface ChartDay {
  date: IsoDate
  figures: DayFigures
}

/**
 * Daily active (bars) and engaged (line) users, one label per day with data.
 * The labels are turned upright where the renderer supports it (mermaid 11
 * `labelRotation`; older renderers ignore the setting).
 */
export function dailyChart(days: readonly ChartDay[]): string {
  const top = axisTop(
    days.flatMap((day) => [day.figures.activeUsers, day.figures.engagedUsers])
  )
  const from = days[0]?.date ?? ''
  const to = days.at(-1)?.date ?? ''
  return [
    '```mermaid',
    '%%{init: {"xyChart": {"xAxis": {"labelRotation": -90}}}}%%',
    'xychart-beta',
    `  title ${label(`Daily users, ${from} to ${to}`)}`,
    `  x-axis "Day (UTC)" [${days.map((day) => label(dayLabel(day.date))).join(', ')}]`,
    `  y-axis "Users" 0 --> ${top}`,
    `  bar [${days.map((day) => chartNumber(day.figures.activeUsers)).join(', ')}]`,
    `  line [${days.map((day) => chartNumber(day.figures.engagedUsers)).join(', ')}]`,
    '```'
  ].join('\n')
}
