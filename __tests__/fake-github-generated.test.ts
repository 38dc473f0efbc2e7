// The fake's generated reports (a users report far larger than the memory of
// the test process) and the request log's timing and status, which the
// benchmark relies on.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startFakeGitHub } from './support/fake-github.js'
import type { FakeGitHub } from './support/fake-github.js'
import { generatedUserLines } from './support/sample-data.js'

let gh: FakeGitHub
beforeEach(async () => {
  gh = await startFakeGitHub()
})
afterEach(async () => {
  await gh.close()
})

const REPORTS = '/enterprises/acme/copilot/metrics/reports'

async function report(path: string) {
  const res = await fetch(`${gh.apiUrl}${REPORTS}/${path}`, {
    headers: { authorization: 'token metrics-token' }
  })
  return {
    status: res.status,
    json: (await res.json()) as { download_links: string[] }
  }
}

describe('generated users reports', () => {
  it('serves every generated line once, over the shards, and records each download', async () => {
    const users = generatedUserLines({
      day: '2026-11-20',
      scope: 'enterprise',
      count: 1000,
      shards: 3,
      templates: 16
    })
    gh.reports.setDay('enterprises/acme', '2026-11-20', {
      aggregate: { day: '2026-11-20', daily_active_users: 1000 },
      users: [],
      usersGenerated: users
    })
    const { json } = await report('users-1-day?day=2026-11-20')
    expect(json.download_links).toHaveLength(3)
    const texts = await Promise.all(
      json.download_links.map(async (link) => {
        const res = await fetch(link)
        expect(res.headers.get('content-type')).toBe('application/x-ndjson')
        return res.text()
      })
    )
    const lines = texts.join('').split('\n').filter(Boolean)
    const records = lines.map(
      (line) => JSON.parse(line) as Record<string, number | string>
    )
    expect(records).toHaveLength(1000)
    expect(new Set(records.map((r) => r.user_id)).size).toBe(1000)
    expect(records.every((r) => r.day === '2026-11-20')).toBe(true)
    expect(String(records[0].user_login)).toMatch(/_acme$/)
    expect(
      records.filter(
        (r) =>
          Number(r.user_initiated_interaction_count) > 0 ||
          Number(r.code_acceptance_activity_count) > 0
      )
    ).toHaveLength(users.engagedUsers)
    expect(users.engagedUsers).toBeGreaterThan(500)
    expect(users.engagedUsers).toBeLessThan(1000)

    expect(gh.downloads.streamed).toHaveLength(3)
    expect(gh.downloads.streamed.reduce((sum, s) => sum + s.bytes, 0)).toBe(
      Buffer.byteLength(texts.join(''))
    )
    for (const s of gh.downloads.streamed)
      expect(s.endedAt).toBeGreaterThanOrEqual(s.startedAt)
  })

  it('generates again on every download, so a report is never held whole', async () => {
    let generated = 0
    gh.reports.setDay('enterprises/acme', '2026-11-20', {
      aggregate: { day: '2026-11-20', daily_active_users: 2 },
      users: [],
      usersGenerated: {
        shards: 1,
        *lines() {
          generated++
          yield '{"day":"2026-11-20","user_id":1}'
        }
      }
    })
    const { json } = await report('users-1-day?day=2026-11-20')
    const [link] = json.download_links
    expect(await (await fetch(link)).text()).toBe(
      '{"day":"2026-11-20","user_id":1}\n'
    )
    expect(await (await fetch(link)).text()).toBe(
      '{"day":"2026-11-20","user_id":1}\n'
    )
    expect(generated).toBe(2)
  })

  it('refuses to serve a generated day in users-28-day', async () => {
    gh.reports.setDay('enterprises/acme', '2026-11-20', {
      aggregate: { day: '2026-11-20', daily_active_users: 1 },
      users: [],
      usersGenerated: generatedUserLines({
        day: '2026-11-20',
        scope: 'enterprise',
        count: 10
      })
    })
    expect((await report('users-28-day/latest')).status).toBe(500)
  })
})

describe('request log', () => {
  it('records when each request arrived and the status it got', async () => {
    const before = performance.now()
    await report('enterprise-1-day?day=2026-11-20')
    const [request] = gh.requests
    expect(request.status).toBe(404)
    expect(request.at).toBeGreaterThanOrEqual(before)
    expect(request.at).toBeLessThanOrEqual(performance.now())
  })
})
