import { describe, expect, it, jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  legacyDay,
  seedReports,
  userRecords,
  userTeamRecords
} from '../support/sample-data.js'
import {
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub
} from './helpers.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub()
type Kind = 'organization' | 'enterprise' | 'team' | 'enterprise-team'
const enterpriseKind = (kind: Kind) =>
  kind === 'enterprise' || kind === 'enterprise-team'

/** Inputs of one scope; the organization or enterprise is named after the test. */
function scopeInputs(
  kind: Kind,
  owner: string,
  team = 'platform'
): Record<string, string> {
  const base: Record<string, string> = { scope: kind }
  if (enterpriseKind(kind)) base.enterprise = owner
  else base.organization = owner
  if (kind === 'team' || kind === 'enterprise-team') base.team = team
  return base
}

/**
 * One day of a team-shaped reports API: 6 users are active; platform = users
 * 0, 1, 2; payments = users 2, 3 (user 2 is in both); user 4 and 5 are in no
 * team; tiny-team is left out of user-teams, like GitHub does below five seats.
 */
function seedTeamDay(scopeKey: string, date: string) {
  const scope = scopeKey.startsWith('enterprises/')
    ? 'enterprise'
    : 'organization'
  const users = userRecords({
    day: date,
    scope,
    count: 6,
    engagedCount: 4,
    seed: date
  })
  const ids = users.map((u) => u.user_id)
  const memberships = [
    ...[0, 1, 2].map((i) => ({ userId: ids[i], teamId: 11, slug: 'platform' })),
    ...[2, 3].map((i) => ({ userId: ids[i], teamId: 12, slug: 'payments' })),
    // a member who was not active that day: listed, but not in the users report
    { userId: 999_999, teamId: 11, slug: 'platform' }
  ]
  gh.reports.setDay(scopeKey, date, {
    aggregate: null,
    users,
    userTeams: userTeamRecords({ day: date, scope, memberships }),
    shards: 2
  })
  return {
    users,
    members: {
      platform: [0, 1, 2].map((i) => users[i]),
      payments: [2, 3].map((i) => users[i])
    }
  }
}

const engaged = (u: Record<string, unknown>) =>
  (u.user_initiated_interaction_count as number) > 0 ||
  (u.code_acceptance_activity_count as number) > 0
const total = (users: Record<string, unknown>[], field: string) =>
  users.reduce((n, u) => n + (u[field] as number), 0)

