// Figures of one week whose expected values tell the plausible wrong
// computations apart (each figure below differs under each of them).
import { describe, expect, it } from '@jest/globals'
import type { SeatsEntry } from '../../../src/day/stored-day.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { seatsEntry, storedDay } from '../days.js'

/** Monday 2026-11-16 to Sunday 2026-11-22 (ISO week 2026-W47). */
const WEEK = ['2026-11-16', '2026-11-17', '2026-11-18']

function seatsOn(date: string, total: number): SeatsEntry {
  return seatsEntry(date, total)
}

describe('weekly trend figures', () => {
  // 10, 10, 11 active: the average is 10.33 (10.333… unrounded, 10 whole).
  const days = WEEK.map((date, i) =>
    storedDay(date, [10, 10, 11][i], 5, [58, 60, 57][i])
  )

  it("takes weekly active users from the week's last day, not its first or its largest", () => {
    // 58, 60, 57: the first is 58, the largest 60, the last 57.
    const [week] = weeklyTrend(days, 1)
    expect(week.weeklyActiveUsers).toBe(57)
  })

  it('computes utilization from the unrounded average, rounded to 4 decimals only at the end', () => {
    const [week] = weeklyTrend(days, 1, [seatsOn('2026-11-16', 20)])
    expect(week.avgActiveUsers).toBe(10.33)
    // 10.333… / 20; not the displayed 10.33 / 20 = 0.5165 nor 10 / 20 = 0.5.
    expect(week.utilization).toBe(0.5167)
  })

  it("takes the week's seats from its last entry, Sunday included, never from the next week", () => {
    const seats = [
      seatsOn('2026-11-15', 99), // the Sunday before
      seatsOn('2026-11-16', 50),
      seatsOn('2026-11-19', 30),
      seatsOn('2026-11-22', 25), // Sunday, last day of the week
      seatsOn('2026-11-23', 99) // the Monday after
    ]
    const [week] = weeklyTrend(days, 1, seats)
    expect(week.seats).toBe(25)
    expect(week.utilization).toBe(0.4133)
    expect(weeklyTrend(days, 1, seats.slice(0, 3))[0].seats).toBe(30)
    expect(weeklyTrend(days, 1, [seatsOn('2026-11-23', 9)])[0]).toMatchObject({
      seats: null,
      utilization: null
    })
  })

  it('claims no change against a week of zero active users, and no engaged share without active users', () => {
    const quiet = [
      storedDay('2026-11-09', 0, 0),
      storedDay('2026-11-16', 0, 0),
      storedDay('2026-11-23', 4, 2)
    ]
    const [zero, last] = weeklyTrend(quiet, 2)
    expect(zero.week).toBe('2026-W47')
    expect(zero.engagedShare).toBeNull()
    expect(zero.avgActiveUsersChangePct).toBeNull()
    expect(last.avgActiveUsersChangePct).toBeNull()
    expect(last.engagedShare).toBe(0.5)
  })

  it('averages a figure over the days that have it, and the acceptance rate over days with both figures', () => {
    const mixed = [
      storedDay('2026-11-16', 5, 1, null, {
        code_generation_activity_count: 100,
        code_acceptance_activity_count: 30,
        loc_added_sum: 40
      }),
      // Stored before GitHub sent acceptances or lines: generations only.
      storedDay('2026-11-17', 5, 1, null, {
        code_generation_activity_count: 100
      }),
      storedDay('2026-11-18', 5, 1, null, {})
    ]
    const [week] = weeklyTrend(mixed, 1)
    expect(week.codeGenerations).toBe(200)
    expect(week.codeAcceptances).toBe(30)
    expect(week.acceptanceRate).toBe(0.3)
    expect(week.locAdded).toBe(40)
    expect(week.avgLocAdded).toBe(40)
  })
})
