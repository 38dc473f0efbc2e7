import { describe, expect, it } from '@jest/globals'
import { addDays, dayRange } from '../../../src/common/dates.js'
import type { StoredDay } from '../../../src/day/stored-day.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { storedDay } from '../days.js'

/**
 * 90 days, 2026-11-15 to 2027-02-12, across New Year (2027-01-01 falls in
 * ISO week 2026-W53). Gaps: the whole week 2027-W01 and two days of 2027-W04.
 * Within a week every day has the same counts, except 2027-W05, so the
 * expected averages can be read off directly.
 */
function ninetyDays(): StoredDay[] {
  const missing = new Set([
    ...dayRange('2027-01-04', '2027-01-10'),
    '2027-01-27',
    '2027-01-28'
  ])
  return dayRange('2026-11-15', '2027-02-12')
    .filter((date) => !missing.has(date))
    .map((date) => {
      if (date >= '2027-02-08') return storedDay(date, 40, 30, 55)
      if (date >= '2027-02-01') {
        const offset = Number(date.slice(8)) - 1 // 0..6 → 30..36 active
        // Weekly active users 50, 53, 56, 52, 55, 51, 54: the last day is
        // neither the first nor the largest.
        return storedDay(date, 30 + offset, 20, 50 + ((offset * 3) % 7))
      }
      if (date >= '2027-01-25') return storedDay(date, 20, 10, 31)
      if (date >= '2027-01-18') return storedDay(date, 10, 5, 17)
      return storedDay(date, 8, 4, 12)
    })
}

describe('weeklyTrend', () => {
  const days = ninetyDays()

  it('covers the last N ISO weeks ending with the newest day, oldest first', () => {
    const trend = weeklyTrend(days, 4)
    expect(
      trend.map((w) => [w.week, w.start, w.end, w.days, w.partial])
    ).toEqual([
      ['2027-W03', '2027-01-18', '2027-01-24', 7, false],
      ['2027-W04', '2027-01-25', '2027-01-31', 5, true],
      ['2027-W05', '2027-02-01', '2027-02-07', 7, false],
      ['2027-W06', '2027-02-08', '2027-02-14', 5, true]
    ])
  })

  it('sums and averages per day with data, rounded to 2 decimals, with week-over-week change', () => {
    const [w3, w4, w5, w6] = weeklyTrend(days, 4)
    expect(w3).toMatchObject({
      activeUsers: 70,
      engagedUsers: 35,
      avgActiveUsers: 10,
      avgEngagedUsers: 5
    })
    // Gaps do not drag the average down: 5 days of 20.
    expect(w4).toMatchObject({
      activeUsers: 100,
      engagedUsers: 50,
      avgActiveUsers: 20,
      avgEngagedUsers: 10
    })
    expect(w4.avgActiveUsersChangePct).toBe(100)
    expect(w5).toMatchObject({
      activeUsers: 231,
      avgActiveUsers: 33,
      avgEngagedUsers: 20
    })
    expect(w5.avgActiveUsersChangePct).toBe(65)
    expect(w6.avgActiveUsersChangePct).toBe(21.21)
    expect(w6.avgEngagedUsersChangePct).toBe(50)
    expect(w6.engagedShare).toBe(0.75)
  })

  it('takes weekly active users from the last day with data, never a sum', () => {
    const [w3, , w5, w6] = weeklyTrend(days, 4)
    expect(w3.weeklyActiveUsers).toBe(17)
    expect(w5.weeklyActiveUsers).toBe(54)
    expect(w6.weeklyActiveUsers).toBe(55)
  })

  it('labels weeks across the year boundary and leaves out weeks without data', () => {
    const trend = weeklyTrend(days, 8)
    expect(trend.map((w) => w.week)).toEqual([
      '2026-W52',
      '2026-W53',
      '2027-W02',
      '2027-W03',
      '2027-W04',
      '2027-W05',
      '2027-W06'
    ])
    const w53 = trend[1]
    expect([w53.start, w53.end, w53.days]).toEqual([
      '2026-12-28',
      '2027-01-03',
      7
    ])
    // The week before 2027-W02 has no data: no change is claimed.
    expect(trend[2].avgActiveUsersChangePct).toBeNull()
  })

  it('reads the week before the window so the first week has a change', () => {
    const [first] = weeklyTrend(days, 1)
    expect(first.week).toBe('2027-W06')
    expect(first.avgActiveUsersChangePct).toBe(21.21)
  })

  it('rounds averages to 2 decimals like the guide', () => {
    const three = ['2026-11-16', '2026-11-17', '2026-11-18'].map((d, i) =>
      storedDay(d, [10, 10, 11][i], [1, 2, 2][i])
    )
    const [week] = weeklyTrend(three, 1)
    expect(week.avgActiveUsers).toBe(10.33)
    expect(week.avgEngagedUsers).toBe(1.67)
  })

  it('is empty without days and handles a single day', () => {
    expect(weeklyTrend([], 4)).toEqual([])
    const [week] = weeklyTrend([storedDay('2026-11-18', 5, 0)], 4)
    expect(week).toMatchObject({
      days: 1,
      partial: true,
      engagedShare: 0,
      avgActiveUsersChangePct: null
    })
  })

  it('does not depend on array positions (the guide chunks by index, which breaks past 28 days)', () => {
    const shuffledGaps = days.filter(
      (d) => d.date !== addDays('2027-02-12', -1)
    )
    const trend = weeklyTrend(shuffledGaps, 1)
    expect(trend[0]).toMatchObject({ week: '2027-W06', days: 4 })
  })
})
