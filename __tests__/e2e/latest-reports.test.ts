// The 28-day reports: a run that fetches 28 days or more reads the days of the
// newest 28-day window from organization-28-day and users-28-day (two calls)
// instead of two 1-day calls a day, and everything else from the 1-day reports
// with at most `fetch-concurrency` days at once.
import { describe, expect, it, jest } from '@jest/globals'
import {
  aggregateRecord,
  seedReports,
  userRecords
} from '../support/sample-data.js'
import {
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub,
  type FakeGitHub,
  type StoredHistory
} from './helpers.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub()
type RequestLog = FakeGitHub['requests']

/** Report calls of a run, as `name day` (day empty for the 28-day reports). */
function reportCalls(requests: RequestLog): string[] {
  return requests
    .filter((r) => r.path.includes('/copilot/metrics/reports/'))
    .map((r) =>
      `${r.path.replace(/^.*\/reports\//, '')} ${r.query.day ?? ''}`.trim()
    )
}

async function run(runInputs: Record<string, string>) {
  const start = gh.requests.length
  const result = await runAction({ inputs: runInputs })
  expect(result.errors).toEqual([])
  expect(result.code).toBe(0)
  return { result, requests: gh.requests.slice(start) }
}

function history(repo: string, org: string): StoredHistory {
  return readHistory(gh, repo, `copilot-metrics/organization-${org}.json`)!
}

/** A stored day as text, without the time it was fetched. */
function storedText(stored: StoredHistory['days'][number]): string {
  return JSON.stringify({ ...stored, fetchedAt: null })
}

describe('the 28-day reports on a first run', () => {
  it('store a day exactly as its 1-day reports do, so the next nightly refresh changes nothing', async () => {
    const names = freshNames('latest-same')
    const seed = { from: day(-60), seed: 11, shards: 2 }
    const seeded = seedReports(gh, `orgs/${names.org}`, {
      ...seed,
      to: day(-3)
    })

    // 28 days planned: the 28-day reports, then 1-day calls for the two
    // days after their window, which GitHub has not published yet.
    const latest = await run(inputs(gh, names))
    expect(reportCalls(latest.requests).sort()).toEqual(
      [
        'organization-28-day/latest',
        'users-28-day/latest',
        `organization-1-day ${day(-2)}`,
        `organization-1-day ${day(-1)}`
      ].sort()
    )
    expect(latest.result.outputs['days-added']).toBe('26')

    // 27 days planned: the 1-day reports only, into another repository.
    const other = { org: names.org, repo: `${names.org}/other` }
    const oneDay = await run(inputs(gh, other, { 'backfill-days': '27' }))
    expect(
      reportCalls(oneDay.requests).filter((call) => call.includes('28-day'))
    ).toEqual([])

    const fromLatest = history(names.repo, names.org).days
    const fromOneDay = history(other.repo, names.org).days
    expect(fromOneDay).toHaveLength(25)
    for (const stored of fromOneDay) {
      const same = fromLatest.find((d) => d.date === stored.date)!
      expect(storedText(same)).toBe(storedText(stored))
    }
    // Byte for byte against the line the 1-day report served: the same
    // fields, values and order, whichever report the day came from.
    for (const stored of fromLatest)
      expect([stored.date, JSON.stringify(stored.record)]).toEqual([
        stored.date,
        gh.reports.servedAggregate(`orgs/${names.org}`, stored.date)
      ])
    // Both agree with what was published, engaged users included.
    expect(fromLatest.map((d) => d.summary)).toEqual(
      seeded
        .filter((s) => s.day >= day(-28))
        .map((s) => ({
          activeUsers: s.dailyActiveUsers,
          engagedUsers: s.engagedUsers,
          weeklyActiveUsers: s.weeklyActiveUsers
        }))
    )
    expect(fromLatest[0].record).toHaveProperty('etl_id', 'green')
    expect(fromLatest[0].record).toHaveProperty('day_partition', day(-28))

    // The next night: the three newest days are fetched again from their
    // 1-day reports and found unchanged.
    seedReports(gh, `orgs/${names.org}`, { ...seed, to: day(-2) })
    const nightly = await run(inputs(gh, names))
    expect(nightly.result.outputs).toMatchObject({
      'days-added': '1',
      'days-updated': '0',
      'days-pending': '1'
    })
    expect(
      reportCalls(nightly.requests).filter((call) => call.includes('28-day'))
    ).toEqual([])
  })

  it('reads a day missing from the 28-day report from its 1-day reports', async () => {
    const names = freshNames('latest-missing')
    const key = `orgs/${names.org}`
    const seeded = seedReports(gh, key, {
      from: day(-60),
      to: day(-3),
      seed: 12,
      missing: [day(-10)]
    })
    // Published, but without data: absent from the 28-day report too.
    gh.reports.setDay(key, day(-15), { aggregate: null, users: [] })

    const { result, requests } = await run(inputs(gh, names))
    expect(result.outputs).toMatchObject({
      'days-added': '24',
      'days-pending': '4'
    })
    const stored = history(names.repo, names.org).days
    expect(stored.map((d) => d.date)).not.toContain(day(-10))
    expect(stored.map((d) => d.date)).not.toContain(day(-15))
    expect(stored.map((d) => [d.date, d.summary.engagedUsers])).toEqual(
      seeded
        .filter((s) => s.day >= day(-28) && s.day !== day(-15))
        .map((s) => [s.day, s.engagedUsers])
    )
    const oneDayCalls = reportCalls(requests).filter(
      (call) => !call.includes('28-day')
    )
    expect(oneDayCalls.sort()).toEqual(
      [day(-15), day(-10), day(-2), day(-1)]
        .map((d) => `organization-1-day ${d}`)
        .sort()
    )
  })

  it('reads the window from the 1-day reports when the 28-day users report is not there', async () => {
    const names = freshNames('latest-no-users')
    const seeded = seedReports(gh, `orgs/${names.org}`, {
      from: day(-40),
      to: day(-3),
      seed: 16
    })
    gh.faults.add({
      path: `/orgs/${names.org}/copilot/metrics/reports/users-28-day/latest`,
      respond: { status: 404 }
    })
    const { requests } = await run(inputs(gh, names))
    const calls = reportCalls(requests)
    // The aggregated days cannot be stored without their engaged users: both
    // 1-day reports of each day are read instead.
    expect(calls.filter((c) => c.startsWith('users-1-day'))).toHaveLength(26)
    expect(
      history(names.repo, names.org).days.map((d) => d.summary.engagedUsers)
    ).toEqual(
      seeded.filter((s) => s.day >= day(-28)).map((s) => s.engagedUsers)
    )
  })

  it('counts a user once however often the 28-day users report repeats it', async () => {
    const names = freshNames('latest-dedupe')
    const key = `orgs/${names.org}`
    for (let offset = -30; offset <= -3; offset++) {
      const date = day(offset)
      const users = userRecords({
        day: date,
        scope: 'organization',
        count: 6,
        engagedCount: 4,
        seed: offset
      })
      const engagedUser = users.find(
        (u) =>
          u.user_initiated_interaction_count > 0 ||
          u.code_acceptance_activity_count > 0
      )!
      gh.reports.setDay(key, date, {
        aggregate: aggregateRecord({
          day: date,
          scope: 'organization',
          dailyActiveUsers: 6,
          users
        }),
        // Repeated in another shard, once as is and once with its id as a string.
        users: [
          ...users,
          engagedUser,
          { ...engagedUser, user_id: String(engagedUser.user_id) }
        ],
        shards: 2
      })
    }
    await run(inputs(gh, names))
    const stored = history(names.repo, names.org).days
    expect(stored).toHaveLength(26)
    expect(stored.every((d) => d.summary.engagedUsers === 4)).toBe(true)
  })

  it('asks for fresh links when the signed links of the 28-day users report expired', async () => {
    const names = freshNames('latest-expired')
    const seeded = seedReports(gh, `orgs/${names.org}`, {
      from: day(-40),
      to: day(-3),
      seed: 13
    })
    // The first download after the users report's links were issued finds them expired.
    gh.hooks.before({ path: /\/users-28-day\/latest$/ }, () => {
      gh.hooks.before({ server: 'download', path: /^\/files\// }, () => {
        gh.downloads.expireAll()
      })
    })
    const { requests } = await run(inputs(gh, names))
    expect(
      reportCalls(requests).filter((call) => call === 'users-28-day/latest')
    ).toHaveLength(2)
    expect(requests.some((r) => r.status === 403)).toBe(true)
    expect(
      history(names.repo, names.org).days.map((d) => d.summary.engagedUsers)
    ).toEqual(
      seeded.filter((s) => s.day >= day(-28)).map((s) => s.engagedUsers)
    )
  })
})

