/**
 * A stateful fake of the parts of GitHub this Action talks to, served over
 * real HTTP on 127.0.0.1. Real HTTP matters: @actions/github uses its own
 * bundled undici, which nock and msw cannot intercept, and only a real server
 * exercises retries, redirects, resets and concurrency faithfully.
 *
 * Two servers: the REST API, and a separate host standing in for the signed
 * report download links, so tests can prove no credential crosses over.
 */
import { createServer } from 'node:http'
import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'

const DOCS_URL = 'https://docs.github.com/rest'
const ONE_MB = 1024 * 1024
const BOT = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com'
}
const RULE_VIOLATION =
  'Repository rule violations found\n\nCannot update this protected ref.\n'
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

/** @type {Record<number, string>} */
const DEFAULT_MESSAGES = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Validation Failed',
  429: 'API rate limit exceeded',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable'
}

/** @typedef {'api' | 'download'} ServerName */

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {unknown} [body] objects go out as JSON; strings and Buffers as is
 * @property {Record<string, string>} [headers]
 * @property {() => Iterable<string>} [stream] a body generated while it is
 *   sent (with backpressure), never held in memory; replaces `body`
 * @property {(bytes: number) => void} [onSent] called once the stream ended
 */

/**
 * @typedef {object} RequestInfo
 * @property {ServerName} server
 * @property {string} method
 * @property {string} path percent-decoded pathname (octokit encodes `/` in refs)
 * @property {Record<string, string>} query
 * @property {Record<string, string>} headers lower-cased names
 * @property {unknown} [body] the parsed JSON request body, when there is one
 * @property {number} at performance.now() when the request arrived
 * @property {number | 'reset'} [status] the status answered, or `reset` when
 *   the socket was destroyed; set once the answer is sent
 */

/**
 * @typedef {object} Matcher
 * @property {ServerName} [server] default: either server
 * @property {string} [method] default: any method
 * @property {RegExp | string} path a RegExp, or the exact decoded pathname
 * @property {number} [times] default 1; Infinity allowed
 */

/**
 * @typedef {'reset' | {
 *   status?: number,
 *   body?: unknown,
 *   headers?: Record<string, string>,
 *   delayMs?: number
 * }} FaultResponse `reset` destroys the socket; `delayMs` alone delays the
 *   real handler, with `status` it delays the canned reply
 */

/** @typedef {Matcher & { respond: FaultResponse }} FaultSpec */

/**
 * @typedef {object} FakeOptions
 * @property {string | string[]} [metricsToken] required on /orgs and
 *   /enterprises; several are accepted when given as a list (hooks can then
 *   tell concurrent runs apart by their token)
 * @property {string} [repoToken] required on /repos
 * @property {string} [commitDate] ISO date for commits made without one;
 *   fixed so commit ids are deterministic
 * @property {string} [now] ISO timestamp: GitHub's clock as the Date header
 *   of billing answers shows it (the Action dates the seats by it); default
 *   the real clock. Give the fixed clock the Action runs with.
 */

/**
 * Starts both servers. Always `await gh.close()` (e.g. in afterEach).
 * @param {FakeOptions} [options]
 */
export async function startFakeGitHub(options = {}) {
  const metricsTokens = [options.metricsToken ?? 'metrics-token'].flat()
  const repoToken = options.repoToken ?? 'repo-token'
  const urls = { api: '', download: '' }

  /** @type {RequestInfo[]} */
  const requests = []
  /** @type {RequestInfo[]} */
  const authViolations = []
  /** @type {ForcePush[]} */
  const forcePushes = []
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set()

  const faults = createFaults()
  const hooks = createHooks()
  const downloads = createDownloads(() => urls.download)
  const reports = createReports(downloads)
  const legacy = createLegacy(() => urls.api)
  const billing = createBilling(options.now)
  const git = createGit({
    apiUrl: () => urls.api,
    forcePushes,
    commitDate: options.commitDate ?? '2026-11-23T00:00:00Z'
  })

  /** @param {number} ms */
  const sleep = (ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve(undefined)
      }, ms)
      timers.add(timer)
    })

  /** @param {RequestInfo} req @returns {Reply | undefined} */
  function checkAuth(req) {
    const top = req.path.split('/')[1]
    const expected =
      top === 'repos'
        ? [repoToken]
        : top === 'orgs' || top === 'enterprises'
          ? metricsTokens
          : undefined
    if (expected === undefined) return undefined
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(
      req.headers.authorization ?? ''
    )
    return match && expected.includes(match[1]) ? undefined : errorReply(401)
  }

  /** @param {RequestInfo} req @returns {Reply} */
  function routeApi(req) {
    const denied = checkAuth(req)
    if (denied) return denied
    if (req.path.startsWith('/repos/')) return git.route(req)
    return (
      reports.route(req) ??
      legacy.route(req) ??
      billing.route(req) ??
      errorReply(404)
    )
  }

  /** @param {RequestInfo} req @returns {Reply} */
  function routeDownload(req) {
    if (req.headers.authorization !== undefined) {
      authViolations.push(req)
      return {
        status: 401,
        headers: { 'content-type': 'application/xml' },
        body: '<Error><Code>InvalidAuthenticationInfo</Code></Error>'
      }
    }
    return downloads.serve(req)
  }

  /**
   * @param {ServerName} server
   * @param {import('node:http').IncomingMessage} incoming
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(server, incoming, res) {
    const raw = await readBody(incoming)
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
    let path = url.pathname
    try {
      path = decodeURIComponent(url.pathname)
    } catch {
      // keep the raw path; the router will answer 404
    }
    /** @type {RequestInfo} */
    const req = {
      at: performance.now(),
      server,
      method: incoming.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: flattenHeaders(incoming.headers)
    }
    let bodyInvalid = false
    if (raw.length > 0) {
      try {
        req.body = JSON.parse(raw.toString('utf8'))
      } catch {
        bodyInvalid = true
      }
    }
    requests.push(req)

    // Hooks run first so a hook can change state (e.g. land the ref update)
    // and a fault can still swallow the response afterwards.
    let reply = await hooks.run(req)
    const fault = faults.take(req)
    if (fault === 'reset') {
      req.status = 'reset'
      incoming.socket.destroy()
      return
    }
    if (fault?.delayMs) await sleep(fault.delayMs)
    if (fault?.status !== undefined) reply = toReply(fault)
    if (!reply && bodyInvalid) reply = errorReply(400, 'Problems parsing JSON')
    reply ??= server === 'api' ? routeApi(req) : routeDownload(req)
    req.status = reply.status
    send(res, reply)
  }

  /** @param {ServerName} server */
  async function listen(server) {
    const http = createServer((incoming, res) => {
      handle(server, incoming, res).catch((error) => {
        if (!res.headersSent) {
          send(res, errorReply(500, `fake-github: ${error?.message ?? error}`))
        } else res.destroy()
      })
    })
    await new Promise((resolve) =>
      http.listen(0, '127.0.0.1', () => resolve(0))
    )
    const address = /** @type {import('node:net').AddressInfo} */ (
      http.address()
    )
    urls[server] = `http://127.0.0.1:${address.port}`
    return http
  }

  const servers = [await listen('api'), await listen('download')]

  return {
    /** The REST API base URL, e.g. for GITHUB_API_URL. */
    apiUrl: urls.api,
    /** The signed-link download host (a different origin than the API). */
    downloadUrl: urls.download,
    downloadHost: new URL(urls.download).host,
    requests,
    /** Download requests that carried an Authorization header. */
    authViolations,
    /** Every PATCH of a ref sent with `force: true`, accepted or not. */
    forcePushes,
    reports: reports.api,
    downloads: downloads.api,
    legacy: legacy.api,
    billing: billing.api,
    faults: faults.api,
    hooks: hooks.api,
    /**
     * The repository `name` ("owner/repo"), created on first use. Options
     * given later are merged into the existing repository's options.
     * @param {string} name
     * @param {RepoOptions} [repoOptions]
     */
    repo: (name, repoOptions) => git.repo(name, repoOptions),
    async close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await Promise.all(
        servers.map(
          (http) =>
            new Promise((resolve) => {
              http.close(() => resolve(undefined))
              http.closeAllConnections()
            })
        )
      )
    }
  }
}

