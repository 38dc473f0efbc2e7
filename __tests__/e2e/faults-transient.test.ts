// Fault matrix, part 1: transient faults. Each must end in success with the
// history complete (or, when the fault outlasts the bound, in a clear failure
// with nothing written). Every test injects its fault into the fake GitHub
// and runs the bundled dist/index.js against it.
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import {
  BRANCH,
  answered,
  expectComplete,
  literal,
  repoWrites,
  setUp,
  expectInvariantsAndReset
} from './fault-helpers.js'
import { runAction, useFakeGitHub } from './helpers.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub({})
afterEach(() => {
  expectInvariantsAndReset(gh)
})
const reports = (org: string, name = '(organization|users)-1-day') =>
  new RegExp(`^/orgs/${org}/copilot/metrics/reports/${name}$`)

describe('transient API faults are retried', () => {
  it('API 502 and 503 on report requests: retried with backoff, history complete', async () => {
    const c = setUp(gh, 'api5xx')
    gh.faults.add({
      server: 'api',
      path: reports(c.org, 'organization-1-day'),
      respond: { status: 502 }
    })
    gh.faults.add({
      server: 'api',
      path: reports(c.org, 'users-1-day'),
      respond: { status: 503 }
    })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(answered(gh, 502, reports(c.org))).toBe(1)
    expect(answered(gh, 503, reports(c.org))).toBe(1)
  })

  it('API connection reset on a report request: retried, history complete', async () => {
    const c = setUp(gh, 'apireset')
    gh.faults.add({
      server: 'api',
      path: reports(c.org),
      respond: 'reset'
    })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(answered(gh, 'reset', reports(c.org))).toBe(1)
  })

  it('5xx while creating the blob, the tree and the commit: retried (content-addressed, so safe), one commit', async () => {
    const c = setUp(gh, 'git5xx')
    const writes = new RegExp(`^/repos/${c.repo}/git/(blobs|trees|commits)$`)
    gh.faults.add({
      server: 'api',
      method: 'POST',
      path: new RegExp(`^/repos/${c.repo}/git/blobs$`),
      respond: { status: 502 }
    })
    gh.faults.add({
      server: 'api',
      method: 'POST',
      path: new RegExp(`^/repos/${c.repo}/git/trees$`),
      respond: { status: 503 }
    })
    gh.faults.add({
      server: 'api',
      method: 'POST',
      path: new RegExp(`^/repos/${c.repo}/git/commits$`),
      respond: { status: 500 }
    })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(
      answered(gh, 502, writes) +
        answered(gh, 503, writes) +
        answered(gh, 500, writes)
    ).toBe(3)
    expect(gh.repo(c.repo).log(BRANCH)).toHaveLength(1)
  })

  it('answer lost after the branch was created: the run sees its own commit landed and reports it', async () => {
    const c = setUp(gh, 'lostcreate')
    const repo = gh.repo(c.repo)
    // GitHub creates the ref, then the connection drops before the answer.
    gh.hooks.before(
      { method: 'POST', path: `/repos/${c.repo}/git/refs` },
      (req) => {
        repo.setRef(BRANCH, String((req.body as { sha: string }).sha))
      }
    )
    gh.faults.add({
      method: 'POST',
      path: `/repos/${c.repo}/git/refs`,
      respond: 'reset'
    })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    const log = repo.log(BRANCH)
    expect(log).toHaveLength(1)
    expect(result.outputs).toMatchObject({
      'days-added': '3',
      'history-commit': log[0].sha
    })
  })

  it('answer lost after the branch was moved forward: the run sees its own commit landed and reports it', async () => {
    const c = setUp(gh, 'lostpatch')
    const repo = gh.repo(c.repo)
    const first = await runAction({
      inputs: c.inputs({ 'backfill-days': '4' })
    })
    expect(first.outputs['days-added']).toBe('2')
    gh.hooks.before(
      { method: 'PATCH', path: `/repos/${c.repo}/git/refs/heads/${BRANCH}` },
      (req) => {
        repo.setRef(BRANCH, String((req.body as { sha: string }).sha))
      }
    )
    gh.faults.add({
      method: 'PATCH',
      path: `/repos/${c.repo}/git/refs/heads/${BRANCH}`,
      respond: { status: 502 }
    })
    // The window now reaches one more day back: the second run adds day -5.
    const second = await runAction({ inputs: c.inputs() })
    expectComplete(second, c)
    expect(second.outputs['days-added']).toBe('1')
    const log = repo.log(BRANCH)
    expect(log[0].parents).toEqual([first.outputs['history-commit']])
    expect(second.outputs['history-commit']).toBe(log[0].sha)
  })
})