describe('a long backfill', () => {
  it('reads the older days from the 1-day reports, at most fetch-concurrency days at once', async () => {
    const names = freshNames('latest-long')
    const seeded = seedReports(gh, `orgs/${names.org}`, {
      from: day(-100),
      to: day(-3),
      seed: 14,
      shards: 2
    })
    let inFlight = 0
    let most = 0
    gh.hooks.before(
      { path: /\/organization-1-day$/, times: Infinity },
      async () => {
        most = Math.max(most, ++inFlight)
        await new Promise((resolve) => setTimeout(resolve, 15))
        inFlight--
      }
    )
    const { result, requests } = await run(
      inputs(gh, names, { 'backfill-days': '60', 'fetch-concurrency': '3' })
    )
    gh.hooks.clear()
    // A bound, not an exact count: how many overlap depends on the machine.
    expect(most).toBeLessThanOrEqual(3)
    expect(result.outputs).toMatchObject({
      'days-added': '58',
      'days-pending': '2'
    })
    const calls = reportCalls(requests)
    expect(calls.filter((call) => call.includes('28-day'))).toHaveLength(2)
    // 60 planned: the 28 of the window from the 28-day reports; 30 older
    // ones and 2 not published yet from 1-day calls.
    expect(
      calls.filter((call) => call.startsWith('organization-1-day'))
    ).toHaveLength(32)
    expect(calls.filter((call) => call.startsWith('users-1-day'))).toHaveLength(
      30
    )
    expect(
      history(names.repo, names.org).days.map((d) => [
        d.date,
        d.summary.activeUsers,
        d.summary.engagedUsers
      ])
    ).toEqual(
      seeded
        .filter((s) => s.day >= day(-60))
        .map((s) => [s.day, s.dailyActiveUsers, s.engagedUsers])
    )
  })

  it('keeps the 1-day reports for team scopes, which need each day of the user-teams report', async () => {
    const names = freshNames('latest-team')
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-40),
      to: day(-3),
      seed: 15
    })
    const { result, requests } = await run(
      inputs(gh, names, { scope: 'team', team: 'platform' })
    )
    expect(result.outputs['days-added']).toBe('26')
    expect(reportCalls(requests).filter((c) => c.includes('28-day'))).toEqual(
      []
    )
  })
})
