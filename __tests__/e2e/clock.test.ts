// COPILOT_METRICS_HISTORY_NOW, the fixed clock of the tests (docs/testing.md).
import { describe, expect, it, jest } from '@jest/globals'
import { seedReports } from '../support/sample-data.js'
import {
  FIXED_NOW,
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub
} from './helpers.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub()

describe('the fixed clock of the tests', () => {
  it('plans the days from the given moment', async () => {
    const names = freshNames('clock')
    seedReports(gh, `orgs/${names.org}`, { from: day(-12), to: day(-3) })
    const result = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '3' })
    })
    expect(result.code).toBe(0)
    expect(result.warnings.join('\n')).not.toContain(
      'COPILOT_METRICS_HISTORY_NOW'
    )
    const history = readHistory(
      gh,
      names.repo,
      `copilot-metrics/organization-${names.org}.json`
    )!
    expect(history.days.map((d) => d.date)).toEqual([day(-3)])
    // The run's clock starts at the fixed moment and runs on from there.
    const fetchedAt = Date.parse(history.days[0].fetchedAt)
    expect(fetchedAt).toBeGreaterThanOrEqual(Date.parse(FIXED_NOW))
    expect(fetchedAt).toBeLessThan(Date.parse(FIXED_NOW) + 60_000)
  })

  it('is ignored with a warning when it is not an ISO timestamp', async () => {
    const names = freshNames('badclock')
    seedReports(gh, `orgs/${names.org}`, { from: day(-12), to: day(-3) })
    const result = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '3' }),
      env: { COPILOT_METRICS_HISTORY_NOW: 'next tuesday' }
    })
    expect(result.code).toBe(0)
    expect(result.warnings).toContainEqual(
      expect.stringContaining(
        'COPILOT_METRICS_HISTORY_NOW (set by tests only) is not an ISO timestamp'
      )
    )
  })
})
