// Fault matrix, part 2: data and permissions that cannot be trusted. Each run
// must fail loudly with one actionable message and write nothing, except
// days published without data, which are "no data" and not errors.
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import {
  BRANCH,
  literal,
  repoWrites,
  setUp,
  expectInvariantsAndReset,
  expectedDays
} from './fault-helpers.js'
import { day, inputs, freshNames, runAction, useFakeGitHub } from './helpers.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub({})
afterEach(() => {
  expectInvariantsAndReset(gh)
})
/** A stored day as the Action writes it. */
const stored = (date: string, active = 3) => ({
  date,
  source: 'reports',
  fetchedAt: '2026-11-20T06:00:00.000Z',
  summary: { activeUsers: active, engagedUsers: 2, weeklyActiveUsers: null },
  record: { day: date, daily_active_users: active }
})
const file = (org: string, days: unknown[], extra: object = {}) =>
  JSON.stringify({
    schemaVersion: 1,
    scope: { kind: 'organization', organization: org },
    source: 'reports',
    days,
    ...extra
  })

describe('a history file that cannot be trusted: the run fails naming the file and the problem, the branch is untouched', () => {
  it.each([
    [
      'is not JSON',
      () => '{"schemaVersion": 1, "days": [',
      'is not valid JSON'
    ],
    [
      'fails validation',
      (org: string) =>
        file(org, [
          { ...stored(day(-9)), summary: { engagedUsers: 2 } },
          stored(day(-8))
        ]),
      'failed validation: days[0].summary.activeUsers:'
    ],
    [
      'has a duplicate date',
      (org: string) => file(org, [stored(day(-9)), stored(day(-9), 4)]),
      `failed validation: days[1].date: date ${day(-9)} is stored twice`
    ],
    [
      'has unsorted dates',
      (org: string) => file(org, [stored(day(-8)), stored(day(-9))]),
      `failed validation: days[1].date: dates are not sorted: ${day(-9)} follows ${day(-8)}`
    ],
    [
      'was written by a newer version',
      (org: string) => file(org, [], { schemaVersion: 2 }),
      'was written by a newer version of this Action (schemaVersion 2'
    ]
  ])('history file that %s', async (_what, content, problem) => {
    const c = setUp(gh, 'badhistory')
    const repo = gh.repo(c.repo)
    const text = content(c.org)
    const tip = repo.commitFiles(BRANCH, { [c.path]: text })
    const writes = repoWrites(gh, c.repo)

    const result = await runAction({ inputs: c.inputs() })

    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `The history file ${c.path} on branch ${BRANCH} of ${c.repo} ${problem}`
    )
    expect(result.errors[0]).toContain('Nothing was written')
    expect(result.errors[0]).toContain('Repairing the history file')
    expect(repo.headSha(BRANCH)).toBe(tip)
    expect(repo.readFile(BRANCH, c.path)).toBe(text)
    expect(repoWrites(gh, c.repo)).toBe(writes)
  })
})

