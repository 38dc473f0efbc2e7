import * as core from '@actions/core'
import { ActionError } from '../common/errors.js'
import type { TokenInput } from './github-client.js'

// When a failed API request is sent again: rate limits told apart as
// plugin-throttling does (Retry-After honoured), server errors and broken
// connections a few times; anything else fails at once.

/** Longest Retry-After the Action waits out before failing. */
const MAX_RATE_LIMIT_WAIT_S = 120
/** Waits per request: primary limit (until the reset), secondary limit. */
const PRIMARY_LIMIT_RETRIES = 1
const SECONDARY_LIMIT_RETRIES = 3
/** A 429 that names no limit (a proxy, GHES): waited out this often. */
const OTHER_429_RETRIES = 2
/** Server errors and broken connections: retried this often, after 1, 4, 9 s. */
const SERVER_ERROR_RETRIES = 3
/** Answers no retry can change; 403 and 429 are rate limits, handled apart. */
const DO_NOT_RETRY = new Set([400, 401, 403, 404, 409, 410, 422, 429, 451])
/** GitHub's advice when a rate-limit answer has no Retry-After. */
const FALLBACK_WAIT_S = 60
/**
 * How long to wait before sending a failed request again, counting the
 * waits in `waits`; throws when it must not be sent again. Rate limits are
 * told apart as plugin-throttling does, and Retry-After is honoured.
 */
export function retryWait(
  error: unknown,
  waits: Record<RateLimit['kind'] | 'server', number>,
  request: string,
  input: TokenInput
): number {
  const limit = rateLimit(error)
  if (limit) {
    const allowed = {
      primary: PRIMARY_LIMIT_RETRIES,
      secondary: SECONDARY_LIMIT_RETRIES,
      other: OTHER_429_RETRIES
    }[limit.kind]
    // One second past the reset, so the retry comes after it.
    const waitS = limit.kind === 'primary' ? limit.waitS + 1 : limit.waitS
    const retry = waits[limit.kind] < allowed && waitS <= MAX_RATE_LIMIT_WAIT_S
    if (limit.kind === 'primary')
      core.warning(
        `GitHub API rate limit reached on ${request}; resets in ${waitS}s`
      )
    else if (limit.kind === 'secondary')
      core.warning(
        `GitHub API secondary rate limit on ${request}; retrying in ${waitS}s`
      )
    else if (retry)
      core.warning(
        `GitHub API answered 429 Too Many Requests on ${limit.request}; retrying in ${waitS}s`
      )
    if (retry) {
      waits[limit.kind]++
      return waitS
    }
    throw rateLimitError(limit, input)
  }
  // Octokit turns a broken connection or a timeout into a RequestError with status 500.
  const status = httpStatus(error)
  const answered = (error as { request?: unknown } | null)?.request
  if (
    answered !== undefined &&
    status !== undefined &&
    status >= 400 &&
    !DO_NOT_RETRY.has(status) &&
    waits.server < SERVER_ERROR_RETRIES
  ) {
    waits.server++
    return waits.server ** 2
  }
  throw error
}

interface RateLimit {
  kind: 'primary' | 'secondary' | 'other'
  /** Seconds GitHub asks to wait. */
  waitS: number
  /** When the primary limit resets, if GitHub said. */
  resetAt: Date | null
  /** Method and path, never the query. */
  request: string
}

/** The rate limit behind an error, told apart the way plugin-throttling does. */
function rateLimit(error: unknown): RateLimit | null {
  const status = httpStatus(error)
  if (status !== 403 && status !== 429) return null
  const failed = error as {
    request?: { method?: string; url?: string }
    response?: { headers?: Record<string, string | undefined> }
  }
  const headers = failed.response?.headers ?? {}
  const request = `${failed.request?.method ?? 'GET'} ${pathOf(failed.request?.url ?? '')}`
  const retryAfter = Number(headers['retry-after'])
  const waitS =
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : FALLBACK_WAIT_S
  if (/\bsecondary rate\b/i.test(apiMessage(error)))
    return { kind: 'secondary', waitS, resetAt: null, request }
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset'])
    const resetAt =
      Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null
    return {
      kind: 'primary',
      waitS: resetAt
        ? Math.max(0, Math.ceil((resetAt.getTime() - Date.now()) / 1000))
        : waitS,
      resetAt,
      request
    }
  }
  if (status === 429) return { kind: 'other', waitS, resetAt: null, request }
  return null
}

function rateLimitError(limit: RateLimit, input: TokenInput): ActionError {
  const later =
    'Run the workflow again later: days not stored yet are fetched then.'
  const tooLong =
    limit.waitS > MAX_RATE_LIMIT_WAIT_S
      ? `it asks to wait ${limit.waitS} s, longer than the ${MAX_RATE_LIMIT_WAIT_S} s this Action waits`
      : `it still held after ${limit.kind === 'other' ? OTHER_429_RETRIES : SECONDARY_LIMIT_RETRIES} waits of ${limit.waitS} s`
  switch (limit.kind) {
    case 'primary':
      return new ActionError(
        `GitHub's API rate limit of the token in input '${input}' is used up until ${limit.resetAt?.toISOString() ?? 'its reset time'} (${limit.request}). ` +
          'Run the workflow again after that, and do not share the token with heavy API users (a GitHub App token has its own limit).'
      )
    case 'secondary':
      return new ActionError(
        `GitHub's secondary rate limit stopped ${limit.request}: ${tooLong}. ${later} ` +
          'Avoid running it at the same time as other heavy users of the same token.'
      )
    case 'other':
      return new ActionError(
        `GitHub API answered ${limit.request} with 429 Too Many Requests: ${tooLong}. ${later}`
      )
  }
}

/** The path of a URL, without its query. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url.split('?')[0]
  }
}

/** The HTTP status of an Octokit error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** GitHub's own error message from an Octokit error. */
export function apiMessage(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | null)?.response
    ?.data
  const message = (data as { message?: unknown } | null)?.message
  if (typeof message === 'string') return message
  return error instanceof Error ? error.message : String(error)
}
