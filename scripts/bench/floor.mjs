// The floor: a bare script making the requests a run of the Action made, in
// the same order and with the same concurrency, doing the same JSON work
// (parse what is read, parse every report line, stringify what is written),
// with no framework: Node's fetch, JSON, nothing else. Every figure of the
// benchmark is reported as a ratio to it.
//
// Run as `node floor.mjs` with FLOOR_PLAN (JSON, see planFloor) in the
// environment, as the Action is run: a fresh process per run.

/**
 * @typedef {object} FloorPlan
 * @property {string} apiUrl
 * @property {string} metricsToken
 * @property {string} repoToken
 * @property {string} repository owner/name
 * @property {string} branch the branch to read and move (a copy of the data branch)
 * @property {string[]} reads paths read through the contents API
 * @property {string[][]} reportGroups report calls (path?query), one group per
 *   day, each group's calls one after another, as the Action makes them
 * @property {number} concurrency groups in flight at once
 * @property {number} blobs how many blobs the Action created
 */

/** @typedef {{ server: string, method: string, path: string, query: Record<string, string> }} LoggedRequest */

/**
 * What the floor must do to match a run, read off the fake's request log.
 * @param {LoggedRequest[]} requests the Action's requests
 * @param {{ apiUrl: string, metricsToken: string, repoToken: string, repository: string, branch: string, concurrency: number }} base
 * @returns {FloorPlan}
 */
export function planFloor(requests, base) {
  const api = requests.filter((r) => r.server === 'api')
  const reads = api
    .filter((r) => r.method === 'GET' && /\/contents\//.test(r.path))
    .map((r) => r.path.replace(/^\/repos\/[^/]+\/[^/]+\/contents\//, ''))
  /** @type {Map<string, string[]>} */
  const groups = new Map()
  for (const r of api) {
    if (!r.path.includes('/copilot/metrics/reports/')) continue
    const key = r.query.day ?? r.path
    const call = `${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`
    groups.set(key, [...(groups.get(key) ?? []), call])
  }
  return {
    ...base,
    reads: [...new Set(reads)],
    reportGroups: [...groups.values()],
    blobs: api.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/git/blobs')
    ).length
  }
}

async function main() {
  /** @type {FloorPlan} */
  const plan = JSON.parse(process.env.FLOOR_PLAN ?? '')
  const repo = `${plan.apiUrl}/repos/${plan.repository}`
  const headers = (/** @type {string} */ token) => ({
    authorization: `token ${token}`,
    accept: 'application/vnd.github+json',
    'content-type': 'application/json'
  })
  const call = async (
    /** @type {string} */ url,
    /** @type {string} */ token,
    /** @type {string} */ method = 'GET',
    /** @type {unknown} */ body = undefined
  ) => {
    const response = await fetch(url, {
      method,
      headers: headers(token),
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await response.text()
    return { status: response.status, json: text ? JSON.parse(text) : null }
  }

  // Read the branch: tip, commit, each file, parsed.
  const ref = await call(`${repo}/git/ref/heads/${plan.branch}`, plan.repoToken)
  const head = ref.status === 200 ? ref.json.object.sha : null
  const tree = head
    ? (await call(`${repo}/git/commits/${head}`, plan.repoToken)).json.tree.sha
    : null
  /** @type {unknown[]} */
  const stored = []
  if (head)
    for (const path of plan.reads) {
      const response = await fetch(`${repo}/contents/${path}?ref=${head}`, {
        headers: {
          ...headers(plan.repoToken),
          accept: 'application/vnd.github.raw+json'
        }
      })
      const text = await response.text()
      if (response.status !== 200) continue
      stored.push(
        path.endsWith('.jsonl')
          ? text
              .split('\n')
              .filter(Boolean)
              .map((line) => JSON.parse(line))
          : JSON.parse(text)
      )
    }

  // Fetch the reports: each day's calls in order, days `concurrency` at a time.
  /** @type {unknown[]} */
  const records = []
  const groups = [...plan.reportGroups]
  const worker = async () => {
    for (let group = groups.shift(); group; group = groups.shift())
      for (const path of group) {
        const answer = await call(`${plan.apiUrl}${path}`, plan.metricsToken)
        for (const link of answer.json?.download_links ?? []) {
          const text = await (await fetch(link)).text()
          for (const line of text.split('\n'))
            if (line.trim()) records.push(JSON.parse(line))
        }
      }
  }
  await Promise.all(Array.from({ length: plan.concurrency }, worker))

  // Write: stringify what was read plus what was fetched, one blob each, one commit.
  const texts = Array.from({ length: plan.blobs }, (_, i) =>
    JSON.stringify({ stored: stored[i] ?? null, records: i ? [] : records })
  )
  const blobs = []
  for (const content of texts)
    blobs.push(
      (
        await call(`${repo}/git/blobs`, plan.repoToken, 'POST', {
          content,
          encoding: 'utf-8'
        })
      ).json.sha
    )
  const newTree = await call(`${repo}/git/trees`, plan.repoToken, 'POST', {
    ...(tree ? { base_tree: tree } : {}),
    tree: blobs.map((sha, i) => ({
      path: `floor/${i}.json`,
      mode: '100644',
      type: 'blob',
      sha
    }))
  })
  const commit = await call(`${repo}/git/commits`, plan.repoToken, 'POST', {
    message: 'floor',
    tree: newTree.json.sha,
    parents: head ? [head] : []
  })
  const moved = head
    ? await call(
        `${repo}/git/refs/heads/${plan.branch}`,
        plan.repoToken,
        'PATCH',
        { sha: commit.json.sha, force: false }
      )
    : await call(`${repo}/git/refs`, plan.repoToken, 'POST', {
        ref: `refs/heads/${plan.branch}`,
        sha: commit.json.sha
      })
  if (moved.status >= 300) throw new Error(`floor: ref update ${moved.status}`)
}

if (process.env.FLOOR_PLAN) await main()
