import type { AlertReason } from '../trend/alerts.js'
import { breakdownsOfWeek, type WeekBreakdowns } from '../trend/breakdowns.js'
import { addDays, isoWeek, type IsoDate } from '../common/dates.js'
import { dayFigures } from '../day/day-summary.js'
import { breaksBetween } from '../trend/definition-breaks.js'
import type { History } from '../history/file.js'
import {
  describeScope,
  type Scope,
  type SummaryMode
} from '../inputs/settings.js'
import { breakdownSection } from './summary/breakdown-table.js'
import { dailyChart, weeklyChart } from './summary/charts.js'
import { dataNotes, dateRuns, type NotedBreak } from './summary/data-notes.js'
import { headline } from './summary/headline.js'
import { codeSpan, escapeText, footnoteMarker } from './summary/markdown.js'
import { weeklyTable } from './summary/weekly-table.js'
import { latestFullWeek, type WeekTrend } from '../trend/weekly-trend.js'
import { monthlyTrend } from '../trend/monthly-trend.js'

export { weeklyChart }

/** What one run did, as the summary and the outputs tell it. */
export interface RunReport {
  scope: Scope
  history: History
  trend: WeekTrend[]
  added: IsoDate[]
  updated: IsoDate[]
  /** Not published by GitHub yet, or published without data. */
  pending: IsoDate[]
  historyPath: string
  dataBranch: string
  /** Commit made by this run; null on a dry run or when nothing changed. */
  commit: string | null
  dryRun: boolean
  /** Days without the team in the user-teams report (GitHub's five-seat threshold). */
  belowThreshold?: IsoDate[]
  /** Things the reader must know that are not about days, e.g. why seats were not recorded. */
  notices?: string[]
  /** Thresholds the latest full week crossed (inputs alert-drop-percent, alert-min-utilization). */
  alerts?: AlertReason[]
}

/** Every output of action.yml, by name. The docs tables and action.yml are checked against this list by a test. */
export const OUTPUT_NAMES = [
  'weekly-trend',
  'monthly-trend',
  'latest-week',
  'latest-week-avg-active-users',
  'latest-week-avg-engaged-users',
  'latest-full-week',
  'latest-full-week-avg-active-users',
  'latest-full-week-avg-active-users-change-pct',
  'latest-full-week-avg-engaged-users',
  'latest-full-week-avg-engaged-users-change-pct',
  'latest-full-week-engaged-share',
  'latest-full-week-weekly-active-users',
  'latest-full-week-acceptance-rate',
  'latest-full-week-loc-added',
  'latest-full-week-interactions',
  'latest-full-week-avg-code-review-users',
  'latest-full-week-avg-cloud-agent-users',
  'latest-full-week-breakdowns',
  'days-added',
  'days-updated',
  'days-pending',
  'days-total',
  'history-path',
  'history-commit',
  'teams',
  'latest-week-utilization',
  'latest-full-week-utilization',
  'alert',
  'alert-reasons'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

/** The ISO week before `week`. */
const weekBefore = (week: WeekTrend): { start: IsoDate; end: IsoDate } => ({
  start: addDays(week.start, -7),
  end: addDays(week.start, -1)
})

function breakdownsFor(report: RunReport, week: WeekTrend): WeekBreakdowns {
  return breakdownsOfWeek(report.history.days, week, weekBefore(week))
}

/** Absent figures are empty strings, like every output without a value. */
const figure = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value)

/** One entry of the `teams` output. */
function teamEntry(report: RunReport): Record<string, unknown>[] {
  if (!('team' in report.scope)) return []
  return [
    {
      team: report.scope.team,
      historyPath: report.historyPath,
      daysAdded: report.added.length,
      daysUpdated: report.updated.length,
      daysPending: report.pending.length,
      daysBelowThreshold: report.belowThreshold?.length ?? 0,
      daysTotal: report.history.days.length,
      latestWeek: report.trend.at(-1) ?? null
    }
  ]
}

/**
 * The outputs of a run. Several history files (a list of teams): the trend
 * outputs of the first, day counts summed over all, one path per line, and
 * `teams` with one entry per team.
 */
export function runOutputs(
  reports: readonly RunReport[]
): Record<OutputName, string> {
  const outputs = actionOutputs(reports[0])
  if (reports.length === 1) return outputs
  const sum = (count: (report: RunReport) => number): string =>
    String(reports.reduce((total, report) => total + count(report), 0))
  return {
    ...outputs,
    'days-added': sum((report) => report.added.length),
    'days-updated': sum((report) => report.updated.length),
    'days-pending': sum((report) => report.pending.length),
    'days-total': sum((report) => report.history.days.length),
    'history-path': reports.map((report) => report.historyPath).join('\n'),
    teams: JSON.stringify(reports.flatMap(teamEntry)),
    alert: String(reports.some((report) => report.alerts?.length)),
    'alert-reasons': JSON.stringify(reports.flatMap(alertReasons))
  }
}

