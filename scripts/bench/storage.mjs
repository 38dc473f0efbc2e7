// Storage whose cost does not grow: the nightly run of a large enterprise
// (about 50 KB a stored day) with 1 year and with 5 years in the history,
// stored as the Action stores it (an index and monthly shards). A night reads
// the index and the months it needs only, so both should cost the same.
import { userRecords } from '../../__tests__/support/sample-data.js'
import { largeDayRecord, largeHistory } from './large-history.mjs'
import { importSrc } from './load-src.mjs'
import { inputs, measuredRun } from './action-runs.mjs'
import { median } from './table.mjs'

/** @typedef {import('../../__tests__/support/fake-github.js').FakeGitHub} FakeGitHub */
/** @typedef {import('./table.mjs').Row} Row */

const BRANCH = 'copilot-metrics'
const DAY_MS = 86_400_000
const DAY_BYTES = 50_000

const day = (/** @type {number} */ offset) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)

/**
 * An enterprise-1-day record of about 50 KB: the benchmark's large record
 * with its language × model breakdown widened (many languages × models).
 * @param {string} date
 */
function enterpriseRecord(date) {
  const record = largeDayRecord(date, 5)
  const base = record.totals_by_language_feature.map(
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    ({ feature, ...counts }) => counts
  )
  // Sized once, not by stringifying the record after every entry.
  const entryBytes =
    JSON.stringify({ ...base[0], model: 'model-00' }).length + 1
  const missing = DAY_BYTES - JSON.stringify(record).length
  const count = Math.max(0, Math.ceil(missing / entryBytes))
  record.totals_by_language_model = Array.from({ length: count }, (_, m) => ({
    ...base[m % base.length],
    model: `model-${String(m % 24).padStart(2, '0')}`
  }))
  return record
}

/**
 * A large enterprise's sharded history of `years` on the data branch, and
 * two new days published.
 * @param {FakeGitHub} gh
 * @param {number} years
 */
async function storedHistory(gh, years) {
  const { historyFiles } = await importSrc('history/shards')
  const enterprise = `bench-store-${Math.round(years * 12)}m`
  const repository = `bench/${enterprise}`
  const path = `copilot-metrics/enterprise-${enterprise}.json`
  const repo = gh.repo(repository)
  const history = largeHistory({
    to: day(-5),
    days: Math.round(years * 365.25),
    seed: 5
  })
  history.scope = { kind: 'enterprise', enterprise }
  for (const stored of history.days)
    stored.record = enterpriseRecord(stored.date)
  /** @type {{ path: string, text: string }[]} */
  const files = historyFiles(path, history, { kind: 'none' })
  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0)
  const before = repo.commitFiles(
    BRANCH,
    Object.fromEntries(files.map((f) => [f.path, f.text]))
  )
  history.days = []
  for (const date of [day(-4), day(-3)])
    gh.reports.setDay(`enterprises/${enterprise}`, date, {
      aggregate: { ...enterpriseRecord(date), enterprise_id: '4567' },
      // A day whose users report is empty is not stored (it stays pending).
      users: userRecords({
        day: date,
        scope: 'enterprise',
        count: 20,
        engagedCount: 16,
        seed: date
      })
    })
  return {
    years,
    enterprise,
    repository,
    path,
    repo,
    before,
    days: Math.round(years * 365.25),
    shards: files.length - 1,
    bytes
  }
}

/**
 * One night on top of the stored history (the branch is reset first).
 * @param {FakeGitHub} gh
 * @param {Awaited<ReturnType<typeof storedHistory>>} stored
 */
