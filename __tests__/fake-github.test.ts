// Tests of the test infrastructure itself: the fake GitHub, the sample data
// generators and the runner shim. Other suites trust these, so the Git Data
// semantics (content addressing, fast-forward-only updates) and the security
// checks (token separation, credential-free downloads) are pinned here.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getOctokit } from '@actions/github'
import { startFakeGitHub } from './support/fake-github.js'
import type { FakeGitHub } from './support/fake-github.js'
import {
  aggregateRecord,
  legacyDay,
  seedReports,
  userRecords,
  userTeamRecords
} from './support/sample-data.js'
import { parseOutputFile, runAction } from './support/run-action.js'

const ORG_REPORTS = '/orgs/octo/copilot/metrics/reports'
const REPO = '/repos/octo/data'
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'

function fixture(name: string): Array<Record<string, unknown>> {
  const text = readFileSync(
    new URL(`./fixtures/${name}`, import.meta.url),
    'utf8'
  )
  return name.endsWith('.json')
    ? JSON.parse(text)
    : text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
}

interface CallOptions {
  method?: string
  /** null sends no Authorization header */
  token?: string | null
  body?: unknown
  headers?: Record<string, string>
}

interface CallResult {
  status: number
  headers: Headers
  text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any
}

async function call(url: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `token ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual'
  })
  const text = await res.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed by tsc 7, not by the TS 6 API eslint uses
  return { status: res.status, headers: res.headers, text, json } as CallResult
}

let gh: FakeGitHub

/** An API call with the token each route family expects by default. */
function api(path: string, options: CallOptions = {}) {
  const token =
    options.token === undefined
      ? path.startsWith('/repos/')
        ? 'repo-token'
        : 'metrics-token'
      : options.token
  return call(`${gh.apiUrl}${path}`, { ...options, token })
}

async function downloadAll(links: string[]) {
  const bodies = await Promise.all(links.map((link) => call(link)))
  return bodies.map((b) => b.text)
}

function linesOf(texts: string[]) {
  return texts
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
}

beforeEach(async () => {
  gh = await startFakeGitHub()
})

afterEach(async () => {
  await gh.close()
})

describe('authentication', () => {
  beforeEach(() => {
    gh.reports.setDay('orgs/octo', '2026-11-20', {
      aggregate: { day: '2026-11-20' },
      users: []
    })
    gh.repo('octo/data').commitFiles('main', { 'README.md': 'hi' })
  })

  const report = `${ORG_REPORTS}/organization-1-day?day=2026-11-20`

  it('requires the metrics token on /orgs and /enterprises', async () => {
    expect((await api(report, { token: null })).status).toBe(401)
    const wrong = await api(report, { token: 'repo-token' })
    expect(wrong.status).toBe(401)
    expect(wrong.json.message).toBe('Bad credentials')
    expect((await api(report)).status).toBe(200)
    const bearer = await api(report, {
      token: null,
      headers: { authorization: 'Bearer metrics-token' }
    })
    expect(bearer.status).toBe(200)
    expect(
      (await api('/enterprises/acme/copilot/metrics', { token: 'repo-token' }))
        .status
    ).toBe(401)
  })

  it('requires the repo token on /repos', async () => {
    const path = `${REPO}/git/ref/heads/main`
    expect((await api(path, { token: 'metrics-token' })).status).toBe(401)
    expect((await api(path, { token: null })).status).toBe(401)
    expect((await api(path)).status).toBe(200)
  })

  it('accepts custom tokens', async () => {
    const custom = await startFakeGitHub({ metricsToken: 'm', repoToken: 'r' })
    try {
      const res = await call(`${custom.apiUrl}${REPO}`, { token: 'r' })
      expect(res.status).toBe(404) // authenticated; the repo does not exist
      const denied = await call(`${custom.apiUrl}${report}`, { token: 'r' })
      expect(denied.status).toBe(401)
    } finally {
      await custom.close()
    }
  })

  it('logs every request with lower-cased headers and the query', async () => {
    await api(report)
    expect(gh.requests).toContainEqual(
      expect.objectContaining({
        server: 'api',
        method: 'GET',
        path: `${ORG_REPORTS}/organization-1-day`,
        query: { day: '2026-11-20' },
        headers: expect.objectContaining({
          authorization: 'token metrics-token'
        })
      })
    )
  })
})

describe('reports API', () => {
  const aggregate = fixture('organization-1-day.ndjson')[0]
  const users = fixture('users-1-day.organization.ndjson')
  const userTeams = fixture('user-teams-1-day.organization.ndjson')

  beforeEach(() => {
    gh.reports.setDay('orgs/octo', '2026-11-20', {
      aggregate,
      users,
      userTeams
    })
  })

  it('answers with signed links on a separate download host', async () => {
    const res = await api(`${ORG_REPORTS}/organization-1-day?day=2026-11-20`)
    expect(res.status).toBe(200)
    expect(res.json.report_day).toBe('2026-11-20')
    expect(res.json.download_links).toHaveLength(1)
    const link = new URL(res.json.download_links[0])
    expect(link.host).toBe(gh.downloadHost)
    expect(link.host).not.toBe(new URL(gh.apiUrl).host)
    expect(link.pathname).toMatch(/^\/files\/[0-9a-f]+\/part-00000\.ndjson$/)
    expect(link.searchParams.get('sig')).toBeTruthy()
    expect(link.searchParams.get('se')).toBeTruthy()

    const [body] = await downloadAll(res.json.download_links)
    expect(body.endsWith('\n')).toBe(true)
    expect(body.split('\n')).toHaveLength(2) // one line + trailing newline
    expect(JSON.parse(body)).toEqual(aggregate)
    expect(gh.requests.at(-1)?.server).toBe('download')
  })

  it('serves users and user-teams records', async () => {
    for (const [report, expected] of [
      ['users-1-day', users],
      ['user-teams-1-day', userTeams]
    ] as const) {
      const res = await api(`${ORG_REPORTS}/${report}?day=2026-11-20`)
      expect(res.status).toBe(200)
      expect(linesOf(await downloadAll(res.json.download_links))).toEqual(
        expected
      )
    }
  })

  it('issues fresh links on every call', async () => {
    const path = `${ORG_REPORTS}/users-1-day?day=2026-11-20`
    const first = await api(path)
    const second = await api(path)
    expect(first.json.download_links[0]).not.toBe(second.json.download_links[0])
  })

  it('splits records round-robin across shards', async () => {
    const many = userRecords({
      day: '2026-11-21',
      scope: 'organization',
      count: 7,
      engagedCount: 5
    })
    gh.reports.setDay('orgs/octo', '2026-11-21', {
      aggregate: null,
      users: many,
      shards: 3
    })
    const res = await api(`${ORG_REPORTS}/users-1-day?day=2026-11-21`)
    const links: string[] = res.json.download_links
    expect(links.map((l) => new URL(l).pathname.split('/').pop())).toEqual([
      'part-00000.ndjson',
      'part-00001.ndjson',
      'part-00002.ndjson'
    ])
    const bodies = await downloadAll(links)
    expect(bodies.map((b) => linesOf([b]).length)).toEqual([3, 2, 2])
    expect(linesOf(bodies).map((u) => u.user_id)).toEqual(
      expect.arrayContaining(many.map((u) => u.user_id))
    )
    expect(linesOf([bodies[1]])[0]).toEqual(many[1])
  })

  it('serves an empty file for a day without users', async () => {
    gh.reports.setDay('orgs/octo', '2026-11-22', {
      aggregate: { day: '2026-11-22' },
      users: []
    })
    const res = await api(`${ORG_REPORTS}/users-1-day?day=2026-11-22`)
    expect(res.status).toBe(200)
    expect(await downloadAll(res.json.download_links)).toEqual([''])
  })

  it('validates the day parameter', async () => {
    for (const query of ['', '?day=', '?day=2026-13-01', '?day=20261120']) {
      const res = await api(`${ORG_REPORTS}/organization-1-day${query}`)
      expect(res.status).toBe(400)
    }
  })

  it('answers 404 for unknown days and 204 for unpublished ones', async () => {
    const unknown = await api(`${ORG_REPORTS}/users-1-day?day=2026-11-01`)
    expect(unknown.status).toBe(404)
    expect(unknown.json).toMatchObject({
      message: 'Not Found',
      documentation_url: expect.any(String)
    })

    gh.reports.setDay('orgs/octo', '2026-11-21', { aggregate: null, users })
    const pending = await api(
      `${ORG_REPORTS}/organization-1-day?day=2026-11-21`
    )
    expect(pending.status).toBe(204)
    expect(pending.text).toBe('')

    gh.reports.removeDay('orgs/octo', '2026-11-20')
    const removed = await api(
      `${ORG_REPORTS}/organization-1-day?day=2026-11-20`
    )
    expect(removed.status).toBe(404)
  })

  it('forces a status for one report kind and day', async () => {
    gh.reports.setStatus('orgs/octo', 'users', '2026-11-20', 204)
    gh.reports.setStatus('orgs/octo', 'user-teams', '2026-11-20', 500)
    const path = (report: string) => `${ORG_REPORTS}/${report}?day=2026-11-20`
    expect((await api(path('users-1-day'))).status).toBe(204)
    expect((await api(path('user-teams-1-day'))).status).toBe(500)
    expect((await api(path('organization-1-day'))).status).toBe(200)

    gh.reports.setStatus('orgs/octo', 'users', '2026-11-20', null)
    expect((await api(path('users-1-day'))).status).toBe(200)
  })

  it('routes enterprise reports and rejects mismatched report names', async () => {
    const enterprise = fixture('enterprise-1-day.ndjson')[0]
    gh.reports.setDay('enterprises/acme', '2026-11-20', {
      aggregate: enterprise,
      users: fixture('users-1-day.enterprise.ndjson')
    })
    const base = '/enterprises/acme/copilot/metrics/reports'
    const res = await api(`${base}/enterprise-1-day?day=2026-11-20`)
    expect(res.status).toBe(200)
    expect(linesOf(await downloadAll(res.json.download_links))).toEqual([
      enterprise
    ])
    const users = await api(`${base}/users-1-day?day=2026-11-20`)
    expect(linesOf(await downloadAll(users.json.download_links))).toHaveLength(
      3
    )

    expect(
      (await api(`${base}/organization-1-day?day=2026-11-20`)).status
    ).toBe(404)
    expect(
      (await api(`${ORG_REPORTS}/enterprise-1-day?day=2026-11-20`)).status
    ).toBe(404)
  })

  it('matches scope names case-insensitively, like GitHub', async () => {
    const res = await api(
      '/orgs/OCTO/copilot/metrics/reports/organization-1-day?day=2026-11-20'
    )
    expect(res.status).toBe(200)
  })

  it('serves the 28-day reports over the newest published window', async () => {
    const seeded = seedReports(gh, 'orgs/big', {
      from: '2026-10-01',
      to: '2026-11-05',
      seed: 5
    })
    const base = '/orgs/big/copilot/metrics/reports'
    const res = await api(`${base}/organization-28-day/latest`)
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({
      report_start_day: '2026-10-09',
      report_end_day: '2026-11-05'
    })
    const [wrapper] = linesOf(await downloadAll(res.json.download_links))
    const example = fixture('organization-28-day.ndjson')[0]
    expect(Object.keys(wrapper)).toEqual(
      expect.arrayContaining(
        Object.keys(example).filter((k) => k !== 'copilot_feature_engagement')
      )
    )
    expect(wrapper.day_totals).toHaveLength(28)
    // As in GitHub's file, the housekeeping fields are on the wrapper only.
    const housekeeping = ['etl_id', 'day_partition', 'entity_id_partition']
    const exampleDay = (example.day_totals as object[])[0]
    for (const key of housekeeping) {
      expect(exampleDay).not.toHaveProperty(key)
      expect(wrapper.day_totals[0]).not.toHaveProperty(key)
    }
    expect(wrapper.day_partition).toBe('2026-11-05')
    expect(wrapper.etl_id).toBe('green')
    expect(wrapper.day_totals.at(-1).daily_active_users).toBe(
      seeded.at(-1)?.dailyActiveUsers
    )

    const usersRes = await api(`${base}/users-28-day/latest`)
    const lines = linesOf(await downloadAll(usersRes.json.download_links))
    const window = seeded.filter((d) => d.day >= '2026-10-09')
    expect(lines).toHaveLength(
      window.reduce((sum, d) => sum + d.dailyActiveUsers, 0)
    )
    expect(Object.keys(lines[0]).slice(0, 3)).toEqual([
      'report_start_day',
      'report_end_day',
      'day'
    ])
    expect(lines[0].report_end_day).toBe('2026-11-05')
  })

  it('answers 404 for a 28-day report with nothing published', async () => {
    const res = await api(
      '/orgs/nobody/copilot/metrics/reports/users-28-day/latest'
    )
    expect(res.status).toBe(404)
  })
})

describe('download host', () => {
  let link: string

  beforeEach(async () => {
    gh.reports.setDay('orgs/octo', '2026-11-20', {
      aggregate: { day: '2026-11-20' },
      users: []
    })
    const res = await api(`${ORG_REPORTS}/organization-1-day?day=2026-11-20`)
    link = res.json.download_links[0]
  })

  it('rejects and records any request carrying Authorization', async () => {
    const res = await call(link, { token: 'metrics-token' })
    expect(res.status).toBe(401)
    expect(gh.authViolations).toHaveLength(1)
    expect(gh.authViolations[0]).toMatchObject({
      server: 'download',
      headers: { authorization: 'token metrics-token' }
    })
    expect((await call(link)).status).toBe(200)
    expect(gh.authViolations).toHaveLength(1)
  })

  it('answers 404 for a wrong signature or unknown file', async () => {
    const forged = new URL(link)
    forged.searchParams.set('sig', 'forged')
    expect((await call(forged.href)).status).toBe(404)
    const unsigned = new URL(link)
    unsigned.search = ''
    expect((await call(unsigned.href)).status).toBe(404)
    expect(
      (await call(`${gh.downloadUrl}/files/nope/part-00000.ndjson`)).status
    ).toBe(404)
  })

  it('expires every link issued so far, but not later ones', async () => {
    gh.downloads.expireAll()
    const expired = await call(link)
    expect(expired.status).toBe(403)
    expect(expired.text).toContain('<Code>AuthenticationFailed</Code>')

    const res = await api(`${ORG_REPORTS}/organization-1-day?day=2026-11-20`)
    expect((await call(res.json.download_links[0])).status).toBe(200)
  })
})

describe('Git Data API', () => {
  const git = (path: string, method = 'GET', body?: unknown) =>
    api(`${REPO}/git/${path}`, { method, body })

  async function commitOnApi(
    parent: string | null,
    baseTree: string | null,
    files: Record<string, string>,
    message = 'Update history'
  ) {
    const tree = await git('trees', 'POST', {
      ...(baseTree ? { base_tree: baseTree } : {}),
      tree: Object.entries(files).map(([path, content]) => ({
        path,
        mode: '100644',
        type: 'blob',
        content
      }))
    })
    expect(tree.status).toBe(201)
    const commit = await git('commits', 'POST', {
      message,
      tree: tree.json.sha,
      parents: parent ? [parent] : []
    })
    expect(commit.status).toBe(201)
    return commit.json.sha as string
  }

  it('uses real git object ids', async () => {
    const repo = gh.repo('octo/data')
    const blob = await git('blobs', 'POST', { content: 'hello\n' })
    expect(blob.status).toBe(201)
    expect(blob.json.sha).toBe('ce013625030ba8dba906f756967f9e9ca394464a')
    const base64 = await git('blobs', 'POST', {
      content: Buffer.from('hello\n').toString('base64'),
      encoding: 'base64'
    })
    expect(base64.json.sha).toBe(blob.json.sha)

    // Same tree and commit as `git write-tree` / `git commit-tree` produce.
    const sha = repo.commitFiles('main', {
      'hello.txt': 'hello\n',
      'copilot-metrics/organization-octo.json': '{"days":[]}\n'
    })
    expect(repo.log('main')[0].tree).toBe(
      'd9845c2366ba4de473adf9c556c5c1c9f801446a'
    )
    expect(sha).toBe('ff7c2c95dffef4b7639ff5f68bf9c0838acd937d')

    const empty = await git('trees', 'POST', { tree: [] })
    expect(empty.json.sha).toBe(EMPTY_TREE)
  })

  it('is deterministic across instances', async () => {
    const other = await startFakeGitHub()
    try {
      const files = { 'a.json': '{}', 'b/c.json': '[]' }
      expect(gh.repo('octo/data').commitFiles('data', files)).toBe(
        other.repo('octo/data').commitFiles('data', files)
      )
    } finally {
      await other.close()
    }
  })

  it('creates an orphan branch and advances it by fast-forward', async () => {
    const repo = gh.repo('octo/data')
    repo.commitFiles('main', { 'README.md': '# data' })
    expect((await git('ref/heads/copilot-metrics')).status).toBe(404)

    const root = await commitOnApi(null, null, {
      'copilot-metrics/organization-octo.json': '{"v":1}'
    })
    const created = await git('refs', 'POST', {
      ref: 'refs/heads/copilot-metrics',
      sha: root
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      ref: 'refs/heads/copilot-metrics',
      object: { sha: root, type: 'commit' }
    })

    const ref = await git('ref/heads/copilot-metrics')
    expect(ref.status).toBe(200)
    expect(ref.json.object.sha).toBe(root)
    const commit = await git(`commits/${root}`)
    expect(commit.json).toMatchObject({ sha: root, parents: [] })

    const next = await commitOnApi(root, commit.json.tree.sha, {
      'copilot-metrics/organization-octo.json': '{"v":2}'
    })
    const patched = await git('refs/heads/copilot-metrics', 'PATCH', {
      sha: next,
      force: false
    })
    expect(patched.status).toBe(200)
    expect(repo.headSha('copilot-metrics')).toBe(next)
    expect(
      repo.readFile('copilot-metrics', 'copilot-metrics/organization-octo.json')
    ).toBe('{"v":2}')
    expect(repo.log('copilot-metrics').map((c) => c.sha)).toEqual([next, root])
    expect(repo.listFiles('main')).toEqual(['README.md'])
  })

  it('keeps the rest of base_tree when replacing a nested path', async () => {
    const repo = gh.repo('octo/data')
    const head = repo.commitFiles('data', {
      'README.md': 'readme',
      'copilot-metrics/enterprise-acme.json': '{}',
      'copilot-metrics/organization-octo.json': '{"old":true}',
      'other/deep/file.txt': 'x'
    })
    const before = await git('trees/data?recursive=1')
    const baseTree = repo.log('data')[0].tree
    const next = await commitOnApi(head, baseTree, {
      'copilot-metrics/organization-octo.json': '{"new":true}',
      'copilot-metrics/teams/platform.json': '[]'
    })
    repo.setRef('data', next)
    expect(repo.listFiles('data')).toEqual([
      'README.md',
      'copilot-metrics/enterprise-acme.json',
      'copilot-metrics/organization-octo.json',
      'copilot-metrics/teams/platform.json',
      'other/deep/file.txt'
    ])
    expect(
      repo.readFile('data', 'copilot-metrics/organization-octo.json')
    ).toBe('{"new":true}')
    // Untouched subtrees keep their ids.
    const after = await git('trees/data?recursive=1')
    const shaOf = (res: CallResult, path: string) =>
      res.json.tree.find((e: { path: string }) => e.path === path)?.sha
    expect(shaOf(after, 'other')).toBe(shaOf(before, 'other'))
    expect(shaOf(after, 'copilot-metrics')).not.toBe(
      shaOf(before, 'copilot-metrics')
    )
  })

  it('deletes paths with sha: null and drops emptied directories', async () => {
    const repo = gh.repo('octo/data')
    repo.commitFiles('data', { 'a/b.json': '1', 'c.json': '2' })
    const tree = await git('trees', 'POST', {
      base_tree: repo.log('data')[0].tree,
      tree: [{ path: 'a/b.json', mode: '100644', type: 'blob', sha: null }]
    })
    expect(tree.json.tree.map((e: { path: string }) => e.path)).toEqual([
      'c.json'
    ])
  })

  it('lists trees, recursively on request, and serves blobs', async () => {
    const repo = gh.repo('octo/data')
    repo.commitFiles('data', { 'dir/x.json': '{"x":1}', 'top.txt': 'top' })
    const treeSha = repo.log('data')[0].tree
    const flat = await git(`trees/${treeSha}`)
    expect(flat.json).toMatchObject({ sha: treeSha, truncated: false })
    expect(flat.json.tree.map((e: { path: string }) => e.path)).toEqual([
      'dir',
      'top.txt'
    ])
    const deep = await git(`trees/${treeSha}?recursive=1`)
    const file = deep.json.tree.find(
      (e: { path: string }) => e.path === 'dir/x.json'
    )
    expect(file).toMatchObject({ mode: '100644', type: 'blob', size: 7 })
    expect(
      deep.json.tree.find((e: { path: string }) => e.path === 'dir')
    ).toMatchObject({
      mode: '040000',
      type: 'tree'
    })

    const blob = await git(`blobs/${file.sha}`)
    expect(blob.json).toMatchObject({
      sha: file.sha,
      size: 7,
      encoding: 'base64'
    })
    expect(Buffer.from(blob.json.content, 'base64').toString()).toBe('{"x":1}')
    expect(
      (await git('blobs/0000000000000000000000000000000000000000')).status
    ).toBe(404)
    expect((await git(`commits/${treeSha}`)).status).toBe(404)
  })

  it.each([
    '',
    '.',
    '..',
    '.git',
    'a//b',
    '/abs',
    'a/../b',
    'x/.git/config',
    'a/'
  ])('rejects the malformed path %p', async (path) => {
    gh.repo('octo/data')
    const res = await git('trees', 'POST', {
      tree: [{ path, mode: '100644', type: 'blob', content: 'x' }]
    })
    expect(res.status).toBe(422)
    expect(res.json.message).toMatch(/malformed path component/)
  })

  it('rejects unknown trees, parents and blob shas', async () => {
    const repo = gh.repo('octo/data')
    const head = repo.commitFiles('data', { 'a.txt': 'a' })
    const missing = 'f'.repeat(40)
    const badTree = await git('commits', 'POST', {
      message: 'x',
      tree: missing,
      parents: [head]
    })
    expect(badTree.status).toBe(422)
    const badParent = await git('commits', 'POST', {
      message: 'x',
      tree: repo.log('data')[0].tree,
      parents: [missing]
    })
    expect(badParent.status).toBe(422)
    const badBlob = await git('trees', 'POST', {
      tree: [{ path: 'a', mode: '100644', type: 'blob', sha: missing }]
    })
    expect(badBlob.status).toBe(422)
    const badBase = await git('trees', 'POST', { base_tree: missing, tree: [] })
    expect(badBase.status).toBe(422)
  })

  it('only fast-forwards, and records (but refuses) force pushes', async () => {
    const repo = gh.repo('octo/data')
    const base = repo.commitFiles('data', { 'h.json': '1' })
    const theirs = repo.commitFiles('data', { 'h.json': '2' }) // concurrent run
    const ours = await commitOnApi(base, repo.log('data')[1].tree, {
      'h.json': '3'
    })

    const rejected = await git('refs/heads/data', 'PATCH', {
      sha: ours,
      force: false
    })
    expect(rejected.status).toBe(422)
    expect(rejected.json.message).toBe('Update is not a fast forward')
    expect(gh.forcePushes).toEqual([])

    const forced = await git('refs/heads/data', 'PATCH', {
      sha: ours,
      force: true
    })
    expect(forced.status).toBe(422)
    expect(gh.forcePushes).toEqual([
      {
        repo: 'octo/data',
        ref: 'refs/heads/data',
        sha: ours,
        previousSha: theirs
      }
    ])
    expect(repo.headSha('data')).toBe(theirs)

    // Moving backwards to an ancestor is not a fast-forward either.
    expect((await git('refs/heads/data', 'PATCH', { sha: base })).status).toBe(
      422
    )
    // Re-pointing at the current tip is a no-op fast-forward.
    expect(
      (await git('refs/heads/data', 'PATCH', { sha: theirs })).status
    ).toBe(200)
  })

  it('answers 422 for an existing or malformed ref and unknown objects', async () => {
    const repo = gh.repo('octo/data')
    const sha = repo.commitFiles('data', { 'a.txt': 'a' })
    const exists = await git('refs', 'POST', { ref: 'refs/heads/data', sha })
    expect(exists.status).toBe(422)
    expect(exists.json.message).toBe('Reference already exists')
    expect((await git('refs', 'POST', { ref: 'heads/x', sha })).status).toBe(
      422
    )
    expect(
      (await git('refs', 'POST', { ref: 'refs/heads/x', sha: 'f'.repeat(40) }))
        .status
    ).toBe(422)
    const noRef = await git('refs/heads/nope', 'PATCH', { sha })
    expect(noRef.status).toBe(422)
    expect(noRef.json.message).toBe('Reference does not exist')
  })

  it('handles branch names with slashes, encoded or not', async () => {
    const repo = gh.repo('octo/data')
    const sha = repo.commitFiles('metrics/data', { 'a.txt': 'a' })
    const plain = await git('ref/heads/metrics/data')
    expect(plain.json.object.sha).toBe(sha)
    const encoded = await git('ref/heads%2Fmetrics%2Fdata')
    expect(encoded.json.object.sha).toBe(sha)
    expect((await git('ref/heads/metrics')).status).toBe(404)
  })

  it("answers 409 on an empty repository's Git database, reads included, as GitHub does", async () => {
    gh.repo('octo/data', { empty: true })
    const ref = await git('ref/heads/main')
    expect(ref.status).toBe(409)
    expect(ref.json.message).toBe('Git Repository is empty.')
    for (const [path, body] of [
      ['blobs', { content: 'x' }],
      ['trees', { tree: [] }],
      ['commits', { message: 'x', tree: EMPTY_TREE }]
    ] as const) {
      const res = await git(path, 'POST', body)
      expect(res.status).toBe(409)
      expect(res.json.message).toBe('Git Repository is empty.')
    }
    expect((await api(`${REPO}/contents/a.json`)).status).toBe(404)
  })

  it('answers 403 on a read-only repository', async () => {
    const repo = gh.repo('octo/data', { readOnly: true })
    const head = repo.commitFiles('data', { 'a.txt': 'a' })
    expect((await git('ref/heads/data')).status).toBe(200)
    const res = await git('blobs', 'POST', { content: 'x' })
    expect(res.status).toBe(403)
    expect(res.json.message).toBe('Resource not accessible by integration')
    expect((await git('refs/heads/data', 'PATCH', { sha: head })).status).toBe(
      403
    )
  })

  it('answers 422 with a rule violation for protected branches', async () => {
    const repo = gh.repo('octo/data', { protectedBranches: ['data'] })
    const head = repo.commitFiles('data', { 'a.txt': 'a' })
    const next = await commitOnApi(head, repo.log('data')[0].tree, {
      'a.txt': 'b'
    })
    const patch = await git('refs/heads/data', 'PATCH', { sha: next })
    expect(patch.status).toBe(422)
    expect(patch.json.message).toMatch(/Repository rule violations found/)
    const create = await git('refs', 'POST', {
      ref: 'refs/heads/data',
      sha: next
    })
    expect(create.status).toBe(422)
    expect(create.json.message).toMatch(/Cannot update this protected ref/)
    expect(repo.headSha('data')).toBe(head)
  })

  it('serves repository metadata', async () => {
    gh.repo('octo/data', { defaultBranch: 'trunk', private: false })
    const res = await api(REPO)
    expect(res.json).toMatchObject({
      full_name: 'octo/data',
      default_branch: 'trunk',
      private: false,
      visibility: 'public'
    })
    expect((await api('/repos/octo/unknown')).status).toBe(404)
  })
})

describe('Contents API', () => {
  const path = 'copilot-metrics/organization-octo.json'

  it('serves JSON with base64 content, or raw bytes', async () => {
    const repo = gh.repo('octo/data')
    const sha = repo.commitFiles('data', { [path]: '{"days":[1]}' })
    const json = await api(`${REPO}/contents/${path}?ref=data`)
    expect(json.json).toMatchObject({
      type: 'file',
      path,
      size: 12,
      encoding: 'base64'
    })
    expect(Buffer.from(json.json.content, 'base64').toString()).toBe(
      '{"days":[1]}'
    )
    const raw = await api(`${REPO}/contents/${path}?ref=data`, {
      headers: { accept: 'application/vnd.github.v3.raw' }
    })
    expect(raw.text).toBe('{"days":[1]}')
    const bySha = await api(`${REPO}/contents/${path}?ref=${sha}`, {
      headers: { accept: 'application/vnd.github.raw+json' }
    })
    expect(bySha.text).toBe('{"days":[1]}')
  })

  it('returns empty content with encoding "none" above 1 MB', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) })
    gh.repo('octo/data').commitFiles('data', { [path]: big })
    const json = await api(`${REPO}/contents/${path}?ref=data`)
    expect(json.json).toMatchObject({
      content: '',
      encoding: 'none',
      size: big.length
    })
    const raw = await api(`${REPO}/contents/${path}?ref=data`, {
      headers: { accept: 'application/vnd.github.v3.raw' }
    })
    expect(raw.text).toBe(big)
  })

  it('answers 404 for a missing path or ref, and lists directories', async () => {
    gh.repo('octo/data').commitFiles('data', { [path]: '{}' })
    expect((await api(`${REPO}/contents/nope.json?ref=data`)).status).toBe(404)
    expect((await api(`${REPO}/contents/${path}?ref=nope`)).status).toBe(404)
    const dir = await api(`${REPO}/contents/copilot-metrics?ref=data`)
    expect(dir.json).toEqual([expect.objectContaining({ type: 'file', path })])
  })
})

describe('compatibility with @actions/github', () => {
  it('works with the Octokit client the Action uses', async () => {
    const repo = gh.repo('octo/data')
    const head = repo.commitFiles('metrics/data', {
      'history.json': '{"days":[]}'
    })
    const octokit = getOctokit('repo-token', { baseUrl: gh.apiUrl })
    const owner = 'octo'
    const name = 'data'

    // octokit percent-encodes the slashes of `ref` and `path`
    const { data: ref } = await octokit.rest.git.getRef({
      owner,
      repo: name,
      ref: 'heads/metrics/data'
    })
    expect(ref.object.sha).toBe(head)
    const raw = await octokit.rest.repos.getContent({
      owner,
      repo: name,
      path: 'history.json',
      ref: head,
      mediaType: { format: 'raw' }
    })
    expect(raw.data).toBe('{"days":[]}')

    const { data: blob } = await octokit.rest.git.createBlob({
      owner,
      repo: name,
      content: '{"days":[1]}',
      encoding: 'utf-8'
    })
    const { data: commit } = await octokit.rest.git.getCommit({
      owner,
      repo: name,
      commit_sha: head
    })
    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo: name,
      base_tree: commit.tree.sha,
      tree: [
        { path: 'history.json', mode: '100644', type: 'blob', sha: blob.sha }
      ]
    })
    const { data: next } = await octokit.rest.git.createCommit({
      owner,
      repo: name,
      message: 'Add day',
      tree: tree.sha,
      parents: [head]
    })
    repo.commitFiles('metrics/data', { 'other.json': '{}' }) // concurrent run
    await expect(
      octokit.rest.git.updateRef({
        owner,
        repo: name,
        ref: 'heads/metrics/data',
        sha: next.sha,
        force: false
      })
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Update is not a fast forward')
    })
  })
})

describe('fault injection and hooks', () => {
  const path = `${REPO}/git/ref/heads/data`

  beforeEach(() => {
    gh.repo('octo/data').commitFiles('data', { 'a.txt': 'a' })
  })

  it('answers canned responses `times` times, then the real route', async () => {
    const fault = gh.faults.add({
      method: 'GET',
      path: /\/git\/ref\//,
      times: 2,
      respond: { status: 502 }
    })
    expect((await api(path)).status).toBe(502)
    const second = await api(path)
    expect(second.status).toBe(502)
    expect(second.json.message).toBe('Bad Gateway')
    expect((await api(path)).status).toBe(200)
    expect(fault).toMatchObject({ hits: 2, remaining: 0 })
  })

  it('matches in insertion order, by exact path, method and server', async () => {
    gh.faults.add({ path, respond: { status: 500 } })
    gh.faults.add({ path: /.*/, respond: { status: 503 } })
    gh.faults.add({
      method: 'POST',
      path,
      times: Infinity,
      respond: { status: 418 }
    })
    gh.faults.add({ server: 'download', path: /.*/, respond: { status: 429 } })
    expect((await api(path)).status).toBe(500)
    expect((await api(path)).status).toBe(503)
    expect((await api(path)).status).toBe(200)
    expect((await call(`${gh.downloadUrl}/anything`)).status).toBe(429)
  })

  it('sends custom bodies and headers, e.g. a redirect', async () => {
    gh.faults.add({
      path: /organization-1-day$/,
      respond: {
        status: 302,
        headers: { location: `${gh.downloadUrl}/elsewhere` }
      }
    })
    gh.faults.add({
      path: /users-1-day$/,
      respond: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify('No report available for this day')
      }
    })
    const redirect = await api(
      `${ORG_REPORTS}/organization-1-day?day=2026-11-20`
    )
    expect(redirect.status).toBe(302)
    expect(redirect.headers.get('location')).toBe(`${gh.downloadUrl}/elsewhere`)
    const text = await api(`${ORG_REPORTS}/users-1-day?day=2026-11-20`)
    expect(text.json).toBe('No report available for this day')
  })

  it('resets the connection', async () => {
    gh.faults.add({ path, respond: 'reset' })
    await expect(api(path)).rejects.toThrow()
    expect((await api(path)).status).toBe(200)
  })

  it('delays the real handler', async () => {
    gh.faults.add({ path, respond: { delayMs: 150 } })
    const started = Date.now()
    const res = await api(path)
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('clears faults', async () => {
    gh.faults.add({ path, times: Infinity, respond: { status: 500 } })
    gh.faults.clear()
    expect((await api(path)).status).toBe(200)
  })

  it('rejects a fault without a response', () => {
    expect(() => gh.faults.add({ path, respond: {} })).toThrow()
  })

  it('runs hooks before the route, e.g. to simulate a concurrent run', async () => {
    const repo = gh.repo('octo/data')
    const head = repo.headSha('data') as string
    repo.setRef('scratch', head)
    const ours = repo.commitFiles('scratch', { 'b.txt': 'b' }) // a child of head
    const seen: unknown[] = []
    gh.hooks.before({ method: 'PATCH', path: /refs\/heads\/data$/ }, (req) => {
      seen.push(req.body)
      repo.commitFiles('data', { 'c.txt': 'c' })
    })
    const res = await api(`${REPO}/git/refs/heads/data`, {
      method: 'PATCH',
      body: { sha: ours }
    })
    expect(res.status).toBe(422)
    expect(seen).toEqual([{ sha: ours }])
    expect(repo.headSha('data')).not.toBe(head)
    expect(repo.log('data')).toHaveLength(2)
  })

  it('lets a hook land the update and a fault lose the response', async () => {
    const repo = gh.repo('octo/data')
    const head = repo.headSha('data') as string
    gh.hooks.before({ method: 'PATCH', path: /refs\/heads\/data$/ }, (req) => {
      repo.setRef('data', (req.body as { sha: string }).sha)
    })
    gh.faults.add({
      method: 'PATCH',
      path: /refs\/heads\/data$/,
      respond: { status: 502 }
    })
    const next = repo.commitFiles('data', { 'd.txt': 'd' })
    repo.setRef('data', head)
    const res = await api(`${REPO}/git/refs/heads/data`, {
      method: 'PATCH',
      body: { sha: next }
    })
    expect(res.status).toBe(502)
    expect(repo.headSha('data')).toBe(next)
  })

  it('lets a hook answer instead of the route, once by default', async () => {
    gh.hooks.before({ path }, () => ({
      status: 418,
      body: { message: 'teapot' }
    }))
    expect((await api(path)).status).toBe(418)
    expect((await api(path)).status).toBe(200)
  })
})

describe('legacy metrics API', () => {
  const days = Array.from({ length: 60 }, (_, i) =>
    legacyDay({
      date: new Date(Date.UTC(2024, 5, 1 + i)).toISOString().slice(0, 10),
      activeUsers: 20 + (i % 7),
      engagedUsers: 15 + (i % 5)
    })
  )

  beforeEach(() => {
    gh.legacy.setDays('orgs/octo', [...days].reverse())
  })

  it('paginates with a Link header', async () => {
    const first = await api('/orgs/octo/copilot/metrics?per_page=28')
    expect(first.json).toHaveLength(28)
    expect(first.json[0].date).toBe('2024-06-01')
    const link = first.headers.get('link') ?? ''
    expect(link).toContain(
      `<${gh.apiUrl}/orgs/octo/copilot/metrics?per_page=28&page=2>; rel="next"`
    )
    expect(link).toContain('page=3>; rel="last"')
    expect(link).not.toContain('rel="prev"')

    const last = await api('/orgs/octo/copilot/metrics?per_page=28&page=3')
    expect(last.json.map((d: { date: string }) => d.date)).toEqual(
      days.slice(56).map((d) => d.date)
    )
    const lastLink = last.headers.get('link') ?? ''
    expect(lastLink).toContain('rel="prev"')
    expect(lastLink).toContain('rel="first"')
    expect(lastLink).not.toContain('rel="next"')
  })

  it('defaults to 28 per page and caps per_page at 100', async () => {
    expect((await api('/orgs/octo/copilot/metrics')).json).toHaveLength(28)
    const all = await api('/orgs/octo/copilot/metrics?per_page=500')
    expect(all.json).toHaveLength(60)
    expect(all.headers.get('link')).toBeNull()
  })

  it('filters by since/until on the date part, inclusively', async () => {
    const res = await api(
      '/orgs/octo/copilot/metrics?since=2024-06-10T00:00:00Z&until=2024-06-12T23:59:59Z'
    )
    expect(res.json.map((d: { date: string }) => d.date)).toEqual([
      '2024-06-10',
      '2024-06-11',
      '2024-06-12'
    ])
  })

  it('serves team paths and forced statuses', async () => {
    gh.legacy.setDays('enterprises/acme/team/platform', days.slice(0, 2))
    const team = await api('/enterprises/acme/team/platform/copilot/metrics')
    expect(team.json).toHaveLength(2)
    expect((await api('/orgs/other/copilot/metrics')).status).toBe(404)
    gh.legacy.setStatus('orgs/octo', 422, { message: 'Metrics API disabled' })
    const forced = await api('/orgs/octo/copilot/metrics')
    expect(forced.status).toBe(422)
    expect(forced.json.message).toBe('Metrics API disabled')
  })
})

describe('billing API', () => {
  it('serves the seat breakdown or a forced status', async () => {
    const body = {
      seat_breakdown: {
        total: 12,
        active_this_cycle: 10,
        inactive_this_cycle: 2
      },
      seat_management_setting: 'assign_selected',
      public_code_suggestions: 'block',
      plan_type: 'business'
    }
    gh.billing.set('octo', body)
    expect((await api('/orgs/octo/copilot/billing')).json).toEqual(body)
    gh.billing.setStatus('octo', 403)
    expect((await api('/orgs/octo/copilot/billing')).status).toBe(403)
    expect((await api('/orgs/nobody/copilot/billing')).status).toBe(404)
  })
})

describe('sample data', () => {
  const engagedOf = (users: ReturnType<typeof userRecords>) =>
    users.filter(
      (u) =>
        u.user_initiated_interaction_count > 0 ||
        u.code_acceptance_activity_count > 0
    ).length

  it('makes user records shaped like the fixtures, with exact engagement', () => {
    const users = userRecords({
      day: '2026-11-20',
      scope: 'organization',
      count: 40,
      engagedCount: 29,
      seed: 3
    })
    expect(users).toHaveLength(40)
    expect(engagedOf(users)).toBe(29)
    expect(new Set(users.map((u) => u.user_id)).size).toBe(40)
    const fixtureKeys = new Set(
      fixture('users-1-day.organization.ndjson').flatMap(Object.keys)
    )
    for (const user of users) {
      for (const key of Object.keys(user)) expect(fixtureKeys).toContain(key)
      expect(user.day).toBe('2026-11-20')
    }
    const idle = users.filter((u) => engagedOf([u]) === 0)
    expect(
      idle.some((u) => (u.totals_by_feature as unknown[]).length === 0)
    ).toBe(true)

    const enterprise = userRecords({
      day: '2026-11-20',
      scope: 'enterprise',
      count: 3,
      engagedCount: 3
    })
    expect(enterprise[0]).not.toHaveProperty('organization_id')
  })

  it('is deterministic per seed', () => {
    const args = {
      day: '2026-11-20',
      scope: 'organization' as const,
      count: 5,
      engagedCount: 3
    }
    expect(userRecords({ ...args, seed: 1 })).toEqual(
      userRecords({ ...args, seed: 1 })
    )
    expect(userRecords({ ...args, seed: 1 })).not.toEqual(
      userRecords({ ...args, seed: 2 })
    )
  })

  it('makes aggregates that add up and match the fixture fields', () => {
    const users = userRecords({
      day: '2026-11-20',
      scope: 'organization',
      count: 30,
      engagedCount: 25
    })
    const aggregate = aggregateRecord({
      day: '2026-11-20',
      scope: 'organization',
      dailyActiveUsers: 30,
      weeklyActiveUsers: 44,
      users
    })
    expect(aggregate).toMatchObject({
      daily_active_users: 30,
      weekly_active_users: 44
    })
    expect(Object.keys(aggregate).sort()).toEqual(
      Object.keys(fixture('organization-1-day.ndjson')[0]).sort()
    )
    const counters = [
      'user_initiated_interaction_count',
      'code_generation_activity_count',
      'code_acceptance_activity_count',
      'loc_added_sum'
    ]
    for (const counter of counters) {
      const sum = users.reduce((total, u) => total + Number(u[counter]), 0)
      expect(aggregate[counter]).toBe(sum)
      const byFeature = (
        aggregate.totals_by_feature as Array<Record<string, number>>
      ).reduce((total, f) => total + f[counter], 0)
      expect(byFeature).toBe(sum)
    }
    const standalone = aggregateRecord({
      day: '2026-11-20',
      scope: 'enterprise',
      dailyActiveUsers: 12
    })
    expect(standalone).not.toHaveProperty('organization_id')
    expect(standalone.weekly_active_users).toBeGreaterThanOrEqual(12)
  })

  it('makes user-teams records like the fixture', () => {
    const [record] = userTeamRecords({
      day: '2026-11-20',
      scope: 'organization',
      memberships: [{ userId: 7, teamId: 4401, slug: 'payments' }]
    })
    expect(Object.keys(record)).toEqual(
      Object.keys(fixture('user-teams-1-day.organization.ndjson')[0])
    )
  })

  it('makes legacy days shaped like the example', () => {
    const day = legacyDay({
      date: '2024-06-24',
      activeUsers: 24,
      engagedUsers: 20
    })
    const example = fixture('legacy-metrics-example.json')[0]
    expect(Object.keys(day)).toEqual(Object.keys(example))
    expect(day.total_engaged_users).toBeLessThanOrEqual(day.total_active_users)
    const editors = day.copilot_ide_code_completions.editors
    expect(editors.reduce((s, e) => s + e.total_engaged_users, 0)).toBe(
      day.copilot_ide_code_completions.total_engaged_users
    )
  })

  it('seeds a series that matches what the fake serves', async () => {
    const seeded = seedReports(gh, 'orgs/octo', {
      from: '2026-11-02',
      to: '2026-11-15',
      seed: 9,
      missing: ['2026-11-05']
    })
    expect(seeded.map((d) => d.day)).not.toContain('2026-11-05')
    expect(seeded).toHaveLength(13)
    const weekday = seeded.find((d) => d.day === '2026-11-10')
    const weekend = seeded.find((d) => d.day === '2026-11-08')
    expect(weekday?.dailyActiveUsers).toBeGreaterThanOrEqual(20)
    expect(weekday?.dailyActiveUsers).toBeLessThanOrEqual(60)
    expect(weekend?.dailyActiveUsers).toBeLessThan(
      weekday?.dailyActiveUsers ?? 0
    )

    expect(
      (await api(`${ORG_REPORTS}/users-1-day?day=2026-11-05`)).status
    ).toBe(404)
    const day = seeded[seeded.length - 1]
    const aggregate = await api(
      `${ORG_REPORTS}/organization-1-day?day=${day.day}`
    )
    const [record] = linesOf(await downloadAll(aggregate.json.download_links))
    expect(record).toMatchObject({
      day: day.day,
      daily_active_users: day.dailyActiveUsers,
      weekly_active_users: day.weeklyActiveUsers,
      monthly_active_users: day.monthlyActiveUsers
    })
    const usersRes = await api(`${ORG_REPORTS}/users-1-day?day=${day.day}`)
    const users = linesOf(await downloadAll(usersRes.json.download_links))
    expect(users).toHaveLength(day.dailyActiveUsers)
    expect(engagedOf(users)).toBe(day.engagedUsers)

    // Like GitHub's: weekly active users are the distinct users of the rows
    // served week to date, weeks starting on Sunday (UTC); monthly, month to date.
    const distinctFrom = async (from: string, to: string) => {
      const ids = new Set<number>()
      for (const d of seeded.filter((s) => s.day >= from && s.day <= to)) {
        const res = await api(`${ORG_REPORTS}/users-1-day?day=${d.day}`)
        for (const u of linesOf(await downloadAll(res.json.download_links)))
          ids.add(u.user_id)
      }
      return ids.size
    }
    // 2026-11-15 is a Sunday: its week to date is that day alone.
    expect(day.day).toBe('2026-11-15')
    expect(day.weeklyActiveUsers).toBe(day.dailyActiveUsers)
    const saturday = seeded.find((s) => s.day === '2026-11-14')!
    expect(saturday.weeklyActiveUsers).toBe(
      await distinctFrom('2026-11-08', '2026-11-14')
    )
    // Not the trailing 7 days the docs describe (nor the ISO week).
    expect(day.weeklyActiveUsers).toBeLessThan(
      await distinctFrom('2026-11-09', '2026-11-15')
    )
    // The month to date skips the missing day: its rows were never served.
    expect(day.monthlyActiveUsers).toBe(
      await distinctFrom('2026-11-01', '2026-11-15')
    )

    expect(
      seedReports(gh, 'orgs/octo', {
        from: '2026-11-02',
        to: '2026-11-15',
        seed: 9,
        missing: ['2026-11-05']
      })
    ).toEqual(seeded)
  })
})

describe('runAction', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cmh-script-'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function script(source: string) {
    const file = join(dir, 'action.mjs')
    await writeFile(file, source)
    return file
  }

  it('runs a script like the runner and collects what it reports', async () => {
    const core = new URL(
      '../node_modules/@actions/core/lib/core.js',
      import.meta.url
    ).href
    const file = await script(`
      const core = await import(process.env.CORE_URL)
      const res = await fetch(
        process.env.GITHUB_API_URL +
          '/orgs/octo/copilot/metrics/reports/organization-1-day?day=2026-11-20',
        { headers: { authorization: 'token ' + core.getInput('token') } }
      )
      core.setOutput('status', String(res.status))
      core.setOutput('branch', core.getInput('data-branch'))
      core.setOutput('multi', 'line 1\\nline 2')
      core.setOutput('env', Object.keys(process.env).sort().join(','))
      core.setOutput('cwd', process.cwd())
      await core.summary.addHeading('Weekly trend').write()
      core.warning('50% fewer users')
      core.error('bad\\nthing', { file: 'history.json', startLine: 2 })
      core.setFailed('boom')
    `)
    const result = await runAction({
      script: file,
      inputs: {
        token: 'metrics-token',
        'data-branch': 'metrics/data',
        dry: true
      },
      env: { GITHUB_API_URL: gh.apiUrl, CORE_URL: core }
    })

    expect(result.code).toBe(1)
    expect(result.timedOut).toBe(false)
    expect(result.outputs).toMatchObject({
      status: '404', // the fake answered while the child ran
      branch: 'metrics/data',
      multi: 'line 1\nline 2',
      cwd: result.workspace
    })
    expect(result.outputs.env.split(',')).toEqual([
      'CORE_URL',
      'GITHUB_API_URL',
      'GITHUB_OUTPUT',
      'GITHUB_REPOSITORY',
      'GITHUB_REPOSITORY_OWNER',
      'GITHUB_STEP_SUMMARY',
      'GITHUB_WORKSPACE',
      'HOME',
      'INPUT_DATA-BRANCH',
      'INPUT_DRY',
      'INPUT_TOKEN',
      'PATH',
      'RUNNER_TEMP'
    ])
    expect(result.summary).toContain('<h1>Weekly trend</h1>')
    expect(result.warnings).toEqual(['50% fewer users'])
    expect(result.errors).toEqual(['bad\nthing', 'boom'])
    expect(gh.requests.some((r) => r.path.endsWith('organization-1-day'))).toBe(
      true
    )
  })

  it('lets env remove a default and kills a hung child', async () => {
    const file = await script(`
      console.log('repo=' + (process.env.GITHUB_REPOSITORY ?? 'unset'))
      setTimeout(() => {}, 60_000)
    `)
    const result = await runAction({
      script: file,
      env: { GITHUB_REPOSITORY: undefined },
      timeoutMs: 500
    })
    expect(result.timedOut).toBe(true)
    expect(result.code).toBeNull()
    expect(result.stdout).toContain('repo=unset')
  })

  it('parses both GITHUB_OUTPUT formats', () => {
    expect(parseOutputFile('a<<EOF_1\nx\ny\nEOF_1\nb=1\nc<<Z\n\nZ\n')).toEqual({
      a: 'x\ny',
      b: '1',
      c: ''
    })
  })
})
