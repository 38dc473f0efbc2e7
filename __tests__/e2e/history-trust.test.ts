// A history you can trust, end to end on dist/index.js: the window is a
// target state, gaps are retried on a schedule, no day is stored with zeros
// from an empty users report, imports never beat the reports API, a lost race
// keeps the later copy, and a fatal answer stops everything.
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedReports } from '../support/sample-data.js'
import { expectInvariantsAndReset, repoWrites } from './fault-helpers.js'
import {
  FIXED_NOW,
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub
} from './helpers.js'

jest.setTimeout(120_000)

const BRANCH = 'copilot-metrics'
const gh = useFakeGitHub({
  metricsToken: ['metrics-token', 'metrics-token-a', 'metrics-token-b'],
  repoToken: 'repo-token'
})
afterEach(() => {
  expectInvariantsAndReset(gh)
})

const historyPath = (org: string) => `copilot-metrics/organization-${org}.json`
const reportPath = (org: string, report: string) =>
  `/orgs/${org}/copilot/metrics/reports/${report}`
/** Report calls (not downloads) for one day. */
const asked = (org: string, date: string) =>
  gh.requests.filter(
    (r) =>
      r.server === 'api' &&
      r.path.startsWith(`/orgs/${org}/copilot/metrics/reports/`) &&
      r.query.day === date
  ).length
const dates = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => day(from + i))

/** Rewrites the stored history file, as another version or an earlier night left it. */
function editHistory(
  repo: string,
  path: string,
  edit: (history: Record<string, unknown>) => void
): void {
  const text = gh.repo(repo).readFile(BRANCH, path)!
  const history = JSON.parse(text) as Record<string, unknown>
  edit(history)
  gh.repo(repo).commitFiles(BRANCH, {
    [path]: JSON.stringify(history, null, 2)
  })
}

