// The pure parts of "a history you can trust": later copies win, checks are
// kept for days not served, ratios come from unrounded sums, and a team flag
// false for every member counts 0.
import { describe, expect, it } from '@jest/globals'
import { changedSince } from '../../../src/history/merge.js'
import { updateChecks } from '../../../src/history/checks.js'
import { TeamDayAggregator } from '../../../src/sources/reports/team-aggregate.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { seatsEntry, storedDay } from '../days.js'

const at = (day: ReturnType<typeof storedDay>, fetchedAt: string) => ({
  ...day,
  fetchedAt
})

describe('changedSince: after a lost race, the other run keeps its days', () => {
  it('names the days another run added or rewrote since the first read, not the others', () => {
    const before = [
      at(storedDay('2026-11-19', 9, 4), '2026-11-22T06:00:00Z'),
      at(storedDay('2026-11-20', 10, 5), '2026-11-22T06:00:00Z')
    ]
    const after = [
      before[0],
      at(storedDay('2026-11-20', 12, 6), '2026-11-23T06:00:05Z'),
      at(storedDay('2026-11-21', 7, 3), '2026-11-23T06:00:05Z')
    ]
    expect([...changedSince(before, after)]).toEqual([
      '2026-11-20',
      '2026-11-21'
    ])
    expect(changedSince(before, before).size).toBe(0)
  })
})

describe('updateChecks', () => {
  it('records a day asked and not served, counts attempts, and drops stored or expired days', () => {
    const checks = updateChecks(
      {
        '2026-01-01': {
          lastCheckedAt: '2026-11-01T00:00:00Z',
          status: 'pending',
          attempts: 9
        },
        '2026-11-10': {
          lastCheckedAt: '2026-11-22T00:00:00Z',
          status: 'pending',
          attempts: 2
        },
        '2026-11-11': {
          lastCheckedAt: '2026-11-22T00:00:00Z',
          status: 'pending',
          attempts: 1
        }
      },
      {
        fetched: [
          {
            date: '2026-11-10',
            status: 'no-data',
            checkedAt: '2026-11-23T06:00:00Z'
          },
          {
            date: '2026-11-11',
            status: 'fetched',
            checkedAt: '2026-11-23T06:00:00Z'
          },
          {
            date: '2026-11-21',
            status: 'pending',
            checkedAt: '2026-11-23T06:00:00Z'
          }
        ],
        stored: new Set(['2026-11-11']),
        from: '2026-02-01'
      }
    )
    expect(checks).toEqual({
      '2026-11-10': {
        lastCheckedAt: '2026-11-23T06:00:00Z',
        status: 'no-data',
        attempts: 3
      },
      '2026-11-21': {
        lastCheckedAt: '2026-11-23T06:00:00Z',
        status: 'pending',
        attempts: 1
      }
    })
  })
})

describe('weeklyTrend ratios', () => {
  it('divides unrounded sums: 168/197 is 0.8528, not 0.8529', () => {
    // One day of 197 active and 168 engaged users; a second week of the
    // same share, spread so the averages round.
    const days = [
      storedDay('2026-11-16', 66, 56),
      storedDay('2026-11-17', 66, 56),
      storedDay('2026-11-18', 65, 56)
    ]
    const [week] = weeklyTrend(days, 1)
    expect(week.avgActiveUsers).toBe(65.67)
    expect(week.avgEngagedUsers).toBe(56)
    expect(week.engagedShare).toBe(0.8528)
  })

  it('computes utilization and the weekly change from unrounded averages', () => {
    const days = [
      storedDay('2026-11-09', 1, 1),
      storedDay('2026-11-10', 1, 1),
      storedDay('2026-11-11', 2, 1),
      storedDay('2026-11-16', 2, 1),
      storedDay('2026-11-17', 2, 1),
      storedDay('2026-11-18', 2, 1)
    ]
    const seats = [seatsEntry('2026-11-18', 3, '2026-11-18T00:00:00Z')]
    const trend = weeklyTrend(days, 1, seats)
    const last = trend[trend.length - 1]
    // 2 / (4/3) − 1 = 50%; from the rounded 1.33 it would be 50.38%.
    expect(last.avgActiveUsersChangePct).toBe(50)
    expect(last.utilization).toBe(0.6667)
  })
})

describe('team flags', () => {
  it('counts a flag false (or null) for every member as 0, and leaves out a flag no row has', () => {
    const team = new TeamDayAggregator('platform', 1, 2)
    team.add({
      day: '2026-11-20',
      user_id: 1,
      used_chat: false,
      used_copilot_code_review_active: null
    })
    team.add({
      day: '2026-11-20',
      user_id: 2,
      used_chat: false,
      used_copilot_code_review_active: false
    })
    const record = team.record('2026-11-20')
    expect(record.daily_active_chat_users).toBe(0)
    expect(record.daily_active_copilot_code_review_users).toBe(0)
    expect('daily_active_cli_users' in record).toBe(false)
  })
})
