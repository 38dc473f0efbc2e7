import * as core from '@actions/core'
import { isoWeek, monthOf, type IsoDate } from '../common/dates.js'
import type {
  DistinctCounts,
  DistinctToDate,
  StoredDay
} from '../day/stored-day.js'
import type { Octokit } from '../sources/github-client.js'
import { ReportsApi } from '../sources/reports/api.js'
import { downloadPolicy } from '../sources/reports/download.js'
import {
  ToDateCounter,
  WHOLE_SCOPE,
  readDayUsers,
  type DayUsers
} from '../sources/reports/distinct-users.js'
import { teamSlugs, type Settings } from '../inputs/settings.js'
import {
  countFromFor,
  staleWindows,
  weekOf,
  type StaleWindows
} from './stale-windows.js'

/** What the distinct counts need of the settings. */
type DistinctSettings = Pick<
  Settings,
  | 'api'
  | 'apiUrl'
  | 'extraDownloadHosts'
  | 'maxReportBytes'
  | 'targets'
  | 'weeks'
>

/** One history of the run, as sync holds it before writing. */
export interface DistinctTarget {
  history: { days: StoredDay[] }
  added: readonly IsoDate[]
  updated: readonly IsoDate[]
  changed: boolean
}

/** The users of one day per group (WHOLE_SCOPE or a team); null: no per-user rows to read. */
export type ReadDayUsers = (
  date: IsoDate
) => Promise<Map<string, DayUsers> | null>

/** Users reports read ahead of the one being counted. */
const READ_AHEAD = 4

/** One target as it is counted: its stale windows and running counts. */
interface Tally {
  target: DistinctTarget
  group: string
  stale: StaleWindows
  week: ToDateCounter
  month: ToDateCounter
}

/**
 * Counts the distinct users of every stale window of every target again and
 * stores the counts to date on each day of it (`distinct`), reading each
 * date's per-user rows once for all targets, in date order, so only the ids
 * of the current week and month are ever held. Returns how many dates were read.
 */
export async function countDistinctUsers(
  targets: readonly DistinctTarget[],
  groups: readonly string[],
  readUsers: ReadDayUsers,
  countFrom: IsoDate
): Promise<{ read: number; stale: StaleWindows[] }> {
  const tallies: Tally[] = targets.map((target, index) => ({
    target,
    group: groups[index],
    stale: staleWindows(
      target.history.days,
      [...target.added, ...target.updated],
      countFrom
    ),
    week: new ToDateCounter(weekOf),
    month: new ToDateCounter(monthOf)
  }))
  const wanted = wantedDays(tallies)
  const dates = [...wanted.keys()].sort()
  const needsRows = dates.map((date) =>
    tallies.some((tally, index) => {
      const position = wanted.get(date)![index]
      return (
        position !== undefined &&
        tally.target.history.days[position].source === 'reports'
      )
    })
  )
  const next = readAhead(dates, needsRows, readUsers)
  let read = 0
  for (const [i, date] of dates.entries()) {
    const reading = next(i)
    const users = reading ? await reading : null
    if (reading) read++
    const positions = wanted.get(date)!
    tallies.forEach((tally, index) => {
      if (positions[index] !== undefined)
        countDay(tally, positions[index], users)
    })
  }
  return { read, stale: tallies.map((tally) => tally.stale) }
}

/** Per date to count, the position of that day in each target's days (a gap where it has none). */
function wantedDays(tallies: readonly Tally[]): Map<IsoDate, number[]> {
  const wanted = new Map<IsoDate, number[]>()
  tallies.forEach(({ target, stale }, index) => {
    target.history.days.forEach((day, position) => {
      if (
        !stale.weeks.has(weekOf(day.date)) &&
        !stale.months.has(monthOf(day.date))
      )
        return
      const positions = wanted.get(day.date) ?? []
      positions[index] = position
      wanted.set(day.date, positions)
    })
  })
  return wanted
}

/**
 * Starts the reads of dates `i` to `i + READ_AHEAD - 1` that need rows and
 * returns that of date `i` (null: it needs none). The days are counted in
 * date order, but read a few ahead: one after another, each read waits a full
 * round trip to GitHub and its report host.
 */
