import { describe, expect, it } from '@jest/globals'
import { emptyHistory } from '../../../src/history/file.js'
import type { SyncResult } from '../../../src/history/sync.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { runReport } from '../../../src/report/run-report.js'
import type { AlertReason } from '../../../src/trend/alerts.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { seatsEntry, storedDay } from '../days.js'

const scope: Scope = { kind: 'team', organization: 'octo', team: 'web' }
const days = [storedDay('2026-11-16', 10, 5), storedDay('2026-11-17', 12, 6)]

function synced(overrides: Partial<SyncResult> = {}): SyncResult {
  return {
    target: { scope, historyPath: 'copilot-metrics/team-octo-web.json' },
    history: { ...emptyHistory(scope, 'reports'), days },
    added: ['2026-11-17'],
    updated: [],
    pending: ['2026-11-18'],
    noData: [],
    belowThreshold: [],
    waiting: [],
    deferred: [],
    givenUp: [],
    commit: 'abc1234',
    seats: null,
    seatsAdded: false,
    daysTotal: days.length,
    ...overrides
  }
}

const alert: AlertReason = {
  kind: 'active-users-drop',
  week: '2026-W47',
  value: -30,
  threshold: -20,
  message: 'fell'
}

describe('runReport', () => {
  it('tells the synced history with its trend, alerts, path and where it was stored', () => {
    const trend = weeklyTrend(days, 4)
    const report = runReport(
      synced(),
      { trend, alerts: [alert] },
      { dataBranch: 'metrics', dryRun: true }
    )
    expect(report).toMatchObject({
      scope,
      historyPath: 'copilot-metrics/team-octo-web.json',
      dataBranch: 'metrics',
      dryRun: true,
      added: ['2026-11-17'],
      pending: ['2026-11-18'],
      commit: 'abc1234',
      notices: []
    })
    expect(report.trend).toBe(trend)
    expect(report.alerts).toEqual([alert])
    expect(report.history.days).toBe(days)
  })

  it('turns seats that could not be read into a notice, and recorded seats into none', () => {
    const options = { dataBranch: 'metrics', dryRun: false }
    const none = { trend: [], alerts: [] }
    const unavailable = runReport(
      synced({
        seats: { status: 'unavailable', message: 'Seats not recorded: 403.' }
      }),
      none,
      options
    )
    expect(unavailable.notices).toEqual(['Seats not recorded: 403.'])
    const recorded = runReport(
      synced({
        seats: {
          status: 'recorded',
          entry: seatsEntry('2026-11-18', 9)
        }
      }),
      none,
      options
    )
    expect(recorded.notices).toEqual([])
  })
})
