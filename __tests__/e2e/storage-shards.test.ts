// The sharded history on the data branch: an index at history-path and one
// file of days per calendar month. A night spanning two months, and shards
// that cannot be trusted. Each test runs dist/index.js against the fake.
import { describe, expect, it, jest } from '@jest/globals'
import { seedReports } from '../support/sample-data.js'
import {
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub
} from './helpers.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub()
const BRANCH = 'copilot-metrics'
const DAY_MS = 86_400_000

const addDays = (date: string, offset: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + offset * DAY_MS)
    .toISOString()
    .slice(0, 10)
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS)

interface Index {
  schemaVersion: number
  shards: { file: string; month: string; days: number; sha256: string }[]
}

function setUp(prefix: string) {
  const names = freshNames(prefix)
  const path = `copilot-metrics/organization-${names.org}.json`
  const folder = `copilot-metrics/organization-${names.org}`
  const repo = gh.repo(names.repo)
  const index = (): Index => JSON.parse(repo.readFile(BRANCH, path)!) as Index
  return { names, path, folder, repo, index }
}

/** Writes made to the repository since `from` (an index into gh.requests). */
const writesSince = (from: number, repo: string) =>
  gh.requests
    .slice(from)
    .filter((r) => r.method !== 'GET' && r.path.startsWith(`/repos/${repo}/`))

describe('a night spanning two months', () => {
  it('writes the new month as a new shard, leaves the old month alone, one commit', async () => {
    const c = setUp('boundary')
    // The month of day -3 begins at `first`; the first night stores the five
    // days before it, the second night the days from `first` on.
    const newest = day(-3)
    const first = `${newest.slice(0, 7)}-01`
    const before = addDays(first, -5)
    seedReports(gh, `orgs/${c.names.org}`, {
      from: before,
      to: addDays(first, -1),
      seed: 5
    })
    const backfill = String(daysBetween(before, day(0)))
    const night1 = await runAction({
      inputs: inputs(gh, c.names, { 'backfill-days': backfill })
    })
    expect(night1.errors).toEqual([])
    const previousMonth = before.slice(0, 7)
    const oldShard = `${c.folder}/${previousMonth}.jsonl`
    const oldText = c.repo.readFile(BRANCH, oldShard)
    expect(oldText?.split('\n').filter(Boolean)).toHaveLength(5)
    const tip = c.repo.headSha(BRANCH)

    seedReports(gh, `orgs/${c.names.org}`, {
      from: before,
      to: newest,
      seed: 5
    })
    const from = gh.requests.length
    const night2 = await runAction({
      inputs: inputs(gh, c.names, { 'backfill-days': backfill })
    })
    expect(night2.errors).toEqual([])
    const added = daysBetween(first, newest) + 1
    expect(night2.outputs['days-added']).toBe(String(added))

    // One commit on top of the first night's, holding both months.
    const log = c.repo.log(BRANCH)
    expect(log).toHaveLength(2)
    expect(log[0].parents).toEqual([tip])
    const month = first.slice(0, 7)
    expect(c.index().shards.map((s) => [s.month, s.days])).toEqual([
      [previousMonth, 5],
      [month, added]
    ])
    const newShard = c.repo.readFile(BRANCH, `${c.folder}/${month}.jsonl`)!
    expect(
      newShard
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { date: string }).date)
    ).toEqual(Array.from({ length: added }, (_, i) => addDays(first, i)))
    // The old month, refreshed with the same data, is not rewritten.
    expect(c.repo.readFile(BRANCH, oldShard)).toBe(oldText)
    const blobs = writesSince(from, c.names.repo).filter((r) =>
      r.path.endsWith('/git/blobs')
    )
    expect(blobs).toHaveLength(1)
    expect(readHistory(gh, c.names.repo, c.path)!.days).toHaveLength(5 + added)
  })
})

describe('a shard that cannot be trusted fails the run, naming it; nothing is written', () => {
  async function stored(prefix: string) {
    const c = setUp(prefix)
    seedReports(gh, `orgs/${c.names.org}`, {
      from: day(-12),
      to: day(-3),
      seed: 9
    })
    const first = await runAction({
      inputs: inputs(gh, c.names, { 'backfill-days': '6' })
    })
    expect(first.errors).toEqual([])
    const shard = c.index().shards[0]
    return { ...c, shardPath: `copilot-metrics/${shard.file}`, shard }
  }

  async function expectRefused(
    c: Awaited<ReturnType<typeof stored>>,
    problem: string
  ) {
    const tip = c.repo.headSha(BRANCH)
    const from = gh.requests.length
    const result = await runAction({
      inputs: inputs(gh, c.names, { 'backfill-days': '6' })
    })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `The history file ${c.shardPath} on branch ${BRANCH} of ${c.names.repo} ${problem}`
    )
    expect(result.errors[0]).toContain('Nothing was written')
    expect(c.repo.headSha(BRANCH)).toBe(tip)
    expect(writesSince(from, c.names.repo)).toEqual([])
  }

  it('a shard changed after it was written (checksum)', async () => {
    const c = await stored('corrupt-shard')
    const text = c.repo.readFile(BRANCH, c.shardPath)!
    c.repo.commitFiles(BRANCH, {
      [c.shardPath]: text.replace('"activeUsers":', '"activeUsers": ')
    })
    await expectRefused(c, 'does not match the checksum in the index')
  })

  it('a shard cut short, with its checksum cleared for a hand edit', async () => {
    const c = await stored('cut-shard')
    const text = c.repo.readFile(BRANCH, c.shardPath)!
    const index = c.index()
    index.shards[0] = { ...index.shards[0], sha256: null as unknown as string }
    c.repo.commitFiles(BRANCH, {
      [c.path]: JSON.stringify(index),
      [c.shardPath]: text.slice(0, text.length - 40)
    })
    await expectRefused(c, `line ${c.shard.days} is not valid JSON`)
  })

  it('a shard the index lists is missing', async () => {
    const c = await stored('missing-shard')
    c.repo.commitFiles(BRANCH, { [c.shardPath]: null })
    await expectRefused(c, `is missing, but the index ${c.path} on branch`)
  })
})
