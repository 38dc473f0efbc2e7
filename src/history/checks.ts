import type { IsoDate } from '../common/dates.js'
import type { DayOutcome } from '../sources/reports/day-source.js'
import type { DayCheck } from './file.js'

/**
 * The checks after this run: a day asked and not served is recorded with
 * when and how often; a stored day, or one GitHub no longer keeps, is dropped.
 */
export function updateChecks(
  checks: Readonly<Record<IsoDate, DayCheck>>,
  run: {
    fetched: {
      date: IsoDate
      status: DayOutcome['status']
      checkedAt: string
    }[]
    stored: ReadonlySet<IsoDate>
    /** The first day GitHub still serves. */
    from: IsoDate
  }
): Record<IsoDate, DayCheck> {
  const next: Record<IsoDate, DayCheck> = {}
  for (const [date, check] of Object.entries(checks))
    if (date >= run.from && !run.stored.has(date)) next[date] = check
  for (const { date, status, checkedAt } of run.fetched) {
    if (status === 'fetched' || run.stored.has(date) || date < run.from)
      continue
    next[date] = {
      lastCheckedAt: checkedAt,
      status,
      attempts: (checks[date]?.attempts ?? 0) + 1
    }
  }
  return Object.fromEntries(
    Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1))
  )
}