export function actionOutputs(report: RunReport): Record<OutputName, string> {
  const latest = report.trend.at(-1)
  const full = latestFullWeek(report.trend)
  return {
    'weekly-trend': JSON.stringify(report.trend),
    'monthly-trend': JSON.stringify(monthlyTrend(report.history.days)),
    'latest-week': latest ? JSON.stringify(latest) : '',
    'latest-week-avg-active-users': figure(latest?.avgActiveUsers),
    'latest-week-avg-engaged-users': figure(latest?.avgEngagedUsers),
    'latest-full-week': full ? JSON.stringify(full) : '',
    'latest-full-week-avg-active-users': figure(full?.avgActiveUsers),
    'latest-full-week-avg-active-users-change-pct': figure(
      full?.avgActiveUsersChangePct
    ),
    'latest-full-week-avg-engaged-users': figure(full?.avgEngagedUsers),
    'latest-full-week-avg-engaged-users-change-pct': figure(
      full?.avgEngagedUsersChangePct
    ),
    'latest-full-week-engaged-share': figure(full?.engagedShare),
    'latest-full-week-weekly-active-users': figure(full?.weeklyActiveUsers),
    'latest-full-week-acceptance-rate': figure(full?.acceptanceRate),
    'latest-full-week-loc-added': figure(full?.locAdded),
    'latest-full-week-interactions': figure(full?.interactions),
    'latest-full-week-avg-code-review-users': figure(full?.avgCodeReviewUsers),
    'latest-full-week-avg-cloud-agent-users': figure(full?.avgCloudAgentUsers),
    'latest-full-week-breakdowns': full
      ? JSON.stringify(breakdownsFor(report, full))
      : '',
    'days-added': String(report.added.length),
    'days-updated': String(report.updated.length),
    'days-pending': String(report.pending.length),
    'days-total': String(report.history.days.length),
    'history-path': report.historyPath,
    'history-commit': report.commit ?? '',
    teams: JSON.stringify(teamEntry(report)),
    'latest-week-utilization': figure(latest?.utilization),
    'latest-full-week-utilization': figure(full?.utilization),
    alert: String(Boolean(report.alerts?.length)),
    'alert-reasons': JSON.stringify(alertReasons(report))
  }
}

const alertReasons = (
  report: RunReport
): Array<AlertReason & { scope: string }> =>
  (report.alerts ?? []).map((reason) => ({
    ...reason,
    scope: describeScope(report.scope)
  }))

/** A highlighted block at the top of the summary, one line per alert. */
function alertBanner(report: RunReport): string[] {
  const alerts = report.alerts ?? []
  if (alerts.length === 0) return []
  return [
    '> [!WARNING]',
    ...alerts.map((reason) => `> **Alert:** ${escapeText(reason.message)}`),
    ''
  ]
}

/**
 * GitHub refuses a job summary over 1 MiB per step. The summary is far
 * smaller by construction (top 5 per breakdown, names cut, at most 52 weeks);
 * this is the last line of defence: past it, a shorter form is written.
 */
export const MAX_SUMMARY_BYTES = 1_000_000

export type RenderMode = Exclude<SummaryMode, 'none'>

/**
 * The job summary. `full`: headline, weekly table, charts, breakdowns and
 * data notes; `compact`: headline and weekly table.
 */
export function renderSummary(
  report: RunReport,
  mode: RenderMode = 'full',
  maxBytes = MAX_SUMMARY_BYTES
): string {
  const fits = (text: string): boolean =>
    Buffer.byteLength(text, 'utf8') <= maxBytes
  if (mode === 'full') {
    const full = renderParts(report, true)
    if (fits(full)) return full
  }
  const compact = renderParts(report, false)
  if (fits(compact)) return compact
  return [heading(report), '', historyBlock(report), ''].join('\n')
}

const heading = (report: RunReport): string =>
  `## Copilot usage: ${escapeText(describeScope(report.scope))}`

