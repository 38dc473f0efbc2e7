// A night with five years of monthly shards on the data branch reads the
// index and only the months it needs: older shards are neither fetched nor
// rewritten, their entries stay in the index, and days-total still counts
// every day. Each test runs dist/index.js against the fake.
import { describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedReports } from '../support/sample-data.js'
import { day, freshNames, inputs, runAction, useFakeGitHub } from './helpers.js'
import { monthsBetween } from '../unit/days.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub()
const BRANCH = 'copilot-metrics'
const DAY_MS = 86_400_000
/** The first stored day: five years before the newest. */
const FIRST = '2021-11-01'

const addDays = (date: string, offset: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + offset * DAY_MS)
    .toISOString()
    .slice(0, 10)

interface Entry {
  file: string
  month: string
  days: number
  first: string
  last: string
  sha256: string | null
}

/** A stored day of the reports API, counted (its distinct counts are in). */
function storedDay(date: string, i: number) {
  const active = 20 + (i % 17)
  const counts = { activeUsers: active + 5, engagedUsers: active }
  return {
    date,
    source: 'reports',
    fetchedAt: `${addDays(date, 2)}T06:00:00.000Z`,
    summary: {
      activeUsers: active,
      engagedUsers: active - 3,
      weeklyActiveUsers: null
    },
    record: { day: date, daily_active_users: active },
    distinct: { weekToDate: counts, monthToDate: counts }
  }
}

/**
 * Seeds a sharded history of every day from FIRST to `last` but `skip`, as
 * this Action writes it: an index and one shard per month with its checksum.
 */
function seedHistory(prefix: string, last: string, skip: string[] = []) {
  const names = freshNames(prefix)
  const path = `copilot-metrics/organization-${names.org}.json`
  const folder = `copilot-metrics/organization-${names.org}`
  const byMonth = new Map<string, string[]>()
  for (let date = FIRST, i = 0; date <= last; date = addDays(date, 1), i++) {
    if (skip.includes(date)) continue
    const lines = byMonth.get(date.slice(0, 7)) ?? []
    lines.push(JSON.stringify(storedDay(date, i)))
    byMonth.set(date.slice(0, 7), lines)
  }
  const files: Record<string, string> = {}
  const shards: Entry[] = []
  for (const [month, lines] of byMonth) {
    const text = `${lines.join('\n')}\n`
    files[`${folder}/${month}.jsonl`] = text
    shards.push({
      file: `organization-${names.org}/${month}.jsonl`,
      month,
      days: lines.length,
      first: (JSON.parse(lines[0]) as { date: string }).date,
      last: (JSON.parse(lines.at(-1)!) as { date: string }).date,
      sha256: createHash('sha256').update(text).digest('hex')
    })
  }
  files[path] = JSON.stringify({
    schemaVersion: 2,
    layout: 'monthly',
    scope: { kind: 'organization', organization: names.org },
    source: 'reports',
    shards
  })
  const repo = gh.repo(names.repo)
  repo.commitFiles(BRANCH, files)
  const total = shards.reduce((sum, shard) => sum + shard.days, 0)
  return { names, path, folder, repo, shards, total }
}
type Seeded = ReturnType<typeof seedHistory>

/** path → blob sha of every file at the branch tip, as GitHub lists them. */
async function blobShas(c: Seeded): Promise<Map<string, string>> {
  const tree = c.repo.log(BRANCH)[0].tree
  const response = await fetch(
    `${gh.apiUrl}/repos/${c.names.repo}/git/trees/${tree}?recursive=1`,
    { headers: { authorization: 'token repo-token' } }
  )
  const listing = (await response.json()) as {
    tree: { path: string; type: string; sha: string }[]
  }
  return new Map(
    listing.tree
      .filter((entry) => entry.type === 'blob')
      .map((entry) => [entry.path, entry.sha])
  )
}

/** Months of the shards the run asked the contents API for, in order asked. */
const shardsRead = (c: Seeded, from: number): string[] =>
  gh.requests
    .slice(from)
    .filter(
      (r) =>
        r.method === 'GET' &&
        r.path.startsWith(`/repos/${c.names.repo}/contents/${c.folder}/`)
    )
    .map((r) => r.path.slice(-'YYYY-MM.jsonl'.length, -'.jsonl'.length))
    .sort()

const writesSince = (from: number, repo: string) =>
  gh.requests
    .slice(from)
    .filter((r) => r.method !== 'GET' && r.path.startsWith(`/repos/${repo}/`))

const indexOf = (c: Seeded) =>
  JSON.parse(c.repo.readFile(BRANCH, c.path)!) as { shards: Entry[] }

/** The recent months a night reads: GitHub serves organizations from 2025-12-12, the monthly trend is twelve months. */
const RECENT = monthsBetween('2025-12', day(-9).slice(0, 7))

