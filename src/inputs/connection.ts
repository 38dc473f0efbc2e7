import { DEFAULTS } from './names.js'
import type { InputReader } from './reader.js'

const REPOSITORY =
  /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/
const DOWNLOAD_HOST =
  /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[::1\])(?::\d{1,5})?$/
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase())
}

/** Where the Action talks to and with which credentials. */
export interface Connection {
  /** Reads the metrics. */
  metricsToken: string
  /** Commits to the data branch. */
  repoToken: string
  repository: { owner: string; repo: string }
  /** No trailing slash. */
  apiUrl: string
  /** host or host:port, lower case */
  extraDownloadHosts: string[]
}

export function parseConnection(inputs: InputReader): Connection {
  return {
    metricsToken: parseMetricsToken(inputs),
    repoToken: parseRepoToken(inputs),
    repository: parseRepository(inputs),
    apiUrl: parseApiUrlInput(inputs),
    extraDownloadHosts: parseDownloadHosts(inputs)
  }
}

function parseMetricsToken(inputs: InputReader): string {
  const token = inputs.text('token')
  if (!token)
    inputs.fail(
      'token',
      '',
      'give a token that can read Copilot usage metrics, e.g. token: ${{ secrets.COPILOT_METRICS_TOKEN }} (see README, "Tokens")'
    )
  return token
}

function parseRepoToken(inputs: InputReader): string {
  const token = inputs.text('github-token') || inputs.env.GITHUB_TOKEN?.trim()
  if (!token)
    inputs.fail(
      'github-token',
      '',
      'it defaults to the workflow token (${{ github.token }}); give a token with contents: write on the repository'
    )
  return token ?? ''
}

function parseRepository(inputs: InputReader): Connection['repository'] {
  const text = inputs.text('repository') || inputs.env.GITHUB_REPOSITORY || ''
  const match = REPOSITORY.exec(text)
  if (!match) inputs.fail('repository', text, 'must be in owner/name form')
  return { owner: match?.[1] ?? '', repo: match?.[2] ?? '' }
}

function parseApiUrlInput(inputs: InputReader): string {
  const text =
    inputs.text('api-url') || inputs.env.GITHUB_API_URL || DEFAULTS['api-url']
  const apiUrl = parseApiUrl(text)
  if (typeof apiUrl === 'string') return apiUrl
  inputs.fail('api-url', text, apiUrl.problem)
  return ''
}

function parseDownloadHosts(inputs: InputReader): string[] {
  const hosts = inputs
    .list('extra-download-hosts')
    .map((host) => host.toLowerCase())
  for (const host of hosts)
    if (!DOWNLOAD_HOST.test(host))
      inputs.fail(
        'extra-download-hosts',
        host,
        'is not a host name or host:port (separate several with commas)'
      )
  return hosts
}

/** https only, except http for loopback (local test servers). */
function parseApiUrl(text: string): string | { problem: string } {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { problem: 'is not a URL (e.g. https://api.github.com)' }
  }
  if (url.username || url.password || url.search || url.hash)
    return { problem: 'must not contain credentials, a query or a fragment' }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && isLoopbackHost(url.hostname))
  )
    return {
      problem:
        'must use https (http is allowed only for 127.0.0.1, localhost and [::1])'
    }
  return url.toString().replace(/\/+$/, '')
}
