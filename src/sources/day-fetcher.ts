import { mapWithConcurrency } from '../common/concurrency.js'
import type { IsoDate } from '../common/dates.js'
import { downloadPolicy, type DownloadPolicy } from './reports/download.js'
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
import type { AggregateDay } from './reports/records.js'
import {
  describeScope,
  teamSlugs,
  type Scope,
  type Settings
} from '../inputs/settings.js'

/** What fetching days needs of the settings. */
export type FetchSettings = Pick<
  Settings,
  | 'api'
  | 'apiUrl'
  | 'extraDownloadHosts'
  | 'fetchConcurrency'
  | 'maxReportBytes'
  | 'targets'
>

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
  settings: FetchSettings,
  octokit: Octokit,
  fetchedAt: () => string
): DayFetcher {
  if (settings.api === 'legacy')
    return legacyFetcher(settings, octokit, fetchedAt)
  const reports = new ReportsDayFetcher(settings, octokit, fetchedAt)
  return Object.assign((dates: readonly IsoDate[]) => reports.fetch(dates), {
    checkScopeExists: (outcomes: readonly DayOutcome[]) =>
      reports.checkScopeExists(outcomes)
  })
}

/** The legacy API: one call per target for the whole range of dates. */
function legacyFetcher(
  settings: FetchSettings,
  octokit: Octokit,
  fetchedAt: () => string
): DayFetcher {
  const fetcher = async (
    dates: readonly IsoDate[]
  ): Promise<Map<IsoDate, DayOutcome[]>> => {
    const result = new Map<IsoDate, DayOutcome[]>(
      dates.map((date) => [date, []])
    )
    if (dates.length === 0) return result
    const [from, to] = [dates[0], dates[dates.length - 1]]
    for (const target of settings.targets) {
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

/** The reports API: 1-day reports per day, or the 28-day reports for a long plan. */
class ReportsDayFetcher {
  private readonly scope: Scope
  private readonly api: ReportsApi
  private readonly policy: DownloadPolicy
  private readonly teams: string[]
  private readonly stop = new AbortController()
  /** Whether the aggregated 28-day report exists, once this run has asked. */
  private latestExists: boolean | null = null

  constructor(
    private readonly settings: FetchSettings,
    octokit: Octokit,
    private readonly fetchedAt: () => string
  ) {
    this.scope = settings.targets[0].scope
    this.api = new ReportsApi(octokit, this.scope)
    this.policy = downloadPolicy(settings)
    this.teams = teamSlugs(settings.targets)
  }

  /** Runs `work`; its first failure aborts every other request of the fetcher. */
  private async fatal<T>(work: () => Promise<T>): Promise<T> {
    this.stop.signal.throwIfAborted()
    try {
      return await work()
    } catch (error) {
      if (!this.stop.signal.aborted) this.stop.abort(error)
      throw this.stop.signal.reason
    }
  }

  private fetchDay(date: IsoDate): Promise<DayOutcome[]> {
    const { api, policy, teams, fetchedAt, stop } = this
    return this.fatal(() =>
      teams.length > 0
        ? fetchTeamsDay(api, policy, date, teams, fetchedAt, stop.signal)
        : fetchReportsDay(api, policy, date, fetchedAt, stop.signal).then(
            (outcome) => [outcome]
          )
    )
  }

  private async fetchDays(
    dates: readonly IsoDate[]
  ): Promise<[IsoDate, DayOutcome[]][]> {
    const outcomes = await mapWithConcurrency(
      dates,
      this.settings.fetchConcurrency,
      (date) => this.fetchDay(date)
    )
    return dates.map((date, index) => [date, outcomes[index]])
  }

  async fetch(dates: readonly IsoDate[]): Promise<Map<IsoDate, DayOutcome[]>> {
    // A plan this long covers (nearly) the whole 28-day window: its days cost
    // two calls in all instead of two a day. Team days need each day's
    // memberships, so teams keep the 1-day reports.
    if (this.teams.length > 0 || dates.length < LATEST_WINDOW_DAYS)
      return new Map(await this.fetchDays(dates))
    const latest = await this.fatal(() =>
      fetchLatestAggregates(this.api, this.policy)
    )
    this.latestExists = latest.status !== 'pending'
    const days =
      latest.status === 'available' ? latest.days : new Map<IsoDate, never>()
    const inWindow = dates.filter((date) => days.has(date))
    const windowDays = new Set(inWindow)
    // A day missing from the 28-day report (not processed, or without data)
    // is read from its 1-day reports, like every day outside the window;
    // those run meanwhile, as does the users report's download.
    const [counted, outside] = await Promise.all([
      this.countInWindow(days, inWindow),
      this.fetchDays(dates.filter((date) => !windowDays.has(date)))
    ])
    const fromLatest = [...counted].map(
      ([date, engaged]): [IsoDate, DayOutcome[]] => [
        date,
        [reportsDay(days.get(date)!, engaged, this.fetchedAt())]
      ]
    )
    const leftOver = await this.fetchDays(
      inWindow.filter((date) => !counted.has(date))
    )
    const outcomes = new Map([...outside, ...fromLatest, ...leftOver])
    return new Map(dates.map((date) => [date, outcomes.get(date)!]))
  }

  /**
   * Engaged users of the days of `inWindow` that the 28-day users report can
   * count. A day whose aggregate counts active users but without a line in
   * the users report is left out (read from its 1-day reports): never 0
   * engaged users.
   */
  private async countInWindow(
    days: ReadonlyMap<IsoDate, AggregateDay>,
    inWindow: readonly IsoDate[]
  ): Promise<Map<IsoDate, number>> {
    if (inWindow.length === 0) return new Map()
    const counts = await this.fatal(() =>
      countLatestEngaged(this.api, this.policy, inWindow)
    )
    return new Map(
      [...counts]
        .filter(
          ([date, count]) =>
            count.rows > 0 || days.get(date)!.daily_active_users === 0
        )
        .map(([date, count]) => [date, count.engaged])
    )
  }

  /**
   * Fails with an actionable message when every day is "not published" and
   * GitHub has no report for the scope at all.
   */
  async checkScopeExists(outcomes: readonly DayOutcome[]): Promise<void> {
    if (
      outcomes.length === 0 ||
      outcomes.some((outcome) => outcome.status !== 'pending')
    )
      return
    if (this.latestExists ?? (await this.fatal(() => this.api.hasAnyReport())))
      return
    const { scope } = this
    const enterprise =
      scope.kind === 'enterprise' || scope.kind === 'enterprise-team'
    throw new ActionError(
      `GitHub has no Copilot usage metrics for the ${describeScope(scope)} (404 for every day and for the latest 28-day report). ` +
        `Check the input '${enterprise ? 'enterprise' : 'organization'}', and that Copilot is in use there; GitHub publishes a day about two days after it ends.`
    )
  }
}
