import * as core from '@actions/core'
import { GitHub, defaults, getOctokitOptions } from '@actions/github/lib/utils'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { ActionError } from '../common/errors.js'
import { Slots, WriteLane, delay } from './request-limits.js'

const ActionOctokit = GitHub.plugin(paginateRest)
export type Octokit = InstanceType<typeof ActionOctokit>
/** The input a token came from, for messages. */
export type TokenInput = 'token' | 'github-token'

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
const REQUEST_TIMEOUT_MS = 60_000
/** Requests in flight per token, as plugin-throttling allowed. */
const MAX_CONCURRENT = 10
/**
 * Writes go one at a time. A nightly commit is a handful of them that wait on
 * each other anyway; a longer series (a migration's blobs) is spaced to stay
 * under GitHub's 80 content-creating requests a minute.
 */
const WRITE_BURST = 20
const WRITE_SPACING_MS = 800
const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 3

/**
 * An Octokit bound to one API base URL. The token goes to `apiUrl` only: a
 * request to another origin is refused, redirects are followed only within
 * the origin, and a redirect elsewhere fails the request.
 */
export function createOctokit(
  token: string,
  apiUrl: string,
  input: TokenInput = 'token'
): Octokit {
  const api = new URL(apiUrl)
  const baseFetch = defaults.request?.fetch as typeof fetch
  const octokit = new ActionOctokit(
    getOctokitOptions(token, {
      baseUrl: apiUrl,
      userAgent: 'copilot-metrics-history',
      headers: { 'x-github-api-version': '2022-11-28' },
      // Keep @actions/github's proxy-aware fetch; add a timeout, which Octokit lacks.
      request: {
        ...defaults.request,
        fetch: (url: string, init: RequestInit) =>
          fetchWithinOrigin(baseFetch, api.origin, url, {
            ...init,
            signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS)
          })
      }
    })
  )
  octokit.hook.before('request', (options) => {
    const target = new URL(String(options.url), `${apiUrl}/`)
    if (/^[a-z]+:/i.test(String(options.url)) && target.origin !== api.origin)
      throw new Error(
        `Refusing to send the token to ${target.host}: only ${api.host} gets it`
      )
  })
  const slots = new Slots(MAX_CONCURRENT)
  const writes = new WriteLane(WRITE_BURST, WRITE_SPACING_MS)
  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method).toUpperCase()
    const send = () => slots.run(async () => request(options))
    const waits = { primary: 0, secondary: 0, other: 0, server: 0 }
    for (;;) {
      let response
      try {
        response =
          method === 'GET' || method === 'HEAD'
            ? await send()
            : await writes.run(send)
      } catch (error) {
        const waitS = retryWait(error, waits, `${method} ${options.url}`, input)
        await delay(waitS * 1000)
        continue
      }
      if (REDIRECTS.has(response.status))
        throw redirectError(options.method, response, api, input)
      return response
    }
  })
  return octokit
}

/**
 * How long to wait before sending a failed request again, counting the
 * waits in `waits`; throws when it must not be sent again. Rate limits are
 * told apart as plugin-throttling does, and Retry-After is honoured.
 */
function retryWait(
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

/**
 * fetch that follows redirects only within `origin`, where the token may go.
 * A redirect anywhere else is returned as is and refused by the wrap hook:
 * fetch would drop the Authorization header, but still follow, and hand the
 * other host's answer to the Action as GitHub's.
 */
async function fetchWithinOrigin(
  baseFetch: typeof fetch,
  origin: string,
  url: string,
  init: RequestInit
): Promise<Response> {
  let target = url
  let request: RequestInit = { ...init, redirect: 'manual' }
  for (let hops = 0; ; hops++) {
    const response = await baseFetch(target, request)
    const location = response.headers.get('location')
    if (!REDIRECTS.has(response.status) || location === null) return response
    const next = new URL(location, target)
    if (next.origin !== origin || hops === MAX_REDIRECTS) return response
    await response.body?.cancel()
    // As fetch does: after a 303, or a 301/302 answering a POST, continue with a GET.
    const method = (request.method ?? 'GET').toUpperCase()
    if (
      (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
      (response.status <= 302 && method === 'POST')
    )
      request = { ...request, method: 'GET', body: undefined }
    target = next.toString()
  }
}

function redirectError(
  method: string,
  response: { status: number; url: string; headers: Record<string, unknown> },
  api: URL,
  input: TokenInput
): ActionError {
  const from = `${method} ${pathOf(response.url)}`
  const location = response.headers.location
  let to: URL | null = null
  try {
    if (typeof location === 'string') to = new URL(location, response.url)
  } catch {
    // an unreadable Location is refused all the same
  }
  if (to && to.origin === api.origin)
    return new ActionError(
      `GitHub API answered ${from} with more than ${MAX_REDIRECTS} redirects; refused. Check input api-url.`
    )
  return new ActionError(
    `GitHub API answered ${from} with a redirect (${response.status}) to ${to?.host ?? 'an unreadable location'}: refused, ` +
      `because the token in input '${input}' is sent to ${api.host} (input api-url) only. ` +
      'Check api-url, and any proxy between the runner and GitHub.'
  )
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
function pathOf(url: string): string {
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
