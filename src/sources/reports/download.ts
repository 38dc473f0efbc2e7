import type { IncomingMessage } from 'node:http'
import { HttpClient, type HttpClientResponse } from '@actions/http-client'
import { ActionError } from '../../common/errors.js'
import { LineSplitter } from './ndjson-lines.js'
import { isLoopbackHost, type Settings } from '../../inputs/settings.js'

export interface DownloadPolicy {
  /** Lower-case host or host:port entries allowed besides GitHub's report hosts. */
  extraHosts: readonly string[]
  /** The API base URL: GHE.com report hosts are derived from it. */
  apiUrl: string
  /** Largest report file accepted, in bytes: input max-report-mb. */
  maxBytes: number
  /** Longest NDJSON line accepted, in bytes. */
  maxLineBytes: number
  /** Idle socket timeout. */
  timeoutMs: number
}

/** The fixed limits; the file size cap comes from input max-report-mb. */
const DEFAULT_DOWNLOAD_LIMITS = {
  maxLineBytes: 64 * 1024 * 1024,
  timeoutMs: 60_000
} as const

/** The policy of the run's downloads: the fixed limits and the inputs that set the rest. */
export function downloadPolicy(
  settings: Pick<Settings, 'maxReportBytes' | 'extraDownloadHosts' | 'apiUrl'>
): DownloadPolicy {
  return {
    ...DEFAULT_DOWNLOAD_LIMITS,
    maxBytes: settings.maxReportBytes,
    extraHosts: settings.extraDownloadHosts,
    apiUrl: settings.apiUrl
  }
}

/** The signed link was refused: links expire after about an hour. */
export class LinkExpiredError extends ActionError {
  constructor(where: string, status: number) {
    super(
      `The report download ${where} was refused (${status}): the signed link has expired`
    )
    this.name = 'LinkExpiredError'
  }
}

/** A transient download failure (5xx, reset, timeout), worth another attempt. */
export class DownloadFailedError extends ActionError {
  constructor(message: string) {
    super(message)
    this.name = 'DownloadFailedError'
  }
}

/** Host and path of a signed link: its query string is a credential and never logged. */
export function describeLink(link: string): string {
  try {
    const url = new URL(link)
    return `${url.host}${url.pathname}`
  } catch {
    return '(malformed link)'
  }
}

const GITHUB_REPORT_HOSTS = [
  /^copilot-reports\.github\.com$/,
  // Fallbacks GitHub documents for the transition to its own host.
  /^copilot-reports-[a-z0-9-]+\.b01\.azurefd\.net$/,
  /^[a-z0-9-]+\.blob\.core\.windows\.net$/
]

/** Why a link may not be followed, or null when it may. */
export function linkProblem(
  link: string,
  policy: DownloadPolicy
): string | null {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return 'is not a URL'
  }
  if (url.username || url.password) return 'carries credentials'
  const host = url.host.toLowerCase()
  const hostname = url.hostname.toLowerCase()
  const extra =
    policy.extraHosts.includes(host) || policy.extraHosts.includes(hostname)
  if (url.protocol === 'http:' && extra && isLoopbackHost(hostname)) return null
  if (url.protocol !== 'https:') return 'does not use https'
  if (extra) return null
  const ghe = /^api\.([a-z0-9-]+)\.ghe\.com$/.exec(
    new URL(policy.apiUrl).hostname
  )
  if (ghe && hostname === `copilot-reports.${ghe[1]}.ghe.com`) return null
  if (
    url.port === '' &&
    GITHUB_REPORT_HOSTS.some((pattern) => pattern.test(hostname))
  )
    return null
  return `points to ${host}, which is not one of GitHub's report hosts (add it to extra-download-hosts only if you trust it)`
}

/**
 * Streams a report file and hands each non-empty line to `onLine`, parsed as
 * JSON. No credentials are ever sent: the link is pre-signed, and the token
 * must not reach another host. Redirects are refused.
 */
export async function streamNdjson(
  link: string,
  policy: DownloadPolicy,
  onLine: (record: unknown, line: number) => void
): Promise<void> {
  const where = describeLink(link)
  const problem = linkProblem(link, policy)
  if (problem)
    throw new ActionError(
      `Refusing report download link ${where}: it ${problem}.`
    )
  const response = await requestFile(link, where, policy)
  const lines = new LineSplitter(where, policy.maxLineBytes, onLine)
  await readBody(response.message, where, policy, lines)
  lines.end()
}

/** Sends the GET of a signed link and checks its answer before the body is read. */
async function requestFile(
  link: string,
  where: string,
  policy: DownloadPolicy
): Promise<HttpClientResponse> {
  const client = downloadClient(policy.timeoutMs)
  let response
  try {
    response = await client.get(link, {
      accept: 'application/x-ndjson, application/json, */*'
    })
  } catch (error) {
    throw new DownloadFailedError(
      `Download of ${where} failed: ${(error as Error).message}`
    )
  }
  const status = response.message.statusCode ?? 0
  if (status !== 200) {
    response.message.resume()
    throw statusError(where, status)
  }
  const declared = Number(response.message.headers['content-length'] ?? NaN)
  if (declared > policy.maxBytes) {
    response.message.destroy()
    throw tooLarge(where, policy)
  }
  return response
}

/** Why an answer other than 200 ends the download, and whether to retry it. */
function statusError(where: string, status: number): ActionError {
  if (status === 403 || status === 401)
    return new LinkExpiredError(where, status)
  if (status >= 300 && status < 400)
    return new ActionError(
      `Refusing the redirect from report download ${where} (${status}).`
    )
  if (status >= 500 || status === 429)
    return new DownloadFailedError(
      `Download of ${where} failed with HTTP ${status}`
    )
  return new ActionError(`Download of ${where} failed with HTTP ${status}.`)
}

/** Feeds the body to `lines`, within the size cap; a broken-off body is transient. */
async function readBody(
  body: IncomingMessage,
  where: string,
  policy: DownloadPolicy,
  lines: LineSplitter
): Promise<void> {
  let received = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      received += chunk.length
      if (received > policy.maxBytes) {
        body.destroy()
        throw tooLarge(where, policy)
      }
      lines.push(chunk)
    }
  } catch (error) {
    if (error instanceof ActionError) throw error
    throw new DownloadFailedError(
      `Download of ${where} broke off after ${received} bytes: ${(error as Error).message}`
    )
  }
  if (!body.complete)
    throw new DownloadFailedError(
      `Download of ${where} ended early after ${received} bytes`
    )
}

const clients = new Map<number, HttpClient>()

/**
 * One client for every download of the run, keeping its connections open:
 * a night downloads about 20 files, a year's backfill over a thousand, and
 * on github.com each new connection costs a TLS handshake. The client has no
 * credential handlers, so nothing but the signed link reaches the host; idle
 * sockets are unreferenced by Node and do not keep the process alive.
 */
function downloadClient(timeoutMs: number): HttpClient {
  let client = clients.get(timeoutMs)
  if (!client) {
    client = new HttpClient('copilot-metrics-history', [], {
      allowRedirects: false,
      allowRetries: false,
      keepAlive: true,
      socketTimeout: timeoutMs
    })
    clients.set(timeoutMs, client)
  }
  return client
}

function tooLarge(where: string, policy: DownloadPolicy): ActionError {
  return new ActionError(
    `Report file ${where} is larger than the ${Math.round(policy.maxBytes / 1024 / 1024)} MiB cap (input max-report-mb). Nothing was committed. ` +
      'If the report is genuine (a very large enterprise), raise max-report-mb.'
  )
}
