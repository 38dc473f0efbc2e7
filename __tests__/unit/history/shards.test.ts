import { describe, expect, it } from '@jest/globals'
import {
  HistoryFileError,
  emptyHistory,
  parseHistory,
  serializeHistory,
  type History
} from '../../../src/history/file.js'
import {
  assembleHistory,
  historyFiles,
  indexShardPaths,
  parseIndexOrNull,
  shardPath,
  type HistoryFile,
  type StoredLayout
} from '../../../src/history/shards.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { storedDay } from '../days.js'

const scope: Scope = { kind: 'organization', organization: 'octo' }
const PATH = 'copilot-metrics/organization-octo.json'

/** A history of the given dates, with seats and an unknown top-level field. */
function historyOf(dates: string[]): History {
  return {
    ...emptyHistory(scope, 'reports'),
    days: dates.map((date, i) => storedDay(date, 10 + i, 5)),
    seats: [
      {
        date: '2026-10-30',
        fetchedAt: '2026-10-30T06:00:00.000Z',
        summary: {
          total: 12,
          activeThisCycle: 9,
          inactiveThisCycle: 3,
          pendingInvitation: 0,
          pendingCancellation: 0,
          addedThisCycle: null
        },
        record: { total_seats: 12 }
      }
    ],
    checks: {
      '2026-10-31': {
        lastCheckedAt: '2026-11-02T06:00:00.000Z',
        status: 'pending',
        attempts: 2
      }
    }
  }
}

/** The branch as a map of path → text, after writing `files` on `tree`. */
function apply(tree: Map<string, string>, files: HistoryFile[]) {
  const next = new Map(tree)
  for (const file of files)
    if (file.text === null) next.delete(file.path)
    else next.set(file.path, file.text)
  return next
}

/** Reads a history back from a branch map, as the Action does. */
function read(tree: Map<string, string>): {
  history: History
  layout: StoredLayout
} {
  const text = tree.get(PATH)!
  const index = parseIndexOrNull(text, PATH, scope)
  if (!index)
    return {
      history: parseHistory(text, PATH, scope),
      layout: { kind: 'single' }
    }
  const paths = indexShardPaths(PATH, index)
  return assembleHistory(
    index,
    paths.map((path) => tree.get(path) ?? null),
    { index: PATH, shard: (i) => paths[i] },
    scope
  )
}

const DATES = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']

