import { dayRange, type IsoDate } from '../../common/dates.js'
import { ActionError } from '../../common/errors.js'
import { apiMessage, httpStatus, type Octokit } from '../github-client.js'
import type { StoredDay } from '../../day/stored-day.js'
import { LegacyDaySchema, legacyDayProblem, type LegacyDay } from './records.js'
import { describeIssues } from '../reports/records.js'
import { describeScope, type Scope } from '../../inputs/settings.js'
import type { DayOutcome } from '../reports/day-source.js'

/** GitHub closed the legacy metrics API on github.com on this day. */
export const LEGACY_CLOSED_ON = '2026-04-02'
/** The legacy API answers at most this many days back. */
export const LEGACY_WINDOW_DAYS = 100

function route(scope: Scope): { url: string; params: Record<string, string> } {
  switch (scope.kind) {
    case 'organization':
      return {
        url: '/orgs/{org}/copilot/metrics',
        params: { org: scope.organization }
      }
    case 'enterprise':
      return {
        url: '/enterprises/{enterprise}/copilot/metrics',
        params: { enterprise: scope.enterprise }
      }
    case 'team':
      return {
        url: '/orgs/{org}/team/{team_slug}/copilot/metrics',
        params: { org: scope.organization, team_slug: scope.team }
      }
    case 'enterprise-team':
      return {
        url: '/enterprises/{enterprise}/team/{team_slug}/copilot/metrics',
        params: { enterprise: scope.enterprise, team_slug: scope.team }
      }
  }
}

/** A legacy day as stored: the day object as received, and its normalized counts. */
export function legacyStoredDay(day: LegacyDay, fetchedAt: string): StoredDay {
  return {
    date: day.date,
    source: 'legacy',
    fetchedAt,
    summary: {
      activeUsers: day.total_active_users ?? 0,
      engagedUsers: day.total_engaged_users ?? 0,
      weeklyActiveUsers: null
    },
    record: day
  }
}

/** Validates one legacy day object; `where` names it in the error. */
export function parseLegacyDay(raw: unknown, where: string): LegacyDay {
  const parsed = LegacyDaySchema.safeParse(raw)
  if (!parsed.success)
    throw new ActionError(`${where}: ${describeIssues(parsed.error)}.`)
  const problem = legacyDayProblem(parsed.data)
  if (problem) throw new ActionError(`${where}: ${problem}.`)
  return parsed.data
}

/**
 * Every day from `from` to `to` of one scope from `GET …/copilot/metrics`,
 * all pages. A day the answer does not hold is pending (GitHub processes a
 * day once, the next day, and leaves out days without enough licensed members).
 */
export async function fetchLegacyDays(
  octokit: Octokit,
  apiUrl: string,
  scope: Scope,
  from: IsoDate,
  to: IsoDate,
  fetchedAt: string
): Promise<Map<IsoDate, DayOutcome>> {
  const { url, params } = route(scope)
  let days: unknown[]
  try {
    days = await octokit.paginate(`GET ${url}`, {
      ...params,
      since: `${from}T00:00:00Z`,
      until: `${to}T23:59:59Z`,
      per_page: 100
    })
  } catch (error) {
    throw explainLegacyError(error, scope, apiUrl)
  }
  const byDate = new Map<IsoDate, StoredDay>()
  days.forEach((raw, index) => {
    const day = parseLegacyDay(
      raw,
      `Legacy metrics of the ${describeScope(scope)}, day ${index + 1} of the answer`
    )
    if (day.date >= from && day.date <= to)
      byDate.set(day.date, legacyStoredDay(day, fetchedAt))
  })
  return new Map(
    dayRange(from, to).map((date): [IsoDate, DayOutcome] => {
      const day = byDate.get(date)
      return [
        date,
        day ? { status: 'fetched', day } : { status: 'pending', date }
      ]
    })
  )
}

export function explainLegacyError(
  error: unknown,
  scope: Scope,
  apiUrl: string
): Error {
  const status = httpStatus(error)
  const message = apiMessage(error)
  const who = describeScope(scope)
  if (status === 422)
    return new ActionError(
      `The legacy Copilot metrics API is disabled for the ${who} (422: ${message}). Enable the "Copilot Metrics API access" policy, or use api: reports.`
    )
  if (status === 401 || status === 403)
    return new ActionError(
      `The token in input 'token' may not read the legacy Copilot metrics of the ${who} (${status}: ${message}). ` +
        'It must be a classic PAT or OAuth token with manage_billing:copilot, read:org or read:enterprise, of an owner or billing manager (the legacy API takes no fine-grained or GitHub App tokens for enterprises).'
    )
  if (status === 404 && new URL(apiUrl).hostname === 'api.github.com')
    return new ActionError(
      `The legacy Copilot metrics API answered 404 for the ${who}: GitHub closed it on github.com on ${LEGACY_CLOSED_ON}. Use api: reports (the default), which reads the Copilot usage metrics reports.`
    )
  if (status === 404)
    return new ActionError(
      `The legacy Copilot metrics API answered 404 for the ${who}: check the names in the inputs, and that this host still serves GET …/copilot/metrics (GitHub closed it on github.com on ${LEGACY_CLOSED_ON}; api: reports is its successor).`
    )
  return new ActionError(
    `The legacy Copilot metrics API failed for the ${who}: ${status ?? 'network error'} ${message}`,
    {
      cause: error
    }
  )
}
