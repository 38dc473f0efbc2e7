import type { IsoDate } from './dates.js'
import type { History } from './history.js'
import { describeScope, type Scope } from './settings.js'
import type { WeekTrend } from './weekly-trend.js'

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
}

/** Every output of action.yml, by name. README and action.yml are checked against this list by a test. */
export const OUTPUT_NAMES = [
  'weekly-trend',
  'latest-week',
  'latest-week-avg-active-users',
  'latest-week-avg-engaged-users',
  'days-added',
  'days-updated',
  'days-pending',
  'days-total',
  'history-path',
  'history-commit',
  'teams'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

export function actionOutputs(
  report: RunReport
): Record<Exclude<OutputName, 'teams'>, string> {
  const latest = report.trend.at(-1)
  return {
    'weekly-trend': JSON.stringify(report.trend),
    'latest-week': latest ? JSON.stringify(latest) : '',
    'latest-week-avg-active-users': latest ? String(latest.avgActiveUsers) : '',
    'latest-week-avg-engaged-users': latest
      ? String(latest.avgEngagedUsers)
      : '',
    'days-added': String(report.added.length),
    'days-updated': String(report.updated.length),
    'days-pending': String(report.pending.length),
    'days-total': String(report.history.days.length),
    'history-path': report.historyPath,
    'history-commit': report.commit ?? ''
  }
}

const number = (value: number): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: 2 })

const change = (pct: number | null): string =>
  pct === null
    ? '–'
    : pct > 0
      ? `▲ ${number(pct)}%`
      : pct < 0
        ? `▼ ${number(-pct)}%`
        : '0%'

const share = (value: number | null): string =>
  value === null ? '–' : `${number(value * 100)}%`

/** Markdown cell text: our values are numbers and validated slugs, but stay safe. */
const cell = (text: string): string =>
  text.replace(/[|<>&\\`*_[\]]/g, (c) => `&#${c.charCodeAt(0)};`)

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec'
]
const shortDate = (day: IsoDate): string =>
  `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`

export function renderSummary(report: RunReport): string {
  const { trend, history } = report
  const lines: string[] = [
    `## Copilot usage: ${cell(describeScope(report.scope))}`,
    ''
  ]
  if (trend.length === 0) {
    lines.push(
      'No data yet: GitHub has not published any day of the requested range.',
      ''
    )
  } else {
    const from = trend[0].start
    const to = history.days[history.days.length - 1].date
    lines.push(
      `Weekly trend, ${from} to ${to} (ISO weeks, Monday to Sunday, UTC). Averages are per day with data.`,
      '',
      '| Week | Dates | Days with data | Avg active users | Δ | Avg engaged users | Δ | Engaged share | Weekly active users |',
      '|---|---|--:|--:|--:|--:|--:|--:|--:|',
      ...trend.map((week) =>
        [
          '',
          week.partial ? `${week.week} (partial)` : week.week,
          `${shortDate(week.start)} – ${shortDate(week.end)}`,
          `${week.days}/7`,
          number(week.avgActiveUsers),
          change(week.avgActiveUsersChangePct),
          number(week.avgEngagedUsers),
          change(week.avgEngagedUsersChangePct),
          share(week.engagedShare),
          week.weeklyActiveUsers === null
            ? '–'
            : number(week.weeklyActiveUsers),
          ''
        ]
          .join(' | ')
          .trim()
      ),
      '',
      weeklyChart(trend),
      '',
      '<sub>Bars: average daily active users. Line: average daily engaged users.</sub>',
      ''
    )
  }
  lines.push(`**History:** ${historyLine(report)}`, '')
  return lines.join('\n')
}

function historyLine(report: RunReport): string {
  const parts = [
    `${report.added.length} ${report.added.length === 1 ? 'day' : 'days'} added`,
    `${report.updated.length} updated (revised by GitHub)`,
    `${report.pending.length} pending${report.pending.length ? ` (${report.pending.join(', ')}: not published by GitHub yet)` : ''}`,
    `${report.history.days.length} stored in \`${cell(report.historyPath)}\` on branch \`${cell(report.dataBranch)}\``
  ]
  const outcome = report.dryRun
    ? 'Dry run: nothing was committed.'
    : report.commit
      ? `Committed ${report.commit.slice(0, 7)}.`
      : 'Nothing changed, so nothing was committed.'
  return `${parts.join(', ')}. ${outcome}`
}

/** A mermaid xychart, which job summaries render. */
export function weeklyChart(trend: readonly WeekTrend[]): string {
  const max = Math.max(
    1,
    ...trend.map((week) => Math.max(week.avgActiveUsers, week.avgEngagedUsers))
  )
  const top = Math.ceil(Math.round(max * 110) / 100) // 10% headroom, free of float noise
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Average daily users per ISO week"',
    `  x-axis [${trend.map((week) => `"${week.week}"`).join(', ')}]`,
    `  y-axis "Users" 0 --> ${top}`,
    `  bar [${trend.map((week) => week.avgActiveUsers).join(', ')}]`,
    `  line [${trend.map((week) => week.avgEngagedUsers).join(', ')}]`,
    '```'
  ].join('\n')
}
