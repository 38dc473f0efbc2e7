import { dayRange } from '../../../src/common/dates.js'
import { emptyHistory } from '../../../src/history/file.js'
import { type StoredDay } from '../../../src/day/stored-day.js'
import type { RunReport } from '../../../src/report/report.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { aggregateRecord, legacyDay } from '../../support/sample-data.js'

export const scope: Scope = { kind: 'organization', organization: 'octo' }

/** A reports-API day with a realistic record (breakdowns, counters) from the sample-data generator. */
export function reportsDay(
  date: string,
  activeUsers: number,
  engagedUsers = Math.round(activeUsers * 0.8),
  seed = 1
): StoredDay {
  const record = aggregateRecord({
    day: date,
    scope: 'organization',
    dailyActiveUsers: activeUsers,
    seed
  })
  return {
    date,
    source: 'reports',
    fetchedAt: '2026-01-01T00:00:00.000Z',
    summary: {
      activeUsers,
      engagedUsers,
      weeklyActiveUsers: record.weekly_active_users
    },
    record,
    // The trend reads the distinct count; here it follows GitHub's field.
    distinct: {
      weekToDate: {
        activeUsers: record.weekly_active_users,
        engagedUsers
      },
      monthToDate: null
    }
  }
}

/** A day of the legacy metrics API: its record has another shape and none of the reports-API fields. */
export function legacyStoredDay(
  date: string,
  activeUsers: number,
  engagedUsers: number
): StoredDay {
  return {
    date,
    source: 'legacy',
    fetchedAt: '2026-01-01T00:00:00.000Z',
    summary: { activeUsers, engagedUsers, weeklyActiveUsers: null },
    record: legacyDay({ date, activeUsers, engagedUsers })
  }
}

/** Reports days for every date from `from` to `to` except `missing`, active users from `active(date, i)`. */
export function reportsDays(
  from: string,
  to: string,
  active: (date: string, i: number) => number = () => 20,
  missing: readonly string[] = []
): StoredDay[] {
  return dayRange(from, to)
    .filter((date) => !missing.includes(date))
    .map((date, i) => reportsDay(date, active(date, i)))
}

export function reportOf(
  days: StoredDay[],
  overrides: Partial<RunReport> = {},
  weeks = 4
): RunReport {
  return {
    scope,
    history: { ...emptyHistory(scope, 'reports'), days },
    trend: weeklyTrend(days, weeks),
    added: [],
    updated: [],
    pending: [],
    historyPath: 'copilot-metrics/organization-octo.json',
    dataBranch: 'copilot-metrics',
    commit: null,
    dryRun: false,
    ...overrides
  }
}

/** The bodies of the mermaid blocks of a rendered summary. */
export function mermaidBlocks(summary: string): string[] {
  return [...summary.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map(
    (match) => match[1]
  )
}
