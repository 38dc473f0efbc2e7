import { describe, expect, it } from '@jest/globals'
import { emptyHistory } from '../../src/history.js'
import {
  actionOutputs,
  renderSummary,
  weeklyChart,
  type RunReport
} from '../../src/report.js'
import type { Scope } from '../../src/settings.js'
import { weeklyTrend } from '../../src/weekly-trend.js'
import { storedDay } from './days.js'

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
    expect(text).toMatch(
      /\| 2026-W46 \(partial\) \| Nov 9 – Nov 15 \| 2\/7 \| 10\.5 \| – \| 5\.5 \| – \|/
    )
    expect(text).toMatch(
      /\| 2026-W47 \(partial\) \| Nov 16 – Nov 22 \| 3\/7 \| 13 \| ▲ 23\.81% \| 8 \| ▲ 45\.45% \|/
    )
    expect(text).toContain('```mermaid\nxychart-beta')
    expect(text).toContain(
      '2 days added, 1 updated (revised by GitHub), 2 pending (2026-11-19, 2026-11-20: not published by GitHub yet), 5 stored'
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
    expect(chart).toContain('x-axis ["2026-W47", "2026-W48"]')
    expect(chart).toContain('y-axis "Users" 0 --> 110')
    expect(chart).toContain('bar [50, 100]')
    expect(chart).toContain('line [20, 40]')
  })
})
