import { describe, expect, it } from '@jest/globals'
import { planFetch } from '../../src/fetch-plan.js'
import { emptyHistory } from '../../src/history.js'
import type { Scope } from '../../src/settings.js'
import { storedDay } from './days.js'

const org: Scope = { kind: 'organization', organization: 'octo' }

describe('planFetch', () => {
  it('backfills backfill-days up to yesterday on the first run', () => {
    const plan = planFetch(emptyHistory(org, 'reports'), org, {
      today: '2026-11-23',
      backfillDays: 3,
      refreshDays: 3
    })
    expect(plan).toEqual({
      dates: ['2026-11-20', '2026-11-21', '2026-11-22'],
      replaceFrom: null,
      clampedFrom: null
    })
  })

  it('fetches after the newest stored day, plus the newest refresh-days stored days', () => {
    const history = {
      ...emptyHistory(org, 'reports'),
      days: ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((d) =>
        storedDay(d, 1, 1)
      )
    }
    const plan = planFetch(history, org, {
      today: '2026-11-23',
      backfillDays: 28,
      refreshDays: 2
    })
    expect(plan.dates).toEqual([
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22'
    ])
    expect(plan.replaceFrom).toBe('2026-11-19')
  })

  it('with refresh-days 0 fetches only new days and replaces nothing', () => {
    const history = {
      ...emptyHistory(org, 'reports'),
      days: [storedDay('2026-11-20', 1, 1)]
    }
    const plan = planFetch(history, org, {
      today: '2026-11-23',
      backfillDays: 28,
      refreshDays: 0
    })
    expect(plan).toEqual({
      dates: ['2026-11-21', '2026-11-22'],
      replaceFrom: null,
      clampedFrom: null
    })
  })

  it('asks for nothing when the history already reaches yesterday and nothing is refreshed', () => {
    const history = {
      ...emptyHistory(org, 'reports'),
      days: [storedDay('2026-11-22', 1, 1)]
    }
    expect(
      planFetch(history, org, {
        today: '2026-11-23',
        backfillDays: 28,
        refreshDays: 0
      }).dates
    ).toEqual([])
  })

  it('never asks for days before GitHub has reports, or older than a year', () => {
    const early = planFetch(emptyHistory(org, 'reports'), org, {
      today: '2025-12-20',
      backfillDays: 28,
      refreshDays: 3
    })
    expect(early.dates[0]).toBe('2025-12-12')
    expect(early.clampedFrom).toBe('2025-12-12')
    const enterprise: Scope = { kind: 'enterprise', enterprise: 'acme' }
    const late = planFetch(emptyHistory(enterprise, 'reports'), enterprise, {
      today: '2027-06-01',
      backfillDays: 365,
      refreshDays: 3
    })
    expect(late.dates[0]).toBe('2026-06-01')
    expect(late.dates).toHaveLength(365)
    expect(late.clampedFrom).toBeNull()
  })
})
