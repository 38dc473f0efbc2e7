import { describe, expect, it, jest } from '@jest/globals'
import { addDays, isoWeek } from '../../src/common/dates.js'
import {
  aggregateRecord,
  githubActiveCounts,
  loginFor,
  mulberry32,
  userRecords,
  userTeamRecords
} from '../support/sample-data.js'
import {
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub,
  type FakeGitHub
} from './helpers.js'

jest.setTimeout(90_000)

/** Every file on the data branch (the history's index and shards, the dashboard), as one text. */
function branchText(gh: FakeGitHub, repo: string): string {
  return gh
    .repo(repo)
    .listFiles('copilot-metrics')
    .map((path) => gh.repo(repo).readFile('copilot-metrics', path) ?? '')
    .join('\n')
}

const gh = useFakeGitHub()
type Kind = 'organization' | 'enterprise' | 'team' | 'enterprise-team'
const enterpriseKind = (kind: Kind): boolean =>
  kind === 'enterprise' || kind === 'enterprise-team'
const TEAM = 'platform'

/** 40 people; the platform team is every third one plus a few others. */
const POPULATION = Array.from(
  { length: 40 },
  (_, i) => 7_340_000_000 + i * 1_013
)
const inTeam = (id: number): boolean =>
  POPULATION.indexOf(id) % 3 === 0 || POPULATION.indexOf(id) % 7 === 1

interface DayUsers {
  active: number[]
  engaged: number[]
}

/** Who each served day holds, and every id and login the fake served. */
interface Seeded {
  days: Map<string, DayUsers>
  ids: Set<number>
}

/**
 * Serves every day from `from` to `to`: each person is active with a chance
 * of 30% (weekends 10%), so the ISO week's distinct users are far more than
 * any day's; GitHub's weekly and monthly fields are computed from the rows
 * served, as GitHub does (week to date from Sunday, month to date).
 */
function seed(
  scopeKey: string,
  from: string,
  to: string,
  extra: Record<string, number[]> = {},
  into: Seeded = { days: new Map(), ids: new Set() }
): Seeded {
  const scope = scopeKey.startsWith('enterprises/')
    ? 'enterprise'
    : 'organization'
  const served = new Map<string, Set<number>>()
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const rng = mulberry32(Number(date.replaceAll('-', '')))
    const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay())
    const ids = [
      ...POPULATION.filter(() => rng() < (weekend ? 0.1 : 0.3)),
      ...(extra[date] ?? [])
    ]
    const users = userRecords({
      day: date,
      scope,
      count: ids.length,
      engagedCount: Math.ceil(ids.length * 0.6),
      seed: date
    }).map((user, k) => ({
      ...user,
      user_id: ids[k],
      user_login: loginFor(ids[k])
    }))
    served.set(date, new Set(ids))
    ids.forEach((id) => into.ids.add(id))
    into.days.set(date, {
      active: ids,
      engaged: users
        .filter(
          (u) =>
            u.user_initiated_interaction_count > 0 ||
            u.code_acceptance_activity_count > 0
        )
        .map((u) => u.user_id)
    })
    const { weeklyActiveUsers, monthlyActiveUsers } = githubActiveCounts(
      served,
      date
    )
    const memberships = POPULATION.filter(inTeam).map((userId) => ({
      userId,
      teamId: 41,
      slug: TEAM
    }))
    gh.reports.setDay(scopeKey, date, {
      aggregate: aggregateRecord({
        day: date,
        scope,
        users,
        dailyActiveUsers: users.length,
        weeklyActiveUsers,
        monthlyActiveUsers
      }),
      users,
      userTeams: userTeamRecords({ day: date, scope, memberships }),
      shards: 2
    })
  }
  return into
}

/** The distinct active and engaged users of the stored days from `start` to `end`, for the scope's people. */
function expected(
  seeded: Seeded,
  kind: Kind,
  stored: readonly string[],
  start: string,
  end: string
): { active: number; engaged: number } {
  const member = (id: number): boolean =>
    kind === 'team' || kind === 'enterprise-team' ? inTeam(id) : true
  const active = new Set<number>()
  const engaged = new Set<number>()
  for (const date of stored.filter((d) => d >= start && d <= end)) {
    const users = seeded.days.get(date)!
    users.active.filter(member).forEach((id) => active.add(id))
    users.engaged.filter(member).forEach((id) => engaged.add(id))
  }
  return { active: active.size, engaged: engaged.size }
}

function scopeInputs(kind: Kind, owner: string): Record<string, string> {
  return {
    scope: kind,
    [enterpriseKind(kind) ? 'enterprise' : 'organization']: owner,
    ...(kind === 'team' || kind === 'enterprise-team' ? { team: TEAM } : {})
  }
}

const historyPath = (kind: Kind, owner: string): string =>
  kind === 'team' || kind === 'enterprise-team'
    ? `copilot-metrics/${kind}-${owner}-${TEAM}.json`
    : `copilot-metrics/${kind}-${owner}.json`

interface Week {
  week: string
  start: string
  end: string
  days: number
  partial: boolean
  weeklyActiveUsers: number | null
  weeklyEngagedUsers: number | null
}
interface Month {
  month: string
  start: string
  end: string
  days: number
  daysInMonth: number
  partial: boolean
  monthlyActiveUsers: number | null
  monthlyEngagedUsers: number | null
}

/** The newest published day: never a Sunday, so the newest ISO week is partial. */
const newestDay = (): string =>
  new Date(`${day(-2)}T00:00:00Z`).getUTCDay() === 0 ? day(-3) : day(-2)

