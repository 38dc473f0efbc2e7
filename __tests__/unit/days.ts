import type { SeatsEntry, StoredDay } from '../../src/day/stored-day.js'

/**
 * A stored reports-API day with the given counts. `weeklyActiveUsers` is
 * stored both as GitHub's field and as the day's ISO-week-to-date distinct
 * count (with `engagedUsers` as the engaged one), what the trend reads.
 */
export function storedDay(
  date: string,
  activeUsers: number,
  engagedUsers: number,
  weeklyActiveUsers: number | null = null,
  record: Record<string, unknown> = {}
): StoredDay {
  return {
    date,
    source: 'reports',
    fetchedAt: '2026-01-01T00:00:00.000Z',
    summary: { activeUsers, engagedUsers, weeklyActiveUsers },
    record: { day: date, daily_active_users: activeUsers, ...record },
    ...(weeklyActiveUsers === null
      ? {}
      : {
          distinct: {
            weekToDate: { activeUsers: weeklyActiveUsers, engagedUsers },
            monthToDate: null
          }
        })
  }
}

/** A seats entry of `total` seats, recorded on `date` (no other breakdown). */
export function seatsEntry(
  date: string,
  total: number,
  fetchedAt = `${date}T03:00:00.000Z`
): SeatsEntry {
  return {
    date,
    fetchedAt,
    summary: {
      total,
      activeThisCycle: null,
      inactiveThisCycle: null,
      pendingInvitation: null,
      pendingCancellation: null,
      addedThisCycle: null
    },
    record: {}
  }
}

/** The months `from`..`to` ("YYYY-MM"), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  for (let m = from; m <= to;) {
    months.push(m)
    const [y, n] = m.split('-').map(Number)
    m = n === 12 ? `${y + 1}-01` : `${y}-${String(n + 1).padStart(2, '0')}`
  }
  return months
}