describe('the backfill window is a target state', () => {
  it('fills a gap left by an older version once GitHub serves it, and lists days not served as ranges', async () => {
    const names = freshNames('gap')
    const path = historyPath(names.org)
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-20),
      to: day(-3),
      seed: 3
    })
    gh.reports.setStatus(`orgs/${names.org}`, 'aggregate', day(-15), 404)
    gh.reports.setStatus(`orgs/${names.org}`, 'aggregate', day(-14), 404)
    const first = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '18' })
    })
    expect(first.errors).toEqual([])
    expect(first.outputs['days-pending']).toBe('4')
    // Date ranges, never one by one.
    expect(first.summary).toContain(`${day(-15)} – ${day(-14)}`)
    expect(first.summary).toContain(`${day(-2)} – ${day(-1)}`)
    expect(readHistory(gh, names.repo, path)!.days).toHaveLength(14)

    // An older version's file has no checks; GitHub now serves both days.
    editHistory(names.repo, path, (history) => delete history.checks)
    gh.reports.setStatus(`orgs/${names.org}`, 'aggregate', day(-15), null)
    gh.reports.setStatus(`orgs/${names.org}`, 'aggregate', day(-14), null)
    const second = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '18' })
    })
    expect(second.errors).toEqual([])
    expect(second.outputs['days-added']).toBe('2')
    expect(readHistory(gh, names.repo, path)!.days.map((d) => d.date)).toEqual(
      dates(-18, -3)
    )
  })

  it('retries a gap on its schedule: not again within the day, again once its interval passed', async () => {
    const names = freshNames('sched')
    const path = historyPath(names.org)
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-30),
      to: day(-3),
      seed: 4
    })
    gh.reports.setStatus(`orgs/${names.org}`, 'aggregate', day(-20), 204)
    const run = () =>
      runAction({ inputs: inputs(gh, names, { 'backfill-days': '27' }) })
    const first = await run()
    expect(first.errors).toEqual([])
    const checks = (
      readHistory(gh, names.repo, path) as unknown as {
        checks: Record<string, { status: string; attempts: number }>
      }
    ).checks
    expect(checks[day(-20)]).toMatchObject({ status: 'no-data', attempts: 1 })

    // Checked minutes ago: a complete window but for it costs the refresh days only.
    const before = asked(names.org, day(-20))
    const second = await run()
    expect(asked(names.org, day(-20))).toBe(before)
    expect(second.summary).toContain(`not served at a recent check`)

    // Checked eight days ago (weekly for a day this old): asked again.
    editHistory(names.repo, path, (history) => {
      const all = history.checks as Record<string, { lastCheckedAt: string }>
      all[day(-20)].lastCheckedAt = new Date(
        Date.parse(FIXED_NOW) - 8 * 86_400_000
      ).toISOString()
    })
    gh.reports.setStatus(`orgs/${names.org}`, 'aggregate', day(-20), null)
    const third = await run()
    expect(asked(names.org, day(-20))).toBeGreaterThan(before)
    expect(third.outputs['days-added']).toBe('1')
    const stored = readHistory(gh, names.repo, path)!
    expect(stored.days.map((d) => d.date)).toEqual(dates(-27, -3))
    expect(
      (stored as unknown as { checks?: Record<string, unknown> }).checks?.[
        day(-20)
      ]
    ).toBeUndefined()
  })

  it('raising backfill-days extends an existing history backwards on the next run', async () => {
    const names = freshNames('raise')
    const path = historyPath(names.org)
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-20),
      to: day(-3),
      seed: 5
    })
    await runAction({ inputs: inputs(gh, names, { 'backfill-days': '5' }) })
    expect(readHistory(gh, names.repo, path)!.days.map((d) => d.date)).toEqual(
      dates(-5, -3)
    )
    const wider = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '12' })
    })
    expect(wider.errors).toEqual([])
    expect(wider.outputs['days-added']).toBe('7')
    expect(readHistory(gh, names.repo, path)!.days.map((d) => d.date)).toEqual(
      dates(-12, -3)
    )
    // Lowering it deletes nothing.
    const narrower = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '2' })
    })
    expect(narrower.errors).toEqual([])
    expect(readHistory(gh, names.repo, path)!.days).toHaveLength(10)
  })

  it('backfills newest first under max-requests, logs the progress and resumes on the next run', async () => {
    const names = freshNames('budget')
    const path = historyPath(names.org)
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-45),
      to: day(-3),
      seed: 6
    })
    const run = () =>
      runAction({
        inputs: inputs(gh, names, {
          'backfill-days': '40',
          'max-requests': '44',
          'refresh-days': '0'
        })
      })
    const first = await run()
    expect(first.errors).toEqual([])
    // 22 days a run, newest first; yesterday and the day before are not published yet.
    expect(first.stdout).toContain('Backfill: 20 of 40 days')
    expect(first.stdout).toContain('18 more on the next run (max-requests 44)')
    expect(readHistory(gh, names.repo, path)!.days.map((d) => d.date)).toEqual(
      dates(-22, -3)
    )
    const second = await run()
    expect(second.errors).toEqual([])
    expect(second.stdout).toContain('Backfill: 38 of 40 days')
    expect(readHistory(gh, names.repo, path)!.days.map((d) => d.date)).toEqual(
      dates(-40, -3)
    )
  })
})

