// The cost of the distinct weekly and monthly users (docs/distinct-users.md):
// a nightly run that adds one day re-reads the users-1-day reports of the
// stored days of that day's ISO week and calendar month. Here the history
// holds the 6 days before the new one, so 7 days are read again.
import { generatedUserLines } from '../../__tests__/support/sample-data.js'
import { inputs, measuredRun } from './action-runs.mjs'

/** @typedef {import('../../__tests__/support/fake-github.js').FakeGitHub} FakeGitHub */
/** @typedef {import('./table.mjs').Row} Row */

const DAY_MS = 86_400_000
const STORED = 6
/** @param {number} offset */
const day = (offset) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)

/**
 * @param {FakeGitHub} gh
 * @param {number} count users active every day
 */
async function distinctRun(gh, count) {
  const enterprise = `bench-distinct-${count}`
  const repository = `bench/${enterprise}`
  gh.repo(repository)
  const newDay = day(-3)
  const stored = Array.from({ length: STORED }, (_, i) => day(-3 - STORED + i))
  for (const date of [...stored, newDay]) {
    gh.reports.setDay(`enterprises/${enterprise}`, date, {
      aggregate: {
        day: date,
        enterprise_id: '4567',
        daily_active_users: count
      },
      users: [],
      usersGenerated: generatedUserLines({
        day: date,
        scope: 'enterprise',
        count,
        shards: 4,
        seed: 2026
      })
    })
  }
  const days = stored.map((date) => ({
    date,
    source: 'reports',
    fetchedAt: `${date}T06:00:00.000Z`,
    summary: { activeUsers: count, engagedUsers: 1, weeklyActiveUsers: null },
    record: { day: date, enterprise_id: '4567', daily_active_users: count }
  }))
  gh.repo(repository).commitFiles('copilot-metrics', {
    [`copilot-metrics/enterprise-${enterprise}.json`]: JSON.stringify({
      schemaVersion: 1,
      scope: { kind: 'enterprise', enterprise },
      source: 'reports',
      days
    })
  })
  const firstStream = gh.downloads.streamed.length
  const run = await measuredRun(
    gh,
    inputs(gh, enterprise, {
      'refresh-days': '0',
      // The stored days, the new one and the two not published yet: no backfill.
      'backfill-days': String(STORED + 3)
    })
  )
  const log =
    /Distinct users: read the per-user rows of (\d+) days? .* in (\d+) ms/.exec(
      run.result.stdout
    )
  if (!log) throw new Error('the run did not count distinct users')
  const [, read, elapsed] = log.map(Number)
  // The fake records the generated users files only: the fetch reads the new
  // day's 4 first; every later one is a re-read for the distinct counts.
  const streamed = gh.downloads.streamed.slice(firstStream)
  const extraBytes = streamed.slice(4).reduce((sum, s) => sum + s.bytes, 0)
  return { run, read, elapsedMs: elapsed, extraBytes }
}

/**
 * @param {FakeGitHub} gh
 * @param {number[]} sizes
 * @returns {Promise<Row[]>}
 */
export async function distinctUsers(gh, sizes) {
  /** @type {Row[]} */
  const rows = []
  for (const count of sizes) {
    const { run, read, elapsedMs, extraBytes } = await distinctRun(gh, count)
    const label = `Distinct users, ${count.toLocaleString('en-US')} users, ${read} days re-read`
    const perDay = extraBytes / read / 1e6
    rows.push(
      {
        name: `${label}: extra download`,
        value: (extraBytes / 1e6).toFixed(1),
        unit: 'MB',
        target: 'report it',
        note: `${perDay.toFixed(1)} MB a day read again; a night reads about 17 on average (week and month to date), 31 at most`
      },
      {
        name: `${label}: extra time`,
        value: String(elapsedMs),
        unit: 'ms',
        target: 'report it',
        note: `${(elapsedMs / read).toFixed(0)} ms a day read again; whole run ${Math.round(run.wallMs)} ms`
      },
      {
        name: `${label}: peak memory`,
        value: run.maxRssMib.toFixed(0),
        unit: 'MiB',
        target: 'report it',
        note: 'the whole run; compare with the users-1-day rows of the same size'
      }
    )
  }
  return rows
}