function readAhead(
  dates: readonly IsoDate[],
  needsRows: readonly boolean[],
  readUsers: ReadDayUsers
): (i: number) => ReturnType<ReadDayUsers> | null {
  const reads = new Map<number, ReturnType<ReadDayUsers>>()
  const startRead = (i: number): void => {
    if (i >= dates.length || !needsRows[i] || reads.has(i)) return
    const reading = readUsers(dates[i])
    // Awaited in turn; a failure of a read ahead must not go unhandled meanwhile.
    reading.catch(() => undefined)
    reads.set(i, reading)
  }
  return (i) => {
    for (let ahead = i; ahead < i + READ_AHEAD; ahead++) startRead(ahead)
    const reading = reads.get(i) ?? null
    reads.delete(i)
    return reading
  }
}

/**
 * Adds the day at `position` to the tally's counters and stores its counts
 * to date where its window is stale from this day on; marks the target
 * changed when they differ from those stored.
 */
function countDay(
  tally: Tally,
  position: number,
  users: Map<string, DayUsers> | null
): void {
  const { target, stale } = tally
  const day = target.history.days[position]
  const date = day.date
  const own =
    day.source !== 'reports' || users === null
      ? null
      : (users.get(tally.group) ?? { active: new Set(), engaged: new Set() })
  const week = tally.week.add(date, own)
  const month = tally.month.add(date, own)
  const from = {
    week: stale.weeks.get(weekOf(date)),
    month: stale.months.get(monthOf(date))
  }
  const distinct: DistinctToDate = {
    weekToDate:
      from.week !== undefined && date >= from.week
        ? week
        : (day.distinct?.weekToDate ?? null),
    monthToDate:
      from.month !== undefined && date >= from.month
        ? month
        : (day.distinct?.monthToDate ?? null)
  }
  if (day.distinct && sameCounts(day.distinct, distinct)) return
  target.history.days[position] = { ...day, distinct }
  target.changed = true
}

function sameCounts(a: DistinctToDate, b: DistinctToDate): boolean {
  const same = (x: DistinctCounts | null, y: DistinctCounts | null): boolean =>
    x === null || y === null
      ? x === y
      : x.activeUsers === y.activeUsers && x.engagedUsers === y.engagedUsers
  return same(a.weekToDate, b.weekToDate) && same(a.monthToDate, b.monthToDate)
}

/**
 * The run's step between merge and write: distinct weekly and monthly users
 * for the windows this run changed (docs/distinct-users.md). Only counts are
 * stored and logged, never a user. The legacy API has no per-user rows.
 */
export async function addDistinctCounts(
  targets: readonly DistinctTarget[],
  settings: DistinctSettings,
  octokit: Octokit
): Promise<void> {
  if (settings.api !== 'reports' || targets.length === 0) return
  const countFrom = targets
    .map((target) => countFromFor(target.history.days, settings.weeks))
    .filter((date): date is IsoDate => date !== null)
    .sort()[0]
  if (countFrom === undefined) return
  const api = new ReportsApi(octokit, settings.targets[0].scope)
  const policy = downloadPolicy(settings)
  const teams = teamSlugs(settings.targets)
  const groups = settings.targets.map((target) =>
    'team' in target.scope ? target.scope.team : WHOLE_SCOPE
  )
  const started = Date.now()
  const { read, stale } = await countDistinctUsers(
    targets,
    groups,
    (date) => readDayUsers(api, policy, date, teams),
    countFrom
  )
  if (read === 0) return
  const weeks = [...new Set(stale.flatMap((s) => [...s.weeks.keys()]))].sort()
  const months = [...new Set(stale.flatMap((s) => [...s.months.keys()]))].sort()
  core.info(
    `Distinct users: read the per-user rows of ${read} ${read === 1 ? 'day' : 'days'} again to count ` +
      `${weeks.length} ISO ${weeks.length === 1 ? 'week' : 'weeks'} (${weeks.map((w) => isoWeek(w).label).join(', ')}) ` +
      `and ${months.length} ${months.length === 1 ? 'month' : 'months'} (${months.join(', ')}) in ${Date.now() - started} ms`
  )
}
