// A single-file history (the layout before monthly shards) is converted on
// the first run of this version: losslessly, in one commit, which also
// replaces the old file by the index. import-path reads both layouts.
import { describe, expect, it, jest } from '@jest/globals'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

interface Single {
  schemaVersion: number
  days: { date: string }[]
  seats?: { date: string }[]
}

describe('converting a single-file history', () => {
  it('keeps every day and the seats series in content, in one commit that removes the old file', async () => {
    const names = freshNames('migrate')
    const path = `copilot-metrics/organization-${names.org}.json`
    const repo = gh.repo(names.repo)
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-40),
      to: day(-3),
      seed: 3
    })
    gh.billing.set(
      names.org,
      {
        seat_breakdown: {
          total: 25,
          added_this_cycle: 1,
          pending_invitation: 0,
          pending_cancellation: 0,
          active_this_cycle: 20,
          inactive_this_cycle: 5
        },
        seat_management_setting: 'assign_selected',
        plan_type: 'business'
      },
      new Date().toUTCString()
    )
    // A history written by the previous version: one file, with seats.
    const first = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '36' })
    })
    expect(first.errors).toEqual([])
    const assembled = readHistory(gh, names.repo, path)! as unknown as Single
    expect(assembled.seats).toHaveLength(1)
    const single = `${JSON.stringify({ ...assembled, schemaVersion: 1 }, null, 2)}\n`
    const shardFiles = repo.listFiles(BRANCH).filter((f) => f !== path)
    expect(shardFiles.length).toBeGreaterThanOrEqual(2)
    const tip = repo.commitFiles(BRANCH, {
      [path]: single,
      ...Object.fromEntries(shardFiles.map((f) => [f, null]))
    })
    expect(repo.listFiles(BRANCH)).toEqual([path])

    // The next run: nothing new is published, yet the history is converted.
    const result = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '36' })
    })
    expect(result.errors).toEqual([])
    expect(result.outputs['days-added']).toBe('0')
    expect(result.stdout).toContain('converted to monthly shards on this write')
    const log = repo.log(BRANCH)
    expect(log[0].parents).toEqual([tip])
    expect(result.outputs['history-commit']).toBe(log[0].sha)
    expect(log[0].message).toContain('rewrite the stored days (monthly shards')

    // The old file is gone in that same commit: history-path holds the index.
    const index = JSON.parse(repo.readFile(BRANCH, path)!) as {
      schemaVersion: number
      shards: { file: string }[]
      seats: unknown
      days?: unknown
    }
    expect(index.schemaVersion).toBe(2)
    expect(index.days).toBeUndefined()
    // The history's files; the dashboard beside them is another test's subject.
    expect(
      repo
        .listFiles(BRANCH)
        .filter((file) => file.startsWith('copilot-metrics/'))
        .sort()
    ).toEqual(
      [path, ...index.shards.map((s) => `copilot-metrics/${s.file}`)].sort()
    )
    const before = JSON.parse(single) as Single
    const after = readHistory(gh, names.repo, path)! as unknown as Single
    expect(after.days.map((d) => JSON.stringify(d))).toEqual(
      before.days.map((d) => JSON.stringify(d))
    )
    expect(JSON.stringify(index.seats)).toBe(JSON.stringify(before.seats))

    // A later run with nothing new commits nothing.
    const again = await runAction({
      inputs: inputs(gh, names, { 'backfill-days': '36' })
    })
    expect(again.errors).toEqual([])
    expect(repo.log(BRANCH)).toHaveLength(log.length)
  })
})

describe('import-path', () => {
  it('reads a sharded history checked out in the workspace', async () => {
    const source = freshNames('import-src')
    const path = `copilot-metrics/organization-${source.org}.json`
    seedReports(gh, `orgs/${source.org}`, {
      from: day(-50),
      to: day(-3),
      seed: 4
    })
    const first = await runAction({
      inputs: inputs(gh, source, { 'backfill-days': '45' })
    })
    expect(first.errors).toEqual([])
    const repo = gh.repo(source.repo)
    const workspace = await mkdtemp(join(tmpdir(), 'cmh-import-'))
    try {
      for (const file of repo.listFiles(BRANCH)) {
        await mkdir(join(workspace, file, '..'), { recursive: true })
        await writeFile(join(workspace, file), repo.readFile(BRANCH, file)!)
      }
      // Another data repository of the same organization imports it.
      const target = { org: source.org, repo: `${source.org}/copy` }
      const result = await runAction({
        cwd: workspace,
        inputs: inputs(gh, target, {
          'backfill-days': '45',
          'import-path': path
        })
      })
      expect(result.errors).toEqual([])
      expect(result.stdout).toContain('Import file')
      const imported = readHistory(gh, target.repo, path)!
      const original = readHistory(gh, source.repo, path)!
      expect(imported.days.map((d) => d.date)).toEqual(
        original.days.map((d) => d.date)
      )
    } finally {
      await rm(workspace, { recursive: true, force: true })
    }
  })
})
