// The default first run of an organization (backfill-days 365, clamped to
// GitHub's first organization day, 2025-12-12), night after night until the
// window is complete, then one nightly run over the complete window.
//
//   node scripts/bench/first-year.mjs [--baseline <dir with an older index.js>]
//
// With --baseline, the older bundle fills its own history of the same days,
// then makes the same nightly run: what a complete window cost before.
import { startFakeGitHub } from '../../__tests__/support/fake-github.js'
import { seedReports } from '../../__tests__/support/sample-data.js'
import { runAction } from '../../__tests__/support/run-action.js'
import { countRequests, describeRequests } from './requests.mjs'

const DAY_MS = 86_400_000
/** @param {number} offset */
const day = (offset) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)
const ORG_FIRST_DAY = '2025-12-12'

const baselineAt = process.argv.indexOf('--baseline')
const baseline =
  baselineAt > 0 ? `${process.argv[baselineAt + 1]}/index.js` : null

/**
 * One run of a bundle (dist/index.js by default): wall time and requests.
 * @param {Record<string, string>} runInputs
 * @param {string} [script]
 */
async function measuredRun(runInputs, script) {
  const first = gh.requests.length
  const started = performance.now()
  const result = await runAction({
    inputs: runInputs,
    timeoutMs: 900_000,
    ...(script ? { script } : {})
  })
  const wallMs = performance.now() - started
  if (result.code !== 0)
    throw new Error(`the Action failed: ${result.errors.join('; ')}`)
  const requests = gh.requests.slice(first)
  return { result, wallMs, requests, counts: countRequests(requests) }
}

const gh = await startFakeGitHub({
  metricsToken: 'metrics-token',
  repoToken: 'repo-token'
})
try {
  const org = 'bench-year'
  const from = day(-365) > ORG_FIRST_DAY ? day(-365) : ORG_FIRST_DAY
  seedReports(gh, `orgs/${org}`, { from, to: day(-3), seed: 2026 })
  /** @param {string} repository @param {Record<string, string>} [extra] */
  const inputs = (repository, extra = {}) => {
    gh.repo(repository)
    return {
      token: 'metrics-token',
      'github-token': 'repo-token',
      organization: org,
      repository,
      'api-url': gh.apiUrl,
      'extra-download-hosts': gh.downloadHost,
      ...extra
    }
  }

  console.log(
    `First run with the defaults (backfill-days 365, max-requests 500): ${org}, days published ${from} to ${day(-3)}`
  )
  let nights = 0
  let complete = false
  while (!complete && nights < 5) {
    nights++
    const run = await measuredRun(inputs('bench/year'))
    const progress = /Backfill: (\d+) of (\d+) days/.exec(run.result.stdout)
    const apiCalls = run.requests.filter((r) => r.server === 'api').length
    console.log(
      `  night ${nights}: ${(run.wallMs / 1000).toFixed(1)} s, ${apiCalls} API requests (${describeRequests(run.counts)}), ` +
        `${progress ? progress[0] : 'window complete'}, days-added ${run.result.outputs['days-added']}`
    )
    // Complete: every published day stored (yesterday and the day before are not published).
    complete = !progress || Number(progress[2]) - Number(progress[1]) <= 2
  }
  console.log(`  nights needed: ${nights}`)

  // The baseline fills its own history (its file format may be older).
  if (baseline)
    await measuredRun(
      inputs('bench/baseline', { 'backfill-days': '365' }),
      baseline
    )
  // A night over the complete window: GitHub published one more day.
  seedReports(gh, `orgs/${org}`, { from: day(-2), to: day(-2), seed: 2027 })
  const nightly = await measuredRun(inputs('bench/year'))
  /** @param {{ requests: Array<{ server: string }> }} run */
  const calls = (run) => run.requests.filter((r) => r.server === 'api').length
  console.log(
    `Nightly run over the complete window: ${(nightly.wallMs / 1000).toFixed(1)} s, ${calls(nightly)} API requests (${describeRequests(nightly.counts)})`
  )
  if (baseline) {
    const before = await measuredRun(inputs('bench/baseline'), baseline)
    console.log(
      `Same night, baseline bundle (${baseline}): ${(before.wallMs / 1000).toFixed(1)} s, ${calls(before)} API requests (${describeRequests(before.counts)})`
    )
  }
} finally {
  await gh.close()
}
