import { describeScope } from '../../inputs/settings.js'
import { latestFullWeek } from '../../trend/weekly-trend.js'
import type { RunReport } from '../report.js'
import {
  escapeText,
  formatChange,
  formatNumber,
  formatShare,
  table
} from './markdown.js'
import { fullWeekChanges } from './weekly-table.js'

/** A team's name as the comparison table and its folded summary show it. */
export const teamName = (report: RunReport): string =>
  'team' in report.scope ? report.scope.team : describeScope(report.scope)

/** The status of a team in the comparison table. */
export function status(report: RunReport): string {
  if (report.trend.length === 0) return 'no data'
  const alerts = report.alerts?.length ?? 0
  if (alerts) return `${alerts} ${alerts === 1 ? 'alert' : 'alerts'}`
  return latestFullWeek(report.trend) ? 'ok' : 'no full week yet'
}

/** One row per team: its latest full week (else its newest, marked partial). */
export function comparisonTable(reports: readonly RunReport[]): string[] {
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
