import { describe, expect, it, jest } from '@jest/globals'
import {
  FIXED_NOW,
  freshNames,
  inputs,
  runAction,
  useFakeGitHub
} from './helpers.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub()
const DAY_MS = 86_400_000
/** Monday of the ISO week `weeksAgo` weeks before this one, as a day offset from today. */
function mondayOffset(weeksAgo: number): number {
  const weekday = (new Date(FIXED_NOW).getUTCDay() + 6) % 7 // 0 = Monday
  return -weekday - 7 * weeksAgo
}
const dateAt = (offset: number) =>
  new Date(Date.parse(FIXED_NOW) + offset * DAY_MS).toISOString().slice(0, 10)

interface Week {
  weeksAgo: number
  days: number
  active: number
  seats?: number
}

/** A history file of known figures: `days` days from each week's Monday, and the week's seats on its Monday. */
function knownHistory(org: string, weeks: Week[]): string {
  const days: unknown[] = []
  const seats: unknown[] = []
  for (const week of weeks) {
    const monday = mondayOffset(week.weeksAgo)
    for (let i = 0; i < week.days; i++) {
      const date = dateAt(monday + i)
      days.push({
        date,
        source: 'reports',
        fetchedAt: '2026-01-01T00:00:00.000Z',
        summary: {
          activeUsers: week.active,
          engagedUsers: Math.floor(week.active / 2),
          weeklyActiveUsers: null
        },
        record: { day: date, daily_active_users: week.active }
      })
    }
    if (week.seats !== undefined)
      seats.push({
        date: dateAt(monday),
        fetchedAt: '2026-01-01T00:00:00.000Z',
        summary: {
          total: week.seats,
          activeThisCycle: null,
          inactiveThisCycle: null,
          pendingInvitation: null,
          pendingCancellation: null,
          addedThisCycle: null
        },
        record: { seat_breakdown: { total: week.seats } }
      })
  }
  return JSON.stringify({
    schemaVersion: 1,
    scope: { kind: 'organization', organization: org },
    source: 'reports',
    days,
    seats
  })
}

/** A repository whose data branch holds the known history; GitHub has published nothing newer. */
function seeded(prefix: string, weeks: Week[]) {
  const names = freshNames(prefix)
  gh.repo(names.repo).commitFiles('copilot-metrics', {
    [`copilot-metrics/organization-${names.org}.json`]: knownHistory(
      names.org,
      weeks
    )
  })
  return names
}

describe('seat utilization and adoption alerts', () => {
  // Week 3 ago: 50 active a day. Week 2 ago: 35 a day (-30%) with 100 seats. Last week: partial, 2 days of 10.
  const dropping: Week[] = [
    { weeksAgo: 3, days: 7, active: 50 },
    { weeksAgo: 2, days: 7, active: 35, seats: 100 },
    { weeksAgo: 1, days: 2, active: 10, seats: 100 }
  ]

  it('computes utilization and fires both alerts on the latest full week, as information', async () => {
    const names = seeded('alerts', dropping)
    const result = await runAction({
      inputs: {
        ...inputs(gh, names),
        'alert-drop-percent': '20',
        'alert-min-utilization': '50%',
        weeks: '4'
      }
    })
    expect(result.code).toBe(0)
    expect(result.errors).toEqual([])
    const full = JSON.parse(result.outputs['latest-full-week'])
    expect(full).toMatchObject({
      avgActiveUsers: 35,
      avgActiveUsersChangePct: -30,
      seats: 100,
      utilization: 0.35,
      engagedShare: 0.4857
    })
    expect(result.outputs['latest-full-week-utilization']).toBe('0.35')
    expect(result.outputs['latest-week-utilization']).toBe('0.1')
    expect(result.outputs.alert).toBe('true')
    const reasons = JSON.parse(result.outputs['alert-reasons'])
    expect(
      reasons.map(
        (r: {
          kind: string
          week: string
          value: number
          threshold: number
        }) => [r.kind, r.value, r.threshold]
      )
    ).toEqual([
      ['active-users-drop', -30, -20],
      ['low-utilization', 0.35, 0.5]
    ])
    expect(reasons[0].week).toBe(full.week)
    expect(result.warnings.join('\n')).toContain(
      `Average daily active users fell 30% in ${full.week}`
    )
    expect(result.warnings.join('\n')).toContain('Seat utilization was 35%')
    // The alert is the first thing under the heading.
    const lines = result.summary.split('\n')
    expect(lines[2]).toBe('> [!WARNING]')
    expect(lines[3]).toBe(
      `> - Average daily active users fell 30% in ${full.week} &#40;alert at a fall of 20% or more&#41;&#46;`
    )
    expect(lines[4]).toMatch(/^> - Seat utilization was 35% in /)
    expect(result.summary).toContain('| Utilization |')
  })

  it('fails the step when alert-fail is true, after writing outputs and summary', async () => {
    const names = seeded('alertfail', dropping)
    const result = await runAction({
      inputs: {
        ...inputs(gh, names),
        'alert-drop-percent': '20',
        'alert-fail': 'true'
      }
    })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toMatch(
      /^An alert fired and alert-fail is true: organization alertfail-\d+: Average daily active users fell 30%/
    )
    expect(result.outputs.alert).toBe('true')
  })

  it('never alerts on a partial week, however far it falls', async () => {
    const names = seeded('partial', [
      { weeksAgo: 3, days: 7, active: 50 },
      { weeksAgo: 2, days: 7, active: 50, seats: 60 },
      { weeksAgo: 1, days: 3, active: 5, seats: 60 }
    ])
    const result = await runAction({
      inputs: {
        ...inputs(gh, names),
        'alert-drop-percent': '20',
        'alert-min-utilization': '0.5'
      }
    })
    expect(result.code).toBe(0)
    const weeks = JSON.parse(result.outputs['weekly-trend'])
    expect(weeks.at(-1)).toMatchObject({
      partial: true,
      avgActiveUsersChangePct: -90,
      utilization: 0.0833
    })
    expect(result.outputs.alert).toBe('false')
    expect(result.outputs['alert-reasons']).toBe('[]')
    expect(result.warnings.join('\n')).not.toContain('Alert')
    expect(result.summary).not.toContain('[!WARNING]')
  })

  it('is silent without thresholds', async () => {
    const names = seeded('quiet', dropping)
    const result = await runAction({ inputs: inputs(gh, names) })
    expect(result.outputs.alert).toBe('false')
    expect(result.outputs['latest-full-week-utilization']).toBe('0.35')
  })
})
