// Data and a static server for the dashboard's browser test.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { aggregateRecord } from '../support/sample-data.js'
import { day } from './helpers.js'
import { seatsEntry } from '../unit/days.js'

export const HISTORY_DAYS = 400

/** Top-level counters scaled with the day's users, so templates make a varied series. */
const SCALED = [
  'code_generation_activity_count',
  'code_acceptance_activity_count',
  'loc_added_sum',
  'user_initiated_interaction_count',
  'daily_active_copilot_code_review_users',
  'daily_active_copilot_cloud_agent_users'
]

/**
 * A history file of `HISTORY_DAYS` days ending a week ago, as the Action
 * stores it, with a few days missing. Records are copies of a dozen generated
 * ones (generating 1,600 full records takes a minute), their counters scaled.
 */
export function generatedHistory(
  scope: Record<string, string>,
  base: number,
  seed: number,
  seats: boolean
) {
  const templates = Array.from({ length: 12 }, (_, i) =>
    aggregateRecord({
      day: day(-1),
      scope: 'organization',
      dailyActiveUsers: base,
      seed: seed * 100 + i
    })
  )
  const days = []
  const missing = new Set([
    day(-20 - seed),
    day(-100 - seed),
    day(-101 - seed),
    day(-250)
  ])
  for (let offset = -HISTORY_DAYS - 6; offset <= -7; offset++) {
    const date = day(offset)
    if (missing.has(date)) continue
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
    const wave = 1 + 0.25 * Math.sin((offset + seed * 17) / 23)
    const growth = 1 + (offset + HISTORY_DAYS) / (HISTORY_DAYS * 2)
    const weekend = weekday === 0 || weekday === 6 ? 0.3 : 1
    const active = Math.max(1, Math.round(base * wave * growth * weekend))
    const template = templates[(offset + 1000) % templates.length]
    const record: Record<string, unknown> = {
      ...template,
      day: date,
      daily_active_users: active
    }
    for (const field of SCALED)
      if (typeof template[field] === 'number')
        record[field] = Math.round((template[field] * active) / base)
    days.push({
      date,
      source: 'reports',
      fetchedAt: `${date}T08:00:00.000Z`,
      summary: {
        activeUsers: active,
        engagedUsers: Math.round(active * 0.8),
        weeklyActiveUsers:
          scope.kind === 'organization' ? Math.round(active * 1.4) : null
      },
      record
    })
  }
  const history: Record<string, unknown> = {
    schemaVersion: 1,
    scope,
    source: 'reports',
    days
  }
  if (seats)
    history.seats = days
      .filter((_, i) => i % 7 === 3)
      .map((d, i) => seatsEntry(d.date, 70 + Math.floor(i / 8), d.fetchedAt))
  return history
}

export type Served = {
  url: string
  close: () => Promise<void>
  requests: string[]
}

/** The data branch's files at its tip, over http on 127.0.0.1, as GitHub Pages would serve them. */
export async function serveBranch(
  read: (path: string) => string | null
): Promise<Served> {
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    json: 'application/json; charset=utf-8'
  }
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(
      new URL(req.url ?? '/', 'http://x').pathname
    ).slice(1)
    requests.push(path)
    // A folder is its index.html, as on GitHub Pages.
    const file = path === '' || path.endsWith('/') ? `${path}index.html` : path
    const text = read(file)
    if (text === null) {
      res.writeHead(404).end()
      return
    }
    const type = types[file.split('.').pop() ?? ''] ?? 'text/plain'
    res.writeHead(200, { 'content-type': type }).end(text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
