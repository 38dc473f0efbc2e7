import { describe, expect, it } from '@jest/globals'
import {
  applyBudget,
  earliestDay,
  planFetch,
  retryDue
} from '../../../src/history/fetch-plan.js'
import { emptyHistory } from '../../../src/history/file.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { storedDay } from '../days.js'

const org: Scope = { kind: 'organization', organization: 'octo' }
const enterprise: Scope = { kind: 'enterprise', enterprise: 'acme' }
const options = {
  today: '2026-11-23',
  now: new Date('2026-11-23T06:00:00Z'),
  backfillDays: 28,
  refreshDays: 3,
  earliest: '2025-01-01',
  api: 'reports' as const
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
      clampedFrom: null,
      window: { from: '2026-11-20', to: '2026-11-22' },
      missing: ['2026-11-20', '2026-11-21', '2026-11-22'],
      waiting: []
    })
  })

  it('fetches after the newest stored day, plus the newest refresh-days stored days', () => {
    const plan = planFetch(
      history('2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'),
      { ...options, refreshDays: 2, backfillDays: 6 }
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
    const plan = planFetch(history('2026-11-20'), {
      ...options,
      refreshDays: 0,
      backfillDays: 3
    })
    expect(plan.dates).toEqual(['2026-11-21', '2026-11-22'])
    expect(plan.replaceFrom).toBeNull()
  })

  it('asks for nothing when the history already reaches yesterday and nothing is refreshed', () => {
    expect(
      planFetch(history('2026-11-22'), {
        ...options,
        refreshDays: 0,
        backfillDays: 1
      }).dates
    ).toEqual([])
  })

  it('never asks for days before the earliest one, and says so', () => {
    const plan = planFetch(history(), { ...options, earliest: '2026-11-10' })
    expect(plan.dates[0]).toBe('2026-11-10')
    expect(plan.clampedFrom).toBe('2026-11-10')
  })
})

describe('planFetch: the window is a target state', () => {
  it('requests a gap older than the refresh window (an old history has no checks)', () => {
    const plan = planFetch(history('2026-11-15', '2026-11-17', '2026-11-22'), {
      ...options,
      backfillDays: 8
    })
    expect(plan.missing).toEqual([
      '2026-11-16',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21'
    ])
    expect(plan.dates).toEqual([
      '2026-11-16',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22'
    ])
  })

  it('extends the history backwards when backfill-days is raised, and deletes nothing when it is lowered', () => {
    const stored = history('2026-11-20', '2026-11-21', '2026-11-22')
    const wider = planFetch(stored, { ...options, backfillDays: 5 })
    expect(wider.dates).toEqual([
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22'
    ])
    const narrower = planFetch(stored, { ...options, backfillDays: 1 })
    expect(narrower.window).toEqual({ from: '2026-11-22', to: '2026-11-22' })
    expect(narrower.missing).toEqual([])
  })

  it('a complete window costs only the refresh days', () => {
    const plan = planFetch(
      history('2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'),
      { ...options, backfillDays: 4, refreshDays: 3 }
    )
    expect(plan.dates).toEqual(['2026-11-20', '2026-11-21', '2026-11-22'])
  })

  it('a gap checked recently waits for its retry; one checked long enough ago is asked again', () => {
    const stored = {
      ...history('2026-10-01', '2026-11-22'),
      checks: {
        // Young: daily. Checked 5 hours ago: not yet.
        '2026-11-18': {
          lastCheckedAt: '2026-11-23T01:00:00Z',
          status: 'pending' as const,
          attempts: 3
        },
        // Old: weekly. Checked 3 days ago: not yet; 8 days ago: again.
        '2026-10-10': {
          lastCheckedAt: '2026-11-20T06:00:00Z',
          status: 'no-data' as const,
          attempts: 20
        },
        '2026-10-11': {
          lastCheckedAt: '2026-11-15T06:00:00Z',
          status: 'no-data' as const,
          attempts: 20
        }
      }
    }
    const plan = planFetch(stored, { ...options, backfillDays: 60 })
    expect(plan.waiting).toEqual(['2026-10-10', '2026-11-18'])
    expect(plan.dates).toContain('2026-10-11')
    expect(plan.dates).not.toContain('2026-10-10')
    expect(plan.dates).not.toContain('2026-11-18')
  })

  it('wants a stored legacy day again from the reports API', () => {
    const stored = {
      ...history('2026-11-22'),
      days: [
        { ...storedDay('2026-11-21', 1, 1), source: 'legacy' as const },
        storedDay('2026-11-22', 1, 1)
      ]
    }
    const plan = planFetch(stored, {
      ...options,
      backfillDays: 2,
      refreshDays: 0
    })
    expect(plan.dates).toEqual(['2026-11-21'])
  })
})

describe('retryDue', () => {
  const now = new Date('2026-11-23T06:00:00Z')
  const check = (at: string) => ({
    lastCheckedAt: at,
    status: 'pending' as const,
    attempts: 1
  })
  it('daily for a day up to two weeks old, with slack for a drifting schedule', () => {
    expect(retryDue('2026-11-20', undefined, '2026-11-23', now)).toBe(true)
    expect(
      retryDue('2026-11-20', check('2026-11-22T09:00:00Z'), '2026-11-23', now)
    ).toBe(true)
    expect(
      retryDue('2026-11-20', check('2026-11-23T05:00:00Z'), '2026-11-23', now)
    ).toBe(false)
  })
  it('weekly for an older day', () => {
    expect(
      retryDue('2026-10-01', check('2026-11-22T06:00:00Z'), '2026-11-23', now)
    ).toBe(false)
    expect(
      retryDue('2026-10-01', check('2026-11-16T07:00:00Z'), '2026-11-23', now)
    ).toBe(true)
  })
})

describe('applyBudget', () => {
  it('keeps the newest days and defers the oldest', () => {
    expect(applyBudget(['a1', 'a2', 'a3', 'a4'], 3)).toEqual({
      dates: ['a2', 'a3', 'a4'],
      deferred: ['a1']
    })
    expect(applyBudget(['a1'], 3)).toEqual({ dates: ['a1'], deferred: [] })
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
