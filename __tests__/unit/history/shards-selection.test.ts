// Which monthly shards a night reads, and how the shards it does not read
// are carried through the next write untouched.
import { describe, expect, it } from '@jest/globals'
import { addDays, dayRange } from '../../../src/common/dates.js'
import type { DataBranchStore } from '../../../src/history/data-branch.js'
import { emptyHistory, type History } from '../../../src/history/file.js'
import {
  isRead,
  lookbackStart,
  monthsToRead,
  type ReadNeeds
} from '../../../src/history/shard-selection.js'
import {
  assembleHistory,
  historyFiles,
  indexShardPaths,
  parseIndexOrNull,
  unreadDays,
  type HistoryFile
} from '../../../src/history/shards.js'
import { readStoredHistories } from '../../../src/history/store.js'
import type { Scope, Target } from '../../../src/inputs/settings.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { countDistinctUsers } from '../../../src/history/distinct-counts.js'
import { countFromFor } from '../../../src/history/stale-windows.js'
import { WHOLE_SCOPE } from '../../../src/sources/reports/distinct-users.js'
import type { StoredDay } from '../../../src/day/stored-day.js'
import { monthlyTrend } from '../../../src/trend/monthly-trend.js'
import { storedDay, monthsBetween } from '../days.js'

const scope: Scope = { kind: 'organization', organization: 'octo' }
const PATH = 'copilot-metrics/organization-octo.json'

const needs = (extra: Partial<ReadNeeds> = {}): ReadNeeds => ({
  from: '2025-11-26',
  dates: [],
  weeks: 12,
  ...extra
})

describe('the months a night reads', () => {
  it('looks back over the monthly trend, the weekly trend with the week before it, and the daily chart', () => {
    // Twelve calendar months (the monthly trend) reach furthest with 12 weeks.
    expect(lookbackStart('2026-11-20', 12)).toBe('2025-12-01')
    // 52 weeks from Monday 2025-11-24: distinct counts are filled in from
    // 2025-11-01, a Saturday, counted from its week's Monday.
    expect(lookbackStart('2026-11-20', 52)).toBe('2025-10-27')
    // One week: still the monthly trend's twelve months.
    expect(lookbackStart('2026-03-02', 1)).toBe('2025-04-01')
  })

  it('covers every day the weekly and monthly trends read, whatever the newest day', () => {
    for (const newest of ['2026-01-01', '2026-03-30', '2026-11-22']) {
      for (const weeks of [1, 12, 52]) {
        const days = dayRange(addDays(newest, -800), newest).map((date) =>
          storedDay(date, 10, 5)
        )
        const start = lookbackStart(newest, weeks)
        const read = days.filter((day) => day.date >= start)
        expect(weeklyTrend(read, weeks)).toEqual(weeklyTrend(days, weeks))
        expect(monthlyTrend(read)).toEqual(monthlyTrend(days))
      }
    }
  })

  it('covers the distinct counts filled in and counted again, as from the whole history', async () => {
    /** Counts the days from `start` on (all when null), none counted before, three new. */
    async function counted(days: StoredDay[], weeks: number, start: string) {
      const read = days
        .filter((day) => day.date >= start)
        .map((day) => ({ ...day }))
      const target = {
        history: { days: read },
        added: read.slice(-3).map((day) => day.date),
        updated: [],
        changed: false
      }
      await countDistinctUsers(
        [target],
        [WHOLE_SCOPE],
        (date) => {
          const n = Number(date.slice(8))
          const ids = (k: number) =>
            new Set(Array.from({ length: k }, (_, i) => (n * 7 + i) % 40))
          return Promise.resolve(
            new Map([[WHOLE_SCOPE, { active: ids(9), engaged: ids(5) }]])
          )
        },
        countFromFor(read, weeks)!
      )
      return read
    }
    for (const newest of ['2026-11-20', '2026-06-03']) {
      for (const weeks of [1, 4, 52]) {
        const days = dayRange(addDays(newest, -700), newest).map((date) =>
          storedDay(date, 10, 5)
        )
        const start = lookbackStart(newest, weeks)
        const whole = await counted(days, weeks, '0000')
        const part = await counted(days, weeks, start)
        expect(part).toEqual(whole.filter((day) => day.date >= start))
      }
    }
  })

  it('reads from the month of the first day GitHub serves, or of the Monday before it', () => {
    expect(monthsToRead(null, needs({ from: '2025-11-26' })).from).toBe(
      '2025-11'
    )
    // Saturday 2025-11-01: its ISO week began on Monday 2025-10-27.
    expect(monthsToRead(null, needs({ from: '2025-11-01' })).from).toBe(
      '2025-10'
    )
    // The trend of an old history reaches further back than GitHub serves.
    expect(monthsToRead('2025-06-01', needs()).from).toBe('2024-07')
  })

  it('reads the month of every imported or fetched day, and those its ISO week reaches into', () => {
    const { months } = monthsToRead(
      '2026-11-01',
      needs({ dates: ['2022-03-01', '2021-05-31', '2020-07-15'] })
    )
    // 2022-03-01 is a Tuesday (week from 2022-02-28); 2021-05-31 a Monday (to 2021-06-06).
    expect([...months].sort()).toEqual([
      '2020-07',
      '2021-05',
      '2021-06',
      '2022-02',
      '2022-03'
    ])
  })

  it('isRead: from the first month on, and the months of days brought', () => {
    const selection = { from: '2025-11', months: new Set(['2022-03']) }
    expect(
      ['2022-02', '2022-03', '2025-10', '2025-11', '2026-11'].map((m) =>
        isRead(m, selection)
      )
    ).toEqual([false, true, false, true, true])
  })
})

