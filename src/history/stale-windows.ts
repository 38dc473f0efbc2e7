// Which distinct-count windows (ISO weeks, calendar months) a run must count
// again, and from which day missing counts are filled in. Pure: no reads.
import { addDays, isoWeek, monthOf, type IsoDate } from '../common/dates.js'
import type { StoredDay } from '../day/stored-day.js'

/**
 * Windows to count again, each with its first changed or uncounted day: the
 * counts to date of earlier days cannot have changed and are not rewritten
 * (though the window is still read from its start).
 */
export interface StaleWindows {
  /** Mondays of the ISO weeks to count again. */
  weeks: Map<IsoDate, IsoDate>
  /** `YYYY-MM` of the months to count again. */
  months: Map<string, IsoDate>
}

/** The Monday of a day's ISO week. */
export const weekOf = (date: IsoDate): IsoDate => isoWeek(date).start

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
  const firstBy = (windowOf: (date: IsoDate) => string) => {
    const first = new Map<string, IsoDate>()
    for (const date of dates) {
      const window = windowOf(date)
      const earlier = first.get(window)
      if (earlier === undefined || date < earlier) first.set(window, date)
    }
    return first
  }
  return { weeks: firstBy(weekOf), months: firstBy(monthOf) }
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