describe('no zeros from an empty users report', () => {
  it('organization: a day whose users report answers 204 is pending, then stored with its real count', async () => {
    const names = freshNames('nousers')
    const path = historyPath(names.org)
    const seeded = seedReports(gh, `orgs/${names.org}`, {
      from: day(-8),
      to: day(-3),
      seed: 7
    })
    gh.reports.setStatus(`orgs/${names.org}`, 'users', day(-4), 204)
    const first = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '6' })
    })
    expect(first.errors).toEqual([])
    const stored = readHistory(gh, names.repo, path)!.days
    expect(stored.map((d) => d.date)).not.toContain(day(-4))
    expect(stored.every((d) => d.summary.engagedUsers > 0)).toBe(true)

    gh.reports.setStatus(`orgs/${names.org}`, 'users', day(-4), null)
    await runAction({ inputs: inputs(gh, names, { 'backfill-days': '6' }) })
    const fourth = readHistory(gh, names.repo, path)!.days.find(
      (d) => d.date === day(-4)
    )!
    expect(fourth.summary.engagedUsers).toBe(
      seeded.find((s) => s.day === day(-4))!.engagedUsers
    )
  })

  it('28-day path: users-28-day without data falls back to the 1-day reports, never 0 engaged users', async () => {
    const names = freshNames('no28')
    const path = historyPath(names.org)
    const seeded = seedReports(gh, `orgs/${names.org}`, {
      from: day(-40),
      to: day(-3),
      seed: 8
    })
    gh.hooks.before(
      { server: 'api', path: reportPath(names.org, 'users-28-day/latest') },
      () => ({ status: 204 })
    )
    const result = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '28' })
    })
    expect(result.errors).toEqual([])
    const stored = readHistory(gh, names.repo, path)!.days
    expect(stored).toHaveLength(26)
    for (const d of stored)
      expect([d.date, d.summary.engagedUsers]).toEqual([
        d.date,
        seeded.find((s) => s.day === d.date)!.engagedUsers
      ])
  })

  it('team: an empty users report is pending, not a day of zeros; a flag false for every member counts 0', async () => {
    const names = freshNames('teamzero')
    const scope = `orgs/${names.org}`
    const members = [1, 2, 3, 4, 5, 6]
    const userTeams = (date: string) =>
      members.map((id) => ({
        day: date,
        user_id: id,
        slug: 'platform',
        team_id: 9
      }))
    const users = (date: string) =>
      members.map((id) => ({
        day: date,
        user_id: id,
        user_initiated_interaction_count: id,
        code_acceptance_activity_count: 1,
        used_chat: true,
        used_copilot_code_review_active: id === 1 ? null : false
      }))
    gh.reports.setDay(scope, day(-4), {
      aggregate: null,
      users: users(day(-4)),
      userTeams: userTeams(day(-4))
    })
    // Memberships published, users report published empty.
    gh.reports.setDay(scope, day(-3), {
      aggregate: null,
      users: [],
      userTeams: userTeams(day(-3))
    })
    const run = () =>
      runAction({
        inputs: inputs(gh, names, {
          scope: 'team',
          team: 'platform',
          'backfill-days': '4'
        })
      })
    const first = await run()
    expect(first.errors).toEqual([])
    const path = first.outputs['history-path']
    const stored = readHistory(gh, names.repo, path)!.days
    expect(stored.map((d) => d.date)).toEqual([day(-4)])
    expect(stored[0].record).toMatchObject({
      daily_active_users: 6,
      daily_active_chat_users: 6,
      daily_active_copilot_code_review_users: 0
    })

    gh.reports.setStatus(scope, 'users', day(-3), 204)
    const second = await run()
    expect(second.errors).toEqual([])
    expect(readHistory(gh, names.repo, path)!.days.map((d) => d.date)).toEqual([
      day(-4)
    ])
    gh.reports.setStatus(scope, 'users', day(-3), null)
  })
})

describe('imports', () => {
  const workspaceWith = (text: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'cmh-trust-'))
    writeFileSync(join(dir, 'copilotMetricsData.json'), text)
    return dir
  }
  const legacyDays = (offsets: number[]) => {
    const example = JSON.parse(
      readFileSync('__tests__/fixtures/legacy-metrics-example.json', 'utf8')
    )[0]
    return offsets.map((offset) => ({ ...example, date: day(offset) }))
  }

  it('a reports day replaces an imported legacy day, and backfill-days is planned from the history as read', async () => {
    const names = freshNames('impwin')
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-20),
      to: day(-3),
      seed: 9
    })
    const workspace = workspaceWith(
      JSON.stringify(legacyDays([-14, -13, -12, -6, -5, -4]))
    )
    const result = await runAction({
      cwd: workspace,
      inputs: inputs(gh, names, {
        'backfill-days': '12',
        'import-path': 'copilotMetricsData.json'
      })
    })
    expect(result.errors).toEqual([])
    const stored = readHistory(gh, names.repo, result.outputs['history-path'])!
    expect(stored.days.map((d) => [d.date, d.source])).toEqual([
      [day(-14), 'legacy'],
      [day(-13), 'legacy'],
      ...dates(-12, -3).map((date) => [date, 'reports'])
    ])
  })

  it('a misspelt organization fails with an import too, and commits nothing', async () => {
    const names = freshNames('impscope')
    const workspace = workspaceWith(JSON.stringify(legacyDays([-6, -5])))
    const result = await runAction({
      cwd: workspace,
      inputs: inputs(gh, names, {
        'backfill-days': '10',
        'import-path': 'copilotMetricsData.json'
      })
    })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toContain('GitHub has no Copilot usage metrics')
    expect(gh.repo(names.repo).headSha(BRANCH)).toBeNull()
  })
})

