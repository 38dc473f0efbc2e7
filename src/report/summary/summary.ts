import { addDays, isoWeek, type IsoDate } from '../../common/dates.js'
import { dayFigures } from '../../day/day-summary.js'
import type { StoredDay } from '../../day/stored-day.js'
import { describeScope, type SummaryMode } from '../../inputs/settings.js'
import { breakdownsOfWeek } from '../../trend/breakdowns.js'
import { breaksBetween } from '../../trend/definition-breaks.js'
import { latestFullWeek, type WeekTrend } from '../../trend/weekly-trend.js'
import type { RunReport } from '../report.js'
import { breakdownSection } from './breakdown-table.js'
import {
  LEGEND,
  dailyChart,
  recentDays,
  weeklyChart,
  MAX_WEEKLY_BARS,
  DAILY_CHART_DAYS
} from './charts.js'
import { dataNotes, dateRuns, type NotedBreak } from './data-notes.js'
import { headline } from './headline.js'
import { historyBlock } from './history-block.js'
import { escapeText, footnoteMarker } from './markdown.js'
import { comparisonTable, status, teamName } from './team-comparison.js'
import { folded, weeklySection } from './weekly-table.js'

/**
 * GitHub refuses a job summary over 1 MiB per step. The summary is far
 * smaller by construction (top 5 per breakdown, names cut, 28 days charted);
 * this is the last line of defence: past it, a shorter form is written.
 */
export const MAX_SUMMARY_BYTES = 1_000_000

export type RenderMode = Exclude<SummaryMode, 'none'>

const fitsIn = (text: string, maxBytes: number): boolean =>
  Buffer.byteLength(text, 'utf8') <= maxBytes

/**
 * The job summary of one history. `full`: alerts, headline, charts, weekly
 * tables, breakdowns and data notes; `compact`: alerts, headline and the
 * adoption table.
 */
export function renderSummary(
  report: RunReport,
  mode: RenderMode = 'full',
  maxBytes = MAX_SUMMARY_BYTES
): string {
  const top = `${heading(report)}\n\n`
  return top + body(report, mode, maxBytes - Buffer.byteLength(top))
}

/**
 * The job summary of several histories (a list of teams): a comparison table
 * of the teams, then each team's summary folded in `<details>`.
 */
export function renderSummaries(
  reports: readonly RunReport[],
  mode: RenderMode = 'full',
  maxBytes = MAX_SUMMARY_BYTES
): string {
  if (reports.length === 1) return renderSummary(reports[0], mode, maxBytes)
  const alerts = reports.flatMap((report) =>
    (report.alerts ?? []).map(
      (reason) =>
        `> - **${escapeText(teamName(report))}:** ${escapeText(reason.message)}`
    )
  )
  const top = [
    `## Copilot usage: ${reports.length} teams`,
    '',
    ...(alerts.length ? ['> [!WARNING]', ...alerts, ''] : []),
    ...comparisonTable(reports),
    '',
    '<sub>Latest full week of each team: average daily active users, Δ against the week before, share of them engaged. Open a team below for its charts and tables.</sub>',
    ''
  ].join('\n')
  const share = Math.max(0, maxBytes - Buffer.byteLength(top)) / reports.length
  const teams = reports.map((report) =>
    [
      ...folded(
        `<b>${escapeText(teamName(report))}</b>: ${escapeText(status(report))}`,
        [body(report, mode, share - 200)]
      ),
      ''
    ].join('\n')
  )
  return [top, ...teams].join('\n')
}

const heading = (report: RunReport): string =>
  `## Copilot usage: ${escapeText(describeScope(report.scope))}`

/** Everything under the heading, in the largest form that fits. */
function body(report: RunReport, mode: RenderMode, maxBytes: number): string {
  if (mode === 'full') {
    const full = renderParts(report, true)
    if (fitsIn(full, maxBytes)) return full
  }
  const compact = renderParts(report, false)
  if (fitsIn(compact, maxBytes)) return compact
  return [historyBlock(report), ''].join('\n')
}

/** A highlighted block at the top of the summary: one list item per alert, each with the figure that crossed. */
function alertBanner(report: RunReport): string[] {
  const alerts = report.alerts ?? []
  if (alerts.length === 0) return []
  return [
    '> [!WARNING]',
    ...alerts.map((reason) => `> - ${escapeText(reason.message)}`),
    ''
  ]
}

/**
 * What a history without a single week of data says, everywhere the same: a
 * team GitHub left out of the user-teams report on every day fetched, or
 * nothing published yet.
 */
function noData(report: RunReport): string {
  const below = report.belowThreshold ?? []
  return below.length
    ? `**No data: team below GitHub's five-seat threshold** on every day fetched (${below.length} ${below.length === 1 ? 'day' : 'days'}, ${dateRuns(below)}). GitHub leaves teams with fewer than five seated Copilot users out of the user-teams report, so nothing is stored (never zeros). If the team is larger, check the team slug.`
    : 'No data yet: GitHub has not published any day of the requested range.'
}