function renderParts(report: RunReport, full: boolean): string {
  const { trend, history } = report
  const lines: string[] = [heading(report), '', ...alertBanner(report)]
  if (trend.length === 0) {
    lines.push(
      'No data yet: GitHub has not published any day of the requested range.',
      '',
      historyBlock(report),
      ''
    )
    return lines.join('\n')
  }
  const from = trend[0].start
  const to = history.days[history.days.length - 1].date
  const breaks = full ? notedBreaks(from, to) : []
  const markers = new Map<string, string>()
  for (const { week, marker } of breaks)
    markers.set(week, [markers.get(week), marker].filter(Boolean).join(' '))

  lines.push(
    headline(trend),
    '',
    `Weekly trend, ${from} to ${to} (ISO weeks, Monday to Sunday, UTC). Averages are per day with data.`,
    '',
    ...weeklyTable(trend, markers),
    ''
  )
  // Only under a column that shows: the table leaves out a column that would be "–" throughout.
  if (
    trend.some((week) => week.weeklyActiveUsers === null) &&
    trend.some((week) => week.weeklyActiveUsers !== null)
  )
    lines.push(WEEKLY_USERS_NOTE, '')
  if (full) {
    const days = history.days
      .filter((day) => day.date >= from)
      .map((day) => ({ date: day.date, figures: dayFigures(day) }))
    const week = latestFullWeek(trend) ?? trend[trend.length - 1]
    const breakdowns = breakdownSection(
      breakdownsFor(report, week),
      week.week,
      isoWeek(weekBefore(week).start).label
    )
    const notes = dataNotes({
      pending: report.pending,
      updated: report.updated,
      trend,
      stored: new Set(history.days.map((day) => day.date)),
      breaks
    })
    lines.push(
      weeklyChart(trend),
      '',
      `<sub>Bars: average daily active users. Line: average daily engaged users.${newestPartial(trend)}</sub>`,
      '',
      dailyChart(days),
      '',
      '<sub>Bars: daily active users. Line: daily engaged users. Days without data are left out, not drawn as zero.</sub>',
      ''
    )
    if (breakdowns.length) lines.push(...breakdowns, '')
    if (notes.length) lines.push(...notes, '')
  }
  lines.push(historyBlock(report), '')
  return lines.join('\n')
}

/** Why a week's weekly active users are "–" (docs/distinct-users.md). */
export const WEEKLY_USERS_NOTE =
  '<sub>Weekly active users: distinct people active on any day of the ISO week with data (so far, for a partial week). ' +
  '"–": a day of the week has no per-user rows (legacy API or imported file), or GitHub no longer serves them, so there is no exact count.</sub>'

/** A partial week's average covers only the days GitHub has published (often weekdays only): say so under the chart. */
function newestPartial(trend: readonly WeekTrend[]): string {
  const newest = trend[trend.length - 1]
  return newest.partial
    ? ` ${newest.week} is partial (${newest.days} of 7 days): its averages cover only those days.`
    : ''
}

/** Definition breaks from `from` to `to`, numbered in date order, each with its ISO week. */
function notedBreaks(from: IsoDate, to: IsoDate): NotedBreak[] {
  return breaksBetween(from, to).map((definitionBreak, i) => ({
    marker: footnoteMarker(i + 1),
    week: isoWeek(definitionBreak.date).label,
    definitionBreak
  }))
}

/** Notices that hold in every summary mode, then the history line. */
function historyBlock(report: RunReport): string {
  const notices = [...(report.notices ?? [])]
  const below = report.belowThreshold ?? []
  if (below.length)
    notices.unshift(
      `**No data: team below GitHub's five-seat threshold** on ${below.length} ${below.length === 1 ? 'day' : 'days'} (${dateRuns(below)}). GitHub leaves teams with fewer than five seated Copilot users out of the user-teams report, so nothing is stored for those days (never zeros). If the team is larger, check the team slug.`
    )
  return [
    ...notices.map((notice) => `> ${escapeNotice(notice)}\n`),
    `**History:** ${historyLine(report)}`
  ].join('\n')
}

/** Notices may quote GitHub's error messages: keep them to one line and free of markup. */
const escapeNotice = (text: string): string =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))

function historyLine(report: RunReport): string {
  const parts = [
    `${report.added.length} ${report.added.length === 1 ? 'day' : 'days'} added`,
    `${report.updated.length} updated (revised by GitHub)`,
    `${report.pending.length} pending${report.pending.length ? ` (${report.pending.join(', ')}: not published by GitHub yet)` : ''}`,
    `${report.history.days.length} stored in ${codeSpan(report.historyPath)} on branch ${codeSpan(report.dataBranch)}`
  ]
  const outcome = report.dryRun
    ? 'Dry run: nothing was committed.'
    : report.commit
      ? `Committed ${report.commit.slice(0, 7)}.`
      : 'Nothing changed, so nothing was committed.'
  return `${parts.join(', ')}. ${outcome}`
}
