import { afterAll, beforeAll } from '@jest/globals'
import { startFakeGitHub } from '../support/fake-github.js'
import { runAction as runBundled } from '../support/run-action.js'

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>
export { startFakeGitHub }

/**
 * The moment every end-to-end run happens at (a Wednesday morning, UTC), so
 * no test depends on the hour or weekday it runs. The Action reads it from
 * COPILOT_METRICS_HISTORY_NOW, a variable meant for tests only.
 */
export const FIXED_NOW = '2026-11-25T08:00:00.000Z'

/** Runs dist/index.js at FIXED_NOW unless `env` sets another moment. */
export function runAction(
  options: Parameters<typeof runBundled>[0] = {}
): ReturnType<typeof runBundled> {
  return runBundled({
    ...options,
    env: { COPILOT_METRICS_HISTORY_NOW: FIXED_NOW, ...options.env }
  })
}

/**
 * Starts one fake GitHub for the test file and closes it after the last test.
 * The returned object forwards to the running fake, so tests use it directly.
 */
export function useFakeGitHub(
  options: Parameters<typeof startFakeGitHub>[0] = {
    metricsToken: 'metrics-token',
    repoToken: 'repo-token'
  }
): FakeGitHub {
  let running: FakeGitHub | undefined
  beforeAll(async () => {
    // GitHub's clock (the Date header the seats are dated by) agrees with the Action's.
    running = await startFakeGitHub({ now: FIXED_NOW, ...options })
  })
  afterAll(async () => {
    await running?.close()
  })
  return new Proxy({} as FakeGitHub, {
    get(_target, property) {
      if (!running) throw new Error('the fake GitHub starts in beforeAll')
      const value: unknown = Reflect.get(running, property)
      return typeof value === 'function' ? value.bind(running) : value
    }
  })
}

const DAY_MS = 86_400_000
/** The Action's today (UTC, at FIXED_NOW) shifted by `offset` days, as YYYY-MM-DD. */
export const day = (offset: number): string =>
  new Date(Date.parse(FIXED_NOW) + offset * DAY_MS).toISOString().slice(0, 10)

let counter = 0
/** A fresh organization and repository per test, so tests sharing one fake never see each other's state. */
export function freshNames(prefix: string): { org: string; repo: string } {
  counter++
  return { org: `${prefix}-${counter}`, repo: `${prefix}-${counter}/data` }
}

/** The inputs a workflow would give, pointed at the fake. */
export function inputs(
  gh: FakeGitHub,
  names: { org: string; repo: string },
  extra: Record<string, string> = {}
) {
  gh.repo(names.repo) // the repository running the workflow always exists
  return {
    token: 'metrics-token',
    'github-token': 'repo-token',
    organization: names.org,
    repository: names.repo,
    'api-url': gh.apiUrl,
    'extra-download-hosts': gh.downloadHost,
    // Tests are written for a 28-day window; the default (365) is benchmarked.
    'backfill-days': '28',
    ...extra
  }
}

export interface StoredHistory {
  schemaVersion: number
  scope: Record<string, string>
  source: string
  days: Array<{
    date: string
    source: string
    fetchedAt: string
    summary: {
      activeUsers: number
      engagedUsers: number
      weeklyActiveUsers: number | null
    }
    record: Record<string, unknown>
  }>
}

export function readHistory(
  gh: FakeGitHub,
  repo: string,
  path: string,
  branch = 'copilot-metrics'
): StoredHistory | null {
  const text = gh.repo(repo).readFile(branch, path)
  if (text === null) return null
  const stored = JSON.parse(text) as StoredHistory & {
    shards?: { file: string }[]
  }
  if (!stored.shards) return stored
  // A sharded history: the index, and one file of days per month next to it.
  const folder = path.slice(0, path.lastIndexOf('/') + 1)
  const { shards, ...index } = stored
  const days = shards.flatMap((shard) =>
    (gh.repo(repo).readFile(branch, folder + shard.file) ?? '')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as StoredHistory['days'][number])
  )
  return { ...index, days }
}
