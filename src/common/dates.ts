/** A calendar day in UTC, `YYYY-MM-DD`. All date arithmetic here is UTC-only. */
export type IsoDate = string

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

export function isIsoDate(value: string): value is IsoDate {
  if (!ISO_DATE.test(value)) return false
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && toIsoDate(parsed) === value
}

export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10)
}

function toEpochDay(day: IsoDate): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS
}

export function addDays(day: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date((toEpochDay(day) + days) * DAY_MS))
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from)
}

/** Every day from `from` to `to`, both included; empty when `from` > `to`. */
export function dayRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day)
  return days
}

/** A day's calendar month, `YYYY-MM`. */
export function monthOf(day: IsoDate): string {
  return day.slice(0, 7)
}

/** `YYYY-MM`, `count` months earlier (later when negative). */
export function monthsBefore(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
  const shifted = index - count
  return `${Math.floor(shifted / 12)}-${String((shifted % 12) + 1).padStart(2, '0')}`
}

export function utcToday(now: Date): IsoDate {
  return toIsoDate(now)
}

export interface IsoWeek {
  /** e.g. `2026-W47` */
  label: string
  /** Monday */
  start: IsoDate
  /** Sunday */
  end: IsoDate
}

/** The ISO 8601 week (Monday to Sunday) holding `day`; the week-year can differ from the calendar year around New Year. */
export function isoWeek(day: IsoDate): IsoWeek {
  const epochDay = toEpochDay(day)
  // 1970-01-01 was a Thursday: (epochDay + 3) mod 7 is 0 on Mondays.
  const weekday = (((epochDay + 3) % 7) + 7) % 7
  const monday = epochDay - weekday
  const thursday = monday + 3
  const weekYear = new Date(thursday * DAY_MS).getUTCFullYear()
  const firstThursday = toEpochDay(`${weekYear}-01-04`)
  const firstMonday = firstThursday - ((((firstThursday + 3) % 7) + 7) % 7)
  const week = Math.floor((monday - firstMonday) / 7) + 1
  return {
    label: `${weekYear}-W${String(week).padStart(2, '0')}`,
    start: toIsoDate(new Date(monday * DAY_MS)),
    end: toIsoDate(new Date((monday + 6) * DAY_MS))
  }
}
