import { mapWithConcurrency } from '../common/concurrency.js'
import type { IsoDate } from '../common/dates.js'
import {
  DEFAULT_DOWNLOAD_LIMITS,
  type DownloadPolicy
} from './reports/download.js'
import { ActionError } from '../common/errors.js'
import type { Octokit } from './github-client.js'
import {
  LATEST_WINDOW_DAYS,
  countLatestEngaged,
  fetchLatestAggregates
} from './reports/latest-28-day.js'
import { fetchLegacyDays } from './legacy/day-source.js'
import { ReportsApi } from './reports/api.js'
import {
  fetchReportsDay,
  fetchTeamsDay,
  reportsDay,
  type DayOutcome
} from './reports/day-source.js'
import { describeScope, type Settings } from '../inputs/settings.js'

/** Fetches days for every target of the run; each date maps to one outcome per target, in target order. */
export interface DayFetcher {
  (dates: readonly IsoDate[]): Promise<Map<IsoDate, DayOutcome[]>>
  /**
   * Fails with an actionable message when every day is "not published" and
   * GitHub has no report for the scope at all: a 404 can mean a wrong name
   * as well as a day not published yet.
   */
  checkScopeExists(outcomes: readonly DayOutcome[]): Promise<void>
}

/**
 * `fetchedAt` stamps each day when its reports were read, so that of two
 * copies of a day (two runs racing) the later one is known. A fatal answer
 * aborts the fetcher: no queued day starts and no further request of a day in
 * flight goes out.
 */
export function createDayFetcher(
  settings: Settings,
  octokit: Octokit,
  fetchedAt: () => string
): DayFetcher {
  const { targets } = settings
  const scope = targets[0].scope
  if (settings.api === 'legacy') {
    const fetcher = async (
      dates: readonly IsoDate[]
    ): Promise<Map<IsoDate, DayOutcome[]>> => {
      const result = new Map<IsoDate, DayOutcome[]>(
        dates.map((date) => [date, []])
      )
      if (dates.length === 0) return result
      const [from, to] = [dates[0], dates[dates.length - 1]]
      for (const target of targets) {
        const days = await fetchLegacyDays(
          octokit,
          settings.apiUrl,
          target.scope,
          from,
          to,
          fetchedAt()
        )
        for (const date of dates) result.get(date)!.push(days.get(date)!)
      }
      return result
    }
    // The legacy API answers 404 for a wrong name (explained where it happens), never per day.
    return Object.assign(fetcher, { checkScopeExists: async () => {} })
  }

  const api = new ReportsApi(octokit, scope)
  const policy: DownloadPolicy = {
    ...DEFAULT_DOWNLOAD_LIMITS,
    maxBytes: settings.maxReportBytes,
    extraHosts: settings.extraDownloadHosts,
    apiUrl: settings.apiUrl
  }
  const teams = targets.flatMap((target) =>
    'team' in target.scope ? [target.scope.team] : []
  )
  const stop = new AbortController()
  /** Runs `work`; its first failure aborts every other request of the fetcher. */
  const fatal = async <T>(work: () => Promise<T>): Promise<T> => {
    stop.signal.throwIfAborted()
    try {
      return await work()
    } catch (error) {
      if (!stop.signal.aborted) stop.abort(error)
      throw stop.signal.reason
    }
  }
  const fetchDay = (date: IsoDate): Promise<DayOutcome[]> =>
    fatal(() =>
      teams.length > 0
        ? fetchTeamsDay(api, policy, date, teams, fetchedAt, stop.signal)
        : fetchReportsDay(api, policy, date, fetchedAt, stop.signal).then(
            (outcome) => [outcome]
          )
    )
  const fetchDays = async (
    dates: readonly IsoDate[]
  ): Promise<[IsoDate, DayOutcome[]][]> => {
    const outcomes = await mapWithConcurrency(
      dates,
      settings.fetchConcurrency,
      fetchDay
    )
    return dates.map((date, index) => [date, outcomes[index]])
  }
  /** Whether the aggregated 28-day report exists, once this run has asked. */
  let latestExists: boolean | null = null

  const fetcher = async (
    dates: readonly IsoDate[]
  ): Promise<Map<IsoDate, DayOutcome[]>> => {
    // A plan this long covers (nearly) the whole 28-day window: its days cost
    // two calls in all instead of two a day. Team days need each day's
    // memberships, so teams keep the 1-day reports.
    if (teams.length > 0 || dates.length < LATEST_WINDOW_DAYS)
      return new Map(await fetchDays(dates))
    const latest = await fatal(() => fetchLatestAggregates(api, policy))
    latestExists = latest.status !== 'pending'
    const inWindow =
      latest.status === 'available'
        ? dates.filter((date) => latest.days.has(date))
        : []
    const windowDays = new Set(inWindow)
    // A day missing from the 28-day report (not processed, or without data)
    // is read from its 1-day reports, like every day outside the window;
    // those run meanwhile, as does the users report's download.
    const [counts, outside] = await Promise.all([
      inWindow.length > 0
        ? fatal(() => countLatestEngaged(api, policy, inWindow))
        : new Map<IsoDate, { engaged: number; rows: number }>(),
      fetchDays(dates.filter((date) => !windowDays.has(date)))
    ])
    // A day whose aggregate counts active users but without a line in the
    // users report is read from its 1-day reports: never 0 engaged users.
    const counted = new Map(
      [...counts].filter(
        ([date, count]) =>
          latest.status === 'available' &&
          (count.rows > 0 || latest.days.get(date)!.daily_active_users === 0)
      )
    )
    const fromLatest = inWindow.flatMap((date): [IsoDate, DayOutcome[]][] => {
      const count = counted.get(date)
      if (count === undefined || latest.status !== 'available') return []
      return [
        [date, [reportsDay(latest.days.get(date)!, count.engaged, fetchedAt())]]
      ]
    })
    const leftOver = await fetchDays(
      inWindow.filter((date) => !counted.has(date))
    )
    const outcomes = new Map([...outside, ...fromLatest, ...leftOver])
    return new Map(dates.map((date) => [date, outcomes.get(date)!]))
  }
  return Object.assign(fetcher, {
    checkScopeExists: async (
      outcomes: readonly DayOutcome[]
    ): Promise<void> => {
      if (
        outcomes.length === 0 ||
        outcomes.some((outcome) => outcome.status !== 'pending')
      )
        return
      if (latestExists ?? (await fatal(() => api.hasAnyReport()))) return
      const enterprise =
        scope.kind === 'enterprise' || scope.kind === 'enterprise-team'
      throw new ActionError(
        `GitHub has no Copilot usage metrics for the ${describeScope(scope)} (404 for every day and for the latest 28-day report). ` +
          `Check the input '${enterprise ? 'enterprise' : 'organization'}', and that Copilot is in use there; GitHub publishes a day about two days after it ends.`
      )
    }
  })
}
