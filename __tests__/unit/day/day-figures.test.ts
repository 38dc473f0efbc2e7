import { describe, expect, it } from '@jest/globals'
import { dayFigures } from '../../../src/day/day-summary.js'
import { summarizeReportsDay } from '../../../src/sources/reports/records.js'
import type { StoredDay } from '../../../src/day/stored-day.js'
import { AggregateDaySchema } from '../../../src/sources/reports/records.js'
import { latestFullWeek, weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { storedDay } from '../days.js'
import { legacyStoredDay } from '../report/summary-fixtures.js'

const counters = {
  code_generation_activity_count: 100,
  code_acceptance_activity_count: 25,
  loc_added_sum: 300,
  user_initiated_interaction_count: 40,
  daily_active_copilot_code_review_users: 3,
  daily_active_copilot_cloud_agent_users: 2
}

describe('dayFigures', () => {
  it('reads the figures of a reports-API day from its record, also for days stored by older versions', () => {
    // What version 0.1 stored: a summary with the user counts only.
    const day = storedDay('2026-11-16', 10, 8, 15, counters)
    expect(dayFigures(day)).toEqual({
      activeUsers: 10,
      engagedUsers: 8,
      weeklyActiveUsers: 15,
      codeGenerations: 100,
      codeAcceptances: 25,
      locAdded: 300,
      interactions: 40,
      codeReviewUsers: 3,
      cloudAgentUsers: 2
    })
  })

  it('leaves a figure absent when the record lacks it (GitHub added the cloud agent counts in 2026-04) or holds no count', () => {
    const day = storedDay('2026-01-05', 10, 8, null, {
      ...counters,
      daily_active_copilot_cloud_agent_users: undefined,
      daily_active_copilot_code_review_users: -1,
      loc_added_sum: '300'
    })
    expect(dayFigures(day)).toMatchObject({
      weeklyActiveUsers: null,
      codeGenerations: 100,
      locAdded: null,
      codeReviewUsers: null,
      cloudAgentUsers: null
    })
  })

  it('takes a figure from the summary first: a source with another record shape stores its figures there', () => {
    const day: StoredDay = {
      ...storedDay('2026-03-02', 10, 8, null, counters),
      summary: {
        activeUsers: 10,
        engagedUsers: 8,
        weeklyActiveUsers: null,
        codeGenerations: 7,
        locAdded: null
      }
    }
    expect(dayFigures(day)).toMatchObject({
      codeGenerations: 7,
      locAdded: null,
      // Not in the summary: from the reports record.
      codeAcceptances: 25
    })
  })

  it('never reads a legacy-API record as if it were a reports record', () => {
    const day = legacyStoredDay('2026-03-02', 30, 20)
    expect(dayFigures(day)).toEqual({
      activeUsers: 30,
      engagedUsers: 20,
      weeklyActiveUsers: null,
      codeGenerations: null,
      codeAcceptances: null,
      locAdded: null,
      interactions: null,
      codeReviewUsers: null,
      cloudAgentUsers: null
    })
  })

  it('stores only the user counts at fetch time, so a day fetched again is not mistaken for a revision', () => {
    const record = AggregateDaySchema.parse({
      day: '2026-11-16',
      daily_active_users: 10,
      weekly_active_users: 15,
      ...counters
    })
    expect(summarizeReportsDay(record, 8)).toEqual({
      activeUsers: 10,
      engagedUsers: 8,
      weeklyActiveUsers: 15
    })
  })
})

describe('weeklyTrend: figures beyond active and engaged users', () => {
  const week = (overrides: Array<Record<string, unknown>>): StoredDay[] =>
    overrides.map((record, i) =>
      storedDay(`2026-11-${String(16 + i).padStart(2, '0')}`, 10, 8, 15, {
        ...counters,
        ...record
      })
    )

  it('sums volumes, averages them per day, and rates acceptances against generations', () => {
    const [trend] = weeklyTrend(
      week([
        {},
        {
          code_generation_activity_count: 300,
          code_acceptance_activity_count: 50,
          loc_added_sum: 101,
          user_initiated_interaction_count: 0,
          daily_active_copilot_code_review_users: 4,
          daily_active_copilot_cloud_agent_users: 1
        }
      ]),
      1
    )
    expect(trend).toMatchObject({
      codeGenerations: 400,
      codeAcceptances: 75,
      acceptanceRate: 0.1875,
      locAdded: 401,
      avgLocAdded: 200.5,
      interactions: 40,
      avgInteractions: 20,
      avgCodeReviewUsers: 3.5,
      avgCloudAgentUsers: 1.5
    })
  })

  it('averages over the days that have a figure, and gives null when none has it', () => {
    const days = week([{}, {}, {}])
    days[1] = legacyStoredDay(days[1].date, 10, 8)
    days[2] = storedDay(days[2].date, 10, 8, 15, {
      daily_active_copilot_code_review_users: 9
    })
    const [trend] = weeklyTrend(days, 1)
    expect(trend).toMatchObject({
      locAdded: 300,
      avgLocAdded: 300,
      avgCodeReviewUsers: 6,
      acceptanceRate: 0.25
    })
    const [legacyOnly] = weeklyTrend([legacyStoredDay('2026-03-02', 30, 20)], 1)
    expect(legacyOnly).toMatchObject({
      codeGenerations: null,
      codeAcceptances: null,
      acceptanceRate: null,
      locAdded: null,
      avgLocAdded: null,
      interactions: null,
      avgInteractions: null,
      avgCodeReviewUsers: null,
      avgCloudAgentUsers: null
    })
  })

  it('gives no acceptance rate without code generations', () => {
    const [trend] = weeklyTrend(
      week([
        { code_generation_activity_count: 0, code_acceptance_activity_count: 0 }
      ]),
      1
    )
    expect(trend.acceptanceRate).toBeNull()
  })
})

describe('latestFullWeek', () => {
  const days = (from: number, count: number): StoredDay[] =>
    Array.from({ length: count }, (_, i) =>
      storedDay(`2026-11-${String(from + i).padStart(2, '0')}`, 10 + i, 5)
    )

  it('is the newest week with 7 days of data, not the partial newest week', () => {
    const trend = weeklyTrend([...days(2, 7), ...days(9, 7), ...days(16, 3)], 4)
    expect(trend.map((w) => [w.week, w.partial])).toEqual([
      ['2026-W45', false],
      ['2026-W46', false],
      ['2026-W47', true]
    ])
    expect(latestFullWeek(trend)?.week).toBe('2026-W46')
  })

  it('is null when no week of the window is full', () => {
    expect(latestFullWeek(weeklyTrend(days(16, 3), 4))).toBeNull()
    expect(latestFullWeek([])).toBeNull()
  })
})
