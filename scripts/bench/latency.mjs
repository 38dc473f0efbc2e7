// A latency model in front of the fake GitHub, for the benchmark only: two
// proxies (API and download host) that answer as github.com would from a
// runner. Every answer takes `apiMs` (the round trip and GitHub's own time);
// a new connection to the download host costs `connectMs` more (TCP and TLS);
// a download's body arrives at `bytesPerSecond`. Download links in API
// answers are rewritten to the download proxy.
import { Agent, createServer, request } from 'node:http'

/** @typedef {import('../../__tests__/support/fake-github.js').FakeGitHub} FakeGitHub */

export const GITHUB_COM_MODEL = {
  apiMs: 80,
  connectMs: 60,
  bytesPerSecond: 120e6
}

/**
 * @typedef {object} Timed one request as the client saw it
 * @property {'api' | 'download'} server
 * @property {string} method
 * @property {string} path
 * @property {number} start performance.now() at arrival
 * @property {number} end when the last byte was sent
 * @property {boolean} newConnection
 */

const sleep = (/** @type {number} */ ms) =>
  new Promise((resolve) => setTimeout(resolve, ms))

/**
 * @param {FakeGitHub} gh
 * @param {typeof GITHUB_COM_MODEL} model
 */
export async function startLatencyProxy(gh, model = GITHUB_COM_MODEL) {
  const agent = new Agent({ keepAlive: true })
  /** @type {Timed[]} */
  const log = []
  const fresh = new WeakSet()
  const urls = { api: '', download: '' }

  /**
   * @param {'api' | 'download'} server
   * @param {import('node:http').IncomingMessage} incoming
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(server, incoming, res) {
    const start = performance.now()
    const newConnection = fresh.has(incoming.socket)
    fresh.delete(incoming.socket)
    /** @type {Buffer[]} */
    const chunks = []
    for await (const chunk of incoming) chunks.push(chunk)
    const upstream = new URL(server === 'api' ? gh.apiUrl : gh.downloadUrl)
    const answer = await new Promise((resolve, reject) => {
      const headers = { ...incoming.headers, host: upstream.host }
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers,
          agent
        },
        resolve
      )
      out.on('error', reject)
      out.end(Buffer.concat(chunks))
    })
    /** @type {import('node:http').IncomingMessage} */
    const response = /** @type {any} */ (answer)
    const wait =
      model.apiMs +
      (server === 'download' && newConnection ? model.connectMs : 0)
    const elapsed = performance.now() - start
    if (wait > elapsed) await sleep(wait - elapsed)
    const headers = { ...response.headers }
    if (server === 'api') {
      /** @type {Buffer[]} */
      const parts = []
      for await (const chunk of response) parts.push(chunk)
      const body = Buffer.from(
        Buffer.concat(parts)
          .toString('utf8')
          .replaceAll(gh.downloadUrl, urls.download)
      )
      delete headers['transfer-encoding']
      headers['content-length'] = String(body.length)
      res.writeHead(response.statusCode ?? 500, headers)
      res.end(body)
    } else {
      // The body paced at the model's bandwidth.
      res.writeHead(response.statusCode ?? 500, headers)
      const begun = performance.now()
      let sent = 0
      for await (const chunk of response) {
        sent += chunk.length
        const due = begun + (sent / model.bytesPerSecond) * 1000
        const ahead = due - performance.now()
        if (ahead > 1) await sleep(ahead)
        if (!res.write(chunk))
          await new Promise((resolve) => res.once('drain', resolve))
      }
      res.end()
    }
    log.push({
      server,
      method: incoming.method ?? 'GET',
      path: (incoming.url ?? '').split('?')[0],
      start,
      end: performance.now(),
      newConnection
    })
  }

  /** @param {'api' | 'download'} server */
  async function listen(server) {
    const http = createServer((incoming, res) => {
      handle(server, incoming, res).catch(() => res.destroy())
    })
    http.on('connection', (socket) => fresh.add(socket))
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
    apiUrl: urls.api,
    downloadHost: new URL(urls.download).host,
    log,
    async close() {
      agent.destroy()
      await Promise.all(
        servers.map(
          (server) =>
            new Promise((resolve) => {
              server.closeAllConnections()
              server.close(() => resolve(0))
            })
        )
      )
    }
  }
}

/**
 * The requests of one run as a text waterfall: one line per request, its
 * start and duration on a shared time axis.
 * @param {Timed[]} entries
 * @param {number} [width]
 */
export function waterfall(entries, width = 60) {
  if (entries.length === 0) return '(no requests)'
  const t0 = Math.min(...entries.map((e) => e.start))
  const span = Math.max(...entries.map((e) => e.end)) - t0
  const scale = width / Math.max(span, 1)
  const label = (/** @type {Timed} */ e) => {
    const path = e.path
      .replace(/^\/repos\/[^/]+\/[^/]+/, '')
      .replace(/^\/(enterprises|orgs)\/[^/]+\/copilot\/metrics\/reports/, '')
      .replace(/^\/files\/[0-9a-f]+/, 'file')
    return `${e.server === 'download' ? 'DL ' : ''}${e.method} ${path}${e.newConnection && e.server === 'download' ? ' (new conn)' : ''}`
  }
  return entries
    .map((e) => {
      const from = Math.round((e.start - t0) * scale)
      const length = Math.max(1, Math.round((e.end - e.start) * scale))
      const bar = `${' '.repeat(from)}${'█'.repeat(length)}`.padEnd(width + 1)
      return `${String(Math.round(e.start - t0)).padStart(6)} ms ${bar} ${label(e)}`
    })
    .join('\n')
}
