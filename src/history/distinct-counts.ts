import * as core from '@actions/core'
import { addDays, isoWeek, type IsoDate } from '../common/dates.js'
import type {
  DistinctCounts,
  DistinctToDate,
  StoredDay
} from '../day/stored-day.js'
import type { Octokit } from '../sources/github-client.js'
import { ReportsApi } from '../sources/reports/api.js'
import {
  DEFAULT_DOWNLOAD_LIMITS,
  type DownloadPolicy
} from '../sources/reports/download.js'
import {
  ToDateCounter,
  WHOLE_SCOPE,
  readDayUsers,
  type DayUsers
} from '../sources/reports/distinct-users.js'
import type { Settings } from '../inputs/settings.js'

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

export interface StaleWindows {
  /** Mondays of the ISO weeks to count again. */
  weeks: Set<IsoDate>
  /** `YYYY-MM` of the months to count again. */
  months: Set<string>
}

const weekOf = (date: IsoDate): IsoDate => isoWeek(date).start
const monthOf = (date: IsoDate): string => date.slice(0, 7)

/**
 * The windows whose distinct counts are out of date: those of a day added or
 * revised this run, and those of a day of the reports API from `countFrom` on
 * that was never counted (days stored by an older version of the Action).
 */
export function staleWindows(
  days: readonly StoredDay[],
  changed: readonly IsoDate[],
  countFrom: IsoDate
): StaleWindows {
  const dates = [
    ...changed,
    ...days
      .filter(
        (day) =>
          day.date >= countFrom &&
          day.source === 'reports' &&
          day.distinct === undefined
      )
      .map((day) => day.date)
  ]
  return {
    weeks: new Set(dates.map(weekOf)),
    months: new Set(dates.map(monthOf))
  }
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
  const stale = targets.map((target) =>
    staleWindows(
      target.history.days,
      [...target.added, ...target.updated],
      countFrom
    )
  )
  const inStale = (index: number, date: IsoDate): boolean =>
    stale[index].weeks.has(weekOf(date)) ||
    stale[index].months.has(monthOf(date))
  const wanted = new Map<IsoDate, number[]>()
  targets.forEach((target, index) => {
    target.history.days.forEach((day, position) => {
      if (!inStale(index, day.date)) return
      const positions = wanted.get(day.date) ?? []
      positions[index] = position
      wanted.set(day.date, positions)
    })
  })
  const counters = targets.map(() => ({
    week: new ToDateCounter(weekOf),
    month: new ToDateCounter(monthOf)
  }))

  let read = 0
  for (const date of [...wanted.keys()].sort()) {
    const positions = wanted.get(date)!
    const needsRows = targets.some(
      (target, index) =>
        positions[index] !== undefined &&
        target.history.days[positions[index]].source === 'reports'
    )
    const users = needsRows ? await readUsers(date) : null
    if (needsRows) read++
    targets.forEach((target, index) => {
      const position = positions[index]
      if (position === undefined) return
      const day = target.history.days[position]
      const own =
        day.source !== 'reports' || users === null
          ? null
          : (users.get(groups[index]) ?? {
              active: new Set(),
              engaged: new Set()
            })
      const week = counters[index].week.add(date, own)
      const month = counters[index].month.add(date, own)
      const distinct: DistinctToDate = {
        weekToDate: stale[index].weeks.has(weekOf(date))
          ? week
          : (day.distinct?.weekToDate ?? null),
        monthToDate: stale[index].months.has(monthOf(date))
          ? month
          : (day.distinct?.monthToDate ?? null)
      }
      if (day.distinct && sameCounts(day.distinct, distinct)) return
      target.history.days[position] = { ...day, distinct }
      target.changed = true
    })
  }
  return { read, stale }
}

function sameCounts(a: DistinctToDate, b: DistinctToDate): boolean {
  const same = (x: DistinctCounts | null, y: DistinctCounts | null): boolean =>
    x === null || y === null
      ? x === y
      : x.activeUsers === y.activeUsers && x.engagedUsers === y.engagedUsers
  return same(a.weekToDate, b.weekToDate) && same(a.monthToDate, b.monthToDate)
}

/**
 * The first day whose missing counts are filled in: the first of the month
 * holding the first week of the trend (input `weeks`). Older days keep no
 * count until a run revises them, so an upgrade reads a few weeks again, not a year.
 */
export function countFromFor(
  days: readonly StoredDay[],
  weeks: number
): IsoDate | null {
  if (days.length === 0) return null
  const newest = weekOf(days[days.length - 1].date)
  return `${monthOf(addDays(newest, -7 * (weeks - 1)))}-01`
}

/**
 * The run's step between merge and write: distinct weekly and monthly users
 * for the windows this run changed (docs/distinct-users.md). Only counts are
 * stored and logged, never a user. The legacy API has no per-user rows.
 */
export async function addDistinctCounts(
  targets: readonly DistinctTarget[],
  settings: Settings,
  octokit: Octokit
): Promise<void> {
  if (settings.api !== 'reports' || targets.length === 0) return
  const countFrom = targets
    .map((target) => countFromFor(target.history.days, settings.weeks))
    .filter((date): date is IsoDate => date !== null)
    .sort()[0]
  if (countFrom === undefined) return
  const api = new ReportsApi(octokit, settings.targets[0].scope)
  const policy: DownloadPolicy = {
    ...DEFAULT_DOWNLOAD_LIMITS,
    maxBytes: settings.maxReportBytes,
    extraHosts: settings.extraDownloadHosts,
    apiUrl: settings.apiUrl
  }
  const teams = settings.targets.flatMap((target) =>
    'team' in target.scope ? [target.scope.team] : []
  )
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
  const weeks = [...new Set(stale.flatMap((s) => [...s.weeks]))].sort()
  const months = [...new Set(stale.flatMap((s) => [...s.months]))].sort()
  core.info(
    `Distinct users: read the per-user rows of ${read} ${read === 1 ? 'day' : 'days'} again to count ` +
      `${weeks.length} ISO ${weeks.length === 1 ? 'week' : 'weeks'} (${weeks.map((w) => isoWeek(w).label).join(', ')}) ` +
      `and ${months.length} ${months.length === 1 ? 'month' : 'months'} (${months.join(', ')}) in ${Date.now() - started} ms`
  )
}