describe('monthly shards', () => {
  it('writes one shard per month, one day per line, and an index with counts and checksums', () => {
    const files = historyFiles(PATH, historyOf(DATES), { kind: 'none' })
    expect(files.map((file) => file.path)).toEqual([
      'copilot-metrics/organization-octo/2026-10.jsonl',
      'copilot-metrics/organization-octo/2026-11.jsonl',
      PATH
    ])
    const october = files[0].text!.split('\n')
    expect(october).toHaveLength(3)
    expect(october[2]).toBe('')
    expect(JSON.parse(october[0]).date).toBe('2026-10-30')
    const index = JSON.parse(files[2].text!)
    expect(index).toMatchObject({
      schemaVersion: 2,
      layout: 'monthly',
      scope,
      source: 'reports',
      checks: {
        '2026-10-31': {
          lastCheckedAt: '2026-11-02T06:00:00.000Z',
          status: 'pending',
          attempts: 2
        }
      }
    })
    expect(index.days).toBeUndefined()
    expect(index.shards).toEqual([
      expect.objectContaining({
        file: 'organization-octo/2026-10.jsonl',
        month: '2026-10',
        days: 2,
        first: '2026-10-30',
        last: '2026-10-31',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
      }),
      expect.objectContaining({ month: '2026-11', days: 2 })
    ])
    expect(files[2].inline).toBe(true)
  })

  it('reads back exactly the history it wrote, top-level fields included', () => {
    const history = historyOf(DATES)
    const tree = apply(new Map(), historyFiles(PATH, history, { kind: 'none' }))
    expect(read(tree).history).toEqual(history)
  })

  it('converts a single-file history losslessly: every day and the seats, in content', () => {
    const history = historyOf(DATES)
    const single = serializeHistory(history)
    const before = read(new Map([[PATH, single]]))
    expect(before.layout.kind).toBe('single')
    const tree = apply(
      new Map([[PATH, single]]),
      historyFiles(PATH, before.history, before.layout)
    )
    const after = read(tree).history
    expect(JSON.stringify(after.days)).toBe(
      JSON.stringify(JSON.parse(single).days)
    )
    expect(JSON.stringify(after.seats)).toBe(
      JSON.stringify(JSON.parse(single).seats)
    )
    expect(serializeHistory(after)).toBe(single)
  })

  it('a night writes only the month it touched, and the index', () => {
    const tree = apply(
      new Map(),
      historyFiles(PATH, historyOf(DATES), { kind: 'none' })
    )
    const { history, layout } = read(tree)
    const next = {
      ...history,
      days: [...history.days, storedDay('2026-11-03', 40, 20)]
    }
    const files = historyFiles(PATH, next, layout)
    expect(files.map((file) => file.path)).toEqual([
      'copilot-metrics/organization-octo/2026-11.jsonl',
      PATH
    ])
    expect(read(apply(tree, files)).history.days).toHaveLength(5)
  })

  it('a night spanning two months writes both shards', () => {
    const tree = apply(
      new Map(),
      historyFiles(PATH, historyOf(DATES.slice(0, 2)), { kind: 'none' })
    )
    const { history, layout } = read(tree)
    const files = historyFiles(
      PATH,
      {
        ...history,
        days: [
          ...history.days,
          storedDay('2026-11-01', 1, 1),
          storedDay('2026-11-02', 2, 1)
        ]
      },
      layout
    )
    expect(files.map((file) => file.path)).toEqual([
      shardPath(PATH, '2026-11'),
      PATH
    ])
    const { history: after } = read(apply(tree, files))
    expect(after.days.map((day) => day.date)).toEqual(DATES)
  })

  it('a revised day with the same content rewrites nothing but the index', () => {
    const tree = apply(
      new Map(),
      historyFiles(PATH, historyOf(DATES), { kind: 'none' })
    )
    const { history, layout } = read(tree)
    const copy = {
      ...history,
      days: history.days.map((day) => structuredClone(day))
    }
    expect(historyFiles(PATH, copy, layout).map((f) => f.path)).toEqual([PATH])
  })

  describe('a shard that cannot be trusted fails the read, naming the file', () => {
    const tree = apply(
      new Map(),
      historyFiles(PATH, historyOf(DATES), { kind: 'none' })
    )
    const november = shardPath(PATH, '2026-11')
    const failure = (changed: Map<string, string>): HistoryFileError => {
      try {
        read(changed)
      } catch (error) {
        return error as HistoryFileError
      }
      throw new Error('the read did not fail')
    }

    it('missing', () => {
      const broken = new Map(tree)
      broken.delete(november)
      const error = failure(broken)
      expect(error).toBeInstanceOf(HistoryFileError)
      expect(error.message).toContain(`The history file ${november} is missing`)
      expect(error.message).toContain('Nothing was written')
    })

    it('changed after it was written', () => {
      const broken = new Map(tree)
      broken.set(november, tree.get(november)!.replace('"date"', '"date" '))
      expect(failure(broken).message).toContain(
        `The history file ${november} does not match the checksum in the index ${PATH}`
      )
    })

    it('not JSON, once its checksum is cleared for a hand edit', () => {
      const index = JSON.parse(tree.get(PATH)!)
      index.shards[1].sha256 = null
      const broken = new Map(tree)
      broken.set(PATH, JSON.stringify(index))
      broken.set(november, `${tree.get(november)!}{oops\n`)
      expect(failure(broken).message).toContain(
        `The history file ${november} line 3 is not valid JSON`
      )
    })

    it('a day of another month, or a count that differs from the index', () => {
      const index = JSON.parse(tree.get(PATH)!)
      index.shards[1].sha256 = null
      const broken = new Map(tree)
      broken.set(PATH, JSON.stringify(index))
      broken.set(
        november,
        tree
          .get(november)!
          .replace('"date":"2026-11-02"', '"date":"2026-12-02"')
      )
      expect(failure(broken).message).toContain(
        'line 2 holds day 2026-12-02, not a day of 2026-11'
      )
      broken.set(november, tree.get(november)!.split('\n')[0] + '\n')
      expect(failure(broken).message).toContain(
        `holds 1 days, but the index ${PATH} says 2`
      )
    })

    it('an index of a newer version, or of another scope', () => {
      const index = JSON.parse(tree.get(PATH)!)
      expect(
        failure(
          new Map([[PATH, JSON.stringify({ ...index, schemaVersion: 3 })]])
        ).message
      ).toContain(
        'was written by a newer version of this Action (schemaVersion 3'
      )
      expect(
        failure(
          new Map([
            [
              PATH,
              JSON.stringify({
                ...index,
                scope: { kind: 'organization', organization: 'other' }
              })
            ]
          ])
        ).message
      ).toContain('not the organization')
    })
  })
})
