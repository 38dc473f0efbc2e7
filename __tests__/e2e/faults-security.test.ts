// Fault matrix, part 3: hostile inputs and token hygiene. Bad inputs fail
// before any request; the tokens are masked first and go to the api-url host
// only; report links are followed only to GitHub's report hosts; nothing
// per-user leaves the users report.
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import { createServer, type Server } from 'node:http'
import { loginFor } from '../support/sample-data.js'
import {
  BRANCH,
  expectComplete,
  repoWrites,
  setUp,
  expectInvariantsAndReset,
  type Case
} from './fault-helpers.js'
import { day, freshNames, inputs, runAction, useFakeGitHub } from './helpers.js'

jest.setTimeout(60_000)

/** A host that is neither the API nor the report host: it records who calls. */
interface Foreign {
  url: string
  requests: Array<{ path: string; authorization: string | undefined }>
  close: () => Promise<void>
}
async function startForeign(): Promise<Foreign> {
  const requests: Foreign['requests'] = []
  const server: Server = createServer((req, res) => {
    requests.push({
      path: req.url ?? '',
      authorization: req.headers.authorization
    })
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ download_links: [], report_day: day(-4) }))
  })
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve())
  )
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

const gh = useFakeGitHub()
let foreign: Foreign
beforeAll(async () => {
  foreign = await startForeign()
})
afterEach(() => {
  expectInvariantsAndReset(gh)
  foreign.requests.length = 0
})
afterAll(async () => {
  await foreign.close()
})

describe('bad inputs: each fails before any request, naming the input, the value and what is allowed', () => {
  it.each([
    [
      { scope: 'galaxy' },
      `Input 'scope' "galaxy" is not one of organization, enterprise, team, enterprise-team.`
    ],
    [
      { scope: 'enterprise' },
      `Input 'enterprise' is empty: scope 'enterprise' needs it.`
    ],
    [
      { scope: 'team' },
      `Input 'team' is empty: scope 'team' needs it (one team slug, or several separated by commas).`
    ],
    [
      { scope: 'enterprise-team', enterprise: 'acme' },
      `Input 'team' is empty: scope 'enterprise-team' needs it (one team slug, or several separated by commas).`
    ],
    [
      { organization: 'octo org' },
      `Input 'organization' "octo org" is not a valid organization login (letters, digits and "-", up to 39 characters).`
    ],
    [
      { 'history-path': '../x.json' },
      `Input 'history-path' "../x.json" is not allowed: it has an empty, "." or ".." segment (it must stay inside the repository).`
    ],
    [
      { 'history-path': '/etc/x.json' },
      `Input 'history-path' "/etc/x.json" is not allowed: it is absolute; give a path relative to the repository root.`
    ],
    [
      { 'history-path': '.git/config.json' },
      `Input 'history-path' ".git/config.json" is not allowed: it points into .git.`
    ],
    [
      { 'history-path': 'metrics/history.yml' },
      `Input 'history-path' "metrics/history.yml" is not allowed: it does not end in ".json".`
    ],
    [
      { 'data-branch': 'refs/heads/..' },
      `Input 'data-branch' "refs/heads/.." is not a valid branch name: it give the short branch name`
    ],
    [
      { 'data-branch': 'copilot metrics' },
      `Input 'data-branch' "copilot metrics" is not a valid branch name: it contains a space, a control character or one of ~ ^ : ? * [ \\.`
    ],
    [
      { 'data-branch': 'data~1' },
      `Input 'data-branch' "data~1" is not a valid branch name`
    ],
    [
      { 'data-branch': 'data^' },
      `Input 'data-branch' "data^" is not a valid branch name`
    ],
    [
      { 'data-branch': 'data:x' },
      `Input 'data-branch' "data:x" is not a valid branch name`
    ],
    [
      { 'data-branch': 'a..b' },
      `Input 'data-branch' "a..b" is not a valid branch name: it contains "..".`
    ],
    [
      { 'backfill-days': 'abc' },
      `Input 'backfill-days' "abc" must be a whole number from 1 to 365.`
    ],
    [
      { 'backfill-days': '0' },
      `Input 'backfill-days' "0" must be a whole number from 1 to 365.`
    ],
    [
      { 'backfill-days': '366' },
      `Input 'backfill-days' "366" must be a whole number from 1 to 365.`
    ],
    [
      { 'refresh-days': '1.5' },
      `Input 'refresh-days' "1.5" must be a whole number from 0 to 28.`
    ],
    [
      { 'refresh-days': '29' },
      `Input 'refresh-days' "29" must be a whole number from 0 to 28.`
    ],
    [
      { weeks: '-1' },
      `Input 'weeks' "-1" must be a whole number from 1 to 52.`
    ],
    [
      { weeks: '53' },
      `Input 'weeks' "53" must be a whole number from 1 to 52.`
    ],
    [
      { 'max-report-mb': '0' },
      `Input 'max-report-mb' "0" must be a whole number from 1 to 10240.`
    ],
    [
      { 'max-report-mb': '1e3' },
      `Input 'max-report-mb' "1e3" must be a whole number from 1 to 10240.`
    ],
    [
      { 'api-url': 'http://api.example.com' },
      `Input 'api-url' "http://api.example.com" must use https (http is allowed only for 127.0.0.1, localhost and [::1]).`
    ],
    [
      { 'api-url': 'https://user:secret@api.example.com' },
      `Input 'api-url' "https://user:secret@api.example.com" must not contain credentials, a query or a fragment.`
    ],
    [
      { token: '' },
      `Input 'token' is empty: give a token that can read Copilot usage metrics`
    ]
  ])('%j', async (bad, message) => {
    const names = freshNames('badinput')
    const before = gh.requests.length
    const result = await runAction({ inputs: inputs(gh, names, bad) })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(message)
    expect(gh.requests.length).toBe(before)
    expect(foreign.requests).toEqual([])
  })
})

