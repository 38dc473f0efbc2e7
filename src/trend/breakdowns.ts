import type { IsoDate } from '../common/dates.js'
import type { StoredDay } from '../day/stored-day.js'
import { round } from './weekly-trend.js'

export const BREAKDOWN_KINDS = [
  'languages',
  'ides',
  'features',
  'models'
] as const
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number]

/**
 * The array of a reports-API record each breakdown is read from, and its name
 * field. Languages come from totals_by_language_feature (every feature, where
 * totals_by_language_model has chat only); models from totals_by_model_feature,
 * which GitHub fills for chat and agent activity only.
 */
export const BREAKDOWN_SOURCES: Record<
  BreakdownKind,
  { array: string; name: string }
> = {
  languages: { array: 'totals_by_language_feature', name: 'language' },
  ides: { array: 'totals_by_ide', name: 'ide' },
  features: { array: 'totals_by_feature', name: 'feature' },
  models: { array: 'totals_by_model_feature', name: 'model' }
}

/**
 * Activity of a breakdown row: code generation events plus prompts. GitHub's
 * language breakdowns carry no prompt count, so there it is code generation
 * events alone.
 */
export const ACTIVITY_FIELDS = [
  'code_generation_activity_count',
  'user_initiated_interaction_count'
] as const

export interface BreakdownItem {
  name: string
  /** Activity summed over the week. */
  activity: number
  /** Of the week's activity in this breakdown, 4 decimals. */
  share: number
  /** Change of activity per day with data against the previous week, in percent (2 decimals); null when not comparable. */
  changePct: number | null
  /** Absent the previous week, which had data. */
  isNew: boolean
}

export interface Breakdown {
  kind: BreakdownKind
  /** Days of the week whose record has this breakdown. */
  days: number
  /** Activity over all names, shown or not. */
  activity: number
  /** The top names by activity, largest first. */
  items: BreakdownItem[]
  /** Names with activity beyond the top ones. */
  more: number
}

export type WeekBreakdowns = Record<BreakdownKind, Breakdown | null>

interface Range {
  start: IsoDate
  end: IsoDate
}

/**
 * The top names of each breakdown over one week, with the change against the
 * previous week. Days without the breakdown's array (other sources, records
 * older than the field) are skipped; a breakdown no day has is null.
 */
export function breakdownsOfWeek(
  days: readonly StoredDay[],
  week: Range,
  previous: Range,
  top = 5
): WeekBreakdowns {
  const result = {} as WeekBreakdowns
  for (const kind of BREAKDOWN_KINDS) {
    const current = activityByName(days, week, kind)
    if (current.days === 0) {
      result[kind] = null
      continue
    }
    const before = activityByName(days, previous, kind)
    const all = [...current.byName]
      .filter(([, activity]) => activity > 0)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    const activity = all.reduce((sum, [, value]) => sum + value, 0)
    result[kind] = {
      kind,
      days: current.days,
      activity,
      more: Math.max(0, all.length - top),
      items: all.slice(0, top).map(([name, value]) => {
        const was = before.byName.get(name) ?? 0
        const perDay = value / current.days
        const perDayBefore = before.days ? was / before.days : 0
        return {
          name,
          activity: value,
          share: round(value / activity, 4),
          changePct:
            perDayBefore > 0
              ? round(((perDay - perDayBefore) / perDayBefore) * 100, 2)
              : null,
          isNew: before.days > 0 && was === 0
        }
      })
    }
  }
  return result
}

function activityByName(
  days: readonly StoredDay[],
  range: Range,
  kind: BreakdownKind
): { days: number; byName: Map<string, number> } {
  const { array, name } = BREAKDOWN_SOURCES[kind]
  const byName = new Map<string, number>()
  let count = 0
  for (const day of days) {
    if (day.date < range.start || day.date > range.end) continue
    if (day.source !== 'reports') continue
    const rows = day.record[array]
    if (!Array.isArray(rows)) continue
    count++
    for (const row of rows as unknown[]) {
      if (typeof row !== 'object' || row === null) continue
      const fields = row as Record<string, unknown>
      const key = fields[name]
      if (typeof key !== 'string') continue
      byName.set(key, (byName.get(key) ?? 0) + rowActivity(fields))
    }
  }
  return { days: count, byName }
}

function rowActivity(row: Record<string, unknown>): number {
  let activity = 0
  for (const field of ACTIVITY_FIELDS) {
    const value = row[field]
    if (typeof value === 'number' && Number.isFinite(value) && value > 0)
      activity += value
  }
  return activity
}
