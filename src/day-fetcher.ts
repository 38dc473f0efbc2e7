import { mapWithConcurrency } from './concurrency.js'
import type { IsoDate } from './dates.js'
import { DEFAULT_DOWNLOAD_LIMITS, type DownloadPolicy } from './download.js'
import { ActionError } from './errors.js'
import type { Octokit } from './github-client.js'
import { fetchLegacyDays } from './legacy-source.js'
import { ReportsApi } from './reports-api.js'
import {
  fetchReportsDay,
  fetchTeamsDay,
  type DayOutcome
} from './reports-source.js'
import { describeScope, type Settings } from './settings.js'

/** Days fetched at once: a few in flight, well under GitHub's secondary limits. */
const FETCH_CONCURRENCY = 4

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

export function createDayFetcher(
  settings: Settings,
  octokit: Octokit,
  fetchedAt: string
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
          fetchedAt
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
  const fetchDay = (date: IsoDate): Promise<DayOutcome[]> =>
    teams.length > 0
      ? fetchTeamsDay(api, policy, date, teams, fetchedAt)
      : fetchReportsDay(api, policy, date, fetchedAt).then((outcome) => [
          outcome
        ])
  const fetcher = async (
    dates: readonly IsoDate[]
  ): Promise<Map<IsoDate, DayOutcome[]>> => {
    const outcomes = await mapWithConcurrency(
      dates,
      FETCH_CONCURRENCY,
      fetchDay
    )
    return new Map(dates.map((date, index) => [date, outcomes[index]]))
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
      if (await api.hasAnyReport()) return
      const enterprise =
        scope.kind === 'enterprise' || scope.kind === 'enterprise-team'
      throw new ActionError(
        `GitHub has no Copilot usage metrics for the ${describeScope(scope)} (404 for every day and for the latest 28-day report). ` +
          `Check the input '${enterprise ? 'enterprise' : 'organization'}', and that Copilot is in use there; GitHub publishes a day about two days after it ends.`
      )
    }
  })
}