/** The ISO week before `week`. */
const weekBefore = (week: WeekTrend): { start: IsoDate; end: IsoDate } => ({
  start: addDays(week.start, -7),
  end: addDays(week.start, -1)
})

/** The summary under the heading: the full form, or the compact one (`full` false). */
function renderParts(report: RunReport, full: boolean): string {
  const { trend, history } = report
  const lines: string[] = [...alertBanner(report)]
  if (trend.length === 0) {
    lines.push(noData(report), '', historyBlock(report, false), '')
    return lines.join('\n')
  }
  const from = trend[0].start
  const to = history.days[history.days.length - 1].date
  const breaks = full ? notedBreaks(from, to) : []
  lines.push(headline(trend), '')
  if (full) lines.push(...chartsSection(trend, history.days, from))
  lines.push(...trendSection(trend, { from, to }, weekMarkers(breaks), full))
  if (full) lines.push(...detailsSection(report, breaks))
  lines.push(historyBlock(report), '')
  return lines.join('\n')
}

/** The footnote markers of each week that holds a definition break. */
function weekMarkers(breaks: readonly NotedBreak[]): Map<string, string> {
  const markers = new Map<string, string>()
  for (const { week, marker } of breaks)
    markers.set(week, [markers.get(week), marker].filter(Boolean).join(' '))
  return markers
}

/** The weekly chart of the window and the daily chart, each with its legend. */
function chartsSection(
  trend: readonly WeekTrend[],
  stored: readonly StoredDay[],
  from: IsoDate
): string[] {
  const days = stored.map((day) => ({
    date: day.date,
    figures: dayFigures(day)
  }))
  const inWindow = days.filter((day) => day.date >= from)
  const monthly = trend.length > MAX_WEEKLY_BARS
  const partial = monthly
    ? ' &#42; month with data for fewer than all its days.'
    : trend.some((week) => week.partial)
      ? ' &#42; partial week: fewer than 7 days of data, its average covers only those days.'
      : ''
  return [
    weeklyChart(trend, inWindow),
    '',
    `<sub>${LEGEND.bar}: average daily active users; ${LEGEND.line}: average daily engaged users.${partial}</sub>`,
    '',
    dailyChart(days),
    '',
    `<sub>${LEGEND.bar}: daily active users; ${LEGEND.line}: daily engaged users. The last ${DAILY_CHART_DAYS} days (${recentDays(days).length} with data); days without data are left out, not drawn as zero.</sub>`,
    ''
  ]
}

/** The weekly tables from the first week of the window to the newest stored day. */
function trendSection(
  trend: readonly WeekTrend[],
  { from, to }: { from: IsoDate; to: IsoDate },
  markers: ReadonlyMap<string, string>,
  full: boolean
): string[] {
  const lines = [
    `### Weekly trend, ${from} to ${to}`,
    '',
    `<sub>ISO weeks, Monday to Sunday, UTC.</sub>`,
    '',
    ...weeklySection(trend, markers, full),
    ''
  ]
  // Only under a column that shows: the table leaves out a column that would be "–" throughout.
  if (
    trend.some((week) => week.weeklyActiveUsers === null) &&
    trend.some((week) => week.weeklyActiveUsers !== null)
  )
    lines.push(WEEKLY_USERS_NOTE, '')
  return lines
}

/** The breakdowns of the latest full week (else the newest) and the notes on the data. */
function detailsSection(
  report: RunReport,
  breaks: readonly NotedBreak[]
): string[] {
  const { trend, history } = report
  const lines: string[] = []
  const week = latestFullWeek(trend) ?? trend[trend.length - 1]
  const breakdowns = breakdownSection(
    breakdownsOfWeek(history.days, week, weekBefore(week)),
    week.week,
    isoWeek(weekBefore(week).start).label
  )
  const noData = new Set(report.noData ?? [])
  const notes = dataNotes({
    pending: report.pending.filter((date) => !noData.has(date)),
    updated: report.updated,
    trend,
    stored: new Set(history.days.map((day) => day.date)),
    breaks
  })
  if (breakdowns.length) lines.push(...breakdowns, '')
  if (notes.length) lines.push(...notes, '')
  return lines
}

/** Definition breaks from `from` to `to`, numbered in date order, each with its ISO week. */
function notedBreaks(from: IsoDate, to: IsoDate): NotedBreak[] {
  return breaksBetween(from, to).map((definitionBreak, i) => ({
    marker: footnoteMarker(i + 1),
    week: isoWeek(definitionBreak.date).label,
    definitionBreak
  }))
}

/** Why a week's weekly active users are "–" (docs/distinct-users.md). */
export const WEEKLY_USERS_NOTE =
  '<sub>Weekly active users: distinct people active on any day of the ISO week with data (so far, for a partial week). ' +
  '"–": a day of the week has no per-user rows (legacy API or imported file), or GitHub no longer serves them, so there is no exact count.</sub>'
