import { addDays, type IsoDate } from '../../common/dates.js'
import type { DayFigures } from '../../day/day-summary.js'
import type { WeekTrend } from '../../trend/weekly-trend.js'
import { MONTHS, dateRange, shortDate } from './markdown.js'
import { DAILY_CHART_DAYS } from '../../common/lookback.js'

/**
 * Mermaid `xychart-beta` blocks, which job summaries render. They must read
 * the same on mermaid 10.9 and every 11.x (which one github.com runs is not
 * documented), so they rely on nothing newer: no `labelRotation` (11.16+),
 * short horizontal labels instead, few enough to stand side by side.
 *
 * The grammar has no missing value (`null` or an empty entry fails to parse),
 * so a day or week without data is left off the x-axis, never drawn as zero.
 * The x-axis is a band scale that merges equal labels, so labels are unique.
 */

/** Bars, then the line: blue and orange stay apart for colour-blind readers and keep 3:1 contrast on GitHub's light and dark backgrounds. */
export const PALETTE = { bar: '#1f6feb', line: '#e36209' } as const

/** The words of the legend line under each chart, one per colour. */
export const LEGEND = { bar: 'Blue bars', line: 'orange line' } as const

/** Up to this many weeks the chart has a bar per ISO week; past it, a bar per month. */
export const MAX_WEEKLY_BARS = 26

export { DAILY_CHART_DAYS }

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

/** The colours and size, in the `%%{init}%%` directive both mermaid 10 and 11 read. */
const INIT = `%%{init: ${JSON.stringify({
  xyChart: { width: 900, height: 380, xAxis: { labelFontSize: 13 } },
  themeVariables: {
    xyChart: { plotColorPalette: `${PALETTE.bar}, ${PALETTE.line}` }
  }
})}}%%`

interface Series {
  labels: readonly string[]
  bars: readonly number[]
  line: readonly number[]
}

function chart(title: string, axis: string, series: Series): string {
  const top = axisTop([...series.bars, ...series.line])
  return [
    '```mermaid',
    INIT,
    'xychart-beta',
    `  title ${label(title)}`,
    `  x-axis ${label(axis)} [${unique(series.labels).map(label).join(', ')}]`,
    `  y-axis "Users" 0 --> ${top}`,
    `  bar [${series.bars.map(chartNumber).join(', ')}]`,
    `  line [${series.line.map(chartNumber).join(', ')}]`,
    '```'
  ].join('\n')
}

/**
 * Equal labels made distinct with trailing word joiners (U+2060), which do not
 * show and which mermaid does not trim: the band scale would otherwise draw
 * both values on one bar.
 */
function unique(labels: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return labels.map((text) => {
    const count = seen.get(text) ?? 0
    seen.set(text, count + 1)
    return text + '\u2060'.repeat(count)
  })
}

/** `W47`, and `W47*` for a week with fewer than 7 days of data. */
export const weekLabel = (week: WeekTrend): string =>
  `W${week.week.slice(-2)}${week.partial ? '*' : ''}`

/**
 * Average daily active (bars) and engaged (line) users: one bar per ISO week
 * up to 26 weeks, else one per calendar month (see {@link monthlySeries}).
 */
export function weeklyChart(
  trend: readonly WeekTrend[],
  days: readonly ChartDay[] = []
): string {
  if (trend.length > MAX_WEEKLY_BARS && days.length) {
    const months = monthlySeries(days)
    return chart(
      'Average daily users per month',
      `Month, ${dateRange(days[0].date, days[days.length - 1].date)}`,
      months
    )
  }
  return chart('Average daily users per ISO week', 'ISO week', {
    labels: trend.map(weekLabel),
    bars: trend.map((week) => week.avgActiveUsers),
    line: trend.map((week) => week.avgEngagedUsers)
  })
}

export interface ChartDay {
  date: IsoDate
  figures: DayFigures
}

const daysInMonth = (month: string): number =>
  new Date(
    Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)
  ).getUTCDate()

/**
 * Per calendar month, the average of the days with data. Labels are the
 * month (`Nov`), with the year on January (`Jan ’27`; the axis title gives
 * the dates), and `*` on a month with data for fewer than all its days.
 */
export function monthlySeries(days: readonly ChartDay[]): Series {
  const months = new Map<string, ChartDay[]>()
  for (const day of days) {
    const month = day.date.slice(0, 7)
    months.set(month, [...(months.get(month) ?? []), day])
  }
  const labels: string[] = []
  const bars: number[] = []
  const line: number[] = []
  for (const [month, of] of months) {
    const name = MONTHS[Number(month.slice(5, 7)) - 1]
    const withYear = name === 'Jan'
    const partial = of.length < daysInMonth(month)
    labels.push(
      `${name}${withYear ? ` ’${month.slice(2, 4)}` : ''}${partial ? '*' : ''}`
    )
    const mean = (pick: (figures: DayFigures) => number): number =>
      Math.round(
        (of.reduce((total, day) => total + pick(day.figures), 0) / of.length) *
          100
      ) / 100
    bars.push(mean((figures) => figures.activeUsers))
    line.push(mean((figures) => figures.engagedUsers))
  }
  return { labels, bars, line }
}

/** `Nov 3` on the first day and where the month changes, else the day number. */
export function dayLabels(dates: readonly IsoDate[]): string[] {
  return dates.map((date, i) =>
    i === 0 || date.slice(0, 7) !== dates[i - 1].slice(0, 7)
      ? shortDate(date)
      : String(Number(date.slice(8)))
  )
}

/** The days of the daily chart: those with data among the last 28 days up to the newest. */
export function recentDays(days: readonly ChartDay[]): ChartDay[] {
  const newest = days.at(-1)?.date
  if (!newest) return []
  const from = addDays(newest, -(DAILY_CHART_DAYS - 1))
  return days.filter((day) => day.date >= from)
}

/** Daily active (bars) and engaged (line) users over the last 28 days, one label per day with data. */
export function dailyChart(days: readonly ChartDay[]): string {
  const shown = recentDays(days)
  const from = shown[0]?.date ?? ''
  const to = shown.at(-1)?.date ?? ''
  return chart(
    `Daily users, last ${DAILY_CHART_DAYS} days`,
    from ? `Day (UTC), ${dateRange(from, to)}` : 'Day (UTC)',
    {
      labels: dayLabels(shown.map((day) => day.date)),
      bars: shown.map((day) => day.figures.activeUsers),
      line: shown.map((day) => day.figures.engagedUsers)
    }
  )
}