describe('transient download faults are retried separately', () => {
  it('download host answers 500 then 429: the file is read again, history complete', async () => {
    const c = setUp(gh, 'dl5xx')
    gh.faults.add({
      server: 'download',
      path: /^\/files\//,
      respond: { status: 500, body: '<Error/>' }
    })
    gh.faults.add({
      server: 'download',
      path: /^\/files\//,
      respond: { status: 429, body: '<Error/>' }
    })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(result.stdout).toMatch(/failed with HTTP 500; retrying \(1\/2\)/)
    expect(result.stdout).toMatch(/failed with HTTP 429; retrying \(\d\/2\)/)
  })

  it('download connection reset: retried, history complete', async () => {
    const c = setUp(gh, 'dlreset')
    gh.faults.add({ server: 'download', path: /^\/files\//, respond: 'reset' })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(answered(gh, 'reset', /^\/files\//)).toBe(1)
  })

  it('download host failing on every attempt: a clear failure after 3 attempts, nothing written, no signature logged', async () => {
    const c = setUp(gh, 'dldown')
    gh.faults.add({
      server: 'download',
      path: /^\/files\//,
      times: Infinity,
      respond: { status: 503, body: '<Error/>' }
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      new RegExp(
        `^Download of ${literal(gh.downloadHost)}/files/[0-9a-f]+/part-00000\\.ndjson failed with HTTP 503 \\(3 attempts\\)`
      )
    )
    expect(result.errors[0]).toContain('Nothing was committed')
    expect(result.stdout).not.toContain('sig=')
    expect(gh.repo(c.repo).headSha(BRANCH)).toBeNull()
    expect(repoWrites(gh, c.repo)).toBe(0)
  })
})

describe('rate limits are waited out within a bound', () => {
  const secondary =
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'

  it.each([403, 429])(
    'secondary rate limit (%i) with Retry-After: 1: waited, then the history is complete',
    async (status) => {
      const c = setUp(gh, `secondary${status}`)
      gh.faults.add({
        server: 'api',
        path: reports(c.org),
        respond: {
          status,
          body: { message: secondary },
          headers: { 'retry-after': '1' }
        }
      })
      const result = await runAction({ inputs: c.inputs() })
      expectComplete(result, c)
      expect(result.warnings.join('\n')).toContain(
        'secondary rate limit on GET'
      )
      expect(answered(gh, status, reports(c.org))).toBe(1)
    }
  )

  it('primary rate limit exhausted, resetting in a second: waited, then the history is complete', async () => {
    const c = setUp(gh, 'primary')
    gh.faults.add({
      server: 'api',
      path: reports(c.org),
      respond: {
        status: 403,
        body: { message: 'API rate limit exceeded for installation ID 1.' },
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000))
        }
      }
    })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(result.warnings.join('\n')).toContain('rate limit reached on GET')
  })

  it('429 with Retry-After and no other rate-limit sign: waited, then the history is complete', async () => {
    const c = setUp(gh, 'bare429')
    gh.faults.add({
      server: 'api',
      path: reports(c.org),
      respond: {
        status: 429,
        body: { message: 'Too Many Requests' },
        headers: { 'retry-after': '1' }
      }
    })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(answered(gh, 429, reports(c.org))).toBe(1)
  })

  it('Retry-After longer than the Action waits: a clear failure at once, naming the wait, nothing written', async () => {
    const c = setUp(gh, 'longwait')
    gh.faults.add({
      server: 'api',
      path: reports(c.org),
      times: Infinity,
      respond: {
        status: 403,
        body: { message: secondary },
        headers: { 'retry-after': '3600' }
      }
    })
    const before = gh.requests.length
    const result = await runAction({ inputs: c.inputs() })
    // "At once": no request is repeated after the refused wait (no clock read).
    const asked = gh.requests
      .slice(before)
      .filter((r) => reports(c.org).test(r.path))
      .map((r) => `${r.path}?${r.query.day}`)
    expect(asked.length).toBeGreaterThan(0)
    expect(new Set(asked).size).toBe(asked.length)
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^GitHub's secondary rate limit stopped GET \/orgs\/[^ ]+\/copilot\/metrics\/reports\/[a-z0-9-]+: it asks to wait 3600 s, longer than the 120 s this Action waits\./
    )
    expect(result.errors[0]).toContain('Run the workflow again later')
    expect(gh.repo(c.repo).headSha(BRANCH)).toBeNull()
    expect(repoWrites(gh, c.repo)).toBe(0)
  })

  it('primary rate limit exhausted until much later: a clear failure naming the reset time, nothing written', async () => {
    const c = setUp(gh, 'farreset')
    const reset = Math.ceil(Date.now() / 1000) + 3 * 3600
    gh.faults.add({
      server: 'api',
      path: reports(c.org),
      times: Infinity,
      respond: {
        status: 403,
        body: { message: 'API rate limit exceeded for user ID 1.' },
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset)
        }
      }
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `GitHub's API rate limit of the token in input 'token' is used up until ${new Date(reset * 1000).toISOString()}`
    )
    expect(repoWrites(gh, c.repo)).toBe(0)
  })
})

describe('expired download links', () => {
  it('links expired before the download: fresh links are requested once, then the history is complete', async () => {
    const c = setUp(gh, 'expired')
    // Every link issued so far expires the moment the first file is fetched.
    gh.hooks.before({ server: 'download', path: /^\/files\// }, () => {
      gh.downloads.expireAll()
    })
    const result = await runAction({ inputs: c.inputs() })
    expectComplete(result, c)
    expect(answered(gh, 403, /^\/files\//)).toBeGreaterThanOrEqual(1)
    expect(result.stdout).toMatch(
      /Signed links of the [a-z-]+ report of \d{4}-\d\d-\d\d expired; requesting fresh ones/
    )
  })

  it('fresh links refused too: a clear failure, nothing written', async () => {
    const c = setUp(gh, 'expiredtwice')
    gh.faults.add({
      server: 'download',
      path: /^\/files\//,
      times: Infinity,
      respond: { status: 403, body: '<Error><Code>AuthenticationFailed' }
    })
    const result = await runAction({ inputs: c.inputs() })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^The aggregate report of \d{4}-\d\d-\d\d could not be downloaded: fresh signed links were refused too/
    )
    expect(result.errors[0]).not.toContain('sig=')
    expect(repoWrites(gh, c.repo)).toBe(0)
  })
})
