import * as core from '@actions/core'
import { GitHub, defaults, getOctokitOptions } from '@actions/github/lib/utils'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'

const ActionOctokit = GitHub.plugin(paginateRest, retry, throttling)
export type Octokit = InstanceType<typeof ActionOctokit>

/** Longest Retry-After the Action waits out before failing. */
const MAX_RATE_LIMIT_WAIT_S = 120
const REQUEST_TIMEOUT_MS = 60_000
/**
 * A commit is four writes that wait on each other (blob, tree, commit, ref).
 * plugin-throttling spaces writes 1 s apart, a rule for bulk writers that
 * would make every run 3 s slower; secondary limits are still honoured.
 */
const WRITE_SPACING_MS = 100

/**
 * An Octokit bound to one API base URL. It refuses any request to another
 * origin, so the token can only ever go to `apiUrl`.
 */
export function createOctokit(token: string, apiUrl: string): Octokit {
  const origin = new URL(apiUrl).origin
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
          baseFetch(url, {
            ...init,
            signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS)
          })
      },
      // 403 and 429 belong to the throttling plugin; 409 and 422 to the data-branch retry loop.
      retry: {
        retries: 3,
        doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451]
      },
      throttle: {
        write: new Bottleneck.Group({
          maxConcurrent: 1,
          minTime: WRITE_SPACING_MS
        }),
        onRateLimit: (retryAfter, options, _octokit, retryCount) => {
          core.warning(
            `GitHub API rate limit reached on ${options.method} ${options.url}; resets in ${retryAfter}s`
          )
          return retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S
        },
        onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
          core.warning(
            `GitHub API secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`
          )
          return retryCount < 3 && retryAfter <= MAX_RATE_LIMIT_WAIT_S
        }
      }
    })
  )
  octokit.hook.before('request', (options) => {
    const target = new URL(String(options.url), `${apiUrl}/`)
    if (/^[a-z]+:/i.test(String(options.url)) && target.origin !== origin)
      throw new Error(
        `Refusing to send the token to ${target.host}: only ${new URL(apiUrl).host} gets it`
      )
  })
  return octokit
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
