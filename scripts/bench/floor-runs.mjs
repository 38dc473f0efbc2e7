// The Action against the floor (floor.mjs): interleaved pairs on the same
// fake GitHub and the same data, on loopback or through the latency model.
// Each figure is a ratio to the floor, which makes the same requests.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { seedReports } from '../../__tests__/support/sample-data.js'
import { measuredRun } from './action-runs.mjs'
import { planFloor } from './floor.mjs'
import { waterfall } from './latency.mjs'
import { countRequests, describeRequests } from './requests.mjs'
import { median } from './table.mjs'

/** @typedef {import('../../__tests__/support/fake-github.js').FakeGitHub} FakeGitHub */
/** @typedef {import('./table.mjs').Row} Row */
/** @typedef {{ apiUrl: string, downloadHost: string, log?: import('./latency.mjs').Timed[] }} Endpoint */

const FLOOR = fileURLToPath(new URL('./floor.mjs', import.meta.url))
const MAX_RSS = pathToFileURL(
  fileURLToPath(new URL('./max-rss.mjs', import.meta.url))
)
const DAY_MS = 86_400_000
const SEED = 2026
const BRANCH = 'copilot-metrics'
const CONCURRENCY = 4

const day = (/** @type {number} */ offset) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)

/**
 * One run of the floor script in a fresh node process: wall time and peak RSS.
 * @param {import('./floor.mjs').FloorPlan} plan
 */
