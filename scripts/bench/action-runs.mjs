// Scenarios that run the bundled Action (node dist/index.js, as the runner
// does) against the local fake GitHub, with generated data.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runAction } from '../../__tests__/support/run-action.js'
import {
  generatedUserLines,
  seedReports
} from '../../__tests__/support/sample-data.js'
import { countRequests, describeRequests } from './requests.mjs'
import { median } from './table.mjs'

/** @typedef {import('../../__tests__/support/fake-github.js').FakeGitHub} FakeGitHub */
/** @typedef {import('./table.mjs').Row} Row */

const MAX_RSS = pathToFileURL(
  new URL('./max-rss.mjs', import.meta.url).pathname
)
const DAY_MS = 86_400_000
const SEED = 2026

/** Today (UTC) shifted by `offset` days: the Action plans from the real clock. @param {number} offset */
const day = (offset) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)

/** @param {number} ms */
const ms = (ms) => String(Math.round(ms))
/** @param {number} bytes */
const mb = (bytes) => (bytes / 1e6).toFixed(1)

/**
 * The inputs of a workflow for `enterprise`, pointed at the fake.
 * @param {FakeGitHub} gh
 * @param {string} enterprise
 * @param {Record<string, string>} [extra]
 */
export function inputs(gh, enterprise, extra = {}) {
  const repository = `bench/${enterprise}`
  gh.repo(repository)
  return {
    token: 'metrics-token',
    'github-token': 'repo-token',
    scope: 'enterprise',
    enterprise,
    repository,
    'api-url': gh.apiUrl,
    'extra-download-hosts': gh.downloadHost,
    // The scenarios measure a 28-day window unless they say otherwise (the
    // default, 365, is measured by scripts/bench/first-year.mjs).
    'backfill-days': '28',
    ...extra
  }
}

/**
 * One run of dist/index.js: wall time from spawn to exit, peak RSS of the
 * child (MiB), the requests it made, and when the first one arrived.
 * @param {FakeGitHub} gh
 * @param {Record<string, string>} runInputs
 */
