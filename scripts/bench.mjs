// `npm run bench`: the performance figures of the Action, measured against
// the local fake GitHub with generated data (fixed seeds, no network).
// `npm run bench -- --quick` uses small sizes, to prove in CI that the script
// still works; its figures mean little. `--only storage,merge` runs some
// scenarios only (`--help` lists them). BENCH_NODE_OPTIONS adds Node options
// to every run of the Action (e.g. --import of a profiler).
import { statSync } from 'node:fs'
import { startFakeGitHub } from '../__tests__/support/fake-github.js'
import {
  backfill,
  coldStart,
  nightly,
  usersStreaming
} from './bench/action-runs.mjs'
import { distinctUsers } from './bench/distinct-users.mjs'
import { againstFloor } from './bench/floor-runs.mjs'
import { startLatencyProxy } from './bench/latency.mjs'
import { memoryFloor } from './bench/memory-floor.mjs'
import { mergeLargeHistory } from './bench/merge.mjs'
import { storageGrowth } from './bench/storage.mjs'
import { machine, renderTable, verdict } from './bench/table.mjs'

/** @typedef {import('./bench/table.mjs').Row} Row */

/** Scenario keys of `--only`, in the order they run. */
const SCENARIOS = {
  floor: 'against the floor, loopback',
  latency: 'against the floor, github.com latency',
  nightly: 'nightly run',
  backfill: 'first-run backfill',
  merge: 'merge of a large history',
  storage:
    'storage: nightly wall and peak memory, 1 year vs 5 years of a large enterprise',
  users: 'users report streaming',
  distinct: 'distinct weekly and monthly users',
  bundle: 'bundle size and cold start',
  memory:
    'where the peak memory goes: node, the dependencies, the bundle, a night'
}
const args = process.argv.slice(2)
if (args.includes('--help')) {
  console.log(
    [
      'Usage: node scripts/bench.mjs [--quick] [--only <scenario>[,<scenario>…]]',
      '  --quick  small sizes: proves the script works; the figures mean little',
      '  --only   run these scenarios only:',
      ...Object.entries(SCENARIOS).map(
        ([key, what]) => `             ${key.padEnd(9)} ${what}`
      )
    ].join('\n')
  )
  process.exit(0)
}
const quick = args.includes('--quick')
const onlyAt = args.indexOf('--only')
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null
for (const key of only ?? [])
  if (!(key in SCENARIOS)) {
    console.error(
      `Unknown scenario "${key}" in --only; one of ${Object.keys(SCENARIOS).join(', ')}.`
    )
    process.exit(2)
  }
const started = performance.now()

console.log(
  `Benchmark${quick ? ' (--quick: small sizes)' : ''} on ${machine()}\n`
)

/** @type {Row[]} */
const rows = []
/** @type {string[]} */
const texts = []
const gh = await startFakeGitHub({
  metricsToken: 'metrics-token',
  repoToken: 'repo-token'
})
try {
  /**
   * @param {keyof typeof SCENARIOS} key
   * @param {string} title
   * @param {() => Promise<Row[]>} scenario
   */
  const step = async (key, title, scenario) => {
    if (only && !only.has(key)) return
    const at = performance.now()
    process.stderr.write(`${title}…`)
    const added = await scenario()
    rows.push(...added)
    process.stderr.write(` ${((performance.now() - at) / 1000).toFixed(1)} s\n`)
    // As they come, so a long run cut short still leaves its figures.
    for (const row of added)
      process.stderr.write(`  ${row.name}: ${row.value} ${row.unit}\n`)
  }
  await step('floor', 'Against the floor, loopback', async () => {
    const { rows } = await againstFloor(gh, gh, {
      label: 'Loopback',
      stored: quick ? 64 : 352,
      backfill: quick ? 60 : 365,
      pairs: quick ? 3 : 5,
      backfillPairs: quick ? 1 : 2,
      targets: { nightly: '≤ 2.5', backfill: '≤ 3', memory: '≤ 64' }
    })
    return rows
  })
  await step('latency', 'Against the floor, github.com latency', async () => {
    const proxy = await startLatencyProxy(gh)
    try {
      const { rows, text } = await againstFloor(gh, proxy, {
        label: 'github.com latency',
        stored: quick ? 64 : 352,
        backfill: quick ? 60 : 365,
        pairs: quick ? 1 : 3,
        backfillPairs: 1,
        targets: { nightly: '≤ 1.3', backfill: '≤ 1.3' }
      })
      texts.push(text)
      process.stderr.write(`${text}\n`)
      return rows
    } finally {
      await proxy.close()
    }
  })
  await step('nightly', 'Nightly run', () => nightly(gh, quick ? 64 : 365))
  await step('backfill', 'First-run backfill', () =>
    backfill(gh, quick ? 60 : 365)
  )
  await step('merge', 'Merge of a large history', () =>
    mergeLargeHistory(
      quick ? { years: 1, repeats: 3 } : { years: 5, repeats: 7 }
    )
  )
  await step(
    'storage',
    'Storage: 1 year vs 5 years of a large enterprise',
    () =>
      storageGrowth(
        gh,
        quick ? { years: [1, 2], repeats: 1 } : { years: [1, 5], repeats: 5 }
      )
  )
  await step('users', 'Users report streaming', () =>
    usersStreaming(gh, quick ? [2_000, 10_000] : [10_000, 100_000])
  )
  await step('distinct', 'Distinct weekly and monthly users', () =>
    distinctUsers(gh, quick ? [1_000, 5_000] : [10_000, 100_000])
  )
  await step('bundle', 'Bundle and cold start', async () => [
    {
      name: 'Bundle: dist/index.js',
      value: (
        statSync(new URL('../dist/index.js', import.meta.url)).size / 1024
      ).toFixed(0),
      unit: 'KiB',
      target: 'only what is used'
    },
    ...(await coldStart(gh, quick ? 3 : 7))
  ])
  await step('memory', 'Where the peak memory goes', () =>
    memoryFloor(gh, { stored: quick ? 64 : 365, repeats: quick ? 1 : 3 })
  )
} finally {
  await gh.close()
}
console.log(renderTable(rows))
for (const text of texts) console.log(`\n${text}`)
console.log(
  `\n${rows.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s`
)
// Last: the misses. A miss does not fail the run (exit code 0).
console.log(verdict(rows))
