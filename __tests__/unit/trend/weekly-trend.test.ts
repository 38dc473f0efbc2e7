import { describe, expect, it } from '@jest/globals'
import { addDays, dayRange } from '../../../src/common/dates.js'
import type { StoredDay } from '../../../src/day/stored-day.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { storedDay } from '../days.js'
import {
  countDistinctUsers,
  type ReadDayUsers
} from '../../../src/history/distinct-counts.js'
import { WHOLE_SCOPE } from '../../../src/sources/reports/distinct-users.js'

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

  it("takes weekly active users from the distinct count to date of the week's last day with data, never a sum", () => {
    const [w3, , w5, w6] = weeklyTrend(days, 4)
    expect(w3.weeklyActiveUsers).toBe(17)
    expect(w5.weeklyActiveUsers).toBe(54)
    expect(w6.weeklyActiveUsers).toBe(55)
    expect(w6.weeklyEngagedUsers).toBe(30)
  })

  it("has none for days never counted, whatever GitHub's own field says", () => {
    // GitHub's weekly_active_users (summary.weeklyActiveUsers) is week to date
    // from Sunday: not the ISO week's figure, so it is never used.
    const uncounted = days.map((day) => ({ ...day, distinct: undefined }))
    const [w3] = weeklyTrend(uncounted, 4)
    expect(uncounted[0].summary.weeklyActiveUsers).toBe(12)
    expect([w3.weeklyActiveUsers, w3.weeklyEngagedUsers]).toEqual([null, null])
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

/** Who was active (and engaged) each day of 2026-W46, Nov 9 (Mon) to Nov 15 (Sun). */
const WEEK: Record<string, { active: number[]; engaged: number[] }> = {
  '2026-11-09': { active: [1, 2, 3], engaged: [1, 2] },
  '2026-11-10': { active: [1, 2, 4], engaged: [4] },
  '2026-11-11': { active: [2, 3], engaged: [] },
  '2026-11-12': { active: [1, 5], engaged: [5] },
  '2026-11-13': { active: [1, 2], engaged: [1] },
  '2026-11-14': { active: [6], engaged: [] },
  '2026-11-15': { active: [2, 3], engaged: [2] }
}

/** The week's days as stored, with GitHub's own week-to-date-from-Sunday figure. */
function weekDays(): StoredDay[] {
  let sinceSunday = new Set<number>()
  return Object.entries(WEEK).map(([date, users]) => {
    // Nov 15 is a Sunday: GitHub's week starts again.
    if (date === '2026-11-15') sinceSunday = new Set()
    users.active.forEach((id) => sinceSunday.add(id))
    const day = storedDay(date, users.active.length, users.engaged.length)
    return {
      ...day,
      summary: { ...day.summary, weeklyActiveUsers: sinceSunday.size }
    }
  })
}

const readWeek: ReadDayUsers = (date) =>
  Promise.resolve(
    new Map([
      [
        WHOLE_SCOPE,
        {
          active: new Set(WEEK[date].active),
          engaged: new Set(WEEK[date].engaged)
        }
      ]
    ])
  )

describe('weeklyTrend: distinct users of the ISO week', () => {
  it("counts each person once over Monday to Sunday, where GitHub's Sunday figure counts Sunday alone", async () => {
    const days = weekDays()
    const target = {
      history: { days },
      added: days.map((d) => d.date),
      updated: [],
      changed: false
    }
    await countDistinctUsers([target], [WHOLE_SCOPE], readWeek, '2026-11-01')
    const [week] = weeklyTrend(target.history.days, 1)
    expect(week.week).toBe('2026-W46')
    // Six people used Copilot that week, four of them engaged.
    expect(week.weeklyActiveUsers).toBe(6)
    expect(week.weeklyEngagedUsers).toBe(4)
    // What the trend used to show: Sunday's weekly_active_users.
    expect(days[6].summary.weeklyActiveUsers).toBe(2)
    // Never a sum of daily users either.
    expect(week.activeUsers).toBe(15)
  })

  it('gives a partial week its count so far', async () => {
    const days = weekDays().slice(0, 3)
    const target = { history: { days }, added: [], updated: [], changed: false }
    await countDistinctUsers([target], [WHOLE_SCOPE], readWeek, '2026-11-01')
    const [week] = weeklyTrend(target.history.days, 1)
    expect(week).toMatchObject({
      partial: true,
      days: 3,
      weeklyActiveUsers: 4,
      weeklyEngagedUsers: 3
    })
  })

  it('shows no count for a week with a day without per-user rows', async () => {
    const days = weekDays()
    days[2] = { ...days[2], source: 'legacy' }
    const target = { history: { days }, added: [], updated: [], changed: false }
    await countDistinctUsers([target], [WHOLE_SCOPE], readWeek, '2026-11-01')
    const [week] = weeklyTrend(target.history.days, 1)
    expect(week.weeklyActiveUsers).toBeNull()
    expect(week.weeklyEngagedUsers).toBeNull()
    // Monday and Tuesday were counted before the legacy day.
    expect(target.history.days[1].distinct?.weekToDate).toEqual({
      activeUsers: 4,
      engagedUsers: 3
    })
  })
})
