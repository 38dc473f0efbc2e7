import { GitHub, defaults, getOctokitOptions } from '@actions/github/lib/utils'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { ActionError } from '../common/errors.js'
import { Slots, WriteLane, delay } from './request-limits.js'
import { pathOf, retryWait } from './api-retries.js'

export { apiMessage, httpStatus } from './api-retries.js'

const ActionOctokit = GitHub.plugin(paginateRest)
export type Octokit = InstanceType<typeof ActionOctokit>
/** The input a token came from, for messages. */
export type TokenInput = 'token' | 'github-token'

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
