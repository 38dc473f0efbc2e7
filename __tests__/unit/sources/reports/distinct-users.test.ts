import { describe, expect, it } from '@jest/globals'
import type { StoredDay } from '../../../../src/day/stored-day.js'
import { countDistinctUsers } from '../../../../src/history/distinct-counts.js'
import {
  countFromFor,
  staleWindows
} from '../../../../src/history/stale-windows.js'
import {
  ToDateCounter,
  WHOLE_SCOPE,
  type DayUsers
} from '../../../../src/sources/reports/distinct-users.js'
import { storedDay } from '../../days.js'

const users = (active: number[], engaged: number[] = []): DayUsers => ({
  active: new Set(active),
  engaged: new Set(engaged)
})
const uncounted = (date: string): StoredDay => storedDay(date, 1, 1)

describe('ToDateCounter', () => {
  it('counts each id once per window and starts again with the next window', () => {
    const counter = new ToDateCounter((date) => date.slice(0, 7))
    expect(counter.add('2026-03-30', users([1, 2], [1]))).toEqual({
      activeUsers: 2,
      engagedUsers: 1
    })
    expect(counter.add('2026-03-31', users([2, 3], [2]))).toEqual({
      activeUsers: 3,
      engagedUsers: 2
    })
    expect(counter.add('2026-04-01', users([3]))).toEqual({
      activeUsers: 1,
      engagedUsers: 0
    })
  })

  it('stops at a day without per-user rows until the window ends', () => {
    const counter = new ToDateCounter((date) => date.slice(0, 7))
    counter.add('2026-03-30', users([1]))
    expect(counter.add('2026-03-31', null)).toBeNull()
    expect(counter.add('2026-03-31', users([1]))).toBeNull()
    expect(counter.add('2026-04-01', users([1]))).toEqual({
      activeUsers: 1,
      engagedUsers: 0
    })
  })
})

describe('staleWindows', () => {
  it('takes the weeks and months of changed days and of uncounted reports days from countFrom on', () => {
    const days = [
      uncounted('2026-02-27'),
      storedDay('2026-03-02', 1, 1, 1), // counted
      { ...uncounted('2026-03-10'), source: 'legacy' as const },
      uncounted('2026-03-18')
    ]
    const stale = staleWindows(days, ['2026-03-02'], '2026-03-01')
    expect([...stale.weeks].sort()).toEqual([
      ['2026-03-02', '2026-03-02'],
      ['2026-03-16', '2026-03-18']
    ])
    expect([...stale.months]).toEqual([['2026-03', '2026-03-02']])
  })

  it('starts filling in at the first of the month of the trend window', () => {
    expect(countFromFor([uncounted('2026-03-18')], 4)).toBe('2026-02-01')
    expect(countFromFor([], 4)).toBeNull()
  })
})

describe('countDistinctUsers', () => {
  it('reads each date once for every team, and only the windows that changed', async () => {
    const read: string[] = []
    const reader = (date: string) => {
      read.push(date)
      return Promise.resolve(
        new Map([
          ['platform', users([1, 2], [1])],
          ['payments', users([2, 3], [3])]
        ])
      )
    }
    // 2026-04-06 (Mon) to 04-12 (Sun), then 04-13: the new day.
    const dates = ['2026-04-06', '2026-04-07', '2026-04-08', '2026-04-13']
    const counted = (date: string): StoredDay => ({
      ...uncounted(date),
      distinct: { weekToDate: null, monthToDate: null }
    })
    const targets = ['platform', 'payments'].map((team) => ({
      team,
      history: {
        days: dates.map((date) =>
          date === '2026-04-13' ? uncounted(date) : counted(date)
        )
      },
      added: ['2026-04-13'],
      updated: [] as string[],
      changed: false
    }))
    await countDistinctUsers(
      targets,
      ['platform', 'payments'],
      reader,
      '2026-04-01'
    )
    // The new day's week holds it alone; its month holds all four days.
    expect(read).toEqual(dates)
    const [platform, payments] = targets
    expect(platform.changed && payments.changed).toBe(true)
    expect(platform.history.days[3].distinct).toEqual({
      weekToDate: { activeUsers: 2, engagedUsers: 1 },
      monthToDate: { activeUsers: 2, engagedUsers: 1 }
    })
    expect(payments.history.days[3].distinct?.monthToDate).toEqual({
      activeUsers: 2,
      engagedUsers: 1
    })
    // Counts to date before the new day cannot have changed: kept as stored.
    expect(payments.history.days[1].distinct).toEqual({
      weekToDate: null,
      monthToDate: null
    })
  })

  it('reads nothing when nothing changed and everything is counted', async () => {
    const day = storedDay('2026-04-06', 1, 1, 1)
    const target = {
      history: { days: [day] },
      added: [],
      updated: [],
      changed: false
    }
    const { read } = await countDistinctUsers(
      [target],
      [WHOLE_SCOPE],
      () => Promise.reject(new Error('must not read')),
      '2026-04-01'
    )
    expect(read).toBe(0)
    expect(target.changed).toBe(false)
  })

  it('counts nobody for a team without an active member that day, and no count where rows are gone', async () => {
    const target = {
      history: { days: [uncounted('2026-04-06'), uncounted('2026-04-07')] },
      added: ['2026-04-06', '2026-04-07'],
      updated: [],
      changed: false
    }
    await countDistinctUsers(
      [target],
      ['mobile'],
      (date) =>
        Promise.resolve(
          date === '2026-04-06' ? new Map([['platform', users([1])]]) : null
        ),
      '2026-04-01'
    )
    expect(target.history.days.map((d) => d.distinct?.weekToDate)).toEqual([
      { activeUsers: 0, engagedUsers: 0 },
      null
    ])
  })
})
