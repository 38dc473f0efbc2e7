import { describe, expect, it } from '@jest/globals'
import { earliestDay, planFetch } from '../../../src/history/fetch-plan.js'
import { emptyHistory } from '../../../src/history/file.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { storedDay } from '../days.js'

const org: Scope = { kind: 'organization', organization: 'octo' }
const enterprise: Scope = { kind: 'enterprise', enterprise: 'acme' }
const options = {
  today: '2026-11-23',
  backfillDays: 28,
  refreshDays: 3,
  earliest: '2025-01-01'
}
const history = (...dates: string[]) => ({
  ...emptyHistory(org, 'reports'),
  days: dates.map((d) => storedDay(d, 1, 1))
})

describe('planFetch', () => {
  it('backfills backfill-days up to yesterday on the first run', () => {
    expect(planFetch(history(), { ...options, backfillDays: 3 })).toEqual({
      dates: ['2026-11-20', '2026-11-21', '2026-11-22'],
      replaceFrom: null,
      clampedFrom: null
    })
  })

  it('fetches after the newest stored day, plus the newest refresh-days stored days', () => {
    const plan = planFetch(
      history('2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'),
      { ...options, refreshDays: 2 }
    )
    expect(plan.dates).toEqual([
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22'
    ])
    expect(plan.replaceFrom).toBe('2026-11-19')
  })

  it('with refresh-days 0 fetches only new days and replaces nothing', () => {
    expect(
      planFetch(history('2026-11-20'), { ...options, refreshDays: 0 })
    ).toEqual({
      dates: ['2026-11-21', '2026-11-22'],
      replaceFrom: null,
      clampedFrom: null
    })
  })

  it('asks for nothing when the history already reaches yesterday and nothing is refreshed', () => {
    expect(
      planFetch(history('2026-11-22'), { ...options, refreshDays: 0 }).dates
    ).toEqual([])
  })

  it('never asks for days before the earliest one, and says so', () => {
    const plan = planFetch(history(), { ...options, earliest: '2026-11-10' })
    expect(plan.dates[0]).toBe('2026-11-10')
    expect(plan.clampedFrom).toBe('2026-11-10')
  })
})

describe('earliestDay', () => {
  it('starts reports at their first published day, per scope', () => {
    expect(earliestDay('reports', org, '2025-12-20')).toBe('2025-12-12')
    expect(earliestDay('reports', enterprise, '2025-12-20')).toBe('2025-10-10')
    expect(
      earliestDay(
        'reports',
        { kind: 'team', organization: 'o', team: 't' },
        '2025-12-20'
      )
    ).toBe('2025-12-12')
    expect(
      earliestDay(
        'reports',
        { kind: 'enterprise-team', enterprise: 'acme', team: 't' },
        '2025-12-20'
      )
    ).toBe('2025-10-10')
  })

  it('keeps reports for one year and the legacy API for 100 days', () => {
    expect(earliestDay('reports', enterprise, '2027-06-01')).toBe('2026-06-01')
    expect(earliestDay('legacy', org, '2026-03-01')).toBe('2025-11-21')
  })
})
