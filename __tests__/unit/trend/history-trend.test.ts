import { describe, expect, it } from '@jest/globals'
import { dayRange } from '../../../src/common/dates.js'
import type { SeatsEntry } from '../../../src/day/stored-day.js'
import { historyTrend } from '../../../src/trend/history-trend.js'
import { seatsEntry, storedDay } from '../days.js'

/** 2026-W45 at 50 active a day, 2026-W46 at 35 (-30%), seats 100 recorded in W46. */
const days = [
  ...dayRange('2026-11-02', '2026-11-08').map((d) => storedDay(d, 50, 25)),
  ...dayRange('2026-11-09', '2026-11-15').map((d) => storedDay(d, 35, 17))
]
const seats: SeatsEntry[] = [seatsEntry('2026-11-10', 100)]

describe('historyTrend', () => {
  it('is the weekly trend over the asked weeks, with the seats of the history', () => {
    const { trend } = historyTrend(
      { days, seats },
      { weeks: 1, alerts: { dropPercent: null, minUtilization: null } }
    )
    expect(
      trend.map((w) => [w.week, w.avgActiveUsersChangePct, w.seats])
    ).toEqual([['2026-W46', -30, 100]])
    expect(trend[0].utilization).toBe(0.35)
  })

  it('evaluates the alerts of the latest full week against the thresholds', () => {
    const { alerts } = historyTrend(
      { days, seats },
      { weeks: 4, alerts: { dropPercent: 20, minUtilization: 0.5 } }
    )
    expect(alerts.map((a) => [a.kind, a.week, a.value])).toEqual([
      ['active-users-drop', '2026-W46', -30],
      ['low-utilization', '2026-W46', 0.35]
    ])
  })

  it('has no seats and no utilization alert for a history without seats', () => {
    const result = historyTrend(
      { days },
      { weeks: 4, alerts: { dropPercent: null, minUtilization: 0.5 } }
    )
    expect(result.trend.map((w) => w.seats)).toEqual([null, null])
    expect(result.alerts).toEqual([])
  })
})
