import type { AlertReason } from '../trend/alerts.js'
import { breakdownsOfWeek, type WeekBreakdowns } from '../trend/breakdowns.js'
import { addDays, type IsoDate } from '../common/dates.js'
import type { History } from '../history/file.js'
import { describeScope, type Scope } from '../inputs/settings.js'
import { latestFullWeek, type WeekTrend } from '../trend/weekly-trend.js'
import { monthlyTrend } from '../trend/monthly-trend.js'

// The job summary is rendered in summary/summary.ts; these names stay importable from here.
export {
  MAX_SUMMARY_BYTES,
  renderSummaries,
  renderSummary,
  type RenderMode
} from './summary/summary.js'
export { weeklyChart } from './summary/charts.js'

/** What one run did, as the summary and the outputs tell it. */
export interface RunReport {
  scope: Scope
  /** The days the run read (the trend's and the window's months at least). */
  history: History
  /** Days in the whole history, read or not; history.days.length when absent. */
  daysTotal?: number
  trend: WeekTrend[]
  added: IsoDate[]
  updated: IsoDate[]
  /** Requested and not stored: not published by GitHub yet, or published without data. */
  pending: IsoDate[]
  /** Those of `pending` published without data. */
  noData?: IsoDate[]
  /** Not served at a recent check; retried on the schedule (daily, then weekly). */
  waiting?: IsoDate[]
  /** Left for the next run by the request budget (max-requests). */
  deferred?: IsoDate[]
  /** Never served and now outside the window: no longer requested. */
  givenUp?: IsoDate[]
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

const daysTotal = (report: RunReport): number =>
  report.daysTotal ?? report.history.days.length

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
      daysTotal: daysTotal(report),
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
    'days-total': sum(daysTotal),
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
    'days-total': String(daysTotal(report)),
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