async function runFloor(plan) {
  const dir = await mkdtemp(join(tmpdir(), 'cmh-floor-'))
  const rssFile = join(dir, 'max-rss')
  try {
    const started = performance.now()
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, [FLOOR], {
        env: {
          ...process.env,
          FLOOR_PLAN: JSON.stringify(plan),
          NODE_OPTIONS: `--import=${MAX_RSS}`,
          BENCH_MAX_RSS_FILE: rssFile
        },
        stdio: ['ignore', 'ignore', 'inherit']
      })
      child.on('exit', resolve)
    })
    const wallMs = performance.now() - started
    if (code !== 0) throw new Error(`the floor script failed (exit ${code})`)
    return {
      wallMs,
      maxRssMib: Number(await readFile(rssFile, 'utf8')) / 1024
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * @typedef {object} Pairing
 * @property {string} label e.g. "Nightly run"
 * @property {Record<string, string>} inputs the Action's inputs (api-url is set here)
 * @property {(pair: number) => { repository: string, floorBranch: string }} prepare
 *   puts the data branch back as it was before the run; says where the floor works
 */

/**
 * Runs `pairs` interleaved pairs (the Action, then the floor) and returns
 * the medians, the Action's requests of the last pair and its waterfall.
 * @param {FakeGitHub} gh
 * @param {Endpoint} endpoint
 * @param {Pairing} pairing
 * @param {number} pairs
 */
async function pairsOf(gh, endpoint, pairing, pairs) {
  const action = []
  const floor = []
  let last = /** @type {any} */ (null)
  for (let pair = 0; pair < pairs; pair++) {
    const { repository, floorBranch } = pairing.prepare(pair)
    const logFrom = endpoint.log?.length ?? 0
    const run = await measuredRun(gh, {
      ...pairing.inputs,
      repository,
      'api-url': endpoint.apiUrl,
      'extra-download-hosts': endpoint.downloadHost
    })
    action.push(run)
    const timed = endpoint.log?.slice(logFrom) ?? []
    const plan = planFloor(run.requests, {
      apiUrl: endpoint.apiUrl,
      metricsToken: 'metrics-token',
      repoToken: 'repo-token',
      repository,
      branch: floorBranch,
      concurrency: CONCURRENCY
    })
    floor.push(await runFloor(plan))
    last = { run, timed, plan }
  }
  const wall = median(action.map((r) => r.wallMs))
  const floorWall = median(floor.map((r) => r.wallMs))
  const rss = median(action.map((r) => r.maxRssMib))
  const floorRss = median(floor.map((r) => r.maxRssMib))
  return { wall, floorWall, rss, floorRss, last, pairs }
}

/**
 * @param {string} label
 * @param {Awaited<ReturnType<typeof pairsOf>>} m
 * @param {{ wall: string, memory?: string }} targets
 */
function rowsOf(label, m, targets) {
  const counts = countRequests(m.last.run.requests)
  /** @type {Row[]} */
  const rows = [
    {
      name: `${label}: wall time`,
      value: (m.wall / m.floorWall).toFixed(2),
      unit: '× floor',
      target: targets.wall,
      note: `${Math.round(m.wall)} ms against the floor's ${Math.round(m.floorWall)} ms (median of ${m.pairs} interleaved pairs); ${describeRequests(counts)}`
    }
  ]
  if (targets.memory)
    rows.push({
      name: `${label}: peak memory`,
      value: m.rss.toFixed(0),
      unit: 'MiB',
      target: targets.memory,
      note: `${(m.rss / m.floorRss).toFixed(2)} × the floor's ${m.floorRss.toFixed(0)} MiB`
    })
  return rows
}

/**
 * A data branch that holds `stored` days, and two more days published
 * since: the nightly run. Each pair starts from the same commit.
 * @param {FakeGitHub} gh
 * @param {string} enterprise
 * @param {number} stored
 * @param {Endpoint} endpoint
 */
async function nightlySetup(gh, enterprise, stored, endpoint) {
  const scope = `enterprises/${enterprise}`
  const repository = `bench/${enterprise}`
  const repo = gh.repo(repository)
  const from = day(-stored - 4)
  seedReports(gh, scope, { from, to: day(-5), seed: SEED, shards: 2 })
  await measuredRun(gh, {
    ...baseInputs(enterprise, repository),
    'api-url': endpoint.apiUrl,
    'extra-download-hosts': endpoint.downloadHost,
    'backfill-days': String(stored + 4),
    // The whole window in one run, so the measured nights are plain nights.
    'max-requests': '5000'
  })
  seedReports(gh, scope, { from, to: day(-3), seed: SEED, shards: 2 })
  const before = repo.headSha(BRANCH)
  if (!before) throw new Error('the first run stored nothing')
  return {
    repository,
    prepare: (/** @type {number} */ pair) => {
      repo.setRef(BRANCH, before)
      repo.setRef(`floor-${pair}`, before)
      return { repository, floorBranch: `floor-${pair}` }
    }
  }
}

/** @param {string} enterprise @param {string} repository */
function baseInputs(enterprise, repository) {
  return {
    token: 'metrics-token',
    'github-token': 'repo-token',
    scope: 'enterprise',
    enterprise,
    repository
  }
}

/**
 * The nightly run, a first run of 28 days and a year's backfill, each
 * against the floor.
 * @param {FakeGitHub} gh
 * @param {Endpoint} endpoint
 * @param {{ label: string, stored: number, backfill: number, pairs: number, backfillPairs: number, targets: { nightly: string, backfill: string, memory?: string } }} options
 * @returns {Promise<{ rows: Row[], text: string }>}
 */
export async function againstFloor(gh, endpoint, options) {
  const { label, targets } = options
  const tag = label.replace(/\W+/g, '-').toLowerCase()
  const rows = []

  const nightlyName = `bench-floor-nightly-${tag}`
  const nightly = await nightlySetup(gh, nightlyName, options.stored, endpoint)
  const night = await pairsOf(
    gh,
    endpoint,
    {
      label: 'Nightly run',
      // The same window as the setup: a wider one would be backfilled.
      inputs: {
        ...baseInputs(nightlyName, nightly.repository),
        'backfill-days': String(options.stored + 4)
      },
      prepare: nightly.prepare
    },
    options.pairs
  )
  if (night.last.run.result.outputs['days-added'] !== '2')
    throw new Error(
      `nightly run against the floor: ${JSON.stringify(night.last.run.result.outputs)}`
    )
  rows.push(
    ...rowsOf(`${label}, nightly run (${options.stored} days stored)`, night, {
      wall: targets.nightly,
      memory: targets.memory
    })
  )

  for (const [days, pairs, target] of /** @type {const} */ ([
    [28, options.pairs, targets.nightly],
    [options.backfill, options.backfillPairs, targets.backfill]
  ])) {
    const enterprise = `bench-floor-first-${days}-${tag}`
    seedReports(gh, `enterprises/${enterprise}`, {
      from: day(-days - 5),
      to: day(-3),
      seed: SEED,
      shards: 2
    })
    const measured = await pairsOf(
      gh,
      endpoint,
      {
        label: `First run of ${days} days`,
        inputs: {
          ...baseInputs(enterprise, ''),
          'backfill-days': String(days)
        },
        prepare: (pair) => {
          const repository = `bench/${enterprise}-${pair}`
          gh.repo(repository)
          return { repository, floorBranch: 'floor' }
        }
      },
      pairs
    )
    rows.push(
      ...rowsOf(`${label}, first run of ${days} days`, measured, {
        wall: target,
        memory: days === 28 ? targets.memory : undefined
      })
    )
  }

  const text = endpoint.log
    ? `Request waterfall of the nightly run, ${label} (one line per request; DL = report download):\n${waterfall(night.last.timed)}`
    : ''
  return { rows, text }
}
