import { addDays, dayRange, type IsoDate } from '../common/dates.js'
import type { History } from './file.js'
import { newestDate } from './file.js'
import { LEGACY_WINDOW_DAYS } from '../sources/legacy/day-source.js'
import type { MetricsApi, Scope } from '../inputs/settings.js'

/** The first day an API can still answer for. */
export function earliestDay(
  api: MetricsApi,
  scope: Scope,
  today: IsoDate
): IsoDate {
  if (api === 'legacy') return addDays(today, -LEGACY_WINDOW_DAYS)
  const enterprise =
    scope.kind === 'enterprise' || scope.kind === 'enterprise-team'
  const start = enterprise
    ? REPORTS_AVAILABLE_FROM.enterprise
    : REPORTS_AVAILABLE_FROM.organization
  const retained = addDays(today, -REPORTS_RETENTION_DAYS)
  return start > retained ? start : retained
}

/** First days GitHub publishes reports for, and how far back it keeps them. */
export const REPORTS_AVAILABLE_FROM = {
  enterprise: '2025-10-10',
  organization: '2025-12-12'
} as const
export const REPORTS_RETENTION_DAYS = 365

export interface FetchPlan {
  /** Days to request, oldest first. */
  dates: IsoDate[]
  /** Stored days from here on may be replaced by a revision (see MergePolicy). */
  replaceFrom: IsoDate | null
  /** Set when the wanted range started earlier than GitHub keeps data. */
  clampedFrom: IsoDate | null
}

/**
 * Which days to request: on the first run the `backfillDays` days up to
 * yesterday (UTC); afterwards every day after the newest stored one, plus the
 * newest `refreshDays` stored days, which GitHub may still revise.
 */
export function planFetch(
  history: History,
  options: {
    today: IsoDate
    backfillDays: number
    refreshDays: number
    earliest: IsoDate
  }
): FetchPlan {
  const yesterday = addDays(options.today, -1)
  const newest = newestDate(history)
  const replaceFrom =
    newest !== null && options.refreshDays > 0
      ? addDays(newest, 1 - options.refreshDays)
      : null
  const wanted =
    newest === null
      ? addDays(yesterday, 1 - options.backfillDays)
      : (replaceFrom ?? addDays(newest, 1))
  const { earliest } = options
  const from = wanted < earliest ? earliest : wanted
  return {
    dates: dayRange(from, yesterday),
    replaceFrom,
    clampedFrom: wanted < earliest ? from : null
  }
}