describe('a lost race', () => {
  it('keeps the copy of a day fetched later and counts no revision for the run that lost', async () => {
    const names = freshNames('lostrace')
    const path = historyPath(names.org)
    const scope = `orgs/${names.org}`
    seedReports(gh, scope, { from: day(-10), to: day(-3), seed: 10 })
    await runAction({ inputs: inputs(gh, names, { 'backfill-days': '8' }) })
    const revise = (seed: number) =>
      seedReports(gh, scope, { from: day(-3), to: day(-3), seed })[0]

    // GitHub revises day -3; run A fetches it, then waits at its ref update…
    revise(21)
    let arrived!: () => void
    const atRefUpdate = new Promise<void>((resolve) => (arrived = resolve))
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    gh.hooks.before(
      {
        method: 'PATCH',
        path: `/repos/${names.repo}/git/refs/heads/${BRANCH}`
      },
      async () => {
        arrived()
        await released
      }
    )
    const a = runAction({
      inputs: inputs(gh, names, {
        token: 'metrics-token-a',
        'backfill-days': '8'
      })
    })
    await atRefUpdate
    // …while GitHub revises it again and run B stores the newer copy.
    const newest = revise(22)
    const b = await runAction({
      inputs: inputs(gh, names, {
        token: 'metrics-token-b',
        'backfill-days': '8'
      })
    })
    expect(b.outputs['days-updated']).toBe('1')
    release()
    const lost = await a
    expect(lost.errors).toEqual([])
    expect(lost.stdout).toContain('moved while writing')
    expect(lost.outputs['days-updated']).toBe('0')
    const third = readHistory(gh, names.repo, path)!.days.find(
      (d) => d.date === day(-3)
    )!
    expect(third.summary.activeUsers).toBe(newest.dailyActiveUsers)
  })
})

describe('weekly ratios', () => {
  it('divides unrounded sums: 168 engaged of 197 active is 0.8528, not 0.8529', async () => {
    const names = freshNames('ratio')
    const path = historyPath(names.org)
    // The ISO week (Monday to Sunday) two weeks back, fully in the past.
    const back = new Date(`${day(-14)}T00:00:00Z`)
    const monday = -14 - ((back.getUTCDay() + 6) % 7)
    const week = dates(monday, monday + 6)
    const active = [28, 28, 28, 28, 28, 28, 29]
    const days = week.map((date, i) => ({
      date,
      source: 'reports',
      fetchedAt: `${date}T06:00:00.000Z`,
      summary: {
        activeUsers: active[i],
        engagedUsers: 24,
        weeklyActiveUsers: null
      },
      record: { day: date, daily_active_users: active[i] }
    }))
    gh.repo(names.repo).commitFiles(BRANCH, {
      [path]: JSON.stringify({
        schemaVersion: 1,
        scope: { kind: 'organization', organization: names.org },
        source: 'reports',
        days
      })
    })
    const result = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '1', weeks: '1' })
    })
    expect(result.errors).toEqual([])
    expect(result.outputs['latest-full-week']).toContain(week[0])
    expect(result.outputs['latest-full-week-avg-active-users']).toBe('28.14')
    expect(result.outputs['latest-full-week-engaged-share']).toBe('0.8528')
  })
})

describe('a fatal answer', () => {
  it('a 401 on one day of a 240-day backfill stops all work at once and commits nothing', async () => {
    const names = freshNames('fatal')
    const bad = day(-120)
    let failedAt = -1
    gh.hooks.before(
      {
        server: 'api',
        path: reportPath(names.org, 'organization-1-day'),
        times: Infinity
      },
      (req) => {
        if (req.query.day !== bad) return undefined
        failedAt = gh.requests.length
        return { status: 401, body: { message: 'Bad credentials' } }
      }
    )
    const result = await runAction({
      inputs: inputs(gh, names, {
        'backfill-days': '240',
        'fetch-concurrency': '4'
      })
    })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toContain('401')
    expect(failedAt).toBeGreaterThan(0)
    const after = gh.requests
      .slice(failedAt)
      .filter((r) => r.path.startsWith(`/orgs/${names.org}/`))
    // At most the requests already in flight beside the failing one.
    expect(after.length).toBeLessThanOrEqual(4)
    expect(repoWrites(gh, names.repo)).toBe(0)
    expect(gh.repo(names.repo).headSha(BRANCH)).toBeNull()
  })
})