describe('every scope on both API generations, end to end through dist/index.js', () => {
  it.each(['organization', 'enterprise'] as const)(
    '%s on the reports API',
    async (kind) => {
      const names = freshNames(`rep-${kind}`)
      const key = `${enterpriseKind(kind) ? 'enterprises' : 'orgs'}/${names.org}`
      const seeded = seedReports(gh, key, {
        from: day(-40),
        to: day(-3),
        seed: 3
      })
      const result = await runAction({
        inputs: {
          ...inputs(gh, names),
          ...scopeInputs(kind, names.org),
          'backfill-days': '5'
        }
      })
      expect(result.errors).toEqual([])
      expect(result.outputs).toMatchObject({
        'days-added': '3',
        'days-pending': '2'
      })
      const history = readHistory(
        gh,
        names.repo,
        `copilot-metrics/${kind}-${names.org}.json`
      )!
      expect(history.scope).toEqual({
        kind,
        [enterpriseKind(kind) ? 'enterprise' : 'organization']: names.org
      })
      expect(
        history.days.map((d) => [d.date, d.source, d.summary.activeUsers])
      ).toEqual(
        seeded.slice(-3).map((s) => [s.day, 'reports', s.dailyActiveUsers])
      )
    }
  )

  it.each(['team', 'enterprise-team'] as const)(
    '%s on the reports API: users ⋈ user-teams',
    async (kind) => {
      const names = freshNames(`rep-${kind}`)
      const key = `${enterpriseKind(kind) ? 'enterprises' : 'orgs'}/${names.org}`
      const seeded = [day(-4), day(-3)].map((date) => ({
        date,
        ...seedTeamDay(key, date)
      }))
      const result = await runAction({
        inputs: {
          ...inputs(gh, names),
          ...scopeInputs(kind, names.org),
          'backfill-days': '4'
        }
      })
      expect(result.errors).toEqual([])
      const path = `copilot-metrics/${kind}-${names.org}-platform.json`
      expect(result.outputs).toMatchObject({
        'days-added': '2',
        'history-path': path
      })
      const history = readHistory(gh, names.repo, path)!
      expect(history.scope).toMatchObject({ kind, team: 'platform' })
      for (const [index, { date, members }] of seeded.entries()) {
        const stored = history.days[index]
        expect(stored.date).toBe(date)
        // Active: members present in the users report (the listed member who was not active is not counted).
        expect(stored.summary).toEqual({
          activeUsers: 3,
          engagedUsers: members.platform.filter(engaged).length,
          weeklyActiveUsers: null
        })
        expect(stored.record).toMatchObject({
          team_slug: 'platform',
          team_members_in_user_teams_report: 4,
          code_generation_activity_count: total(
            members.platform,
            'code_generation_activity_count'
          ),
          loc_added_sum: total(members.platform, 'loc_added_sum')
        })
      }
      expect(JSON.stringify(history)).not.toMatch(/user_login|"user_id"/)
    }
  )

  it.each(['organization', 'enterprise', 'team', 'enterprise-team'] as const)(
    '%s on the legacy API',
    async (kind) => {
      const names = freshNames(`leg-${kind}`)
      const owner = `${enterpriseKind(kind) ? 'enterprises' : 'orgs'}/${names.org}`
      const pathKey =
        kind === 'team' || kind === 'enterprise-team'
          ? `${owner}/team/platform`
          : owner
      const days = [day(-5), day(-4), day(-3), day(-2)].map((date, i) =>
        legacyDay({ date, activeUsers: 20 + i, engagedUsers: 10 + i })
      )
      gh.legacy.setDays(pathKey, days)
      const result = await runAction({
        inputs: {
          ...inputs(gh, names),
          ...scopeInputs(kind, names.org),
          api: 'legacy',
          'backfill-days': '5'
        }
      })
      expect(result.errors).toEqual([])
      expect(result.outputs).toMatchObject({
        'days-added': '4',
        'days-pending': '1'
      })
      const suffix =
        kind === 'team' || kind === 'enterprise-team' ? '-platform' : ''
      const history = readHistory(
        gh,
        names.repo,
        `copilot-metrics/${kind}-${names.org}${suffix}.json`
      )!
      expect(history.source).toBe('legacy')
      expect(
        history.days.map((d) => [
          d.date,
          d.source,
          d.summary.activeUsers,
          d.summary.engagedUsers
        ])
      ).toEqual(days.map((d, i) => [d.date, 'legacy', 20 + i, 10 + i]))
      // The day object as received.
      expect(history.days[0].record).toEqual(days[0])
      const request = gh.requests.find(
        (r) => r.path === `/${pathKey}/copilot/metrics`
      )!
      expect(request.query).toMatchObject({
        per_page: '100',
        since: `${day(-5)}T00:00:00Z`,
        until: `${day(-1)}T23:59:59Z`
      })
    }
  )
})

