// Shared set-up of the fault-matrix tests (faults-*.test.ts): a small
// published series per test, and what "nothing was written" means.
import { expect } from '@jest/globals'
import { seedReports } from '../support/sample-data.js'
import {
  day,
  freshNames,
  inputs,
  readHistory,
  type FakeGitHub,
  type StoredHistory
} from './helpers.js'

export const BRANCH = 'copilot-metrics'

export interface Case {
  org: string
  repo: string
  path: string
  /** Days published by the fake, oldest first. */
  published: string[]
  /** The inputs of a run: 5 days back, so 3 published and 2 pending. */
  inputs: (extra?: Record<string, string>) => Record<string, string>
  history: () => StoredHistory | null
}

/**
 * A fresh organization and repository with days published up to three days
 * ago. Runs look 5 days back: days -5..-3 are stored, -2 and -1 are pending.
 * Small on purpose: each fault is about one request, not about volume.
 */
export function setUp(gh: FakeGitHub, prefix: string): Case {
  const names = freshNames(prefix)
  const seeded = seedReports(gh, `orgs/${names.org}`, {
    from: day(-12),
    to: day(-3),
    seed: 11
  })
  const path = `copilot-metrics/organization-${names.org}.json`
  return {
    ...names,
    path,
    published: seeded.map((s) => s.day),
    inputs: (extra = {}) =>
      inputs(gh, names, { 'backfill-days': '5', ...extra }),
    history: () => readHistory(gh, names.repo, path, BRANCH)
  }
}

/** The days a complete run of a Case stores. */
export const expectedDays = (): string[] => [day(-5), day(-4), day(-3)]

/** Requests that change the repository: none may happen when a run must fail. */
export function repoWrites(gh: FakeGitHub, repo: string): number {
  return gh.requests.filter(
    (r) =>
      r.server === 'api' &&
      r.method !== 'GET' &&
      r.path.startsWith(`/repos/${repo}/`)
  ).length
}

/** Every request whose answer had this status (or was a reset). */
export function answered(
  gh: FakeGitHub,
  status: number | 'reset',
  path?: RegExp
): number {
  return gh.requests.filter(
    (r) => r.status === status && (!path || path.test(r.path))
  ).length
}

/** The run ended well and stored the three published days, once each. */
export function expectComplete(
  result: { code: number | null; errors: string[] },
  c: Case
): void {
  expect(result.errors).toEqual([])
  expect(result.code).toBe(0)
  expect(c.history()?.days.map((d) => d.date)).toEqual(expectedDays())
}

/** Escapes text for use inside a RegExp. */
export const literal = (text: string): string =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Run after every fault test: whatever the fault, no credential ever reached
 * the download host and nothing was force-pushed. Then the faults go.
 */
export function expectInvariantsAndReset(gh: FakeGitHub): void {
  try {
    expect(gh.authViolations).toEqual([])
    expect(gh.forcePushes).toEqual([])
  } finally {
    gh.faults.clear()
    gh.hooks.clear()
  }
}
