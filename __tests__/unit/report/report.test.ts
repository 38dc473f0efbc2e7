import { describe, expect, it } from '@jest/globals'
import { emptyHistory } from '../../../src/history/file.js'
import {
  OUTPUT_NAMES,
  actionOutputs,
  renderSummary,
  weeklyChart,
  type RunReport
} from '../../../src/report/report.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { storedDay } from '../days.js'
import { reportOf } from './summary-fixtures.js'
import { threeWeeks } from './summary-scenario.js'

const scope: Scope = { kind: 'organization', organization: 'octo' }

function report(overrides: Partial<RunReport> = {}): RunReport {
  const days = [
    '2026-11-09',
    '2026-11-10',
    '2026-11-16',
    '2026-11-17',
    '2026-11-18'
  ].map((d, i) => storedDay(d, 10 + i, 5 + i, 20 + i))
  const history = { ...emptyHistory(scope, 'reports'), days }
  return {
    scope,
    history,
    trend: weeklyTrend(days, 4),
    added: ['2026-11-17', '2026-11-18'],
    updated: ['2026-11-16'],
    pending: ['2026-11-19', '2026-11-20'],
    historyPath: 'copilot-metrics/organization-octo.json',
    dataBranch: 'copilot-metrics',
    commit: '0123456789abcdef0123456789abcdef01234567',
    dryRun: false,
    ...overrides
  }
}

describe('actionOutputs', () => {
  it('gives the monthly trend, newest month last, with the distinct counts of its last day', () => {
    const base = report()
    const days = base.history.days.map((day, i) => ({
      ...day,
      distinct: {
        weekToDate: null,
        monthToDate: { activeUsers: 30 + i, engagedUsers: 20 + i }
      }
    }))
    const outputs = actionOutputs({
      ...base,
      history: { ...base.history, days }
    })
    expect(JSON.parse(outputs['monthly-trend'])).toEqual([
      {
        month: '2026-11',
        start: '2026-11-01',
        end: '2026-11-30',
        days: 5,
        daysInMonth: 30,
        partial: true,
        avgActiveUsers: 12,
        avgEngagedUsers: 7,
        monthlyActiveUsers: 34,
        monthlyEngagedUsers: 24
      }
    ])
  })

  it('says why a week has no weekly active users', () => {
    const base = report()
    const days = base.history.days.map((day) => ({
      ...day,
      distinct: undefined
    }))
    const text = renderSummary(
      { ...base, trend: weeklyTrend(days, 4) },
      'compact'
    )
    expect(text).toContain('"–": a day of the week has no per-user rows')
    expect(renderSummary(base, 'compact')).not.toContain('per-user rows')
  })

  it('gives the trend as JSON with numbers and the run counts as strings', () => {
    const outputs = actionOutputs(report())
    const trend = JSON.parse(outputs['weekly-trend'])
    expect(trend).toHaveLength(2)
    expect(trend[1]).toMatchObject({
      week: '2026-W47',
      start: '2026-11-16',
      end: '2026-11-22',
      days: 3,
      avgActiveUsers: 13,
      partial: true
    })
    expect(JSON.parse(outputs['latest-week'])).toEqual(trend[1])
    expect(outputs).toMatchObject({
      'latest-week-avg-active-users': '13',
      'latest-week-avg-engaged-users': '8',
      'days-added': '2',
      'days-updated': '1',
      'days-pending': '2',
      'days-total': '5',
      'history-path': 'copilot-metrics/organization-octo.json',
      'history-commit': '0123456789abcdef0123456789abcdef01234567'
    })
  })

  it('leaves the week outputs empty when there is no data yet', () => {
    const empty = report({
      history: emptyHistory(scope, 'reports'),
      trend: [],
      commit: null
    })
    expect(actionOutputs(empty)).toMatchObject({
      'weekly-trend': '[]',
      'latest-week': '',
      'latest-week-avg-active-users': '',
      'history-commit': ''
    })
  })
})