export async function measuredRun(gh, runInputs) {
  const dir = await mkdtemp(join(tmpdir(), 'cmh-bench-'))
  const rssFile = join(dir, 'max-rss')
  const first = gh.requests.length
  try {
    const started = performance.now()
    const result = await runAction({
      inputs: runInputs,
      env: {
        // BENCH_NODE_OPTIONS adds options, e.g. --import of a profiler.
        NODE_OPTIONS: `--import=${MAX_RSS} ${process.env.BENCH_NODE_OPTIONS ?? ''}`,
        BENCH_MAX_RSS_FILE: rssFile
      },
      timeoutMs: 900_000
    })
    const wallMs = performance.now() - started
    if (result.code !== 0)
      throw new Error(
        `the Action failed (exit code ${result.code}): ${result.errors.join('; ') || result.stderr.slice(-2000)}`
      )
    const requests = gh.requests.slice(first)
    return {
      result,
      wallMs,
      maxRssMib: Number(await readFile(rssFile, 'utf8')) / 1024,
      requests,
      counts: countRequests(requests),
      firstRequestMs: (requests[0]?.at ?? NaN) - started
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The history the Action stored at `path` (an index and its monthly shards,
 * or a single file), and its size in bytes over all files.
 * @param {FakeGitHub} gh
 * @param {string} repository
 * @param {string} path
 * @returns {{ history: any, bytes: number }}
 */
export function storedHistory(gh, repository, path) {
  const repo = gh.repo(repository)
  const text = repo.readFile('copilot-metrics', path)
  if (text === null) return { history: { days: [] }, bytes: 0 }
  const stored = JSON.parse(text)
  if (!stored.shards) return { history: stored, bytes: Buffer.byteLength(text) }
  const folder = path.slice(0, path.lastIndexOf('/') + 1)
  let bytes = Buffer.byteLength(text)
  const days = stored.shards.flatMap(
    (/** @type {{ file: string }} */ shard) => {
      const lines = repo.readFile('copilot-metrics', folder + shard.file) ?? ''
      bytes += Buffer.byteLength(lines)
      return lines
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    }
  )
  return { history: { ...stored, days }, bytes }
}

/**
 * Compares what the Action stored with what the fake published.
 * @param {FakeGitHub} gh
 * @param {Record<string, string>} runInputs
 * @param {string} historyPath
 * @param {ReturnType<typeof seedReports>} seeded
 */
function checkStored(gh, runInputs, historyPath, seeded) {
  /** @type {{ days: Array<{ date: string, summary: { activeUsers: number, engagedUsers: number } }> }} */
  const history = storedHistory(gh, runInputs.repository, historyPath).history
  const byDate = new Map(history.days.map((d) => [d.date, d.summary]))
  const wrong = seeded.filter((s) => {
    const summary = byDate.get(s.day)
    return (
      summary !== undefined &&
      (summary.activeUsers !== s.dailyActiveUsers ||
        summary.engagedUsers !== s.engagedUsers)
    )
  })
  return { days: history.days.length, wrong: wrong.map((s) => s.day) }
}

/**
 * Item 2: the first run backfills `days` days. Two days are missing from
 * what GitHub published, one inside the 28-day window and one before it.
 * @param {FakeGitHub} gh
 * @param {number} days
 * @returns {Promise<Row[]>}
 */
export async function backfill(gh, days) {
  const missing = [day(-12), day(-Math.round(days / 2) - 15)]
  const seeded = seedReports(gh, 'enterprises/bench-backfill', {
    from: day(-days - 5),
    to: day(-3),
    seed: SEED,
    shards: 2,
    missing
  })
  const runInputs = inputs(gh, 'bench-backfill', {
    'backfill-days': String(days),
    // One run for the whole window: the default budget (max-requests) would
    // spread it over two nights (see scripts/bench/first-year.mjs).
    'max-requests': '5000'
  })
  const run = await measuredRun(gh, runInputs)
  const { outputs } = run.result
  const stored = checkStored(gh, runInputs, outputs['history-path'], seeded)
  // Planned: the 365 days up to yesterday; GitHub has not published the last two.
  const expectedPending = 2 + missing.length
  const correct =
    stored.wrong.length === 0 &&
    outputs['days-pending'] === String(expectedPending) &&
    outputs['days-added'] === String(days - expectedPending)
  if (!correct)
    throw new Error(
      `backfill stored wrong data: ${JSON.stringify({ outputs, wrong: stored.wrong })}`
    )
  const { counts } = run
  return [
    {
      name: `Backfill ${days} days: wall time`,
      value: ms(run.wallMs),
      unit: 'ms',
      target: 'report it',
      note: `${outputs['days-added']} days stored, ${outputs['days-pending']} pending (2 not published yet, 2 missing: ${missing.join(', ')}); every stored day checked against the published data`
    },
    {
      name: `Backfill ${days} days: API requests`,
      value: String(
        counts.reportCalls +
          counts.pendingCalls +
          counts.gitReads +
          counts.gitWrites
      ),
      unit: 'requests',
      target: '28-day report for the newest days',
      note: describeRequests(counts)
    },
    {
      name: `Backfill ${days} days: peak memory`,
      value: run.maxRssMib.toFixed(0),
      unit: 'MiB',
      target: 'report it'
    }
  ]
}

/**
 * Item 1: the nightly run. A first run backfilled `backfillDays` days up to
 * yesterday, of which GitHub had published those up to five days ago; it has
 * published two more since.
 * @param {FakeGitHub} gh
 * @param {number} backfillDays
 * @param {string} [enterprise] another name, for a second measurement on the same fake
 * @returns {Promise<Row[]>}
 */
export async function nightly(gh, backfillDays, enterprise = 'bench-nightly') {
  const scope = `enterprises/${enterprise}`
  const runInputs = inputs(gh, enterprise)
  const from = day(-backfillDays - 40)
  seedReports(gh, scope, { from, to: day(-5), seed: SEED, shards: 2 })
  await measuredRun(gh, {
    ...runInputs,
    'backfill-days': String(backfillDays),
    // The whole window in one run, so the nightly run that follows is a plain night.
    'max-requests': '5000'
  })
  const seeded = seedReports(gh, scope, {
    from,
    to: day(-3),
    seed: SEED,
    shards: 2
  })
  // The same window: a wider one would be backfilled on this night.
  const run = await measuredRun(gh, {
    ...runInputs,
    'backfill-days': String(backfillDays)
  })
  const { outputs } = run.result
  const stored = checkStored(gh, runInputs, outputs['history-path'], seeded)
  if (outputs['days-added'] !== '2' || stored.wrong.length > 0)
    throw new Error(`nightly run: ${JSON.stringify({ outputs, stored })}`)
  const { counts } = run
  const { bytes } = storedHistory(
    gh,
    runInputs.repository,
    outputs['history-path']
  )
  return [
    {
      name: 'Nightly run: wall time',
      value: ms(run.wallMs),
      unit: 'ms',
      target: '< 1000',
      note: `history of ${Number(outputs['days-total']) - 2} days (${mb(bytes)} MB) + 2 new days; plan: 3 refreshed, 2 new, 2 not published yet`
    },
    {
      name: 'Nightly run: peak memory',
      value: run.maxRssMib.toFixed(0),
      unit: 'MiB',
      target: '< 150'
    },
    {
      name: 'Nightly run: report calls',
      value: String(counts.reportCalls + counts.pendingCalls),
      unit: 'requests',
      target: '1 per day',
      note: `${describeRequests(counts)}; a published day costs 2 report calls (aggregate + users, for engaged users) and their downloads, a pending day 1`
    },
    {
      name: 'Nightly run: Git Data calls',
      value: `${counts.gitReads} + ${counts.gitWrites}`,
      unit: 'reads + writes',
      target: '≤ 5 for the commit'
    }
  ]
}

/**
 * Item 4: a users-1-day report of `count` users, generated while it is
 * served, in 4 shards.
 * @param {FakeGitHub} gh
 * @param {number} count
 */
async function usersRun(gh, count) {
  const enterprise = `bench-users-${count}`
  const runInputs = inputs(gh, enterprise, { 'refresh-days': '0' })
  const stored = day(-4)
  const text = JSON.stringify({
    schemaVersion: 1,
    scope: { kind: 'enterprise', enterprise },
    source: 'reports',
    days: [
      {
        date: stored,
        source: 'reports',
        fetchedAt: `${stored}T06:00:00.000Z`,
        summary: { activeUsers: 1, engagedUsers: 1, weeklyActiveUsers: null },
        record: { day: stored, daily_active_users: 1 }
      }
    ]
  })
  gh.repo(runInputs.repository).commitFiles('copilot-metrics', {
    [`copilot-metrics/enterprise-${enterprise}.json`]: text
  })
  const target = day(-3)
  const users = generatedUserLines({
    day: target,
    scope: 'enterprise',
    count,
    shards: 4,
    seed: SEED
  })
  gh.reports.setDay(`enterprises/${enterprise}`, target, {
    aggregate: {
      day: target,
      enterprise_id: '4567',
      daily_active_users: count
    },
    users: [],
    usersGenerated: users
  })
  const firstStream = gh.downloads.streamed.length
  const run = await measuredRun(gh, runInputs)
  const { history } = storedHistory(
    gh,
    runInputs.repository,
    run.result.outputs['history-path']
  )
  const engaged = history.days?.at(-1)?.summary?.engagedUsers
  if (engaged !== users.engagedUsers)
    throw new Error(
      `users report of ${count} users: ${engaged} engaged users stored, ${users.engagedUsers} expected`
    )
  const streamed = gh.downloads.streamed.slice(firstStream)
  const bytes = streamed.reduce((sum, s) => sum + s.bytes, 0)
  const seconds =
    (Math.max(...streamed.map((s) => s.endedAt)) -
      Math.min(...streamed.map((s) => s.startedAt))) /
    1000
  return { run, bytes, seconds }
}

/**
 * @param {FakeGitHub} gh
 * @param {[number, number]} sizes a small and a large report
 * @returns {Promise<Row[]>}
 */
export async function usersStreaming(gh, sizes) {
  const [small, large] = [
    await usersRun(gh, sizes[0]),
    await usersRun(gh, sizes[1])
  ]
  const label = (/** @type {number} */ n, /** @type {number} */ bytes) =>
    `${n.toLocaleString('en-US')} users (${mb(bytes)} MB)`
  return [
    {
      name: `users-1-day, ${label(sizes[0], small.bytes)}: peak memory`,
      value: small.run.maxRssMib.toFixed(0),
      unit: 'MiB',
      target: 'independent of size'
    },
    {
      name: `users-1-day, ${label(sizes[1], large.bytes)}: peak memory`,
      value: large.run.maxRssMib.toFixed(0),
      unit: 'MiB',
      target: 'independent of size'
    },
    {
      name: `users-1-day, ${sizes[1].toLocaleString('en-US')} users: throughput`,
      value: (large.bytes / 1e6 / large.seconds).toFixed(0),
      unit: 'MB/s',
      target: 'report it',
      note: `download, parse, validate and count, 4 shards read one after another; whole run ${ms(large.run.wallMs)} ms`
    }
  ]
}

/**
 * Item 5: cold start, from spawning node to the first request, over a few
 * dry runs of the nightly scope (run after `nightly`).
 * @param {FakeGitHub} gh
 * @param {number} repeats
 * @returns {Promise<Row[]>}
 */
export async function coldStart(gh, repeats) {
  const runInputs = inputs(gh, 'bench-nightly', { 'dry-run': 'true' })
  const firsts = []
  for (let i = 0; i < repeats; i++)
    firsts.push((await measuredRun(gh, runInputs)).firstRequestMs)
  const bare = []
  for (let i = 0; i < repeats; i++) {
    const started = performance.now()
    spawnSync(process.execPath, ['-e', ''])
    bare.push(performance.now() - started)
  }
  return [
    {
      name: 'Cold start: spawn to first request',
      value: ms(median(firsts)),
      unit: 'ms',
      target: 'report it',
      note: `median of ${repeats}; starting node alone (node -e '') takes ${ms(median(bare))} ms`
    }
  ]
}