describe('team scopes', () => {
  it('computes several teams from one download per day; a user in two teams counts in both, a user in no team in none', async () => {
    const names = freshNames('multi')
    const key = `orgs/${names.org}`
    const { users, members } = seedTeamDay(key, day(-3))
    const start = gh.requests.length
    const result = await runAction({
      inputs: {
        ...inputs(gh, names),
        scope: 'team',
        organization: names.org,
        team: 'platform,payments,tiny-team',
        'backfill-days': '3'
      }
    })
    expect(result.errors).toEqual([])
    const requests = gh.requests.slice(start)
    // One users report and one user-teams report per day with data, for all
    // three teams; read once more, for all teams too, to count the week's and
    // month's distinct users.
    const usersCalls = requests.filter((r) => r.path.endsWith('/users-1-day'))
    expect(usersCalls.map((r) => r.query.day).sort()).toEqual([
      day(-3),
      day(-3)
    ])
    const platform = readHistory(
      gh,
      names.repo,
      `copilot-metrics/team-${names.org}-platform.json`
    )!
    const payments = readHistory(
      gh,
      names.repo,
      `copilot-metrics/team-${names.org}-payments.json`
    )!
    expect(platform.days[0].summary.activeUsers).toBe(3)
    expect(payments.days[0].summary.activeUsers).toBe(2)
    // User 2 is in both teams: its counts are in both.
    expect(payments.days[0].record.code_acceptance_activity_count).toBe(
      total(members.payments, 'code_acceptance_activity_count')
    )
    // Users 4 and 5 are in no team: the teams' sums exclude them.
    const inSomeTeam = new Set([...members.platform, ...members.payments])
    const outside = users.filter((u) => !inSomeTeam.has(u))
    expect(outside).toHaveLength(2)
    expect(
      (platform.days[0].record.user_initiated_interaction_count as number) +
        (payments.days[0].record.user_initiated_interaction_count as number)
    ).toBe(
      total(members.platform, 'user_initiated_interaction_count') +
        total(members.payments, 'user_initiated_interaction_count')
    )
    // The team below GitHub's five-seat threshold: no file, no zeros, and the summary says why.
    expect(
      gh
        .repo(names.repo)
        .readFile(
          'copilot-metrics',
          `copilot-metrics/team-${names.org}-tiny-team.json`
        )
    ).toBeNull()
    expect(result.summary).toContain(
      "No data: team below GitHub's five-seat threshold"
    )
    const teams = JSON.parse(result.outputs.teams)
    expect(
      teams.map(
        (t: {
          team: string
          daysAdded: number
          daysBelowThreshold: number
        }) => [t.team, t.daysAdded, t.daysBelowThreshold]
      )
    ).toEqual([
      ['platform', 1, 0],
      ['payments', 1, 0],
      ['tiny-team', 0, 1]
    ])
    // One commit for both files.
    const log = gh.repo(names.repo).log('copilot-metrics')
    expect(log).toHaveLength(1)
    expect(log[0].message).toContain('Copilot metrics of 2 teams')
  })
})

describe('legacy API', () => {
  it('follows every page (3 pages)', async () => {
    const names = freshNames('pages')
    const dates = Array.from({ length: 25 }, (_, i) => day(-26 + i))
    gh.legacy.setDays(
      `orgs/${names.org}`,
      dates.map((date) => legacyDay({ date, activeUsers: 5, engagedUsers: 3 }))
    )
    gh.legacy.setMaxPerPage(10)
    try {
      const result = await runAction({
        inputs: { ...inputs(gh, names), api: 'legacy', 'backfill-days': '28' }
      })
      expect(result.errors).toEqual([])
      expect(result.outputs['days-added']).toBe('25')
      const pages = gh.requests
        .filter((r) => r.path === `/orgs/${names.org}/copilot/metrics`)
        .map((r) => r.query.page ?? '1')
      expect(pages).toEqual(['1', '2', '3'])
    } finally {
      gh.legacy.setMaxPerPage(100)
    }
  })

  it('explains a 422 (the metrics API policy is disabled)', async () => {
    const names = freshNames('l422')
    gh.legacy.setStatus(`orgs/${names.org}`, 422, {
      message:
        'Copilot Usage Metrics API setting is disabled at the organization or enterprise level.'
    })
    const result = await runAction({
      inputs: { ...inputs(gh, names), api: 'legacy' }
    })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toContain(
      `The legacy Copilot metrics API is disabled for the organization ${names.org} (422`
    )
    expect(result.errors[0]).toContain(
      'Enable the "Copilot Metrics API access" policy, or use api: reports.'
    )
  })

  it('explains a 403 and a 404', async () => {
    const names = freshNames('l403')
    gh.legacy.setStatus(`orgs/${names.org}`, 403, {
      message: 'Resource not accessible by personal access token'
    })
    const forbidden = await runAction({
      inputs: { ...inputs(gh, names), api: 'legacy' }
    })
    expect(forbidden.errors[0]).toContain(
      "The token in input 'token' may not read the legacy Copilot metrics"
    )
    expect(forbidden.errors[0]).toContain(
      'manage_billing:copilot, read:org or read:enterprise'
    )
    const missing = await runAction({
      inputs: { ...inputs(gh, freshNames('l404')), api: 'legacy' }
    })
    expect(missing.errors[0]).toContain(
      'The legacy Copilot metrics API answered 404'
    )
    expect(missing.errors[0]).toContain('api: reports is its successor')
  })
})

