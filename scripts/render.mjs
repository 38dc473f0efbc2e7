// `npm run render -- --weeks 52`: PNG screenshots of a job summary, for
// people to look at. Runs the bundled Action (dist/index.js) against the fake
// GitHub of the tests with generated data (the data branch already holds the
// older days and the seats of past nights; GitHub publishes the last 28 days),
// then shows the summary the way GitHub does (see
// __tests__/support/summary-browser.js) in headless Chromium.
//
// Options: --weeks N (1 to 104, default 52), --out DIR (default docs/images),
// --mermaid 10 (draw with mermaid 10.9 instead of 11).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { startFakeGitHub } from '../__tests__/support/fake-github.js'
import { runAction } from '../__tests__/support/run-action.js'
import {
  aggregateRecord,
  seedReports
} from '../__tests__/support/sample-data.js'
import {
  findChromium,
  renderInPage
} from '../__tests__/support/summary-browser.js'

const { values } = parseArgs({
  options: {
    weeks: { type: 'string', default: '52' },
    out: { type: 'string', default: 'docs/images' },
    mermaid: { type: 'string', default: '11' }
  }
})
const weeks = Number(values.weeks)
if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104)
  throw new Error(
    `--weeks must be a whole number from 1 to 104, not ${values.weeks}`
  )
const executablePath = findChromium()
if (!executablePath)
  throw new Error(
    'No Chromium at CHROMIUM_PATH or /usr/bin/chromium: install it (Debian: apt-get install -y chromium).'
  )

const DAY_MS = 86_400_000
/** Today (UTC) shifted by `offset` days: the Action plans from the real clock. @param {number} offset */
const day = (offset) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)

/** A day stored by an earlier run: weekdays busier than weekends, a slow rise. @param {number} offset */
function storedDay(offset) {
  const date = day(offset)
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  const base = 26 + (offset + 800) * 0.012 + 4 * Math.sin(offset / 13)
  const active = Math.round(weekday === 0 || weekday === 6 ? base * 0.3 : base)
  const record = aggregateRecord({
    day: date,
    scope: 'organization',
    dailyActiveUsers: active,
    seed: offset
  })
  return {
    date,
    source: 'reports',
    fetchedAt: `${date}T03:00:00.000Z`,
    summary: {
      activeUsers: active,
      engagedUsers: Math.round(active * 0.8),
      // About the trailing-7-day count of the published reports.
      weeklyActiveUsers: Math.round(base * 2.3)
    },
    record
  }
}

/** Seats as a nightly run records them. @param {number} offset */
const seats = (offset) => {
  const total = offset < -120 ? 70 : 80
  return {
    date: day(offset),
    fetchedAt: `${day(offset)}T03:00:00.000Z`,
    summary: {
      total,
      activeThisCycle: null,
      inactiveThisCycle: null,
      pendingInvitation: null,
      pendingCancellation: null,
      addedThisCycle: null
    },
    record: { seat_breakdown: { total } }
  }
}

const gh = await startFakeGitHub({
  metricsToken: 'render-metrics-token',
  repoToken: 'render-repo-token'
})
let browser
try {
  const first = -(weeks * 7 + 7)
  // Up to the day before the 28 days GitHub still publishes (day -30 to -3).
  const older = Array.from({ length: Math.max(0, -30 - first) }, (_, i) =>
    storedDay(first + i)
  )
  gh.repo('octo-org/copilot-dashboards').commitFiles('copilot-metrics', {
    'copilot-metrics/organization-octo-org.json': JSON.stringify({
      schemaVersion: 1,
      scope: { kind: 'organization', organization: 'octo-org' },
      source: 'reports',
      days: older,
      seats: Array.from({ length: -first }, (_, i) => seats(first + i))
    })
  })
  gh.billing.set('octo-org', {
    seat_breakdown: { total: 80, active_this_cycle: 71 },
    seat_management_setting: 'assign_selected',
    plan_type: 'business'
  })
  seedReports(gh, 'orgs/octo-org', {
    from: day(-30),
    to: day(-3),
    seed: 2026
  })
  const result = await runAction({
    inputs: {
      token: 'render-metrics-token',
      'github-token': 'render-repo-token',
      organization: 'octo-org',
      repository: 'octo-org/copilot-dashboards',
      'api-url': gh.apiUrl,
      'extra-download-hosts': gh.downloadHost,
      weeks,
      'alert-min-utilization': '50%'
    },
    timeoutMs: 300_000
  })
  if (result.code !== 0)
    throw new Error(
      `the Action failed (exit code ${result.code}): ${result.errors.join('; ') || result.stderr.slice(-2000)}`
    )

  browser = await chromium.launch({ executablePath })
  const page = await browser.newPage()
  const measure = await renderInPage(page, result.summary, {
    mermaid: values.mermaid === '10' ? 'mermaid10' : 'mermaid',
    openDetails: false
  })
  mkdirSync(values.out, { recursive: true })
  const suffix = values.mermaid === '10' ? '-mermaid10' : ''
  const file = join(values.out, `summary-${weeks}-weeks${suffix}.png`)
  await page.locator('.markdown-body').screenshot({ path: file })
  console.log(
    `${file}: ${measure.height} px tall, tables ${measure.tables.map((t) => t.scrollWidth).join(', ')} px wide, charts drawn in ${measure.charts.map((c) => `${Math.round(c.ms)} ms`).join(', ')}`
  )
} finally {
  await browser?.close()
  await gh.close()
}
