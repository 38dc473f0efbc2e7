import type { IsoDate } from '../../common/dates.js'
import { ActionError } from '../../common/errors.js'
import { apiMessage, httpStatus, type Octokit } from '../github-client.js'
import {
  DayReportEnvelopeSchema,
  LatestReportEnvelopeSchema,
  describeIssues
} from './records.js'
import { describeScope, type Scope } from '../../inputs/settings.js'

export type DayReportKind = 'aggregate' | 'users' | 'user-teams'

/** The 28-day reports: the aggregated days (`day_totals[]`) and one line per user and active day. */
export type LatestReportKind = 'aggregate' | 'users'

export type DayReport =
  | { status: 'available'; links: string[] }
  /** Not published yet (404): GitHub publishes a day about two days after it ends. */
  | { status: 'pending' }
  /** Published without data (204, an empty body or no links). */
  | { status: 'no-data' }

export type LatestReport =
  | {
      status: 'available'
      links: string[]
      /** The window: the 28 days ending at the newest day GitHub has processed. */
      startDay: IsoDate
      endDay: IsoDate
    }
  /** No 28-day report (404): nothing processed yet, or no access. */
  | { status: 'pending' }
  | { status: 'no-data' }

/** The usage-metrics reports endpoints of one organization or enterprise. */
export class ReportsApi {
  constructor(
    private readonly octokit: Octokit,
    private readonly scope: Scope
  ) {}

  private route(kind: DayReportKind): {
    url: string
    params: Record<string, string>
  } {
    const name =
      kind === 'users'
        ? 'users-1-day'
        : kind === 'user-teams'
          ? 'user-teams-1-day'
          : null
    switch (this.scope.kind) {
      case 'organization':
      case 'team':
        return {
          url: `/orgs/{org}/copilot/metrics/reports/${name ?? 'organization-1-day'}`,
          params: { org: this.scope.organization }
        }
      case 'enterprise':
      case 'enterprise-team':
        return {
          url: `/enterprises/{enterprise}/copilot/metrics/reports/${name ?? 'enterprise-1-day'}`,
          params: { enterprise: this.scope.enterprise }
        }
    }
  }

  async dayReport(kind: DayReportKind, day: IsoDate): Promise<DayReport> {
    const { url, params } = this.route(kind)
    let response
    try {
      response = await this.octokit.request(`GET ${url}`, { ...params, day })
    } catch (error) {
      if (httpStatus(error) === 404) return { status: 'pending' }
      throw this.explain(
        error,
        `GET ${url.replace('{org}', params.org ?? '').replace('{enterprise}', params.enterprise ?? '')}?day=${day}`
      )
    }
    const data: unknown = response.data
    if (isEmptyAnswer(response.status, data)) return { status: 'no-data' }
    const envelope = DayReportEnvelopeSchema.safeParse(data)
    if (!envelope.success)
      throw new ActionError(
        `Unexpected answer from the ${kind} report of ${day} for ${describeScope(this.scope)}: ${describeIssues(envelope.error)}.`
      )
    if (envelope.data.report_day !== day)
      throw new ActionError(
        `GitHub answered the ${kind} report of ${day} with the report of ${envelope.data.report_day}; nothing was stored.`
      )
    if (envelope.data.download_links.length === 0) return { status: 'no-data' }
    return { status: 'available', links: envelope.data.download_links }
  }

  private latestRoute(kind: LatestReportKind): {
    url: string
    params: Record<string, string>
  } {
    if ('organization' in this.scope) {
      const name = kind === 'users' ? 'users-28-day' : 'organization-28-day'
      return {
        url: `/orgs/{org}/copilot/metrics/reports/${name}/latest`,
        params: { org: this.scope.organization }
      }
    }
    const name = kind === 'users' ? 'users-28-day' : 'enterprise-28-day'
    return {
      url: `/enterprises/{enterprise}/copilot/metrics/reports/${name}/latest`,
      params: { enterprise: this.scope.enterprise }
    }
  }

  /** The links of a 28-day report: only the newest window exists, it cannot be chosen. */
  async latestReport(kind: LatestReportKind): Promise<LatestReport> {
    const { url, params } = this.latestRoute(kind)
    let response
    try {
      response = await this.octokit.request(`GET ${url}`, params)
    } catch (error) {
      if (httpStatus(error) === 404) return { status: 'pending' }
      throw this.explain(error, `GET ${url}`)
    }
    const data: unknown = response.data
    if (isEmptyAnswer(response.status, data)) return { status: 'no-data' }
    const envelope = LatestReportEnvelopeSchema.safeParse(data)
    if (!envelope.success)
      throw new ActionError(
        `Unexpected answer from the 28-day ${kind} report for ${describeScope(this.scope)}: ${describeIssues(envelope.error)}.`
      )
    const { download_links, report_start_day, report_end_day } = envelope.data
    if (report_start_day > report_end_day)
      throw new ActionError(
        `The 28-day ${kind} report for ${describeScope(this.scope)} starts on ${report_start_day}, after its end ${report_end_day}; nothing was stored.`
      )
    if (download_links.length === 0) return { status: 'no-data' }
    return {
      status: 'available',
      links: download_links,
      startDay: report_start_day,
      endDay: report_end_day
    }
  }

  /**
   * Whether GitHub has any report for the scope: a 404 on every day can mean a
   * wrong name or no access as well as "not published yet".
   */
  async hasAnyReport(): Promise<boolean> {
    const { url, params } = this.latestRoute('aggregate')
    try {
      await this.octokit.request(`GET ${url}`, params)
      return true
    } catch (error) {
      if (httpStatus(error) === 404) return false
      throw this.explain(error, `GET ${url}`)
    }
  }

  /** Turns an API failure into an error that says what to change. */
  explain(error: unknown, request: string): Error {
    // Already explained: a rate limit or a refused redirect (github-client).
    if (error instanceof ActionError) return error
    const status = httpStatus(error)
    const message = apiMessage(error)
    const who = describeScope(this.scope)
    const enterprise =
      this.scope.kind === 'enterprise' || this.scope.kind === 'enterprise-team'
    const permission = enterprise
      ? 'a classic PAT with manage_billing:copilot or read:enterprise, or a fine-grained token with "Enterprise Copilot metrics: read", of an enterprise owner, billing manager or a role with "View Enterprise Copilot Metrics"'
      : 'a classic PAT with read:org, or a fine-grained token or GitHub App with "Organization Copilot metrics: read", of an organization owner or a role with "View Organization Copilot Metrics"'
    if (status === 401)
      return new ActionError(
        `GitHub rejected the token in input 'token' (401 ${message}): it is invalid or expired. Give ${permission}.`
      )
    if (status === 403 && /polic/i.test(message))
      return new ActionError(
        `Copilot usage metrics are turned off for the ${who} (403: ${message}). Enable the "Copilot usage metrics" policy (${enterprise ? 'enterprise AI Controls → Copilot → Metrics' : 'organization Settings → Copilot → Policies'}).`
      )
    if (status === 403)
      return new ActionError(
        `The token in input 'token' may not read the Copilot metrics of the ${who} (403: ${message}). It must be ${permission}.`
      )
    if (status !== undefined)
      return new ActionError(`${request} failed: ${status} ${message}`, {
        cause: error
      })
    return new ActionError(`${request} failed: ${message}`, { cause: error })
  }
}

/** 204, an empty body, or the JSON string "No report available…" seen in production: no report, not an error. */
function isEmptyAnswer(status: number, data: unknown): boolean {
  return (
    status === 204 ||
    data === undefined ||
    data === null ||
    typeof data === 'string'
  )
}
