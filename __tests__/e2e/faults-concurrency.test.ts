// Fault matrix, part 4: runs racing each other on one data branch, and a run
// killed between uploading its objects and moving the branch.
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { seedReports } from '../support/sample-data.js'
import {
  BRANCH,
  expectComplete,
  expectedDays,
  setUp,
  expectInvariantsAndReset
} from './fault-helpers.js'
import {
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub
} from './helpers.js'

jest.setTimeout(90_000)

const RUNS = 5
const TOKENS = Array.from({ length: RUNS }, (_, i) => `metrics-token-${i}`)

// One metrics token per concurrent run, so the fake can tell them apart.
const gh = useFakeGitHub({
  metricsToken: ['metrics-token', ...TOKENS],
  repoToken: 'repo-token'
})
afterEach(() => {
  expectInvariantsAndReset(gh)
})
type Result = Awaited<ReturnType<typeof runAction>>

/** Every commit on the branch builds on the one before: a single line back to one root. */
function expectLinearHistory(repo: string, commits: string[]): void {
  const log = gh.repo(repo).log(BRANCH)
  expect(log.at(-1)!.parents).toEqual([])
  for (let i = 0; i < log.length - 1; i++)
    expect(log[i].parents).toEqual([log[i + 1].sha])
  expect(new Set(log.map((c) => c.sha))).toEqual(new Set(commits))
}

/** Ref updates refused because another run moved the branch first. */
function refusedRefUpdates(repo: string): number {
  return gh.requests.filter(
    (r) =>
      r.status === 422 &&
      (r.path === `/repos/${repo}/git/refs` ||
        r.path === `/repos/${repo}/git/refs/heads/${BRANCH}`)
  ).length
}

/**
 * Holds the first ref read of each of `runs` runs until all of them arrived,
 * so every run plans from the same branch tip whatever the machine's load.
 */
function holdFirstRefReads(repo: string, runs: number): void {
  let arrived = 0
  let open!: () => void
  const all = new Promise<void>((resolve) => (open = resolve))
  gh.hooks.before(
    {
      method: 'GET',
      path: `/repos/${repo}/git/ref/heads/${BRANCH}`,
      times: runs
    },
    async () => {
      if (++arrived === runs) open()
      await all
    }
  )
}