async function backfill(gh: FakeGitHub, kind: Kind) {
  const names = freshNames(`distinct-${kind}`)
  const key = `${enterpriseKind(kind) ? 'enterprises' : 'orgs'}/${names.org}`
  const to = newestDay()
  const seeded = seed(key, day(-45), to)
  const result = await runAction({
    inputs: {
      ...inputs(gh, names),
      ...scopeInputs(kind, names.org),
      'backfill-days': '40',
      weeks: '8'
    }
  })
  expect(result.errors).toEqual([])
  const text = branchText(gh, names.repo)
  const history = readHistory(gh, names.repo, historyPath(kind, names.org))!
  return { names, key, to, seeded, result, text, history }
}

describe('distinct weekly and monthly users, end to end through dist/index.js', () => {
  it.each(['organization', 'enterprise', 'team', 'enterprise-team'] as const)(
    '%s: each ISO week and calendar month counts each person once, and no id is stored',
    async (kind) => {
      const { seeded, result, text, to, history } = await backfill(gh, kind)
      const stored = history.days.map((d) => d.date)
      expect(stored.length).toBeGreaterThanOrEqual(38)

      const weeks = JSON.parse(result.outputs['weekly-trend']) as Week[]
      expect(weeks).toHaveLength(
        new Set(stored.map((date) => isoWeek(date).start)).size
      )
      for (const week of weeks) {
        const want = expected(seeded, kind, stored, week.start, week.end)
        expect([
          week.week,
          week.weeklyActiveUsers,
          week.weeklyEngagedUsers
        ]).toEqual([week.week, want.active, want.engaged])
      }
      // The newest week is partial and gives its count so far.
      const newest = weeks.at(-1)!
      expect(newest.end > to).toBe(true)
      expect(newest.partial).toBe(true)
      expect(newest.weeklyActiveUsers).toBeGreaterThan(0)

      const full = weeks.filter((w) => !w.partial).at(-1)!
      expect(result.outputs['latest-full-week-weekly-active-users']).toBe(
        String(full.weeklyActiveUsers)
      )
      // A full week's distinct users are more than its busiest day's.
      const busiest = Math.max(
        ...stored
          .filter((d) => d >= full.start && d <= full.end)
          .map((d) => expected(seeded, kind, stored, d, d).active)
      )
      expect(full.weeklyActiveUsers!).toBeGreaterThan(busiest)
      expect(result.summary).toContain(
        `**${full.weeklyActiveUsers}** weekly active users`
      )

      const months = JSON.parse(result.outputs['monthly-trend']) as Month[]
      expect(months.map((m) => m.month)).toEqual([
        ...new Set(stored.map((d) => d.slice(0, 7)))
      ])
      for (const month of months) {
        const want = expected(seeded, kind, stored, month.start, month.end)
        expect([
          month.month,
          month.monthlyActiveUsers,
          month.monthlyEngagedUsers
        ]).toEqual([month.month, want.active, want.engaged])
      }
      const month = months.at(-1)!
      expect(month.partial).toBe(month.days < month.daysInMonth)

      // GitHub's own field is kept as received (a team's record has none).
      const served = new Map(
        [...seeded.days].map(([d, u]) => [d, new Set(u.active)])
      )
      expect(history.days.at(-1)!.record.weekly_active_users).toBe(
        kind === 'team' || kind === 'enterprise-team'
          ? undefined
          : githubActiveCounts(served, to).weeklyActiveUsers
      )

      // No id or login the fake served reaches the history, the log, the
      // summary or the outputs.
      expect(seeded.ids.size).toBe(POPULATION.length)
      const leaks = [...seeded.ids].flatMap((id) =>
        [String(id), loginFor(id)].filter(
          (needle) =>
            text.includes(needle) ||
            result.stdout.includes(needle) ||
            result.summary.includes(needle) ||
            Object.values(result.outputs).some((value) =>
              value.includes(needle)
            )
        )
      )
      expect(leaks).toEqual([])
    }
  )

  it('counts a week and its month again when GitHub revises one of its days', async () => {
    const kind = 'organization'
    const { names, key, to, seeded, result } = await backfill(gh, kind)
    const before = (JSON.parse(result.outputs['weekly-trend']) as Week[]).at(
      -1
    )!
    const monthBefore = (
      JSON.parse(result.outputs['monthly-trend']) as Month[]
    ).at(-1)!

    // GitHub revises the newest day: one more person, seen nowhere else.
    const newcomer = 7_349_999_999
    seed(key, to, to, { [to]: [newcomer] }, seeded)
    const again = await runAction({
      inputs: {
        ...inputs(gh, names),
        ...scopeInputs(kind, names.org),
        weeks: '8'
      }
    })
    expect(again.errors).toEqual([])
    expect(again.outputs['days-updated']).toBe('1')
    const after = (JSON.parse(again.outputs['weekly-trend']) as Week[]).at(-1)!
    const monthAfter = (
      JSON.parse(again.outputs['monthly-trend']) as Month[]
    ).at(-1)!
    expect(after.week).toBe(before.week)
    expect(after.weeklyActiveUsers).toBe(before.weeklyActiveUsers! + 1)
    expect(monthAfter.monthlyActiveUsers).toBe(
      monthBefore.monthlyActiveUsers! + 1
    )
    const text = branchText(gh, names.repo)
    expect(text).not.toContain(String(newcomer))
    expect(text).not.toContain(loginFor(newcomer))

    // A run with nothing new reads no per-user rows again and commits nothing.
    const quiet = await runAction({
      inputs: {
        ...inputs(gh, names),
        ...scopeInputs(kind, names.org),
        weeks: '8'
      }
    })
    expect(quiet.outputs['history-commit']).toBe('')
    expect(quiet.stdout).not.toContain('Distinct users: read')
  })
})
