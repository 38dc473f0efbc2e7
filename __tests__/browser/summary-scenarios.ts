import { addDays, dayRange } from '../../src/common/dates.js'
import type { SeatsEntry, StoredDay } from '../../src/day/stored-day.js'
import type { Scope } from '../../src/inputs/settings.js'
import type { RunReport } from '../../src/report/report.js'
import { evaluateAlerts } from '../../src/trend/alerts.js'
import { weeklyTrend } from '../../src/trend/weekly-trend.js'
import { reportOf, reportsDay } from '../unit/report/summary-fixtures.js'
import { storedDay } from '../unit/days.js'

/** The newest day GitHub has published in every scenario: a Wednesday, so the newest week is partial. */
export const NEWEST = '2026-11-18'

/** Active users of a day: a slow wave, weekends a third lower. */
const activeOn = (date: string, i: number, base = 40): number => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  const wave = base + Math.round((base / 4) * Math.sin(i / 11))
  return weekday === 0 || weekday === 6 ? Math.round(wave * 0.6) : wave
}

/**
 * `weeks` ISO weeks of history up to {@link NEWEST}. The last 21 days carry
 * full reports-API records (breakdowns for the tables of the latest full
 * week); older days the counters only, which keeps 104 weeks quick to build.
 */
export function historyDays(weeks: number, base = 40): StoredDay[] {
  const from = addDays(NEWEST, -7 * weeks - 2)
  const recent = addDays(NEWEST, -20)
  return dayRange(from, NEWEST).map((date, i) => {
    const active = activeOn(date, i, base)
    return date >= recent
      ? reportsDay(date, active, Math.round(active * 0.8), i)
      : storedDay(date, active, Math.round(active * 0.8), active + 20, {
          code_generation_activity_count: active * 30,
          code_acceptance_activity_count: active * 8,
          loc_added_sum: active * 120,
          user_initiated_interaction_count: active * 6,
          daily_active_copilot_code_review_users: Math.round(active / 10),
          daily_active_copilot_cloud_agent_users: Math.round(active / 20)
        })
  })
}

/** A summary of `weeks` weeks, with a pending day. */
export function weeksReport(weeks: number): RunReport {
  return reportOf(historyDays(weeks), { pending: ['2026-11-19'] }, weeks)
}

/** Seats each Monday; the latest full week fell 35% and uses under half its seats: two alerts. */
export function alertsReport(): RunReport {
  const days = historyDays(6).map((day) =>
    day.date >= '2026-11-09' && day.date <= '2026-11-15'
      ? {
          ...day,
          summary: {
            ...day.summary,
            activeUsers: Math.round(day.summary.activeUsers * 0.6),
            engagedUsers: Math.round(day.summary.engagedUsers * 0.6)
          }
        }
      : day
  )
  const seats: SeatsEntry[] = dayRange('2026-10-05', NEWEST)
    .filter((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1)
    .map((date) => ({
      date,
      fetchedAt: '2026-01-01T00:00:00.000Z',
      summary: {
        total: 120,
        activeThisCycle: null,
        inactiveThisCycle: null,
        pendingInvitation: null,
        pendingCancellation: null,
        addedThisCycle: null
      },
      record: { seat_breakdown: { total: 120 } }
    }))
  const trend = weeklyTrend(days, 6, seats)
  return reportOf(days, {
    trend,
    history: { ...reportOf(days).history, seats },
    alerts: evaluateAlerts(trend, { dropPercent: 20, minUtilization: 0.5 })
  })
}

const team = (slug: string): Scope => ({
  kind: 'team',
  organization: 'octo',
  team: slug
})

/** Five teams: long names, one with alerts, one GitHub left out of every day (under five seats). */
export function teamReports(): RunReport[] {
  const withTeam = (report: RunReport, slug: string): RunReport => ({
    ...report,
    scope: team(slug),
    historyPath: `copilot-metrics/team-octo-${slug}.json`
  })
  const alerting = alertsReport()
  return [
    withTeam(
      reportOf(historyDays(8, 60), {}, 8),
      'platform-engineering-and-developer-experience'
    ),
    withTeam(alerting, 'payments'),
    withTeam(reportOf(historyDays(8, 12), {}, 8), 'mobile-apps'),
    withTeam(
      reportOf([], {
        trend: [],
        belowThreshold: dayRange('2026-10-22', NEWEST)
      }),
      'tiny-team'
    ),
    withTeam(reportOf(historyDays(8, 25), {}, 8), 'data-science')
  ]
}
