import { HttpClient } from '@actions/http-client'
import { ActionError } from '../../common/errors.js'
import { isLoopbackHost } from '../../inputs/settings.js'

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
export const DEFAULT_DOWNLOAD_LIMITS = {
  maxLineBytes: 64 * 1024 * 1024,
  timeoutMs: 60_000
} as const

/** The signed link was refused: links expire after about an hour. */
export class LinkExpiredError extends ActionError {
  constructor(where: string, status: number) {
    super(
      `The report download ${where} was refused (${status}): the signed link has expired`
    )
    this.name = 'LinkExpiredError'
  }
}

/** The file could not be read as NDJSON, or a record failed validation. */
export class ReportFormatError extends ActionError {
  constructor(where: string, line: number, problem: string) {
    super(
      `Report file ${where}, line ${line}: ${problem}. Nothing was committed.`
    )
    this.name = 'ReportFormatError'
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
    if (status === 403 || status === 401)
      throw new LinkExpiredError(where, status)
    if (status >= 300 && status < 400)
      throw new ActionError(
        `Refusing the redirect from report download ${where} (${status}).`
      )
    if (status >= 500 || status === 429)
      throw new DownloadFailedError(
        `Download of ${where} failed with HTTP ${status}`
      )
    throw new ActionError(`Download of ${where} failed with HTTP ${status}.`)
  }
  const declared = Number(response.message.headers['content-length'] ?? NaN)
  if (declared > policy.maxBytes) {
    response.message.destroy()
    throw tooLarge(where, policy)
  }
  const lines = new LineSplitter(where, policy.maxLineBytes, onLine)
  let received = 0
  try {
    for await (const chunk of response.message as AsyncIterable<Buffer>) {
      received += chunk.length
      if (received > policy.maxBytes) {
        response.message.destroy()
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
  if (!response.message.complete)
    throw new DownloadFailedError(
      `Download of ${where} ended early after ${received} bytes`
    )
  lines.end()
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

/**
 * V8's JSON.parse messages quote the text around the error (`Unexpected
 * token 'b', ..."er_login":brave-otte"... is not valid JSON`): in a users
 * report that is a login. Keep what went wrong and where, never the text.
 */
export function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const what = message.split(
    /, "|, \.\.\."| in JSON| at position| is not valid JSON/
  )[0]
  const position = / at position (\d+)/.exec(message)
  return position ? `${what} at character ${position[1]}` : what
}

/**
 * Splits a byte stream on "\n" (never inside a UTF-8 sequence), strips a BOM
 * and "\r", and parses each non-blank line. A file whose first character is
 * "[" is read whole as a JSON array, which GitHub's docs also allow.
 */
export class LineSplitter {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private lineNumber = 0
  private arrayMode: boolean | null = null

  constructor(
    private readonly where: string,
    private readonly maxLineBytes: number,
    private readonly onLine: (record: unknown, line: number) => void
  ) {}

  push(chunk: Buffer): void {
    let start = 0
    for (
      let newline = chunk.indexOf(10);
      newline !== -1;
      newline = chunk.indexOf(10, start)
    ) {
      this.append(chunk.subarray(start, newline))
      if (!this.arrayMode) this.flushLine(false)
      else this.append(Buffer.from('\n'))
      start = newline + 1
    }
    if (start < chunk.length) this.append(chunk.subarray(start))
  }

  end(): void {
    if (this.arrayMode) this.flushArray()
    else if (this.pendingBytes > 0) this.flushLine(true)
  }

  private append(part: Buffer): void {
    if (part.length === 0) return
    if (this.arrayMode === null) {
      const text = part
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimStart()
      if (text !== '') this.arrayMode = text.startsWith('[')
    }
    this.pendingBytes += part.length
    if (!this.arrayMode && this.pendingBytes > this.maxLineBytes)
      throw new ReportFormatError(
        this.where,
        this.lineNumber + 1,
        `line is longer than ${this.maxLineBytes} bytes`
      )
    this.pending.push(part)
  }

  private take(): string {
    const text = Buffer.concat(this.pending, this.pendingBytes).toString('utf8')
    this.pending = []
    this.pendingBytes = 0
    return text
  }

  private flushLine(last: boolean): void {
    this.lineNumber++
    let text = this.take()
    if (this.lineNumber === 1) text = text.replace(/^\uFEFF/, '')
    if (text.endsWith('\r')) text = text.slice(0, -1)
    if (text.trim() === '') return
    let record: unknown
    try {
      record = JSON.parse(text)
    } catch (error) {
      throw new ReportFormatError(
        this.where,
        this.lineNumber,
        `not valid JSON (${jsonProblem(error)})${last ? '; the file looks truncated' : ''}`
      )
    }
    this.onLine(record, this.lineNumber)
  }

  private flushArray(): void {
    const text = this.take().replace(/^\uFEFF/, '')
    let records: unknown
    try {
      records = JSON.parse(text)
    } catch (error) {
      throw new ReportFormatError(
        this.where,
        1,
        `not a valid JSON array (${jsonProblem(error)})`
      )
    }
    if (!Array.isArray(records))
      throw new ReportFormatError(this.where, 1, 'expected a JSON array')
    records.forEach((record, index) => this.onLine(record, index + 1))
  }
}