describe('import-path', () => {
  function workspaceWith(file: string, text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'cmh-ws-'))
    mkdirSync(join(dir, 'data'), { recursive: true })
    writeFileSync(join(dir, file), text)
    return dir
  }

  it("imports the guide's copilotMetricsData.json, leaves it untouched, then the reports API continues the history", async () => {
    const names = freshNames('import')
    // The guide's stored file: legacy days, here GitHub's own example day plus older ones.
    const example = JSON.parse(
      readFileSync('__tests__/fixtures/legacy-metrics-example.json', 'utf8')
    )[0]
    const legacyDays = [day(-12), day(-11), day(-10)].map((date, i) => ({
      ...example,
      date,
      total_active_users: 30 + i
    }))
    const text = JSON.stringify(legacyDays, null, 2)
    const workspace = workspaceWith('data/copilotMetricsData.json', text)
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-40),
      to: day(-3),
      seed: 5
    })

    const result = await runAction({
      cwd: workspace,
      inputs: {
        ...inputs(gh, names),
        'import-path': 'data/copilotMetricsData.json',
        'refresh-days': '0',
        // Imported days older than the window stay legacy; inside it, the reports API replaces them.
        'backfill-days': '9'
      }
    })
    expect(result.errors).toEqual([])
    expect(
      readFileSync(join(workspace, 'data/copilotMetricsData.json'), 'utf8')
    ).toBe(text)
    const history = readHistory(gh, names.repo, result.outputs['history-path'])!
    // A history mixing both generations, each day with its source, one entry per date.
    expect(history.days.map((d) => [d.date, d.source])).toEqual([
      [day(-12), 'legacy'],
      [day(-11), 'legacy'],
      [day(-10), 'legacy'],
      ...[-9, -8, -7, -6, -5, -4, -3].map((offset) => [day(offset), 'reports'])
    ])
    expect(history.days[0].record).toEqual(legacyDays[0])
    expect(history.days[0].summary).toEqual({
      activeUsers: 30,
      engagedUsers: example.total_engaged_users,
      weeklyActiveUsers: null
    })
    // The weekly trend spans both generations through the normalized counts.
    const trend = JSON.parse(result.outputs['weekly-trend'])
    expect(
      trend.reduce((n: number, w: { days: number }) => n + w.days, 0)
    ).toBe(10)

    // Importing again adds nothing and duplicates nothing.
    const again = await runAction({
      cwd: workspace,
      inputs: {
        ...inputs(gh, names),
        'import-path': 'data/copilotMetricsData.json',
        'refresh-days': '0',
        'backfill-days': '9'
      }
    })
    expect(again.outputs).toMatchObject({
      'days-added': '0',
      'days-updated': '0',
      'history-commit': ''
    })
  })

  it('fails on an invalid import with the entry and reason, and commits nothing', async () => {
    const names = freshNames('badimport')
    const workspace = workspaceWith(
      'bad.json',
      JSON.stringify([
        { date: day(-5), total_active_users: 3, total_engaged_users: 1 },
        { date: day(-4), total_active_users: 'many' }
      ])
    )
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-10),
      to: day(-3),
      seed: 5
    })
    const result = await runAction({
      cwd: workspace,
      inputs: { ...inputs(gh, names), 'import-path': 'bad.json' }
    })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toContain(
      'The import file bad.json, entry 2: total_active_users'
    )
    expect(result.errors[0]).toContain('Nothing was committed')
    expect(gh.repo(names.repo).headSha('copilot-metrics')).toBeNull()
  })
})
