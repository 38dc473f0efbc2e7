// The data path from the source (no bundle): inputs → fetch → merge → store
// against the fake GitHub over real HTTP. Fast enough for the mutation run
// (scripts/mutants.mjs), and each test is about data that must never be
// stored wrong or lost.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseSettings } from '../../src/inputs/settings.js'
import { createOctokit } from '../../src/sources/github-client.js'
import { syncHistories } from '../../src/history/sync.js'
import { largeHistory } from '../support/large-history.js'
import {
  FIXED_NOW,
  day,
  freshNames,
  inputs,
  readHistory,
  useFakeGitHub
} from '../e2e/helpers.js'

jest.setTimeout(60_000)

/** A stored day without the distinct counts this Action adds beside GitHub's record. */
function withoutDistinct(day: object): object {
  const rest: Record<string, unknown> = { ...day }
  delete rest.distinct
  return rest
}

const gh = useFakeGitHub()
const BRANCH = 'copilot-metrics'
/** GitHub's sample record: nested objects (pull_requests, totals_by_cli) and arrays. */
const FIXTURE = readFileSync(
  new URL('../fixtures/organization-1-day.ndjson', import.meta.url),
  'utf8'
).trim()
const USERS = readFileSync(
  new URL('../fixtures/users-1-day.organization.ndjson', import.meta.url),
  'utf8'
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Record<string, unknown>)

/** The fixture's record, dated `date`. */
const recordOf = (date: string): Record<string, unknown> => ({
  ...(JSON.parse(FIXTURE) as Record<string, unknown>),
  day: date
})

