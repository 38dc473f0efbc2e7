import { describe, expect, it } from '@jest/globals'
import { dayRange } from '../../../src/common/dates.js'
import type { StoredDay } from '../../../src/day/stored-day.js'
import {
  countDistinctUsers,
  type ReadDayUsers
} from '../../../src/history/distinct-counts.js'
import { WHOLE_SCOPE } from '../../../src/sources/reports/distinct-users.js'
import { monthlyTrend } from '../../../src/trend/monthly-trend.js'
import { storedDay } from '../days.js'

/** User u is active on day d of the series when (u + d) % 3 === 0, for u in 0..8; even users are engaged. */
const activeOn = (index: number): number[] =>
  [0, 1, 2, 3, 4, 5, 6, 7, 8].filter((u) => (u + index) % 3 === 0)

const dates = dayRange('2026-03-25', '2026-04-03')
const read: ReadDayUsers = (date) => {
  const users = activeOn(dates.indexOf(date))
  return Promise.resolve(
    new Map([
      [
        WHOLE_SCOPE,
        {
          active: new Set(users),
          engaged: new Set(users.filter((u) => u % 2 === 0))
        }
      ]
    ])
  )
}

async function counted(days: StoredDay[]): Promise<StoredDay[]> {
  const target = {
    history: { days },
    added: days.map((day) => day.date),
    updated: [],
    changed: false
  }
  await countDistinctUsers([target], [WHOLE_SCOPE], read, '2026-01-01')
  return target.history.days
}

describe('monthlyTrend', () => {
  it('counts distinct users per calendar month, starting again on the 1st, newest month last', async () => {
    const days = await counted(
      dates.map((date, i) => storedDay(date, activeOn(i).length, 1))
    )
    const trend = monthlyTrend(days)
    expect(trend.map((m) => [m.month, m.start, m.end, m.days])).toEqual([
      ['2026-03', '2026-03-01', '2026-03-31', 7],
      ['2026-04', '2026-04-01', '2026-04-30', 3]
    ])
    // March: three days or more cover every residue, so all 9 users.
    expect(trend[0]).toMatchObject({
      monthlyActiveUsers: 9,
      monthlyEngagedUsers: 5,
      daysInMonth: 31,
      partial: true,
      avgActiveUsers: 3
    })
    // April 1-3 are series days 7-9: again every residue.
    expect(trend[1]).toMatchObject({
      monthlyActiveUsers: 9,
      monthlyEngagedUsers: 5
    })
    // April 1 alone: three users, not March's nine.
    expect(days[7].distinct?.monthToDate).toEqual({
      activeUsers: 3,
      engagedUsers: activeOn(7).filter((u) => u % 2 === 0).length
    })
  })

  it('shows no count for a month with a day without per-user rows', async () => {
    const days = dates.map((date, i) => storedDay(date, activeOn(i).length, 1))
    days[8] = { ...days[8], source: 'legacy' }
    const trend = monthlyTrend(await counted(days))
    expect(trend[0].monthlyActiveUsers).toBe(9)
    expect(trend[1].monthlyActiveUsers).toBeNull()
    expect(trend[1].monthlyEngagedUsers).toBeNull()
  })

  it('keeps the last 12 months, across New Year', () => {
    const days = dayRange('2025-12-30', '2027-01-02')
      .filter((date) => date.endsWith('-01') || date >= '2026-12-30')
      .map((date) => storedDay(date, 2, 1))
    const trend = monthlyTrend(days)
    expect(trend).toHaveLength(12)
    expect(trend[0].month).toBe('2026-02')
    expect(trend.at(-1)).toMatchObject({
      month: '2027-01',
      end: '2027-01-31',
      days: 2,
      monthlyActiveUsers: null
    })
    expect(monthlyTrend([])).toEqual([])
  })
})