describe('renderSummary', () => {
  it('has a heading with the scope, the date range, the weekly table, a chart and the run counts', () => {
    const text = renderSummary(report())
    expect(text).toContain('## Copilot usage: organization octo')
    expect(text).toContain('2026-11-09 to 2026-11-18')
    // Both weeks partial: no change shown, however large.
    expect(text).toContain('| 2026-W46&#42; | 2/7 | 10.5 | – | 5.5 | – |')
    expect(text).toContain('| 2026-W47&#42; | 3/7 | 13 | – | 8 | – |')
    expect(text).toMatch(/```mermaid\n%%{init: .*}%%\nxychart-beta\n/)
    expect(text).toContain(
      '2 days added, 1 updated (revised by GitHub), 2 pending (2026-11-19 – 2026-11-20: not published by GitHub yet), 5 stored'
    )
    expect(text).toContain('Committed 0123456.')
  })

  it('says when nothing was committed and why', () => {
    expect(renderSummary(report({ dryRun: true, commit: null }))).toContain(
      'Dry run: nothing was committed.'
    )
    expect(
      renderSummary(report({ commit: null, added: [], updated: [] }))
    ).toContain('Nothing changed, so nothing was committed.')
    expect(
      renderSummary(
        report({ history: emptyHistory(scope, 'reports'), trend: [] })
      )
    ).toContain('No data yet')
  })
})

describe('weeklyChart', () => {
  it('plots the weekly averages with week labels and a y-axis above the maximum', () => {
    const chart = weeklyChart(
      weeklyTrend(
        [storedDay('2026-11-16', 50, 20), storedDay('2026-11-23', 100, 40)],
        2
      )
    )
    expect(chart).toContain('x-axis "ISO week" ["W47*", "W48*"]')
    expect(chart).toContain('y-axis "Users" 0 --> 110')
    expect(chart).toContain('bar [50, 100]')
    expect(chart).toContain('line [20, 40]')
  })
})

describe('actionOutputs of the latest full week', () => {
  it('gives each figure of the newest week with 7 days of data, not of the partial newest week', () => {
    const outputs = actionOutputs(reportOf(threeWeeks()))
    expect(JSON.parse(outputs['latest-week'])).toMatchObject({
      week: '2026-W47',
      partial: true
    })
    expect(JSON.parse(outputs['latest-full-week'])).toEqual(
      JSON.parse(outputs['weekly-trend'])[1]
    )
    expect(outputs).toMatchObject({
      'latest-full-week-avg-active-users': '22',
      'latest-full-week-avg-active-users-change-pct': '10',
      'latest-full-week-avg-engaged-users': '11',
      'latest-full-week-avg-engaged-users-change-pct': '10',
      'latest-full-week-engaged-share': '0.5',
      'latest-full-week-weekly-active-users': '33',
      'latest-full-week-acceptance-rate': '0.25',
      'latest-full-week-loc-added': '4200',
      'latest-full-week-interactions': '280',
      'latest-full-week-avg-code-review-users': '3',
      'latest-full-week-avg-cloud-agent-users': '2'
    })
  })

  it('gives the breakdowns of that week as JSON', () => {
    const breakdowns = JSON.parse(
      actionOutputs(reportOf(threeWeeks()))['latest-full-week-breakdowns']
    )
    expect(Object.keys(breakdowns)).toEqual([
      'languages',
      'ides',
      'features',
      'models'
    ])
    expect(breakdowns.ides).toEqual({
      kind: 'ides',
      days: 7,
      activity: 980,
      more: 0,
      items: [
        {
          name: 'vscode',
          activity: 630,
          share: 0.6429,
          changePct: 0,
          isNew: false
        },
        {
          name: 'intellij',
          activity: 350,
          share: 0.3571,
          changePct: 0,
          isNew: false
        }
      ]
    })
  })

  it('leaves them empty when no week is full, or when the data lacks a figure', () => {
    const partialOnly = actionOutputs(report())
    expect(partialOnly['latest-week']).not.toBe('')
    for (const name of OUTPUT_NAMES.filter((n) =>
      n.startsWith('latest-full-week')
    ))
      expect([name, partialOnly[name]]).toEqual([name, ''])

    // A full week with user counts only (e.g. another source): no volumes, no rates.
    const usersOnly = actionOutputs(
      reportOf(
        [16, 17, 18, 19, 20, 21, 22].map((d) =>
          storedDay(`2026-11-${d}`, 10, 5)
        )
      )
    )
    expect(usersOnly).toMatchObject({
      'latest-full-week-avg-active-users': '10',
      'latest-full-week-avg-active-users-change-pct': '',
      'latest-full-week-weekly-active-users': '',
      'latest-full-week-acceptance-rate': '',
      'latest-full-week-loc-added': '',
      'latest-full-week-avg-cloud-agent-users': ''
    })
  })
})

describe('renderSummary modes', () => {
  it('writes the compact form on request and the full one by default', () => {
    const full = renderSummary(report())
    const compact = renderSummary(report(), 'compact')
    expect(full).toContain('```mermaid')
    expect(compact).not.toContain('```mermaid')
    expect(compact).toContain('| 2026-W47&#42; | 3/7 | 13 | – | 8 | – |')
  })
})