// The run logs through @actions/core (stdout): kept out of the test output.
let quiet: { mockRestore: () => void } | undefined
beforeAll(() => {
  quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterAll(() => quiet?.mockRestore())

interface Case {
  org: string
  repo: string
  path: string
  scopeKey: string
  sync: (extra?: Record<string, string>) => ReturnType<typeof syncHistories>
  stored: () => Record<string, unknown> | null
}

/** Days -5..-3 published from the fixture; runs look 5 days back (two pending). */
function setUp(prefix: string): Case {
  const names = freshNames(prefix)
  const scopeKey = `orgs/${names.org}`
  for (let offset = -8; offset <= -3; offset++)
    gh.reports.setDay(scopeKey, day(offset), {
      aggregate: recordOf(day(offset)),
      users: USERS.map((user) => ({ ...user, day: day(offset) }))
    })
  const path = `copilot-metrics/organization-${names.org}.json`
  return {
    ...names,
    path,
    scopeKey,
    sync: (extra = {}) => {
      const given = inputs(gh, names, { 'backfill-days': '5', ...extra })
      const settings = parseSettings(
        (name) => (given as Record<string, string>)[name] ?? '',
        {}
      )
      return syncHistories(
        settings,
        {
          metrics: createOctokit(settings.metricsToken, settings.apiUrl),
          repo: createOctokit(
            settings.repoToken,
            settings.apiUrl,
            'github-token'
          )
        },
        new Date(FIXED_NOW)
      )
    },
    // Index and monthly shards, assembled as one history.
    stored: () =>
      readHistory(gh, names.repo, path, BRANCH) as unknown as Record<
        string,
        unknown
      > | null
  }
}

describe('records are stored as received', () => {
  it('keeps every field of the record, nested objects and arrays included, deep-equal to what GitHub sent', async () => {
    const c = setUp('asreceived')
    await c.sync()
    const days = c.stored()!.days as Array<{
      date: string
      record: unknown
    }>
    expect(days.map((d) => d.date)).toEqual([day(-5), day(-4), day(-3)])
    // The sample has what must survive: nested objects, not only arrays.
    const sample = recordOf(day(-5))
    expect(sample.pull_requests).toEqual(expect.any(Object))
    expect(sample.totals_by_cli).toEqual(expect.any(Object))
    for (const stored of days) {
      expect(stored.record).toEqual(recordOf(stored.date))
      // Against the fixture's text: the same fields, values and key order
      // (numbers written as JSON writes them: the fixture's 12137.0 is 12137).
      expect(JSON.stringify(stored.record)).toBe(
        JSON.stringify(
          JSON.parse(
            FIXTURE.replace('"day":"2026-11-20"', `"day":"${stored.date}"`)
          )
        )
      )
    }
  })

  it('keeps unknown top-level fields of the history file, and unknown fields of its days', async () => {
    const c = setUp('unknownfields')
    const old = {
      date: day(-9),
      source: 'reports',
      fetchedAt: '2026-11-18T03:00:00.000Z',
      summary: { activeUsers: 3, engagedUsers: 1, weeklyActiveUsers: null },
      record: { day: day(-9), daily_active_users: 3 },
      annotation: { by: 'a newer version' }
    }
    const note = { written: 'by a newer version', nested: { list: [1, 2] } }
    gh.repo(c.repo).commitFiles(BRANCH, {
      [c.path]: JSON.stringify({
        schemaVersion: 1,
        scope: { kind: 'organization', organization: c.org },
        source: 'reports',
        note,
        days: [old]
      })
    })
    await c.sync()
    const history = c.stored()!
    expect(history.note).toEqual(note)
    // Distinct counts are the Action's own addition to a day (docs/distinct-users.md).
    expect(withoutDistinct((history.days as object[])[0])).toEqual(old)
    expect(
      (history.days as Array<{ date: string }>).map((d) => d.date)
    ).toEqual([-9, -5, -4, -3].map(day)) // the window: the last 5 days
  })
})

describe('answers of the wrong day or with several records: the run fails, nothing is written', () => {
  const headOf = (c: Case): string | null => gh.repo(c.repo).headSha(BRANCH)

  it("an aggregated report whose envelope is another day's", async () => {
    const c = setUp('wrongreportday')
    gh.reports.serveWrongDay(c.scopeKey, day(-4), { reportDay: day(-3) })
    await expect(c.sync()).rejects.toThrow(
      new RegExp(
        `answered the aggregate report of ${day(-4)} with the report of ${day(-3)}`
      )
    )
    expect(headOf(c)).toBeNull()
  })

  it('an aggregated record of a later day', async () => {
    const c = setUp('wrongrecordday')
    gh.reports.serveWrongDay(c.scopeKey, day(-4), { recordDay: day(-3) })
    await expect(c.sync()).rejects.toThrow(
      new RegExp(`record of ${day(-3)} in the report of ${day(-4)}`)
    )
    expect(headOf(c)).toBeNull()
  })

  it('a users record of another day', async () => {
    const c = setUp('wronguserday')
    gh.reports.serveWrongDay(c.scopeKey, day(-4), {
      report: 'users',
      recordDay: day(-3)
    })
    const start = gh.requests.length
    await expect(c.sync()).rejects.toThrow(
      new RegExp(`record of ${day(-3)} in the report of ${day(-4)}`)
    )
    expect(headOf(c)).toBeNull()
    // Refused as the day is fetched, not later when its users are counted again.
    const usersReads = gh.requests
      .slice(start)
      .filter((r) => r.path.endsWith('/users-1-day') && r.query.day === day(-4))
    expect(usersReads).toHaveLength(1)
  })

  it('an aggregated report of one day with two different records', async () => {
    const c = setUp('tworecords')
    gh.reports.addAggregateRecords(c.scopeKey, day(-4), [
      { ...recordOf(day(-4)), daily_active_users: 1 }
    ])
    await expect(c.sync()).rejects.toThrow(
      new RegExp(`aggregated report of ${day(-4)} holds 2 different records`)
    )
    expect(headOf(c)).toBeNull()
  })

  it('an aggregated record with a negative count', async () => {
    const c = setUp('negative')
    gh.reports.setDay(c.scopeKey, day(-4), {
      aggregate: { ...recordOf(day(-4)), daily_active_users: -1 },
      users: []
    })
    await expect(c.sync()).rejects.toThrow(/daily_active_users/)
    expect(headOf(c)).toBeNull()
  })

  it('while an identical repeat of the record (shards) is tolerated', async () => {
    const c = setUp('repeat')
    gh.reports.addAggregateRecords(c.scopeKey, day(-4), [recordOf(day(-4))])
    await c.sync()
    expect((c.stored()!.days as unknown[]).length).toBe(3)
  })
})

describe('a history file above 1 MB', () => {
  it('is read whole (the JSON contents form would be empty), kept and extended', async () => {
    const c = setUp('large')
    const { text, dates } = largeHistory({
      scope: { kind: 'organization', organization: c.org },
      newest: day(-6),
      bytes: 1.5 * 1024 * 1024
    })
    gh.repo(c.repo).commitFiles(BRANCH, { [c.path]: text })
    // GitHub's trap, which the fake reproduces: no content in the JSON form.
    const json = await fetch(
      `${gh.apiUrl}/repos/${c.repo}/contents/${c.path}?ref=${BRANCH}`,
      { headers: { authorization: 'token repo-token' } }
    ).then((res) => res.json() as Promise<{ content: string; size: number }>)
    expect(json.size).toBeGreaterThan(1024 * 1024)
    expect(json.content).toBe('')

    await c.sync({ 'refresh-days': '0' })
    const history = c.stored()!
    const stored = history.days as Array<{ date: string }>
    expect(stored.map((d) => d.date)).toEqual([
      ...dates,
      day(-5),
      day(-4),
      day(-3)
    ])
    expect(stored.slice(0, dates.length).map(withoutDistinct)).toEqual(
      JSON.parse(text).days
    )
  })
})
