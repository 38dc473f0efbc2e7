import { describe, expect, it } from '@jest/globals'
import { evaluateAlerts, type AlertWeek } from '../../../src/trend/alerts.js'

const week = (label: string, fields: Partial<AlertWeek>): AlertWeek => ({
  week: label,
  partial: false,
  avgActiveUsers: 40,
  avgActiveUsersChangePct: 0,
  seats: 100,
  utilization: 0.4,
  ...fields
})
const both = { dropPercent: 20, minUtilization: 0.5 }

describe('evaluateAlerts', () => {
  it('is silent when the thresholds are off', () => {
    expect(
      evaluateAlerts(
        [week('2026-W46', { avgActiveUsersChangePct: -90, utilization: 0.01 })],
        { dropPercent: null, minUtilization: null }
      )
    ).toEqual([])
  })

  it('alerts on a week-over-week fall at or beyond the threshold, and on low utilization', () => {
    const reasons = evaluateAlerts(
      [
        week('2026-W46', {
          avgActiveUsersChangePct: -20,
          utilization: 0.4,
          avgActiveUsers: 40
        })
      ],
      both
    )
    expect(reasons).toEqual([
      {
        kind: 'active-users-drop',
        week: '2026-W46',
        value: -20,
        threshold: -20,
        message:
          'Average daily active users fell 20% in 2026-W46 (alert at a fall of 20% or more).'
      },
      {
        kind: 'low-utilization',
        week: '2026-W46',
        value: 0.4,
        threshold: 0.5,
        message:
          'Seat utilization was 40% in 2026-W46: 40 average daily active users for 100 seats (alert below 50%).'
      }
    ])
  })

  it('does not alert just below the thresholds', () => {
    expect(
      evaluateAlerts(
        [
          week('2026-W46', {
            avgActiveUsersChangePct: -19.99,
            utilization: 0.5
          })
        ],
        both
      )
    ).toEqual([])
  })

  it('judges the latest full week; a partial week never alerts', () => {
    const trend = [
      week('2026-W45', { avgActiveUsersChangePct: 5, utilization: 0.6 }),
      week('2026-W46', {
        partial: true,
        avgActiveUsersChangePct: -80,
        utilization: 0.1
      })
    ]
    expect(evaluateAlerts(trend, both)).toEqual([])
    expect(
      evaluateAlerts(
        [week('2026-W46', { partial: true, avgActiveUsersChangePct: -80 })],
        both
      )
    ).toEqual([])
  })

  it('skips a figure the week does not have (no previous week, no seats)', () => {
    expect(
      evaluateAlerts(
        [
          week('2026-W46', { avgActiveUsersChangePct: null, utilization: null })
        ],
        both
      )
    ).toEqual([])
  })

  it('does not alert on a fall against a partial week, and still alerts on utilization', () => {
    // The history starts on a Thursday: 4 weekdays of 60 against a full week of 40.
    const reasons = evaluateAlerts(
      [
        week('2026-W45', { partial: true, avgActiveUsers: 60 }),
        week('2026-W46', { avgActiveUsersChangePct: -33.33, utilization: 0.4 })
      ],
      both
    )
    expect(reasons.map((reason) => reason.kind)).toEqual(['low-utilization'])
  })
})