describe('five years of shards, a night reads the recent months only', () => {
  it('old shards are neither fetched nor rewritten, the index keeps every entry, days-total counts every day', async () => {
    const c = seedHistory('partial', day(-9))
    seedReports(gh, `orgs/${c.names.org}`, {
      from: day(-5),
      to: day(-3),
      seed: 4
    })
    const before = await blobShas(c)
    const from = gh.requests.length
    const result = await runAction({ inputs: inputs(gh, c.names) })
    expect(result.errors).toEqual([])
    expect(result.outputs['days-added']).toBe('3')
    expect(result.outputs['days-total']).toBe(String(c.total + 3))
    expect(result.summary).toContain(`${c.total + 3} stored in`)

    // Of 61 shards, the twelve recent months are read; none older.
    expect(c.shards).toHaveLength(61)
    expect(shardsRead(c, from)).toEqual(RECENT)
    // One shard written (this month's) and the index, in one commit (the
    // dashboard's first page rides along).
    const month = day(-3).slice(0, 7)
    const trees = writesSince(from, c.names.repo).filter((r) =>
      r.path.endsWith('/git/trees')
    )
    expect(trees).toHaveLength(1)
    const tree = (trees[0].body as { tree: { path: string }[] }).tree
    expect(
      tree
        .map((e) => e.path)
        .filter((p) => p.startsWith('copilot-metrics/organization-'))
    ).toEqual([`${c.folder}/${month}.jsonl`, c.path])
    const after = await blobShas(c)
    const changed = c.shards
      .map((shard) => `copilot-metrics/${shard.file}`)
      .filter((path) => after.get(path) !== before.get(path))
    expect(changed).toEqual([`${c.folder}/${month}.jsonl`])
    // Every entry but this month's exactly as it was.
    const index = indexOf(c)
    expect(index.shards.filter((s) => s.month !== month)).toEqual(
      c.shards.filter((s) => s.month !== month)
    )
    expect(index.shards.find((s) => s.month === month)!.days).toBe(
      c.shards.at(-1)!.days + 3
    )
  })

  it('a damaged old shard that is not needed fails nothing and stays as it is', async () => {
    const c = seedHistory('partial-old', day(-9))
    seedReports(gh, `orgs/${c.names.org}`, {
      from: day(-5),
      to: day(-3),
      seed: 4
    })
    const old = `${c.folder}/2022-03.jsonl`
    const damaged = c.repo
      .readFile(BRANCH, old)!
      .replace('"daily_active_users":', '"daily_active_users": ')
    c.repo.commitFiles(BRANCH, { [old]: damaged })
    const result = await runAction({ inputs: inputs(gh, c.names) })
    expect(result.errors).toEqual([])
    expect(result.outputs['days-added']).toBe('3')
    expect(c.repo.readFile(BRANCH, old)).toBe(damaged)
    expect(indexOf(c).shards).toHaveLength(61)
  })

  it('a damaged shard that is needed fails the run, naming it; nothing is written', async () => {
    const c = seedHistory('partial-new', day(-9))
    seedReports(gh, `orgs/${c.names.org}`, {
      from: day(-5),
      to: day(-3),
      seed: 4
    })
    const needed = `${c.folder}/2026-02.jsonl`
    c.repo.commitFiles(BRANCH, {
      [needed]: c.repo
        .readFile(BRANCH, needed)!
        .replace('"daily_active_users":', '"daily_active_users": ')
    })
    const tip = c.repo.headSha(BRANCH)
    const from = gh.requests.length
    const result = await runAction({ inputs: inputs(gh, c.names) })
    expect(result.code).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      `The history file ${needed} on branch ${BRANCH} of ${c.names.repo} does not match the checksum in the index`
    )
    expect(result.errors[0]).toContain('Nothing was written')
    expect(c.repo.headSha(BRANCH)).toBe(tip)
    expect(writesSince(from, c.names.repo)).toEqual([])
  })

  it('an imported day of an old month reads that shard and merges the day into it', async () => {
    const imported = '2022-03-15'
    const c = seedHistory('partial-import', day(-9), [imported])
    seedReports(gh, `orgs/${c.names.org}`, {
      from: day(-5),
      to: day(-3),
      seed: 4
    })
    const workspace = mkdtempSync(join(tmpdir(), 'partial-import-'))
    writeFileSync(
      join(workspace, 'history.json'),
      JSON.stringify({
        schemaVersion: 1,
        scope: { kind: 'organization', organization: c.names.org },
        source: 'legacy',
        days: [{ ...storedDay(imported, 3), source: 'legacy' }]
      })
    )
    const before = await blobShas(c)
    const from = gh.requests.length
    const result = await runAction({
      cwd: workspace,
      inputs: inputs(gh, c.names, { 'import-path': 'history.json' })
    })
    expect(result.errors).toEqual([])
    expect(result.outputs['days-added']).toBe('4')
    expect(result.outputs['days-total']).toBe(String(c.total + 4))
    expect(shardsRead(c, from)).toEqual(['2022-03', ...RECENT])
    // The month keeps its 30 days and gains the imported one, in order.
    const march = c.repo
      .readFile(BRANCH, `${c.folder}/2022-03.jsonl`)!
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { date: string; source: string })
    expect(march.map((d) => d.date)).toEqual(
      Array.from({ length: 31 }, (_, i) => addDays('2022-03-01', i))
    )
    expect(march.find((d) => d.date === imported)!.source).toBe('legacy')
    const index = indexOf(c)
    expect(index.shards).toHaveLength(61)
    expect(index.shards.find((s) => s.month === '2022-03')!.days).toBe(31)
    const after = await blobShas(c)
    for (const month of ['2022-02', '2022-04', '2025-11'])
      expect(after.get(`${c.folder}/${month}.jsonl`)).toBe(
        before.get(`${c.folder}/${month}.jsonl`)
      )
  })
})