describe('a report file that cannot be trusted: the run fails with the file and line, nothing is committed', () => {
  it('NDJSON whose last line is cut off', async () => {
    const c = setUp(gh, 'truncated')
    gh.faults.add({
      server: 'download',
      path: /^\/files\//,
      respond: {
        status: 200,
        body: `{"day":"${day(-4)}","daily_active_users":3,"totals_by_ide":[{"ide":"vsc`
      }
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      new RegExp(
        `^Report file ${literal(gh.downloadHost)}/files/[0-9a-f]+/part-00000\\.ndjson, line 1: not valid JSON \\(.*\\); the file looks truncated\\. Nothing was committed\\.$`
      )
    )
    expect(gh.repo(c.repo).headSha(BRANCH)).toBeNull()
    expect(repoWrites(gh, c.repo)).toBe(0)
  })

  it('an aggregated record failing validation names the field', async () => {
    const c = setUp(gh, 'badrecord')
    gh.reports.setDay(`orgs/${c.org}`, day(-4), {
      aggregate: { day: day(-4), daily_active_users: -1 },
      users: []
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^Report file [^ ]+\/part-00000\.ndjson, line 1: unexpected record \(daily_active_users: [^)]+\)\. Nothing was committed\.$/
    )
    expect(repoWrites(gh, c.repo)).toBe(0)
  })

  it('a users record failing validation names the field, never the user', async () => {
    const c = setUp(gh, 'baduser')
    gh.reports.setStatus(`orgs/${c.org}`, 'users', day(-4), 200, {
      report_day: day(-4),
      download_links: gh.downloads.issue([
        JSON.stringify({
          day: day(-4),
          user_login: 'quiet-heron-4242_acme',
          user_id: { nested: 4242 },
          user_initiated_interaction_count: 2
        })
      ])
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toMatch(
      /line 1: unexpected record \(user_id: [^)]+\)\. Nothing was committed\.$/
    )
    expect(result.stdout + result.stderr).not.toMatch(/quiet-heron|4242/)
    expect(repoWrites(gh, c.repo)).toBe(0)
  })

  it.each([
    ['declared in Content-Length: refused before reading', true],
    ['streamed without a length: cut off at the cap', false]
  ])('a report file larger than max-report-mb, %s', async (_how, declared) => {
    const c = setUp(gh, 'toolarge')
    // One endless line: nothing is parsed before the cap is reached.
    const body = Buffer.from(`{"pad":"${'x'.repeat(1.5 * 1024 * 1024)}`)
    gh.faults.add({
      server: 'download',
      path: /^\/files\//,
      respond: {
        status: 200,
        body,
        headers: declared ? { 'content-length': String(body.length) } : {}
      }
    })
    const result = await runAction({
      inputs: c.inputs({ 'max-report-mb': '1' })
    })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^Report file [^ ]+\/part-00000\.ndjson is larger than the 1 MiB cap \(input max-report-mb\)\. Nothing was committed\./
    )
    expect(repoWrites(gh, c.repo)).toBe(0)
  })
})

describe('days GitHub published without data are "no data": skipped and fetched again next time, never stored as zeros', () => {
  it.each([
    [
      '204 No Content',
      (org: string) =>
        gh.reports.setStatus(`orgs/${org}`, 'aggregate', day(-4), 204)
    ],
    [
      '200 with an empty body',
      (org: string) =>
        gh.reports.setStatus(`orgs/${org}`, 'aggregate', day(-4), 200, '')
    ],
    [
      '200 with no download links',
      (org: string) =>
        gh.reports.setStatus(`orgs/${org}`, 'aggregate', day(-4), 200, {
          download_links: [],
          report_day: day(-4)
        })
    ],
    [
      '200 with the JSON string "No report available"',
      (org: string) =>
        gh.reports.setStatus(
          `orgs/${org}`,
          'aggregate',
          day(-4),
          200,
          '"No report available for this day"'
        )
    ],
    [
      '200 with a link to an empty file',
      (org: string) =>
        gh.reports.setStatus(`orgs/${org}`, 'aggregate', day(-4), 200, {
          download_links: gh.downloads.issue([]),
          report_day: day(-4)
        })
    ]
  ])('%s', async (_what, publishEmpty) => {
    const c = setUp(gh, 'nodata')
    publishEmpty(c.org)
    const result = await runAction({ inputs: c.inputs() })
    expect(result.errors).toEqual([])
    expect(result.code).toBe(0)
    expect(c.history()!.days.map((d) => d.date)).toEqual([day(-5), day(-3)])
    expect(result.outputs).toMatchObject({
      'days-added': '2',
      'days-pending': '3'
    })
    expect(result.stdout).toContain(`${day(-4)}: published without data`)
    // Nothing was stored for it: once published, the next run adds it.
    gh.reports.setStatus(`orgs/${c.org}`, 'aggregate', day(-4), null)
    const next = await runAction({ inputs: c.inputs() })
    expect(next.outputs).toMatchObject({
      'days-added': '1',
      'days-updated': '0'
    })
    expect(c.history()!.days.map((d) => d.date)).toEqual(expectedDays())
  })
})

describe('the repository refuses the write: the message names the permission or the rule', () => {
  it('protected data branch (422 repository rule violation)', async () => {
    const c = setUp(gh, 'protected')
    const repo = gh.repo(c.repo)
    const tip = repo.commitFiles(BRANCH, { 'README.md': 'data' })
    gh.repo(c.repo, { protectedBranches: [BRANCH] })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `Could not update the data branch: branch ${BRANCH} of ${c.repo} is protected by a rule (422 Repository rule violations found`
    )
    expect(result.errors[0]).toContain(
      'Use an unprotected data branch (input data-branch) or let the token bypass the rule.'
    )
    expect(repo.headSha(BRANCH)).toBe(tip)
  })

  it('token without contents: write (403)', async () => {
    const c = setUp(gh, 'readonly')
    gh.repo(c.repo, { readOnly: true })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `Could not write to the data branch: the token in input 'github-token' may not write to ${c.repo} (403 Resource not accessible by integration).`
    )
    expect(result.errors[0]).toContain(
      'Give the job "permissions: contents: write"'
    )
    expect(gh.repo(c.repo).headSha(BRANCH)).toBeNull()
  })

  it('empty repository (409)', async () => {
    const c = setUp(gh, 'emptyrepo')
    gh.repo(c.repo, { empty: true })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    // GitHub answers 409 from the first read of the Git database: the run stops before fetching a day.
    expect(result.errors).toEqual([
      `Could not read the data branch: repository ${c.repo} is empty. Push a first commit to it, then run again.`
    ])
    expect(repoWrites(gh, c.repo)).toBe(0)
  })
})

describe('the metrics cannot be read: one actionable error each, nothing written', () => {
  it('a token GitHub rejects (401)', async () => {
    const c = setUp(gh, 'badtoken')
    const result = await runAction({
      inputs: c.inputs({ token: 'expired-token-value' })
    })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^GitHub rejected the token in input 'token' \(401 Bad credentials\): it is invalid or expired\. Give a classic PAT with read:org/
    )
    expect(repoWrites(gh, c.repo)).toBe(0)
  })

  it('a token without the metrics permission (403)', async () => {
    const c = setUp(gh, 'noperm')
    gh.faults.add({
      server: 'api',
      path: new RegExp(`^/orgs/${c.org}/copilot/metrics/reports/`),
      times: Infinity,
      respond: {
        status: 403,
        body: { message: 'Resource not accessible by integration' }
      }
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `The token in input 'token' may not read the Copilot metrics of the organization ${c.org} (403: Resource not accessible by integration). It must be a classic PAT with read:org, or a fine-grained token or GitHub App with "Organization Copilot metrics: read"`
    )
    expect(repoWrites(gh, c.repo)).toBe(0)
  })

  it('an unknown enterprise', async () => {
    const names = freshNames('noent')
    const result = await runAction({
      inputs: inputs(gh, names, {
        scope: 'enterprise',
        enterprise: 'no-such-enterprise'
      })
    })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      'GitHub has no Copilot usage metrics for the enterprise no-such-enterprise'
    )
    expect(result.errors[0]).toContain("Check the input 'enterprise'")
    expect(repoWrites(gh, names.repo)).toBe(0)
  })
})