describe('tokens', () => {
  const secrets = ['metrics-token', 'repo-token']
  const leaks = (result: Awaited<ReturnType<typeof runAction>>): string[] => {
    const lines = [
      ...result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')),
      ...result.stderr.split('\n'),
      ...result.summary.split('\n'),
      ...Object.values(result.outputs)
    ]
    return lines.filter((line) => secrets.some((s) => line.includes(s)))
  }

  it('are registered as secrets before anything else is printed, and never printed', async () => {
    const c = setUp(gh, 'masked')
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(result.stdout.split('\n').slice(0, 2).sort()).toEqual([
      '::add-mask::metrics-token',
      '::add-mask::repo-token'
    ])
    expect(leaks(result)).toEqual([])
  })

  it('are registered as secrets even when an input is invalid', async () => {
    const names = freshNames('maskedbad')
    const result = await runAction({
      inputs: inputs(gh, names, { weeks: 'many' })
    })
    expect(result.code).not.toBe(0)
    expect(result.stdout.split('\n').slice(0, 2).sort()).toEqual([
      '::add-mask::metrics-token',
      '::add-mask::repo-token'
    ])
    expect(leaks(result)).toEqual([])
  })

  it('never follow an API redirect to another host: refused with a clear error, the other host sees nothing', async () => {
    const c = setUp(gh, 'redirect')
    gh.faults.add({
      server: 'api',
      path: new RegExp(`^/orgs/${c.org}/copilot/metrics/reports/`),
      times: Infinity,
      respond: {
        status: 302,
        headers: { location: `${foreign.url}/collect?from=api` }
      }
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(foreign.requests.filter((r) => r.authorization)).toEqual([])
    expect(foreign.requests).toEqual([])
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      new RegExp(
        `^GitHub API answered GET /orgs/${c.org}/copilot/metrics/reports/organization-1-day with a redirect \\(302\\) to 127\\.0\\.0\\.1:\\d+: refused, because the token in input 'token' is sent to 127\\.0\\.0\\.1:\\d+ \\(input api-url\\) only\\.`
      )
    )
    expect(repoWrites(gh, c.repo)).toBe(0)
  })

  it('follow an API redirect within the API host, with the token', async () => {
    const c = setUp(gh, 'sameorigin')
    gh.hooks.before(
      {
        server: 'api',
        path: new RegExp(
          `^/orgs/${c.org}/copilot/metrics/reports/organization-1-day$`
        )
      },
      (req) => ({
        status: 301,
        headers: {
          location: `/orgs/${c.org}/copilot/metrics/reports/organization-1-day?day=${req.query.day}`
        }
      })
    )
    const start = gh.requests.length
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    const reports = gh.requests
      .slice(start)
      .filter((r) => r.path.endsWith('/organization-1-day'))
    expect(reports.filter((r) => r.status === 301)).toHaveLength(1)
    expect(
      reports.every((r) => r.headers.authorization === 'token metrics-token')
    ).toBe(true)
  })
})

describe('report links are followed only to GitHub report hosts, without credentials', () => {
  const linkTo = (c: Case, link: string) =>
    gh.reports.setStatus(`orgs/${c.org}`, 'aggregate', day(-4), 200, {
      download_links: [link],
      report_day: day(-4)
    })

  it.each([
    [
      'another https host',
      () => 'https://reports.example.com/files/x.ndjson?sig=SECRET',
      "points to reports.example.com, which is not one of GitHub's report hosts (add it to extra-download-hosts only if you trust it)"
    ],
    [
      'plain http',
      () => 'http://copilot-reports.github.com/files/x.ndjson?sig=SECRET',
      'does not use https'
    ],
    [
      'credentials in the link',
      () =>
        'https://user:pw@copilot-reports.github.com/files/x.ndjson?sig=SECRET',
      'carries credentials'
    ],
    [
      'a local host not in extra-download-hosts',
      () => `${foreign.url}/files/x.ndjson?sig=SECRET`,
      'does not use https'
    ]
  ])('%s: refused without connecting', async (_what, link, problem) => {
    const c = setUp(gh, 'badlink')
    linkTo(c, link())
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^Refusing report download link [^ ?]+: it /
    )
    expect(result.errors[0]).toContain(problem)
    expect(result.stdout).not.toContain('SECRET')
    expect(foreign.requests).toEqual([])
    expect(repoWrites(gh, c.repo)).toBe(0)
  })

  it('a redirect from the report host is refused, and its target sees nothing', async () => {
    const c = setUp(gh, 'dlredirect')
    gh.faults.add({
      server: 'download',
      path: /^\/files\//,
      times: Infinity,
      respond: { status: 302, headers: { location: `${foreign.url}/meta` } }
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toMatch(
      /^Refusing the redirect from report download [^ ?]+ \(302\)\./
    )
    expect(foreign.requests).toEqual([])
    expect(repoWrites(gh, c.repo)).toBe(0)
  })
})

describe('nothing per-user leaves the users report', () => {
  const ids = Array.from({ length: 80 }, (_, i) => 200000 + i * 7)
  const logins = ids.map(loginFor)

  /** Every object key anywhere in a JSON value. */
  const keys = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(keys)
      : value !== null && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)])
        : []

  it('not in the history, the summary, the outputs or the log', async () => {
    const c = setUp(gh, 'private')
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    const history = gh.repo(c.repo).readFile(BRANCH, c.path)!
    expect(
      keys(JSON.parse(history)).filter((k) => /user_(id|login)|login/.test(k))
    ).toEqual([])
    const printed = [
      history,
      result.summary,
      JSON.stringify(result.outputs),
      result.stdout,
      result.stderr
    ].join('\n')
    expect(logins.filter((login) => printed.includes(login))).toEqual([])
    expect(printed).not.toMatch(/_acme\b/)
    const visible = [
      result.summary,
      JSON.stringify(result.outputs),
      result.stdout,
      result.stderr
    ].join('\n')
    expect(ids.filter((id) => new RegExp(`\\b${id}\\b`).test(visible))).toEqual(
      []
    )
  })

  it('not in the error of a malformed users line', async () => {
    const c = setUp(gh, 'privateerror')
    gh.reports.setStatus(`orgs/${c.org}`, 'users', day(-4), 200, {
      report_day: day(-4),
      download_links: gh.downloads.issue([
        `{"day":"${day(-4)}","user_id":200007,"user_login":brave-otter-200007_acme}`
      ])
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors[0]).toMatch(/, line 1: not valid JSON \(/)
    expect(result.stdout + result.stderr).not.toMatch(/brave|otter|200007/)
    expect(repoWrites(gh, c.repo)).toBe(0)
  })
})