/** @typedef {Awaited<ReturnType<typeof startFakeGitHub>>} FakeGitHub */

// ---------------------------------------------------------------------------
// HTTP plumbing

/** @param {import('node:http').IncomingMessage} incoming */
function readBody(incoming) {
  return new Promise(
    /** @param {(body: Buffer) => void} resolve */ (resolve, reject) => {
      /** @type {Buffer[]} */
      const chunks = []
      incoming.on('data', (chunk) => chunks.push(chunk))
      incoming.on('end', () => resolve(Buffer.concat(chunks)))
      incoming.on('error', reject)
    }
  )
}

/** @param {import('node:http').IncomingHttpHeaders} headers */
function flattenHeaders(headers) {
  /** @type {Record<string, string>} */
  const flat = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value
    }
  }
  return flat
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Reply} reply
 */
function send(res, reply) {
  if (reply.stream) {
    res.writeHead(reply.status, {
      'content-type': 'application/x-ndjson',
      ...reply.headers
    })
    let bytes = 0
    const body = Readable.from(reply.stream(), { objectMode: false })
    body.on('data', (chunk) => (bytes += Buffer.byteLength(chunk)))
    body.on('end', () => reply.onSent?.(bytes))
    // A client that stops reading (or fails) must not leave the generator running.
    res.on('close', () => body.destroy())
    body.pipe(res)
    return
  }
  /** @type {Record<string, string>} */
  const headers = { ...reply.headers }
  const hasType = Object.keys(headers).some(
    (name) => name.toLowerCase() === 'content-type'
  )
  /** @type {Buffer} */
  let payload = Buffer.alloc(0)
  const { body } = reply
  if (Buffer.isBuffer(body)) {
    payload = body
    if (!hasType) headers['content-type'] = 'application/octet-stream'
  } else if (typeof body === 'string') {
    payload = Buffer.from(body)
    if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8'
  } else if (body !== undefined) {
    payload = Buffer.from(JSON.stringify(body))
    if (!hasType) headers['content-type'] = 'application/json; charset=utf-8'
  }
  res.writeHead(reply.status, headers)
  res.end(reply.status === 204 || reply.status === 304 ? undefined : payload)
}

/**
 * A GitHub-style error body.
 * @param {number} status
 * @param {string} [message]
 * @returns {Reply}
 */
function errorReply(status, message) {
  if (status === 204) return { status }
  return {
    status,
    body: {
      message: message ?? DEFAULT_MESSAGES[status] ?? 'Error',
      documentation_url: DOCS_URL,
      status: String(status)
    }
  }
}

/**
 * @param {{ status?: number, body?: unknown, headers?: Record<string, string> }} canned
 * @returns {Reply}
 */
function toReply(canned) {
  const status = canned.status ?? 200
  if (canned.body === undefined && status >= 400) {
    return { ...errorReply(status), headers: canned.headers }
  }
  return { status, body: canned.body, headers: canned.headers }
}

/** @param {unknown} value @returns {Record<string, unknown>} */
function asObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? /** @type {Record<string, unknown>} */ (value)
    : {}
}

/** @param {Matcher} matcher @param {RequestInfo} req */
function matches(matcher, req) {
  if (matcher.server && matcher.server !== req.server) return false
  if (matcher.method && matcher.method.toUpperCase() !== req.method) {
    return false
  }
  return typeof matcher.path === 'string'
    ? matcher.path === req.path
    : matcher.path.test(req.path)
}

// ---------------------------------------------------------------------------
// Fault injection and hooks

function createFaults() {
  /** @type {Array<FaultSpec & { remaining: number, hits: number }>} */
  let faults = []
  return {
    /**
     * Take the first matching fault that has uses left.
     * @param {RequestInfo} req
     */
    take(req) {
      const fault = faults.find((f) => f.remaining > 0 && matches(f, req))
      if (!fault) return undefined
      fault.remaining -= 1
      fault.hits += 1
      return fault.respond
    },
    api: {
      /**
       * Faults match in insertion order; each counts down `times`.
       * @param {FaultSpec} spec
       * @returns {{ hits: number, remaining: number }} live counters
       */
      add(spec) {
        const { respond } = spec
        if (
          respond !== 'reset' &&
          respond?.status === undefined &&
          respond?.delayMs === undefined
        ) {
          throw new Error('fault respond needs status, delayMs or "reset"')
        }
        const fault = { ...spec, remaining: spec.times ?? 1, hits: 0 }
        faults.push(fault)
        return fault
      },
      clear() {
        faults = []
      }
    }
  }
}

/**
 * @typedef {(req: RequestInfo) => void | Reply | Promise<void | Reply>} Hook
 *   may return a Reply to answer instead of the route handler
 */

