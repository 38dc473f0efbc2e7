import { addDays, isoWeek, type IsoDate } from '../../common/dates.js'
import { dayFigures } from '../../day/day-summary.js'
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
import {
  codeSpan,
  escapeText,
  footnoteMarker,
  formatChange,
  formatNumber,
  formatShare,
  table
} from './markdown.js'
import { folded, fullWeekChanges, weeklySection } from './weekly-table.js'

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

const teamName = (report: RunReport): string =>
  'team' in report.scope ? report.scope.team : describeScope(report.scope)

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

/** The status of a team in the comparison table. */
function status(report: RunReport): string {
  if (report.trend.length === 0) return 'no data'
  const alerts = report.alerts?.length ?? 0
  if (alerts) return `${alerts} ${alerts === 1 ? 'alert' : 'alerts'}`
  return latestFullWeek(report.trend) ? 'ok' : 'no full week yet'
}

/** One row per team: its latest full week (else its newest, marked partial). */
function comparisonTable(reports: readonly RunReport[]): string[] {
  return table(
    [
      'Team',
      'Week',
      'Days',
      'Active',
      'Δ',
      'Engaged share',
      'Weekly active',
      'Status'
    ],
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    reports.map((report) => {
      const name = escapeText(teamName(report), 20)
      const trend = report.trend
      const full = latestFullWeek(trend)
      const week = full ?? trend.at(-1)
      if (!week)
        return [name, '–', '–', '–', '–', '–', '–', escapeText(status(report))]
      const change = fullWeekChanges(trend, trend.indexOf(week)).active
      return [
        name,
        `${week.week}${week.partial ? '&#42;' : ''}`,
        `${week.days}/7`,
        formatNumber(week.avgActiveUsers),
        formatChange(change),
        formatShare(week.engagedShare),
        week.weeklyActiveUsers === null
          ? '–'
          : formatNumber(week.weeklyActiveUsers),
        escapeText(status(report))
      ]
    })
  )
}

/** The ISO week before `week`. */
const weekBefore = (week: WeekTrend): { start: IsoDate; end: IsoDate } => ({
  start: addDays(week.start, -7),
  end: addDays(week.start, -1)
})

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
  const markers = new Map<string, string>()
  for (const { week, marker } of breaks)
    markers.set(week, [markers.get(week), marker].filter(Boolean).join(' '))

  lines.push(headline(trend), '')
  if (full) {
    const days = history.days.map((day) => ({
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
    lines.push(
      weeklyChart(trend, inWindow),
      '',
      `<sub>${LEGEND.bar}: average daily active users; ${LEGEND.line}: average daily engaged users.${partial}</sub>`,
      '',
      dailyChart(days),
      '',
      `<sub>${LEGEND.bar}: daily active users; ${LEGEND.line}: daily engaged users. The last ${DAILY_CHART_DAYS} days (${recentDays(days).length} with data); days without data are left out, not drawn as zero.</sub>`,
      ''
    )
  }
  lines.push(
    `### Weekly trend, ${from} to ${to}`,
    '',
    `<sub>ISO weeks, Monday to Sunday, UTC.</sub>`,
    '',
    ...weeklySection(trend, markers, full),
    ''
  )
  // Only under a column that shows: the table leaves out a column that would be "–" throughout.
  if (
    trend.some((week) => week.weeklyActiveUsers === null) &&
    trend.some((week) => week.weeklyActiveUsers !== null)
  )
    lines.push(WEEKLY_USERS_NOTE, '')
  if (full) {
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
  }
  lines.push(historyBlock(report), '')
  return lines.join('\n')
}

/** Definition breaks from `from` to `to`, numbered in date order, each with its ISO week. */
function notedBreaks(from: IsoDate, to: IsoDate): NotedBreak[] {
  return breaksBetween(from, to).map((definitionBreak, i) => ({
    marker: footnoteMarker(i + 1),
    week: isoWeek(definitionBreak.date).label,
    definitionBreak
  }))
}

/**
 * Notices that hold in every summary mode, then the history line. The
 * threshold notice is left out where the no-data message already says it.
 */
function historyBlock(report: RunReport, withThreshold = true): string {
  const notices = [...(report.notices ?? [])]
  const below = report.belowThreshold ?? []
  if (below.length && withThreshold)
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

/** ` (2026-11-20 – 2026-11-21: not published by GitHub yet; 2026-11-18: published without data)` */
function pendingKinds(report: RunReport): string {
  const noData = new Set(report.noData ?? [])
  const parts: [IsoDate[], string][] = [
    [
      report.pending.filter((d) => !noData.has(d)),
      'not published by GitHub yet'
    ],
    [[...noData], 'published without data']
  ]
  const shown = parts.flatMap(([dates, what]) =>
    dates.length ? [`${dateRuns(dates)}: ${what}`] : []
  )
  return shown.length ? ` (${shown.join('; ')})` : ''
}

/** Days of the window not stored, as date ranges; only the kinds that occur. */
function unservedParts(report: RunReport): string[] {
  const kinds: [IsoDate[] | undefined, string][] = [
    [report.waiting, 'not served at a recent check, retried daily then weekly'],
    [report.deferred, 'left for the next run by max-requests'],
    [report.givenUp, 'never served, now outside backfill-days']
  ]
  return kinds.flatMap(([dates, what]) =>
    dates?.length ? [`${dates.length} ${what} (${dateRuns(dates)})`] : []
  )
}

function historyLine(report: RunReport): string {
  const parts = [
    `${report.added.length} ${report.added.length === 1 ? 'day' : 'days'} added`,
    `${report.updated.length} updated (revised by GitHub)`,
    `${report.pending.length} pending${pendingKinds(report)}`,
    ...unservedParts(report),
    `${report.daysTotal ?? report.history.days.length} stored in ${codeSpan(report.historyPath)} on branch ${codeSpan(report.dataBranch)}`
  ]
  const outcome = report.dryRun
    ? 'Dry run: nothing was committed.'
    : report.commit
      ? `Committed ${report.commit.slice(0, 7)}.`
      : 'Nothing changed, so nothing was committed.'
  return `${parts.join(', ')}. ${outcome}`
}

/** Why a week's weekly active users are "–" (docs/distinct-users.md). */
export const WEEKLY_USERS_NOTE =
  '<sub>Weekly active users: distinct people active on any day of the ISO week with data (so far, for a partial week). ' +
  '"–": a day of the week has no per-user rows (legacy API or imported file), or GitHub no longer serves them, so there is no exact count.</sub>'