/** A history of five years, one day a week, written as shards. */
function fiveYears(): { history: History; tree: Map<string, string> } {
  const dates = dayRange('2021-12-01', '2026-11-22').filter(
    (_, i) => i % 7 === 0
  )
  const history: History = {
    ...emptyHistory(scope, 'reports'),
    days: dates.map((date, i) => storedDay(date, 10 + (i % 9), 5))
  }
  const tree = new Map<string, string>()
  for (const file of historyFiles(PATH, history, { kind: 'none' }))
    tree.set(file.path, file.text!)
  return { history, tree }
}

/** Reads the history from `tree` with only the months `read` says, as the Action does. */
function readPart(tree: Map<string, string>, read: (month: string) => boolean) {
  const index = parseIndexOrNull(tree.get(PATH)!, PATH, scope)!
  const paths = indexShardPaths(PATH, index)
  return assembleHistory(
    index,
    paths.map((path, i) =>
      read(index.shards[i].month) ? (tree.get(path) ?? null) : undefined
    ),
    { index: PATH, shard: (i) => paths[i] },
    scope
  )
}

const paths = (files: HistoryFile[]) => files.map((file) => file.path)

describe('shards not read', () => {
  it('are listed in the next index as they were, and their files neither read nor written', () => {
    const { history, tree } = fiveYears()
    const before = JSON.parse(tree.get(PATH)!) as { shards: unknown[] }
    const part = readPart(tree, (month) => month >= '2025-11')
    expect(part.history.days.every((day) => day.date >= '2025-11')).toBe(true)
    expect(part.history.days.length + unreadDays(part.layout)).toBe(
      history.days.length
    )
    const next = {
      ...part.history,
      days: [...part.history.days, storedDay('2026-11-23', 3, 2)]
    }
    const files = historyFiles(PATH, next, part.layout)
    expect(paths(files)).toEqual([
      'copilot-metrics/organization-octo/2026-11.jsonl',
      PATH
    ])
    const after = JSON.parse(files.at(-1)!.text!) as { shards: unknown[] }
    expect(after.shards.slice(0, -1)).toEqual(before.shards.slice(0, -1))
    expect(after.shards).toHaveLength(before.shards.length)
  })

  it('a damaged shard that is not read fails nothing; read, it fails naming the file', () => {
    const { tree } = fiveYears()
    const old = 'copilot-metrics/organization-octo/2022-01.jsonl'
    tree.set(old, tree.get(old)!.replace('"activeUsers":', '"activeUsers": '))
    expect(() => readPart(tree, (month) => month >= '2025-11')).not.toThrow()
    expect(() => readPart(tree, () => true)).toThrow(
      `The history file ${old} does not match the checksum`
    )
  })

  it('a day of a month not read stops the write: it would replace days never read', () => {
    const { tree } = fiveYears()
    const part = readPart(tree, (month) => month >= '2025-11')
    const next = {
      ...part.history,
      days: [storedDay('2022-01-02', 1, 1), ...part.history.days]
    }
    expect(() => historyFiles(PATH, next, part.layout)).toThrow(
      'a day of 2022-01 would be written to copilot-metrics/organization-octo/2022-01.jsonl, which this run did not read'
    )
  })
})

describe('readStoredHistories with the needs of a run', () => {
  it('asks the branch for the shards of the months needed only', async () => {
    const { tree } = fiveYears()
    const asked: string[] = []
    const store = {
      where: (path: string) => `${path} on the branch`,
      read: (wanted: readonly string[]) =>
        Promise.resolve({
          head: 'head',
          tree: 'tree',
          texts: wanted.map((path) => tree.get(path) ?? null)
        }),
      readFiles: (_head: string, wanted: readonly string[]) => {
        asked.push(...wanted)
        return Promise.resolve(wanted.map((path) => tree.get(path) ?? null))
      }
    } as unknown as DataBranchStore
    const target = { scope, historyPath: PATH } as Target
    const read = await readStoredHistories(store, [target], 'reports', () =>
      needs({ dates: ['2022-06-15'] })
    )
    const folder = 'copilot-metrics/organization-octo/'
    expect(asked).toEqual(
      ['2022-06', ...monthsBetween('2025-11', '2026-11')].map(
        (month) => `${folder}${month}.jsonl`
      )
    )
    expect(read.layouts[0]).toMatchObject({ kind: 'sharded' })
    const all = await readStoredHistories(store, [target], 'reports')
    expect(all.stored[0].days.length).toBe(
      read.stored[0].days.length + unreadDays(read.layouts[0])
    )
    expect(unreadDays(all.layouts[0])).toBe(0)
  })
})