function createHooks() {
  /** @type {Array<{ matcher: Matcher, fn: Hook, remaining: number }>} */
  let hooks = []
  return {
    /** @param {RequestInfo} req @returns {Promise<Reply | undefined>} */
    async run(req) {
      for (const hook of hooks) {
        if (hook.remaining <= 0 || !matches(hook.matcher, req)) continue
        hook.remaining -= 1
        const reply = await hook.fn(req)
        if (reply) return reply
      }
      return undefined
    },
    api: {
      /**
       * Run `fn` before the route handler of matching requests
       * (`times` defaults to 1, like faults).
       * @param {Matcher} matcher
       * @param {Hook} fn
       */
      before(matcher, fn) {
        hooks.push({ matcher, fn, remaining: matcher.times ?? 1 })
      },
      clear() {
        hooks = []
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Signed-link download host

/**
 * A file one signed link serves: fixed bytes, or lines generated on every
 * download (a report far larger than the memory of the test process).
 * @typedef {{ sig: string, batch: number }
 *   & ({ body: Buffer } | { lines: () => Iterable<string> })} DownloadFile
 */

/**
 * One finished download of a generated file.
 * @typedef {{ path: string, bytes: number, startedAt: number, endedAt: number }} StreamedDownload
 */

/** @param {() => string} baseUrl */
function createDownloads(baseUrl) {
  /** @type {Map<string, DownloadFile>} */
  const files = new Map()
  /** @type {StreamedDownload[]} */
  const streamed = []
  let batch = 0
  let expiredBefore = 0

  /**
   * Signs one link per part; `file(i)` gives the content of part i.
   * @param {number} count
   * @param {(index: number) => { body: Buffer } | { lines: () => Iterable<string> }} file
   */
  function sign(count, file) {
    const id = randomBytes(8).toString('hex')
    const sig = randomBytes(18).toString('base64url')
    const expiry = new Date(Date.now() + 3600_000).toISOString()
    const thisBatch = batch++
    return Array.from({ length: count }, (_, i) => {
      const name = `part-${String(i).padStart(5, '0')}.ndjson`
      files.set(`/files/${id}/${name}`, {
        sig,
        batch: thisBatch,
        ...file(i)
      })
      const query = new URLSearchParams({ sig, se: expiry })
      return `${baseUrl()}/files/${id}/${name}?${query}`
    })
  }

  /**
   * Publish NDJSON lines as freshly signed links, split round-robin.
   * @param {string[]} lines
   * @param {number} [shards]
   */
  function issue(lines, shards = 1) {
    const count = Math.max(1, Math.floor(shards))
    /** @type {string[][]} */
    const parts = Array.from({ length: count }, () => [])
    lines.forEach((line, i) => parts[i % count].push(line))
    return sign(count, (i) => ({
      body: Buffer.from(parts[i].map((line) => `${line}\n`).join(''))
    }))
  }

  return {
    issue,
    /**
     * Publish generated files: `lines(shard)` is called on every download of
     * that shard and yields its lines (without newlines), which are sent as
     * they are generated.
     * @param {number} shards
     * @param {(shard: number) => Iterable<string>} lines
     */
    issueGenerated(shards, lines) {
      return sign(Math.max(1, Math.floor(shards)), (i) => ({
        lines: () => lines(i)
      }))
    },
    /** @param {RequestInfo} req @returns {Reply} */
    serve(req) {
      const file = files.get(req.path)
      if (req.method !== 'GET' || !file || file.sig !== req.query.sig) {
        return {
          status: 404,
          headers: { 'content-type': 'application/xml' },
          body: '<Error><Code>BlobNotFound</Code></Error>'
        }
      }
      if (file.batch < expiredBefore) {
        return {
          status: 403,
          headers: { 'content-type': 'application/xml' },
          body: '<Error><Code>AuthenticationFailed</Code></Error>'
        }
      }
      if ('lines' in file) {
        const startedAt = performance.now()
        return {
          status: 200,
          stream: () => withNewlines(file.lines()),
          onSent: (bytes) =>
            streamed.push({
              path: req.path,
              bytes,
              startedAt,
              endedAt: performance.now()
            })
        }
      }
      return {
        status: 200,
        headers: { 'content-type': 'application/x-ndjson' },
        body: file.body
      }
    },
    api: {
      /**
       * Publish raw lines (valid NDJSON or not) as signed links, e.g. for a
       * report envelope set with `reports.setStatus(…, 200, body)`.
       * @param {string[]} lines
       * @param {number} [shards]
       * @returns {string[]} the links
       */
      issue(lines, shards) {
        return issue(lines, shards)
      },
      /** Every link issued so far answers 403; new links work. */
      expireAll() {
        expiredBefore = batch
      },
      /** Every completed download of a generated file, in order of completion. */
      streamed
    }
  }
}

/**
 * Lines joined into chunks of about 64 KiB: one write per line would make
 * the server, not the client under test, the bottleneck.
 * @param {Iterable<string>} lines
 */
function* withNewlines(lines) {
  let chunk = ''
  for (const line of lines) {
    chunk += `${line}\n`
    if (chunk.length >= 65536) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk !== '') yield chunk
}

// ---------------------------------------------------------------------------
// Copilot usage metrics reports API

/** @typedef {'aggregate' | 'users' | 'user-teams'} ReportKind */

/**
 * @typedef {object} DaySpec
 * @property {object | null} aggregate null = known day, no report yet (204)
 * @property {object[]} users
 * @property {object[]} [userTeams] default []
 * @property {number} [shards] files per report, records round-robin; default 1
 * @property {GeneratedLines} [usersGenerated] serves users-1-day from a
 *   generator instead of `users` (which should then be []): for reports too
 *   large to hold in memory. Not served in users-28-day.
 */

/**
 * @typedef {object} GeneratedLines
 * @property {number} shards files (signed links) of the report
 * @property {(shard: number) => Iterable<string>} lines the NDJSON lines of
 *   one file, without newlines; called again on every download
 */

const REPORT_ROUTE =
  /^\/(orgs|enterprises)\/([^/]+)\/copilot\/metrics\/reports\/(.+)$/

/** @type {Record<string, Record<string, string>>} */
const REPORT_NAMES = {
  orgs: {
    'organization-1-day': 'aggregate',
    'users-1-day': 'users',
    'user-teams-1-day': 'user-teams',
    'organization-28-day/latest': 'aggregate-28',
    'users-28-day/latest': 'users-28'
  },
  enterprises: {
    'enterprise-1-day': 'aggregate',
    'users-1-day': 'users',
    'user-teams-1-day': 'user-teams',
    'enterprise-28-day/latest': 'aggregate-28',
    'users-28-day/latest': 'users-28'
  }
}

/** @param {string} day */
function isValidDay(day) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day)
}

/** @param {string} day @param {number} delta */
function addDays(day, delta) {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + delta)
  return date.toISOString().slice(0, 10)
}

/** @param {ReturnType<typeof createDownloads>} downloads */
function createReports(downloads) {
  /**
   * Lines are serialised once, when the day is set, so later mutation of the
   * caller's objects cannot change what is served.
   * @typedef {{ day: string, aggregate: string | null, users: string[],
   *   userTeams: string[], shards: number,
   *   usersGenerated: GeneratedLines | null }} StoredDay
   */
  /** @type {Map<string, Map<string, StoredDay>>} */
  const scopes = new Map()
  /** @type {Map<string, Reply>} */
  const forced = new Map()
  const quirks = createReportQuirks()

  /** @param {string} scopeKey */
  const normalise = (scopeKey) =>
    scopeKey.replace(/^\/+|\/+$/g, '').toLowerCase()
  /** @param {string} scopeKey @param {string} report @param {string} day */
  const forcedKey = (scopeKey, report, day) =>
    `${normalise(scopeKey)}|${report}|${day}`

  /** @param {string} scopeKey @param {string} day @param {string} kind */
  function oneDay(scopeKey, day, kind) {
    const reply = forced.get(forcedKey(scopeKey, kind, day))
    if (reply) return reply
    const stored = scopes.get(scopeKey)?.get(day)
    if (!stored) return errorReply(404)
    const served =
      kind === 'aggregate'
        ? stored.aggregate === null
          ? null
          : [stored.aggregate]
        : kind === 'users'
          ? stored.users
          : stored.userTeams
    if (served === null) return { status: 204 }
    const quirk = quirks.of(scopeKey, kind, day)
    const lines = quirk.lines(served)
    if (kind === 'users' && stored.usersGenerated) {
      const { shards, lines: generate } = stored.usersGenerated
      return {
        status: 200,
        body: {
          download_links: downloads.issueGenerated(shards, generate),
          report_day: day
        }
      }
    }
    return {
      status: 200,
      body: {
        download_links: downloads.issue(lines, stored.shards),
        report_day: quirk.reportDay ?? day
      }
    }
  }

  /**
   * The window is the 28 calendar days ending at the newest published day,
   * as GitHub computes it; unpublished days inside it are simply absent.
   * @param {string} scopeKey
   * @param {string} kind
   * @returns {Reply}
   */
  function latest(scopeKey, kind) {
    const published = [...(scopes.get(scopeKey)?.values() ?? [])]
      .filter((d) => d.aggregate !== null)
      .sort((a, b) => a.day.localeCompare(b.day))
    const newest = published.at(-1)
    if (!newest) return errorReply(404)
    const end = newest.day
    const start = addDays(end, -27)
    const window = published.filter((d) => d.day >= start)
    const range = { report_start_day: start, report_end_day: end }
    /** @type {string[]} */
    let lines
    if (kind === 'aggregate-28') {
      // Like GitHub's file (see fixtures/organization-28-day.ndjson): the
      // housekeeping fields of the 1-day records appear once, on the wrapper.
      const housekeeping = ['etl_id', 'day_partition', 'entity_id_partition']
      const totals = window.map((d) =>
        Object.fromEntries(
          Object.entries(
            asObject(JSON.parse(/** @type {string} */ (d.aggregate)))
          ).filter(([key]) => !housekeeping.includes(key))
        )
      )
      const ids = asObject(totals.at(-1))
      const last = asObject(
        JSON.parse(/** @type {string} */ (newest.aggregate))
      )
      lines = [
        JSON.stringify({
          ...range,
          ...(ids.organization_id === undefined
            ? {}
            : { organization_id: ids.organization_id }),
          ...(ids.enterprise_id === undefined
            ? {}
            : { enterprise_id: ids.enterprise_id }),
          created_at: `${addDays(end, 2)}T04:17:33Z`,
          day_totals: totals,
          ...Object.fromEntries(
            housekeeping
              .filter((key) => last[key] !== undefined)
              .map((key) => [key, last[key]])
          )
        })
      ]
    } else if (window.some((d) => d.usersGenerated)) {
      return errorReply(
        500,
        'fake-github: generated users reports are served by users-1-day only'
      )
    } else {
      lines = window.flatMap((d) =>
        d.users.map((line) => JSON.stringify({ ...range, ...JSON.parse(line) }))
      )
    }
    return {
      status: 200,
      body: {
        download_links: downloads.issue(lines, newest.shards),
        ...range
      }
    }
  }

  return {
    /** @param {RequestInfo} req @returns {Reply | undefined} */
    route(req) {
      const match = REPORT_ROUTE.exec(req.path)
      if (!match) return undefined
      const kind = REPORT_NAMES[match[1]][match[3]]
      if (!kind || req.method !== 'GET') return errorReply(404)
      const scopeKey = normalise(`${match[1]}/${match[2]}`)
      if (kind.endsWith('-28')) return latest(scopeKey, kind)
      const day = req.query.day
      if (!day || !isValidDay(day)) {
        return errorReply(400, 'Invalid day parameter; expected YYYY-MM-DD')
      }
      return oneDay(scopeKey, day, kind)
    },
    api: {
      /**
       * @param {string} scopeKey `orgs/<org>` or `enterprises/<enterprise>`
       * @param {string} day YYYY-MM-DD
       * @param {DaySpec} spec
       */
      setDay(scopeKey, day, spec) {
        if (!isValidDay(day)) throw new Error(`invalid day ${day}`)
        const key = normalise(scopeKey)
        if (!scopes.has(key)) scopes.set(key, new Map())
        /** @param {object} record */
        const line = (record) => JSON.stringify(record)
        scopes.get(key)?.set(day, {
          day,
          aggregate: spec.aggregate === null ? null : line(spec.aggregate),
          users: spec.users.map(line),
          userTeams: (spec.userTeams ?? []).map(line),
          shards: spec.shards ?? 1,
          usersGenerated: spec.usersGenerated ?? null
        })
      },
      ...quirks.api(normalise),
      /**
       * The exact line the 1-day aggregated report of `day` serves (null
       * when none), to compare what the Action stored with what was sent.
       * @param {string} scopeKey
       * @param {string} day
       * @returns {string | null}
       */
      servedAggregate(scopeKey, day) {
        return scopes.get(normalise(scopeKey))?.get(day)?.aggregate ?? null
      },
      /** @param {string} scopeKey @param {string} day */
      removeDay(scopeKey, day) {
        scopes.get(normalise(scopeKey))?.delete(day)
      },
      /**
       * Force a status (e.g. 204, 403, 404, 500) for one report kind and day;
       * `status: null` removes the override.
       * @param {string} scopeKey
       * @param {ReportKind} report
       * @param {string} day
       * @param {number | null} status
       * @param {unknown} [body] default: a GitHub error body (none for 204)
       */
      setStatus(scopeKey, report, day, status, body) {
        const key = forcedKey(scopeKey, report, day)
        if (status === null) forced.delete(key)
        else
          forced.set(
            key,
            body === undefined ? errorReply(status) : { status, body }
          )
      }
    }
  }
}

/**
 * Answers GitHub is not supposed to give, to prove the Action refuses them:
 * a 1-day report of another day than the one asked for, and an aggregated
 * report with more than one record.
 */
function createReportQuirks() {
  /** @type {Map<string, { reportDay?: string, recordDay?: string, extra: string[] }>} */
  const quirks = new Map()
  /** @param {string} scopeKey @param {string} kind @param {string} day */
  const key = (scopeKey, kind, day) => `${scopeKey}|${kind}|${day}`
  /** @param {string} scopeKey @param {string} kind @param {string} day */
  const entry = (scopeKey, kind, day) => {
    const found = quirks.get(key(scopeKey, kind, day)) ?? { extra: [] }
    quirks.set(key(scopeKey, kind, day), found)
    return found
  }
  return {
    /** @param {string} scopeKey normalised @param {string} kind @param {string} day */
    of(scopeKey, kind, day) {
      const quirk = quirks.get(key(scopeKey, kind, day))
      return {
        reportDay: quirk?.reportDay,
        /** @param {string[]} lines */
        lines: (lines) =>
          quirk
            ? [
                ...(quirk.recordDay === undefined
                  ? lines
                  : lines.map((line) =>
                      JSON.stringify({
                        ...JSON.parse(line),
                        day: quirk.recordDay
                      })
                    )),
                ...quirk.extra
              ]
            : lines
      }
    },
    /** @param {(scopeKey: string) => string} normalise */
    api: (normalise) => ({
      /**
       * The 1-day `report` of `day` answers for another day: its envelope
       * says `reportDay`, or its records say `recordDay` (each optional).
       * @param {string} scopeKey
       * @param {string} day
       * @param {{ report?: ReportKind, reportDay?: string, recordDay?: string }} wrong
       */
      serveWrongDay(scopeKey, day, wrong) {
        const found = entry(
          normalise(scopeKey),
          wrong.report ?? 'aggregate',
          day
        )
        if (wrong.reportDay !== undefined) found.reportDay = wrong.reportDay
        if (wrong.recordDay !== undefined) found.recordDay = wrong.recordDay
      },
      /**
       * More records in the aggregated report of `day` than its one.
       * @param {string} scopeKey
       * @param {string} day
       * @param {object[]} records
       */
      addAggregateRecords(scopeKey, day, records) {
        entry(normalise(scopeKey), 'aggregate', day).extra.push(
          ...records.map((record) => JSON.stringify(record))
        )
      }
    })
  }
}

// ---------------------------------------------------------------------------
// Legacy metrics API (closed on github.com on 2026-04-02; kept for GHES-era
// code paths)

const LEGACY_ROUTE =
  /^\/((?:orgs|enterprises)\/[^/]+(?:\/team\/[^/]+)?)\/copilot\/metrics$/

/** @param {() => string} apiUrl */
function createLegacy(apiUrl) {
  /** @type {Map<string, Array<{ date: string }>>} */
  const days = new Map()
  let maxPerPage = 100
  /** @type {Map<string, Reply>} */
  const forced = new Map()
  /** @param {string} pathKey */
  const normalise = (pathKey) => pathKey.replace(/^\/+|\/+$/g, '').toLowerCase()

  /** @param {string} value @param {number} fallback */
  const positiveInt = (value, fallback) => {
    const n = Number.parseInt(value, 10)
    return Number.isFinite(n) && n >= 1 ? n : fallback
  }

  return {
    /** @param {RequestInfo} req @returns {Reply | undefined} */
    route(req) {
      const match = LEGACY_ROUTE.exec(req.path)
      if (!match) return undefined
      if (req.method !== 'GET') return errorReply(404)
      const key = normalise(match[1])
      const forcedReply = forced.get(key)
      if (forcedReply) return forcedReply
      const all = days.get(key)
      if (!all) return errorReply(404)

      const since = req.query.since?.slice(0, 10)
      const until = req.query.until?.slice(0, 10)
      const selected = all
        .filter((d) => {
          const date = String(d.date).slice(0, 10)
          return (!since || date >= since) && (!until || date <= until)
        })
        .sort((a, b) => String(a.date).localeCompare(String(b.date)))
      const perPage = Math.min(maxPerPage, positiveInt(req.query.per_page, 28))
      const lastPage = Math.max(1, Math.ceil(selected.length / perPage))
      const page = positiveInt(req.query.page, 1)

      /** @param {number} n @param {string} rel */
      const link = (n, rel) => {
        const query = new URLSearchParams({ ...req.query, page: String(n) })
        return `<${apiUrl()}${req.path}?${query}>; rel="${rel}"`
      }
      const links = []
      if (page > 1) links.push(link(page - 1, 'prev'))
      if (page < lastPage) links.push(link(page + 1, 'next'))
      if (page < lastPage) links.push(link(lastPage, 'last'))
      if (page > 1) links.push(link(1, 'first'))
      return {
        status: 200,
        headers: links.length ? { link: links.join(', ') } : {},
        body: selected.slice((page - 1) * perPage, page * perPage)
      }
    },
    api: {
      /**
       * @param {string} pathKey `orgs/<o>`, `enterprises/<e>`,
       *   `orgs/<o>/team/<slug>` or `enterprises/<e>/team/<slug>`
       * @param {Array<{ date: string }>} dayObjects
       */
      setDays(pathKey, dayObjects) {
        days.set(normalise(pathKey), JSON.parse(JSON.stringify(dayObjects)))
      },
      /**
       * Caps per_page below the documented 100 (older API versions capped it
       * at 28), so tests can make a range span several pages.
       * @param {number} n
       */
      setMaxPerPage(n) {
        maxPerPage = n
      },
      /**
       * @param {string} pathKey
       * @param {number | null} status null removes the override
       * @param {unknown} [body]
       */
      setStatus(pathKey, status, body) {
        const key = normalise(pathKey)
        if (status === null) forced.delete(key)
        else
          forced.set(
            key,
            body === undefined ? errorReply(status) : { status, body }
          )
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Copilot billing (seat breakdown)

/** @param {string} [now] see FakeOptions.now */
function createBilling(now) {
  /** @type {Map<string, Reply>} */
  const orgs = new Map()
  const clock = now ? { date: new Date(now).toUTCString() } : undefined
  return {
    /** @param {RequestInfo} req @returns {Reply | undefined} */
    route(req) {
      const match = /^\/orgs\/([^/]+)\/copilot\/billing$/.exec(req.path)
      if (!match) return undefined
      if (req.method !== 'GET') return errorReply(404)
      return orgs.get(match[1].toLowerCase()) ?? errorReply(404)
    },
    api: {
      /**
       * @param {string} org
       * @param {object} body
       * @param {string} [date] the answer's Date header (an HTTP date), to
       *   play a run on another day; the server's clock otherwise
       */
      set(org, body, date) {
        orgs.set(org.toLowerCase(), {
          status: 200,
          body,
          ...(date ? { headers: { date } } : clock ? { headers: clock } : {})
        })
      },
      /** @param {string} org @param {number} status @param {unknown} [body] */
      setStatus(org, status, body) {
        orgs.set(
          org.toLowerCase(),
          body === undefined ? errorReply(status) : { status, body }
        )
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Git Data and Contents API

/**
 * @typedef {object} RepoOptions
 * @property {boolean} [empty] no commits yet: every Git database endpoint
 *   (refs, blobs, trees, commits; reads too) answers 409, as GitHub does
 * @property {boolean} [readOnly] writes answer 403 (no contents: write)
 * @property {string[]} [protectedBranches] ref updates answer 422 (ruleset)
 * @property {boolean} [private] default true
 * @property {string} [defaultBranch] default 'main'
 */

/**
 * @typedef {object} ForcePush
 * @property {string} repo
 * @property {string} ref
 * @property {string} sha requested new tip
 * @property {string | null} previousSha
 */

/** @typedef {{ name: string, email: string, date: string }} Person */
/** @typedef {{ name: string, mode: string, type: 'blob' | 'tree' | 'commit', sha: string }} TreeEntry */
/** @typedef {{ tree: string, parents: string[], message: string, author: Person, committer: Person }} CommitData */
/**
 * @typedef {{ type: 'blob', size: number, content: Buffer }
 *   | { type: 'tree', size: number, entries: TreeEntry[] }
 *   | { type: 'commit', size: number, commit: CommitData }} GitObject
 */
/** @typedef {{ kind: 'dir', entries: Map<string, TreeEntry | DirNode> }} DirNode */
/** @typedef {{ path: string, mode: string, type: TreeEntry['type'], sha: string | null }} TreeEdit */

const MODE_TYPES = /** @type {Record<string, TreeEntry['type']>} */ ({
  100644: 'blob',
  100755: 'blob',
  120000: 'blob',
  '040000': 'tree',
  160000: 'commit'
})

class GitError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message)
    this.status = status
  }
}

/** @param {string} path */
function splitPath(path) {
  const segments = path.split('/')
  for (const segment of segments) {
    if (
      segment === '' ||
      segment === '.' ||
      segment === '..' ||
      segment.toLowerCase() === '.git' ||
      segment.includes('\0')
    ) {
      throw new GitError(422, 'tree.path contains a malformed path component')
    }
  }
  return segments
}

/**
 * Git sorts tree entries by name bytes, comparing a tree as if its name
 * ended in "/".
 * @param {TreeEntry} a
 * @param {TreeEntry} b
 */
function compareEntries(a, b) {
  const key = (/** @type {TreeEntry} */ e) =>
    Buffer.from(e.type === 'tree' ? `${e.name}/` : e.name)
  return Buffer.compare(key(a), key(b))
}

/** @param {string} ref */
function isValidRefName(ref) {
  return (
    /^refs\/[^/]+\/.+/.test(ref) &&
    !ref.endsWith('/') &&
    !ref.endsWith('.') &&
    !ref.includes('..') &&
    !ref.includes('@{') &&
    !ref.includes('//') &&
    // eslint-disable-next-line no-control-regex
    !/[\x00-\x20~^:?*[\\\x7f]/.test(ref) &&
    ref.split('/').every((c) => !c.startsWith('.') && !c.endsWith('.lock'))
  )
}

/** One repository: content-addressed objects (real git SHA-1s) and refs. */
class GitRepo {
  /**
   * @param {string} fullName
   * @param {RepoOptions} options
   * @param {string} commitDate
   */
  constructor(fullName, options, commitDate) {
    this.fullName = fullName
    /** @type {Required<RepoOptions>} */
    this.options = {
      empty: false,
      readOnly: false,
      protectedBranches: [],
      private: true,
      defaultBranch: 'main',
      ...options
    }
    this.commitDate = commitDate
    /** @type {Map<string, GitObject>} */
    this.objects = new Map()
    /** @type {Map<string, string>} full ref name -> commit sha */
    this.refs = new Map()
  }

  /**
   * @param {GitObject['type']} type
   * @param {Buffer} content the object body in git's own encoding
   */
  hash(type, content) {
    return createHash('sha1')
      .update(`${type} ${content.length}\0`)
      .update(content)
      .digest('hex')
  }

  /** @param {Buffer} content */
  writeBlob(content) {
    const sha = this.hash('blob', content)
    this.objects.set(sha, { type: 'blob', size: content.length, content })
    return sha
  }

  /** @param {TreeEntry[]} entries */
  writeTree(entries) {
    const sorted = [...entries].sort(compareEntries)
    const body = Buffer.concat(
      sorted.map((e) =>
        Buffer.concat([
          Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.name}\0`),
          Buffer.from(e.sha, 'hex')
        ])
      )
    )
    const sha = this.hash('tree', body)
    this.objects.set(sha, { type: 'tree', size: body.length, entries: sorted })
    return sha
  }

  /** @param {CommitData} commit */
  writeCommit(commit) {
    /** @param {Person} p */
    const person = (p) =>
      `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`
    const body = Buffer.from(
      [
        `tree ${commit.tree}`,
        ...commit.parents.map((p) => `parent ${p}`),
        `author ${person(commit.author)}`,
        `committer ${person(commit.committer)}`,
        '',
        // like `git commit`, the raw object ends the message with a newline
        commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`
      ].join('\n')
    )
    const sha = this.hash('commit', body)
    this.objects.set(sha, { type: 'commit', size: body.length, commit })
    return sha
  }

  /** @param {unknown} sha */
  blob(sha) {
    const object = typeof sha === 'string' ? this.objects.get(sha) : undefined
    return object?.type === 'blob' ? object : undefined
  }

  /** @param {unknown} sha */
  tree(sha) {
    const object = typeof sha === 'string' ? this.objects.get(sha) : undefined
    return object?.type === 'tree' ? object : undefined
  }

  /** @param {unknown} sha */
  commit(sha) {
    const object = typeof sha === 'string' ? this.objects.get(sha) : undefined
    return object?.type === 'commit' ? object.commit : undefined
  }

  /**
   * A branch name, `heads/x`, `refs/heads/x` or a full commit sha.
   * @param {string} ref
   */
  resolveCommit(ref) {
    if (/^[0-9a-f]{40}$/.test(ref) && this.commit(ref)) return ref
    for (const name of [ref, `refs/${ref}`, `refs/heads/${ref}`]) {
      const sha = this.refs.get(name)
      if (sha) return sha
    }
    return null
  }

  /** @param {string} ancestor @param {string} descendant */
  isAncestor(ancestor, descendant) {
    const seen = new Set()
    const queue = [descendant]
    while (queue.length > 0) {
      const sha = /** @type {string} */ (queue.shift())
      if (sha === ancestor) return true
      if (seen.has(sha)) continue
      seen.add(sha)
      queue.push(...(this.commit(sha)?.parents ?? []))
    }
    return false
  }

  /** @param {string | null} treeSha @returns {DirNode} */
  loadDir(treeSha) {
    const entries = treeSha ? (this.tree(treeSha)?.entries ?? []) : []
    return { kind: 'dir', entries: new Map(entries.map((e) => [e.name, e])) }
  }

  /**
   * Applies edits on top of `baseTree`, rewriting only the touched subtrees.
   * `sha: null` deletes a path.
   * @param {string | null} baseTree
   * @param {TreeEdit[]} edits
   */
  buildTree(baseTree, edits) {
    const root = this.loadDir(baseTree)
    for (const edit of edits) {
      const segments = splitPath(edit.path)
      const leaf = /** @type {string} */ (segments.pop())
      let dir = root
      let missing = false
      for (const segment of segments) {
        const child = dir.entries.get(segment)
        /** @type {DirNode} */
        let next
        if (child && 'kind' in child) next = child
        else if (child?.type === 'tree') next = this.loadDir(child.sha)
        else if (edit.sha === null) {
          missing = true
          break
        } else next = { kind: 'dir', entries: new Map() }
        dir.entries.set(segment, next)
        dir = next
      }
      if (missing) continue
      if (edit.sha === null) dir.entries.delete(leaf)
      else {
        dir.entries.set(leaf, {
          name: leaf,
          mode: edit.mode,
          type: edit.type,
          sha: edit.sha
        })
      }
    }
    return this.writeDir(root, true) ?? ''
  }

  /** @param {DirNode} dir @param {boolean} isRoot @returns {string | null} */
  writeDir(dir, isRoot) {
    /** @type {TreeEntry[]} */
    const entries = []
    for (const [name, child] of dir.entries) {
      if ('kind' in child) {
        const sha = this.writeDir(child, false)
        if (sha) entries.push({ name, mode: '040000', type: 'tree', sha })
      } else entries.push(child)
    }
    // git has no empty directories: a subtree emptied by deletes disappears
    return entries.length === 0 && !isRoot ? null : this.writeTree(entries)
  }

  /**
   * @param {string} treeSha
   * @param {string} path
   * @returns {TreeEntry | null}
   */
  lookup(treeSha, path) {
    /** @type {TreeEntry} */
    let entry = { name: '', mode: '040000', type: 'tree', sha: treeSha }
    for (const segment of path.split('/').filter(Boolean)) {
      const found = this.tree(entry.sha)?.entries.find(
        (e) => e.name === segment
      )
      if (!found) return null
      entry = found
    }
    return entry
  }

  /**
   * @param {string} treeSha
   * @param {boolean} recursive
   * @param {string} [prefix]
   * @returns {Array<TreeEntry & { path: string }>}
   */
  listTree(treeSha, recursive, prefix = '') {
    return (this.tree(treeSha)?.entries ?? []).flatMap((e) => {
      const item = { ...e, path: prefix + e.name }
      return recursive && e.type === 'tree'
        ? [item, ...this.listTree(e.sha, true, `${item.path}/`)]
        : [item]
    })
  }

  /** @param {string} [date] */
  identity(date) {
    return { ...BOT, date: date ?? this.commitDate }
  }
}

/**
 * @param {{ apiUrl: () => string, forcePushes: ForcePush[], commitDate: string }} config
 */
function createGit(config) {
  /** @type {Map<string, GitRepo>} */
  const repos = new Map()

  /** @param {GitRepo} repo */
  const repoUrl = (repo) => `${config.apiUrl()}/repos/${repo.fullName}`

  /** @param {GitRepo} repo @param {string} ref @param {string} sha */
  const refBody = (repo, ref, sha) => ({
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64url')}`,
    url: `${repoUrl(repo)}/git/${ref}`,
    object: { sha, type: 'commit', url: `${repoUrl(repo)}/git/commits/${sha}` }
  })

  /** @param {GitRepo} repo @param {string} sha */
  function commitBody(repo, sha) {
    const commit = /** @type {CommitData} */ (repo.commit(sha))
    return {
      sha,
      node_id: `C_${sha.slice(0, 20)}`,
      url: `${repoUrl(repo)}/git/commits/${sha}`,
      html_url: `https://github.com/${repo.fullName}/commit/${sha}`,
      author: commit.author,
      committer: commit.committer,
      tree: {
        sha: commit.tree,
        url: `${repoUrl(repo)}/git/trees/${commit.tree}`
      },
      message: commit.message,
      parents: commit.parents.map((p) => ({
        sha: p,
        url: `${repoUrl(repo)}/git/commits/${p}`,
        html_url: `https://github.com/${repo.fullName}/commit/${p}`
      })),
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null
      }
    }
  }

  /** @param {GitRepo} repo @param {TreeEntry & { path: string }} e */
  function treeItem(repo, e) {
    const size = e.type === 'blob' ? repo.blob(e.sha)?.size : undefined
    const kind = e.type === 'tree' ? 'trees' : 'blobs'
    return {
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(size === undefined ? {} : { size }),
      url: `${repoUrl(repo)}/git/${kind}/${e.sha}`
    }
  }

  /** @param {GitRepo} repo @param {string} branch */
  function assertRefWritable(repo, branch) {
    if (repo.options.protectedBranches.includes(branch)) {
      throw new GitError(422, RULE_VIOLATION)
    }
  }

  /** @param {GitRepo} repo @param {Record<string, unknown>} body */
  function createBlob(repo, body) {
    if (typeof body.content !== 'string') {
      throw new GitError(422, 'Invalid request.\n\n"content" wasn\'t supplied.')
    }
    const encoding = body.encoding ?? 'utf-8'
    if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
      throw new GitError(422, `encoding must be utf-8 or base64`)
    }
    const sha = repo.writeBlob(
      Buffer.from(body.content, encoding === 'base64' ? 'base64' : 'utf8')
    )
    return {
      status: 201,
      body: { sha, url: `${repoUrl(repo)}/git/blobs/${sha}` }
    }
  }

  /** @param {GitRepo} repo @param {Record<string, unknown>} body */
  function createTree(repo, body) {
    if (!Array.isArray(body.tree)) {
      throw new GitError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.')
    }
    const base = body.base_tree ?? null
    if (base !== null && !repo.tree(base)) {
      throw new GitError(422, 'Invalid tree info')
    }
    /** @type {TreeEdit[]} */
    const edits = body.tree.map((raw) => {
      const item = asObject(raw)
      const path = String(item.path ?? '')
      splitPath(path)
      const mode = String(item.mode ?? '')
      const type = MODE_TYPES[mode]
      if (!type || (item.type !== undefined && item.type !== type)) {
        throw new GitError(
          422,
          'tree.mode must be one of 100644, 100755, 040000, 160000, 120000 and match tree.type'
        )
      }
      if (typeof item.content === 'string') {
        if (type !== 'blob')
          throw new GitError(422, 'tree.content needs a blob')
        return {
          path,
          mode,
          type,
          sha: repo.writeBlob(Buffer.from(item.content))
        }
      }
      if (item.sha === null) return { path, mode, type, sha: null }
      const sha = String(item.sha ?? '')
      const known =
        type === 'blob'
          ? repo.blob(sha)
          : type === 'tree'
            ? repo.tree(sha)
            : /^[0-9a-f]{40}$/.test(sha)
      if (!known)
        throw new GitError(422, `tree.sha ${sha} is not a valid ${type}`)
      return { path, mode, type, sha }
    })
    const sha = repo.buildTree(/** @type {string | null} */ (base), edits)
    return {
      status: 201,
      body: {
        sha,
        url: `${repoUrl(repo)}/git/trees/${sha}`,
        tree: repo.listTree(sha, false).map((e) => treeItem(repo, e)),
        truncated: false
      }
    }
  }

  /** @param {GitRepo} repo @param {Record<string, unknown>} body */
  function createCommit(repo, body) {
    if (typeof body.message !== 'string') {
      throw new GitError(422, 'Invalid request.\n\n"message" wasn\'t supplied.')
    }
    if (!repo.tree(body.tree))
      throw new GitError(422, 'Tree SHA does not exist')
    const parents = body.parents ?? []
    if (!Array.isArray(parents) || !parents.every((p) => repo.commit(p))) {
      throw new GitError(
        422,
        'Parent SHA does not exist or is not a commit object'
      )
    }
    const author = asObject(body.author)
    const committer = asObject(body.committer ?? body.author)
    /** @param {Record<string, unknown>} p */
    const person = (p) =>
      p.name && p.email
        ? {
            name: String(p.name),
            email: String(p.email),
            date: String(p.date ?? config.commitDate)
          }
        : repo.identity(typeof p.date === 'string' ? p.date : undefined)
    const sha = repo.writeCommit({
      tree: /** @type {string} */ (body.tree),
      parents: /** @type {string[]} */ (parents),
      message: body.message,
      author: person(author),
      committer: person(committer)
    })
    return { status: 201, body: commitBody(repo, sha) }
  }

  /** @param {GitRepo} repo @param {Record<string, unknown>} body */
  function createRef(repo, body) {
    const ref = typeof body.ref === 'string' ? body.ref : ''
    if (!isValidRefName(ref)) {
      throw new GitError(
        422,
        "Reference name must start with 'refs/' and have at least two slashes, and be a valid ref name."
      )
    }
    if (ref.startsWith('refs/heads/')) {
      assertRefWritable(repo, ref.slice('refs/heads/'.length))
    }
    if (!repo.commit(body.sha)) throw new GitError(422, 'Object does not exist')
    if (repo.refs.has(ref)) throw new GitError(422, 'Reference already exists')
    repo.refs.set(ref, /** @type {string} */ (body.sha))
    return {
      status: 201,
      body: refBody(repo, ref, /** @type {string} */ (body.sha))
    }
  }

  /** @param {GitRepo} repo @param {string} ref @param {Record<string, unknown>} body */
  function updateRef(repo, ref, body) {
    const current = repo.refs.get(ref) ?? null
    if (body.force === true) {
      config.forcePushes.push({
        repo: repo.fullName,
        ref,
        sha: String(body.sha),
        previousSha: current
      })
    }
    if (ref.startsWith('refs/heads/')) {
      assertRefWritable(repo, ref.slice('refs/heads/'.length))
    }
    if (current === null) throw new GitError(422, 'Reference does not exist')
    if (typeof body.sha !== 'string' || !repo.commit(body.sha)) {
      throw new GitError(422, 'Object does not exist')
    }
    // Deliberately stricter than GitHub: force:true never rewrites history
    // here, so a test can assert forcePushes is empty and nothing was lost.
    if (!repo.isAncestor(current, body.sha)) {
      throw new GitError(422, 'Update is not a fast forward')
    }
    repo.refs.set(ref, body.sha)
    return { status: 200, body: refBody(repo, ref, body.sha) }
  }

  /** @param {GitRepo} repo @param {Record<string, string>} query @param {string} path @param {string} accept */
  function getContents(repo, query, path, accept) {
    if (repo.refs.size === 0)
      throw new GitError(404, 'This repository is empty.')
    const ref = query.ref || repo.options.defaultBranch
    const commitSha = repo.resolveCommit(ref)
    if (!commitSha)
      throw new GitError(404, `No commit found for the ref ${ref}`)
    const cleanPath = path.replace(/^\/+|\/+$/g, '')
    const rootTree = /** @type {CommitData} */ (repo.commit(commitSha)).tree
    const entry = repo.lookup(rootTree, cleanPath)
    if (!entry) throw new GitError(404, 'Not Found')
    const base = `${repoUrl(repo)}/contents/`
    if (entry.type === 'tree') {
      return {
        status: 200,
        body: repo.listTree(entry.sha, false).map((e) => ({
          type: e.type === 'tree' ? 'dir' : 'file',
          name: e.name,
          path: cleanPath ? `${cleanPath}/${e.name}` : e.name,
          sha: e.sha,
          size: repo.blob(e.sha)?.size ?? 0,
          url: `${base}${cleanPath ? `${cleanPath}/` : ''}${e.name}?ref=${ref}`,
          download_url: null
        }))
      }
    }
    const blob = repo.blob(entry.sha)
    if (!blob) throw new GitError(404, 'Not Found')
    if (accept.includes('raw')) {
      return {
        status: 200,
        headers: {
          'content-type': 'application/vnd.github.raw; charset=utf-8'
        },
        body: blob.content
      }
    }
    // Mimics GitHub's trap: above 1 MB the JSON form carries no content.
    const tooBig = blob.size > ONE_MB
    return {
      status: 200,
      body: {
        type: 'file',
        name: entry.name,
        path: cleanPath,
        sha: entry.sha,
        size: blob.size,
        url: `${base}${cleanPath}?ref=${ref}`,
        git_url: `${repoUrl(repo)}/git/blobs/${entry.sha}`,
        download_url: null,
        encoding: tooBig ? 'none' : 'base64',
        content: tooBig ? '' : base64Lines(blob.content)
      }
    }
  }

  /** @param {GitRepo} repo @param {string} rest @param {RequestInfo} req @returns {Reply} */
  function dispatch(repo, rest, req) {
    const body = asObject(req.body)
    const { method } = req
    if (rest === '' && method === 'GET') {
      return {
        status: 200,
        body: {
          name: repo.fullName.split('/')[1],
          full_name: repo.fullName,
          private: repo.options.private,
          visibility: repo.options.private ? 'private' : 'public',
          default_branch: repo.options.defaultBranch,
          archived: false,
          permissions: {
            admin: false,
            push: !repo.options.readOnly,
            pull: true
          }
        }
      }
    }
    const contents = /^\/contents(?:\/(.*))?$/.exec(rest)
    if (contents && method === 'GET') {
      return getContents(
        repo,
        req.query,
        contents[1] ?? '',
        req.headers.accept ?? ''
      )
    }
    if (!rest.startsWith('/git/')) return errorReply(404)
    if (WRITE_METHODS.has(method) && repo.options.readOnly) {
      return errorReply(403, 'Resource not accessible by integration')
    }
    // GitHub answers 409 on an empty repository's Git database, reads included.
    if (repo.options.empty) throw new GitError(409, 'Git Repository is empty.')

    const refRead = /^\/git\/ref\/(.+)$/.exec(rest)
    if (refRead && method === 'GET') {
      const ref = `refs/${refRead[1]}`
      const sha = repo.refs.get(ref)
      return sha
        ? { status: 200, body: refBody(repo, ref, sha) }
        : errorReply(404)
    }

    const object = /^\/git\/(commits|trees|blobs)\/(.+)$/.exec(rest)
    if (object && method === 'GET')
      return readObject(repo, object[1], object[2], req.query)
    if (method === 'POST' && rest === '/git/blobs')
      return createBlob(repo, body)
    if (method === 'POST' && rest === '/git/trees')
      return createTree(repo, body)
    if (method === 'POST' && rest === '/git/commits')
      return createCommit(repo, body)
    if (method === 'POST' && rest === '/git/refs') return createRef(repo, body)
    const refWrite = /^\/git\/refs\/(.+)$/.exec(rest)
    if (refWrite && method === 'PATCH') {
      return updateRef(repo, `refs/${refWrite[1]}`, body)
    }
    if (refWrite && method === 'DELETE') {
      const ref = `refs/${refWrite[1]}`
      if (ref.startsWith('refs/heads/')) {
        assertRefWritable(repo, ref.slice('refs/heads/'.length))
      }
      if (!repo.refs.delete(ref))
        throw new GitError(422, 'Reference does not exist')
      return { status: 204 }
    }
    return errorReply(404)
  }

  /**
   * @param {GitRepo} repo
   * @param {string} kind
   * @param {string} id
   * @param {Record<string, string>} query
   * @returns {Reply}
   */
  function readObject(repo, kind, id, query) {
    if (kind === 'commits') {
      return repo.commit(id)
        ? { status: 200, body: commitBody(repo, id) }
        : errorReply(404)
    }
    if (kind === 'blobs') {
      const blob = repo.blob(id)
      if (!blob) return errorReply(404)
      return {
        status: 200,
        body: {
          sha: id,
          node_id: `B_${id.slice(0, 20)}`,
          size: blob.size,
          url: `${repoUrl(repo)}/git/blobs/${id}`,
          content: base64Lines(blob.content),
          encoding: 'base64'
        }
      }
    }
    // Like GitHub, a commit sha or a branch name also names its root tree.
    const commitSha = repo.tree(id) ? null : repo.resolveCommit(id)
    const treeSha = commitSha ? repo.commit(commitSha)?.tree : id
    if (!treeSha || !repo.tree(treeSha)) return errorReply(404)
    // GitHub treats any value of `recursive`, even "0" or "false", as on.
    const recursive = query.recursive !== undefined
    return {
      status: 200,
      body: {
        sha: treeSha,
        url: `${repoUrl(repo)}/git/trees/${treeSha}`,
        tree: repo.listTree(treeSha, recursive).map((e) => treeItem(repo, e)),
        truncated: false
      }
    }
  }

  /** @param {string} name */
  function findRepo(name) {
    return repos.get(name.toLowerCase())
  }

  return {
    /** @param {RequestInfo} req @returns {Reply} */
    route(req) {
      const match = /^\/repos\/([^/]+)\/([^/]+)(.*)$/.exec(req.path)
      const repo = match ? findRepo(`${match[1]}/${match[2]}`) : undefined
      if (!match || !repo) return errorReply(404)
      try {
        return dispatch(repo, match[3], req)
      } catch (error) {
        if (error instanceof GitError)
          return errorReply(error.status, error.message)
        throw error
      }
    },
    /** @param {string} name @param {RepoOptions} [options] */
    repo(name, options = {}) {
      if (!/^[^/\s]+\/[^/\s]+$/.test(name)) {
        throw new Error(`repository must be "owner/name", got ${name}`)
      }
      let repo = findRepo(name)
      if (repo) Object.assign(repo.options, options)
      else {
        repo = new GitRepo(name, options, config.commitDate)
        repos.set(name.toLowerCase(), repo)
      }
      return repoHandle(repo)
    }
  }
}

/** @param {Buffer} content GitHub wraps base64 at 60 columns */
function base64Lines(content) {
  const flat = content.toString('base64')
  return (flat.match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join('')
}

/**
 * Direct access for tests to seed and inspect a repository without HTTP.
 * @param {GitRepo} repo
 */
function repoHandle(repo) {
  /** @param {string} branch */
  const tip = (branch) => repo.resolveCommit(branch)

  return {
    name: repo.fullName,
    /**
     * Commits `files` (path -> text; null deletes) on top of the branch tip,
     * or as an orphan root commit when the branch does not exist yet.
     * @param {string} branch
     * @param {Record<string, string | null>} files
     * @param {string} [message]
     * @returns {string} the new commit sha
     */
    commitFiles(branch, files, message = 'Seed test data') {
      const ref = `refs/heads/${branch}`
      const head = repo.refs.get(ref) ?? null
      const baseTree = head ? (repo.commit(head)?.tree ?? null) : null
      const edits = Object.entries(files).map(([path, text]) => ({
        path,
        mode: '100644',
        type: /** @type {const} */ ('blob'),
        sha: text === null ? null : repo.writeBlob(Buffer.from(text))
      }))
      const identity = repo.identity()
      const sha = repo.writeCommit({
        tree: repo.buildTree(baseTree, edits),
        parents: head ? [head] : [],
        message,
        author: identity,
        committer: identity
      })
      repo.refs.set(ref, sha)
      repo.options.empty = false
      return sha
    },
    /** Points a branch at any known commit, bypassing every check. */
    setRef(/** @type {string} */ branch, /** @type {string} */ sha) {
      if (!repo.commit(sha)) throw new Error(`unknown commit ${sha}`)
      repo.refs.set(`refs/heads/${branch}`, sha)
    },
    /** @param {string} branch @returns {string | null} */
    headSha(branch) {
      return repo.refs.get(`refs/heads/${branch}`) ?? null
    },
    /**
     * @param {string} branch a branch name or commit sha
     * @param {string} path
     * @returns {string | null}
     */
    readFile(branch, path) {
      const sha = tip(branch)
      const tree = sha ? repo.commit(sha)?.tree : undefined
      const entry = tree ? repo.lookup(tree, path) : null
      const blob = entry ? repo.blob(entry.sha) : undefined
      return blob ? blob.content.toString('utf8') : null
    },
    /**
     * Newest first, following first parents.
     * @param {string} branch
     * @returns {Array<{ sha: string, parents: string[], message: string, tree: string }>}
     */
    log(branch) {
      const entries = []
      let sha = tip(branch)
      while (sha) {
        const commit = repo.commit(sha)
        if (!commit) break
        entries.push({
          sha,
          parents: commit.parents,
          message: commit.message,
          tree: commit.tree
        })
        sha = commit.parents[0] ?? null
      }
      return entries
    },
    /** @param {string} branch @returns {string[]} blob paths at the tip */
    listFiles(branch) {
      const sha = tip(branch)
      const tree = sha ? repo.commit(sha)?.tree : undefined
      if (!tree) return []
      return repo
        .listTree(tree, true)
        .filter((e) => e.type === 'blob')
        .map((e) => e.path)
        .sort()
    }
  }
}

/** @typedef {ReturnType<typeof repoHandle>} RepoHandle */