async function night(gh, stored) {
  const { enterprise, repository, path, repo, before, years } = stored
  repo.setRef(BRANCH, before)
  // The new days only (backfill-days 28): the stored history is a fixture, not a window to complete.
  const run = await measuredRun(
    gh,
    inputs(gh, enterprise, { 'refresh-days': '0' })
  )
  if (run.result.outputs['days-added'] !== '2')
    throw new Error(
      `storage night (${years} y): ${JSON.stringify(run.result.outputs)}`
    )
  const written = run.requests
    .filter((r) => r.method === 'POST' && /\/git\/(blobs|trees)$/.test(r.path))
    .reduce((sum, r) => {
      const body = /** @type {any} */ (r.body)
      if (typeof body?.content === 'string')
        return sum + Buffer.byteLength(body.content)
      return (
        sum +
        (body?.tree ?? []).reduce(
          (/** @type {number} */ s, /** @type {any} */ e) =>
            s +
            (typeof e.content === 'string' ? Buffer.byteLength(e.content) : 0),
          0
        )
      )
    }, 0)
  const folder = `/repos/${repository}/contents/${path.slice(0, -'.json'.length)}/`
  const read = run.requests.filter(
    (r) => r.method === 'GET' && r.path.startsWith(folder)
  ).length
  return { wallMs: run.wallMs, rssMib: run.maxRssMib, written, read }
}

/**
 * Nights with the two histories in interleaved pairs (the order alternates),
 * so a machine that gets busier or quieter weighs on both alike.
 * @param {FakeGitHub} gh
 * @param {[number, number]} years
 * @param {number} repeats
 */
async function interleavedNights(gh, years, repeats) {
  const stored = [
    await storedHistory(gh, years[0]),
    await storedHistory(gh, years[1])
  ]
  /** @type {Awaited<ReturnType<typeof night>>[][]} */
  const runs = [[], []]
  for (let i = 0; i < repeats; i++)
    for (const which of i % 2 === 0 ? [0, 1] : [1, 0])
      runs[which].push(await night(gh, stored[which]))
  return stored.map((history, which) => {
    const of = (/** @type {(r: (typeof runs)[0][0]) => number} */ pick) =>
      median(runs[which].map(pick))
    return {
      ...history,
      wallMs: of((r) => r.wallMs),
      rssMib: of((r) => r.rssMib),
      written: of((r) => r.written),
      read: of((r) => r.read)
    }
  })
}

/**
 * @param {FakeGitHub} gh
 * @param {{ years: [number, number], repeats: number }} options
 * @returns {Promise<Row[]>}
 */
export async function storageGrowth(gh, { years, repeats }) {
  const [small, large] = await interleavedNights(gh, years, repeats)
  const mb = (/** @type {number} */ b) => (b / 1e6).toFixed(1)
  const label = (/** @type {typeof small} */ m, /** @type {number} */ y) =>
    `${y} year${y === 1 ? '' : 's'} (${m.days} days, ${mb(m.bytes)} MB in ${m.shards} shards)`
  /** @param {typeof small} m @param {number} y @returns {Row[]} */
  const night = (m, y) => [
    {
      name: `Large enterprise, ${label(m, y)}: nightly wall time`,
      value: String(Math.round(m.wallMs)),
      unit: 'ms',
      target: 'report it',
      note: `${m.read} shards read; ${mb(m.written)} MB written by the night's commit (median of ${repeats})`
    },
    {
      name: `Large enterprise, ${y} year${y === 1 ? '' : 's'}: nightly peak memory`,
      value: m.rssMib.toFixed(0),
      unit: 'MiB',
      target: 'report it'
    }
  ]
  return [
    ...night(small, years[0]),
    ...night(large, years[1]),
    {
      name: `Large enterprise, ${years[1]} years vs ${years[0]}: nightly wall time (${Math.round(small.wallMs)} → ${Math.round(large.wallMs)} ms)`,
      value: (large.wallMs / small.wallMs).toFixed(2),
      unit: '×',
      target: '≤ 1.2'
    },
    {
      name: `Large enterprise, ${years[1]} years vs ${years[0]}: peak memory (${small.rssMib.toFixed(0)} → ${large.rssMib.toFixed(0)} MiB)`,
      value: (large.rssMib / small.rssMib).toFixed(2),
      unit: '×',
      target: '≤ 1.2'
    },
    {
      name: `Large enterprise, ${years[1]} years vs ${years[0]}: bytes written a night`,
      value: (large.written / small.written).toFixed(2),
      unit: '×',
      target: '≤ 1.2',
      note: 'the index and the shards whose days changed, whatever the history length'
    }
  ]
}
