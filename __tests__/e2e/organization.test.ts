import { describe, expect, it, jest } from '@jest/globals'
import { seedReports } from '../support/sample-data.js'
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
/** GitHub has published every day up to three days ago; the last two are pending. */
function publish(org: string, to = day(-3)) {
  return seedReports(gh, `orgs/${org}`, {
    from: day(-60),
    to,
    seed: 7,
    shards: 2
  })
}

describe('organization scope on the reports API, end to end through dist/index.js', () => {
  it('first run: creates the data branch as an orphan holding only the history, backfills 28 days', async () => {
    const names = freshNames('first')
    const seeded = publish(names.org)
    gh.repo(names.repo).commitFiles('main', { 'README.md': 'code' })

    const result = await runAction({ inputs: inputs(gh, names) })

    expect(result.errors).toEqual([])
    expect(result.code).toBe(0)
    const path = `copilot-metrics/organization-${names.org}.json`
    expect(result.outputs).toMatchObject({
      'days-added': '26',
      'days-updated': '0',
      'days-pending': '2',
      'days-total': '26',
      'history-path': path
    })
    const repo = gh.repo(names.repo)
    const log = repo.log('copilot-metrics')
    expect(log).toHaveLength(1)
    expect(log[0].parents).toEqual([])
    expect(result.outputs['history-commit']).toBe(log[0].sha)
    // The history: an index at history-path, and its monthly shards.
    expect(
      repo.listFiles('copilot-metrics').filter((f) => !f.endsWith('.jsonl'))
    ).toEqual([path])

    const history = readHistory(gh, names.repo, path)!
    expect(history.schemaVersion).toBe(1)
    expect(history.scope).toEqual({
      kind: 'organization',
      organization: names.org
    })
    const expected = seeded.filter((s) => s.day >= day(-28))
    expect(history.days.map((d) => d.date)).toEqual(expected.map((s) => s.day))
    expect(history.days.map((d) => d.summary)).toEqual(
      expected.map((s) => ({
        activeUsers: s.dailyActiveUsers,
        engagedUsers: s.engagedUsers,
        weeklyActiveUsers: s.weeklyActiveUsers
      }))
    )
    // The whole record as received, nothing dropped: every field of every
    // day, nested objects (pull_requests, totals_by_cli…) included.
    for (const stored of history.days)
      expect(stored.record).toEqual(
        JSON.parse(
          gh.reports.servedAggregate(`orgs/${names.org}`, stored.date)!
        )
      )
    expect(history.days[0].record.pull_requests).toEqual(expect.any(Object))
    // Nothing per-user leaves the users report.
    expect(JSON.stringify(history)).not.toMatch(/user_login|user_id/)
    expect(result.summary).toContain(
      `## Copilot usage: organization ${names.org}`
    )
    expect(result.summary).toMatch(
      /```mermaid\n%%\{init: .*\}%%\nxychart-beta\n/
    )
    expect(result.summary).toContain('26 days added')
  })

  it('the next day adds exactly one day, the day after adds nothing new, and commits build on each other', async () => {
    const names = freshNames('nightly')
    publish(names.org, day(-4))
    const first = await runAction({ inputs: inputs(gh, names) })
    expect(first.outputs['days-added']).toBe('25')

    // One night later GitHub has published one more day.
    const seeded = publish(names.org, day(-3))
    const second = await runAction({ inputs: inputs(gh, names) })
    expect(second.code).toBe(0)
    expect(second.outputs).toMatchObject({
      'days-added': '1',
      'days-updated': '0',
      'days-pending': '2',
      'days-total': '26'
    })
    const log = gh.repo(names.repo).log('copilot-metrics')
    expect(log.map((c) => c.sha)).toEqual([
      second.outputs['history-commit'],
      first.outputs['history-commit']
    ])
    expect(log[0].parents).toEqual([first.outputs['history-commit']])
    const history = readHistory(gh, names.repo, second.outputs['history-path'])!
    expect(history.days.at(-1)!.date).toBe(day(-3))
    expect(history.days.at(-1)!.summary.activeUsers).toBe(
      seeded.find((s) => s.day === day(-3))!.dailyActiveUsers
    )

    const rerun = await runAction({ inputs: inputs(gh, names) })
    expect(rerun.code).toBe(0)
    expect(rerun.outputs).toMatchObject({
      'days-added': '0',
      'days-updated': '0',
      'days-total': '26',
      'history-commit': ''
    })
    expect(gh.repo(names.repo).log('copilot-metrics')).toHaveLength(2)
    expect(rerun.summary).toContain(
      'Nothing changed, so nothing was committed.'
    )
  })

  it('replaces a day GitHub revised inside the refresh window, and never an older one', async () => {
    const names = freshNames('revised')
    publish(names.org)
    await runAction({ inputs: inputs(gh, names) })
    const before = readHistory(
      gh,
      names.repo,
      `copilot-metrics/organization-${names.org}.json`
    )!

    // GitHub revises the newest stored day and, out of reach of refresh-days, an old one.
    for (const [date, active] of [
      [day(-3), 999],
      [day(-20), 888]
    ] as const) {
      const stored = before.days.find((d) => d.date === date)!
      // One engaged user: a users report without a line is never stored (0 engaged users).
      gh.reports.setDay(`orgs/${names.org}`, date, {
        aggregate: { ...stored.record, daily_active_users: active },
        users: [{ day: date, user_id: 1, user_initiated_interaction_count: 1 }]
      })
    }
    const result = await runAction({ inputs: inputs(gh, names) })
    expect(result.outputs).toMatchObject({
      'days-added': '0',
      'days-updated': '1'
    })
    const after = readHistory(gh, names.repo, result.outputs['history-path'])!
    expect(after.days.find((d) => d.date === day(-3))!.summary).toMatchObject({
      activeUsers: 999,
      engagedUsers: 1
    })
    expect(after.days.find((d) => d.date === day(-20))).toEqual(
      before.days.find((d) => d.date === day(-20))
    )
    expect(after.days).toHaveLength(before.days.length)
  })

  it("retries when another run moves the branch between read and write, keeping both runs' days", async () => {
    const names = freshNames('race')
    publish(names.org)
    const repo = gh.repo(names.repo)
    const path = `copilot-metrics/organization-${names.org}.json`
    // Another run commits first: an unrelated file appears on the branch just before our ref update.
    let movedTo = ''
    gh.hooks.before(
      { method: 'POST', path: new RegExp(`/repos/${names.repo}/git/refs$`) },
      () => {
        movedTo = repo.commitFiles(
          'copilot-metrics',
          { 'other/file.json': '{}' },
          'concurrent run'
        )
        return undefined
      }
    )

    const result = await runAction({ inputs: inputs(gh, names) })

    expect(result.errors).toEqual([])
    expect(result.stdout).toContain(
      'The data branch moved while writing (attempt 1/5)'
    )
    const log = repo.log('copilot-metrics')
    expect(log[0].sha).toBe(result.outputs['history-commit'])
    expect(log[0].parents).toEqual([movedTo])
    expect(
      repo
        .listFiles('copilot-metrics')
        .filter((f) => !f.endsWith('.jsonl'))
        .sort()
    ).toEqual(['other/file.json', path].sort())
    expect(readHistory(gh, names.repo, path)!.days).toHaveLength(26)
    expect(gh.forcePushes).toEqual([])
  })

  it('fails on a corrupt history file, naming it, and leaves the branch exactly as it was', async () => {
    const names = freshNames('corrupt')
    publish(names.org)
    const repo = gh.repo(names.repo)
    const path = `copilot-metrics/organization-${names.org}.json`
    const tip = repo.commitFiles('copilot-metrics', {
      [path]: '{"schemaVersion": 1, "days": ['
    })
    const writesBefore = gh.requests.filter(
      (r) => r.method !== 'GET' && r.path.startsWith(`/repos/${names.repo}/`)
    ).length

    const result = await runAction({ inputs: inputs(gh, names) })

    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `The history file ${path} on branch copilot-metrics of ${names.repo} is not valid JSON`
    )
    expect(result.errors[0]).toContain('Nothing was written')
    expect(repo.headSha('copilot-metrics')).toBe(tip)
    expect(repo.readFile('copilot-metrics', path)).toBe(
      '{"schemaVersion": 1, "days": ['
    )
    const writesAfter = gh.requests.filter(
      (r) => r.method !== 'GET' && r.path.startsWith(`/repos/${names.repo}/`)
    ).length
    expect(writesAfter).toBe(writesBefore)
  })

  it('never sends a token to the download host, and keeps the two tokens apart', async () => {
    const names = freshNames('tokens')
    publish(names.org)
    const start = gh.requests.length
    const result = await runAction({ inputs: inputs(gh, names) })
    expect(result.code).toBe(0)
    const requests = gh.requests.slice(start)
    const downloads = requests.filter((r) => r.server === 'download')
    // The 28 backfilled days come from the two 28-day reports, 2 files each.
    expect(downloads.length).toBeGreaterThanOrEqual(4)
    expect(downloads.every((r) => r.headers.authorization === undefined)).toBe(
      true
    )
    expect(gh.authViolations).toEqual([])
    const api = requests.filter((r) => r.server === 'api')
    for (const request of api) {
      const expected = request.path.startsWith('/repos/')
        ? 'repo-token'
        : 'metrics-token'
      expect([request.path, request.headers.authorization]).toEqual([
        request.path,
        `token ${expected}`
      ])
    }
    // Every line of both streams but the masking commands: a token anywhere
    // in a line, at its end included, is a leak.
    const printed = `${result.stdout}\n${result.stderr}`
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
    expect(
      printed.filter((line) => /metrics-token|repo-token/.test(line))
    ).toEqual([])
  })

  it('dry run: fetches and reports, commits nothing', async () => {
    const names = freshNames('dry')
    publish(names.org)
    const result = await runAction({
      inputs: inputs(gh, names, { 'dry-run': 'true' })
    })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({
      'days-added': '26',
      'history-commit': ''
    })
    expect(JSON.parse(result.outputs['weekly-trend']).length).toBeGreaterThan(0)
    expect(gh.repo(names.repo).headSha('copilot-metrics')).toBeNull()
    expect(result.summary).toContain('Dry run: nothing was committed.')
  })

  it('fails on a malformed report line with the file and line number, and commits nothing', async () => {
    const names = freshNames('malformed')
    publish(names.org)
    gh.faults.add({
      server: 'download',
      path: /part-00001/,
      times: Infinity,
      respond: { status: 200, body: '{"day":"x"}\n{"broken": \n' }
    })
    try {
      const result = await runAction({ inputs: inputs(gh, names) })
      expect(result.code).not.toBe(0)
      expect(result.errors[0]).toMatch(
        /^Report file 127\.0\.0\.1:\d+\/files\/[^ ]*part-00001[^ ]*, line \d: /
      )
      expect(result.errors[0]).not.toContain('sig=')
      expect(gh.repo(names.repo).headSha('copilot-metrics')).toBeNull()
    } finally {
      gh.faults.clear()
    }
  })

  it('fails before any request on a bad input, naming the input, the value and what is allowed', async () => {
    const names = freshNames('badinput')
    const start = gh.requests.length
    const result = await runAction({
      inputs: inputs(gh, names, {
        weeks: 'four',
        'history-path': '../escape.json'
      })
    })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toContain(
      `Input 'weeks' "four" must be a whole number from 1 to 52.`
    )
    expect(result.errors[0]).toContain(
      `Input 'history-path' "../escape.json" is not allowed`
    )
    expect(gh.requests.length).toBe(start)
  })

  it('summary: headline of the latest full week, breakdowns, data notes, and an output per figure that agrees with the stored records', async () => {
    const names = freshNames('summary-full')
    publish(names.org)
    const result = await runAction({ inputs: inputs(gh, names) })
    expect(result.code).toBe(0)

    const full = JSON.parse(result.outputs['latest-full-week'])
    expect(full).toMatchObject({ days: 7, partial: false })
    const history = readHistory(gh, names.repo, result.outputs['history-path'])!
    const records = history.days
      .filter((d) => d.date >= full.start && d.date <= full.end)
      .map((d) => d.record as Record<string, number>)
    expect(records).toHaveLength(7)
    const total = (field: string): number =>
      records.reduce((sum, r) => sum + r[field], 0)
    const round = (value: number, decimals: number): number =>
      Math.round((value + Number.EPSILON) * 10 ** decimals) / 10 ** decimals
    expect(result.outputs).toMatchObject({
      'latest-full-week-loc-added': String(total('loc_added_sum')),
      'latest-full-week-interactions': String(
        total('user_initiated_interaction_count')
      ),
      'latest-full-week-acceptance-rate': String(
        round(
          total('code_acceptance_activity_count') /
            total('code_generation_activity_count'),
          4
        )
      ),
      'latest-full-week-avg-code-review-users': String(
        round(total('daily_active_copilot_code_review_users') / 7, 2)
      ),
      'latest-full-week-weekly-active-users': String(full.weeklyActiveUsers)
    })
    // Distinct people of the ISO week (exact counts: distinct-users.test.ts),
    // not GitHub's week-to-date-from-Sunday field of its last day.
    expect(full.weeklyActiveUsers).toBeGreaterThan(
      Math.max(...records.map((r) => r.daily_active_users))
    )
    // The stored summary keeps the user counts only: the other figures are read from the record.
    expect(Object.keys(history.days[0].summary)).toEqual([
      'activeUsers',
      'engagedUsers',
      'weeklyActiveUsers'
    ])

    const summary = result.summary
    expect(summary).toContain(`**Latest full week, ${full.week} (`)
    expect(summary).toContain(
      '| Week | Days | Active | Δ | Engaged | Δ | Engaged share | Weekly active |'
    )
    expect(summary).toContain(
      '| Week | Acceptance rate | Lines added/day | Prompts/day | Code review users | Cloud agent users |'
    )
    expect(summary.match(/```mermaid\n/g)).toHaveLength(2)
    expect(summary).toContain(
      `### Top languages, IDEs, features and models, ${full.week}`
    )
    expect(summary).toContain(
      `- **Not published by GitHub yet:** ${day(-2)} – ${day(-1)}.`
    )
    const breakdowns = JSON.parse(result.outputs['latest-full-week-breakdowns'])
    expect(breakdowns.ides.items[0].name).toBe('vscode')
    expect(breakdowns.features.items.length).toBeGreaterThan(0)
  })

  it("summary: 'compact' writes the headline and the table only, 'none' writes nothing and still sets every output", async () => {
    const names = freshNames('summary-modes')
    publish(names.org)
    const compact = await runAction({
      inputs: inputs(gh, names, { summary: 'compact', 'dry-run': 'true' })
    })
    expect(compact.code).toBe(0)
    expect(compact.summary).toContain('**Latest full week, ')
    expect(compact.summary).toContain('| Week | Days | Active |')
    expect(compact.summary).not.toContain('| Week | Acceptance rate |')
    expect(compact.summary).not.toContain('```mermaid')
    expect(compact.summary).not.toContain('### Top')

    const none = await runAction({
      inputs: inputs(gh, names, { summary: 'none', 'dry-run': 'true' })
    })
    expect(none.code).toBe(0)
    expect(none.summary).toBe('')
    expect(none.stdout).toContain("Input 'summary' is none")
    expect(none.outputs['latest-full-week-avg-active-users']).toBe(
      compact.outputs['latest-full-week-avg-active-users']
    )
    expect(none.outputs['latest-full-week-avg-active-users']).not.toBe('')
    expect(Object.keys(none.outputs).sort()).toEqual(
      Object.keys(compact.outputs).sort()
    )
  })

  it('explains a wrong organization instead of reporting every day as pending forever', async () => {
    const names = freshNames('unknown')
    const result = await runAction({ inputs: inputs(gh, names) })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toContain(
      `GitHub has no Copilot usage metrics for the organization ${names.org}`
    )
    expect(result.errors[0]).toContain("Check the input 'organization'")
  })

  it('explains a disabled metrics policy', async () => {
    const names = freshNames('policy')
    publish(names.org)
    gh.faults.add({
      path: new RegExp(`/orgs/${names.org}/copilot/metrics/reports/`),
      times: Infinity,
      respond: {
        status: 403,
        body: {
          message:
            "The 'Copilot usage metrics' policy must be enabled to use this API"
        }
      }
    })
    try {
      const result = await runAction({ inputs: inputs(gh, names) })
      expect(result.code).not.toBe(0)
      expect(result.errors[0]).toContain(
        `Copilot usage metrics are turned off for the organization ${names.org}`
      )
      expect(result.errors[0]).toContain(
        'Enable the "Copilot usage metrics" policy'
      )
    } finally {
      gh.faults.clear()
    }
  })
})
