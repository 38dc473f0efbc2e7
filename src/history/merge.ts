import type { IsoDate } from '../common/dates.js'
import type { StoredDay } from '../day/stored-day.js'

export interface MergeResult {
  days: StoredDay[]
  /** Dates that were not stored before. */
  added: IsoDate[]
  /** Stored dates replaced because GitHub revised them. */
  updated: IsoDate[]
}

export interface MergePolicy {
  /**
   * Stored dates on or after this one are replaced when the incoming record
   * differs (GitHub revises recent days for about three days). Older stored
   * dates are never touched. `null`: nothing stored is ever replaced.
   */
  replaceFrom: IsoDate | null
  /**
   * A stored day of the legacy API is replaced by an incoming day of the
   * reports API, its successor, whatever the date (used for imports).
   */
  preferNewerSource?: boolean
}

/** Generations of GitHub's Copilot metrics APIs, oldest first. */
const GENERATION = { legacy: 0, reports: 1 } as const

/**
 * Merges incoming days into stored days: one entry per date, sorted by date.
 * Idempotent: merging the same days again changes nothing.
 */
export function mergeDays(
  stored: readonly StoredDay[],
  incoming: readonly StoredDay[],
  policy: MergePolicy
): MergeResult {
  const byDate = new Map<IsoDate, StoredDay>()
  for (const day of stored) byDate.set(day.date, day)
  const added: IsoDate[] = []
  const updated: IsoDate[] = []
  const seen = new Set<IsoDate>()
  for (const day of incoming) {
    if (seen.has(day.date))
      throw new Error(
        `internal error: ${day.date} was fetched twice in one run`
      )
    seen.add(day.date)
    const current = byDate.get(day.date)
    if (!current) {
      byDate.set(day.date, day)
      added.push(day.date)
    } else if (replaces(current, day, policy)) {
      byDate.set(day.date, day)
      updated.push(day.date)
    }
  }
  if (added.length === 0 && updated.length === 0)
    return { days: [...stored], added, updated }
  const days = [...byDate.values()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0
  )
  return { days, added: added.sort(), updated: updated.sort() }
}

function replaces(
  current: StoredDay,
  incoming: StoredDay,
  policy: MergePolicy
): boolean {
  if (
    policy.preferNewerSource &&
    GENERATION[incoming.source] > GENERATION[current.source]
  )
    return true
  // A revision replaces a day of the same API only: one API never silently
  // rewrites the other's days.
  return (
    policy.replaceFrom !== null &&
    incoming.date >= policy.replaceFrom &&
    incoming.source === current.source &&
    !sameContent(current, incoming)
  )
}

/**
 * Dates whose stored copy another run wrote since `before` was read: after a
 * lost race, that run's copy is the one kept (it committed after this run
 * read the branch, so it is GitHub's answer at least as recent), and putting
 * this run's copy back would undo a revision and count it as one.
 */
export function changedSince(
  before: readonly StoredDay[],
  after: readonly StoredDay[]
): Set<IsoDate> {
  const earlier = new Map(before.map((day) => [day.date, day]))
  const changed = new Set<IsoDate>()
  for (const day of after) {
    const was = earlier.get(day.date)
    if (!was || was.fetchedAt !== day.fetchedAt || !sameContent(was, day))
      changed.add(day.date)
  }
  return changed
}

/** Same data, whatever the fetch time and key order. */
export function sameContent(a: StoredDay, b: StoredDay): boolean {
  return (
    a.source === b.source &&
    canonicalJson(a.summary) === canonicalJson(b.summary) &&
    canonicalJson(a.record) === canonicalJson(b.record)
  )
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) =>
            x < y ? -1 : x > y ? 1 : 0
          )
        )
      : v
  )
}