describe('concurrent runs on one data branch', () => {
  it(`${RUNS} runs started at once, each with its own days, end with the union: no day lost or stored twice, no force push`, async () => {
    const names = freshNames('race5')
    const path = `copilot-metrics/organization-${names.org}.json`
    const seeded = seedReports(gh, `orgs/${names.org}`, {
      from: day(-30),
      to: day(-3),
      seed: 5
    })
    // Run i sees only the days d with d % RUNS === i as published; every other
    // day is "not published yet" (404) for it. Each run therefore adds days
    // no other run has, and a run that lost the race must keep its own days.
    // 27 days, not 28: a 28-day backfill is served by the 28-day report in one
    // call, and this test scripts who sees which day through the 1-day reports.
    const dates = seeded.map((s) => s.day).filter((d) => d >= day(-27))
    const owner = new Map(dates.map((d, i) => [d, TOKENS[i % RUNS]]))
    gh.hooks.before(
      {
        server: 'api',
        path: new RegExp(
          `^/orgs/${names.org}/copilot/metrics/reports/(organization|users)-1-day$`
        ),
        times: Infinity
      },
      (req) =>
        req.headers.authorization === `token ${owner.get(req.query.day)}`
          ? undefined
          : { status: 404, body: { message: 'Not Found' } }
    )

    // The race is forced, not left to timing: every run's first branch write
    // waits until all runs sent theirs, so all build on the same (absent) tip
    // and all but one are refused.
    let arrived = 0
    let release = (): void => {}
    const allThere = new Promise<void>((resolve) => (release = resolve))
    gh.hooks.before(
      {
        server: 'api',
        path: new RegExp(`^/repos/${names.repo}/git/refs`),
        times: RUNS
      },
      async () => {
        if (++arrived === RUNS) release()
        // A run that failed before writing must not hang the others.
        await Promise.race([
          allThere,
          new Promise((resolve) => setTimeout(resolve, 20_000))
        ])
      }
    )

    const results: Result[] = await Promise.all(
      TOKENS.map((token) =>
        runAction({
          inputs: inputs(gh, names, { token, 'backfill-days': '27' })
        })
      )
    )

    for (const result of results) {
      expect(result.errors).toEqual([])
      expect(result.code).toBe(0)
    }
    expect(arrived).toBe(RUNS)
    const history = readHistory(gh, names.repo, path)!
    expect(history.days.map((d) => d.date)).toEqual(dates)
    // Each day was added by exactly one run: the one it was published to.
    expect(
      results.reduce((sum, r) => sum + Number(r.outputs['days-added']), 0)
    ).toBe(dates.length)
    expect(results.map((r) => Number(r.outputs['days-added']))).toEqual(
      TOKENS.map((t) => dates.filter((d) => owner.get(d) === t).length)
    )
    const commits = results.map((r) => r.outputs['history-commit'])
    expect(commits.every((sha) => /^[0-9a-f]{40}$/.test(sha))).toBe(true)
    expectLinearHistory(names.repo, commits)
    expect(refusedRefUpdates(names.repo)).toBeGreaterThanOrEqual(RUNS - 1)
    expect(results.some((r) => r.stdout.includes('moved while writing'))).toBe(
      true
    )
  })

  it(`${RUNS} runs started at once with different backfill-days: the widest window survives whoever commits first`, async () => {
    const names = freshNames('racewin')
    const path = `copilot-metrics/organization-${names.org}.json`
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-30),
      to: day(-3),
      seed: 6
    })
    const windows = [3, 6, 9, 12, 15]
    holdFirstRefReads(names.repo, windows.length)
    const results: Result[] = await Promise.all(
      windows.map((days) =>
        runAction({
          inputs: inputs(gh, names, { 'backfill-days': String(days) })
        })
      )
    )
    for (const result of results) {
      expect(result.errors).toEqual([])
      expect(result.code).toBe(0)
    }
    const stored = readHistory(gh, names.repo, path)!.days.map((d) => d.date)
    const widest = Array.from({ length: 13 }, (_, i) => day(i - 15))
    expect(stored).toEqual(widest)
    expect(
      results.reduce((sum, r) => sum + Number(r.outputs['days-added']), 0)
    ).toBe(widest.length)
    expectLinearHistory(
      names.repo,
      results.map((r) => r.outputs['history-commit']).filter((sha) => sha)
    )
  })

  it('the widest run starts after the others committed: the window is a target state, so it ends complete', async () => {
    const names = freshNames('racelate')
    const path = `copilot-metrics/organization-${names.org}.json`
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-30),
      to: day(-3),
      seed: 7
    })
    const windows = [3, 6, 9, 12]
    holdFirstRefReads(names.repo, windows.length)
    const early: Result[] = await Promise.all(
      windows.map((days) =>
        runAction({
          inputs: inputs(gh, names, { 'backfill-days': String(days) })
        })
      )
    )
    for (const result of early) expect(result.errors).toEqual([])
    const late = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '15' })
    })
    expect(late.errors).toEqual([])
    expect(late.outputs['days-added']).toBe('3')
    const widest = Array.from({ length: 13 }, (_, i) => day(i - 15))
    expect(readHistory(gh, names.repo, path)!.days.map((d) => d.date)).toEqual(
      widest
    )
  })
})

describe('a run killed midway', () => {
  it('killed between uploading the blob and moving the branch: the branch is unchanged and valid, the next run completes', async () => {
    const c = setUp(gh, 'killed')
    const repo = gh.repo(c.repo)
    // A first night stored two days.
    const first = await runAction({
      inputs: c.inputs({ 'backfill-days': '4' })
    })
    expect(first.outputs['days-added']).toBe('2')
    const tip = repo.headSha(BRANCH)
    const before = repo.readFile(BRANCH, c.path)

    // The runner cancels the job while the commit is being created: the blob
    // and tree are uploaded, the branch has not moved yet.
    let child: ChildProcess | undefined
    let blobs = 0
    gh.hooks.before(
      { method: 'POST', path: `/repos/${c.repo}/git/blobs` },
      () => {
        blobs++
      }
    )
    gh.hooks.before(
      { method: 'POST', path: `/repos/${c.repo}/git/commits` },
      async () => {
        child!.kill('SIGKILL')
        await new Promise((resolve) => child!.once('exit', resolve))
      }
    )
    const killed = await runAction({
      inputs: c.inputs(),
      onSpawn: (spawned) => {
        child = spawned
      }
    })
    expect(killed.signal).toBe('SIGKILL')
    expect(blobs).toBe(1)
    expect(repo.headSha(BRANCH)).toBe(tip)
    expect(repo.readFile(BRANCH, c.path)).toBe(before)
    expect(repo.log(BRANCH)).toHaveLength(1)

    const next = await runAction({ inputs: c.inputs() })
    expectComplete(next, c)
    expect(next.outputs['days-added']).toBe('1')
    expect(repo.log(BRANCH).map((commit) => commit.parents)).toEqual([
      [tip],
      []
    ])
    expect(c.history()!.days.map((d) => d.date)).toEqual(expectedDays())
  })
})
