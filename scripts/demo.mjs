// Runs the bundled Action (dist/index.js) against the fake GitHub the tests
// use, with generated sample data: no token, no network. Two nights are
// played: a first run that backfills, then the next night's run. The data
// branch starts with the seats the nightly runs of the five weeks before
// recorded (the Action plans from the real clock, so past nights cannot be
// replayed), which gives the weeks a seat utilization.
import { startFakeGitHub } from '../__tests__/support/fake-github.js'
import { runAction } from '../__tests__/support/run-action.js'
import { seedReports } from '../__tests__/support/sample-data.js'

const DAY_MS = 86_400_000
/** @param {number} offset */
const day = (offset) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)

/** @param {number} nights @returns {string[]} one date a night, oldest first, ending yesterday */
const pastNights = (nights) =>
  Array.from({ length: nights }, (_, i) => day(i - nights))

/** A seats entry as a nightly run records it. @param {string} date @param {number} total */
const seatsEntry = (date, total) => ({
  date,
  fetchedAt: `${date}T03:00:00.000Z`,
  summary: {
    total,
    activeThisCycle: null,
    inactiveThisCycle: null,
    pendingInvitation: null,
    pendingCancellation: null,
    addedThisCycle: null
  },
  record: { seat_breakdown: { total } }
})

/**
 * The summary as a person reads it: the character references the Action
 * writes so report data can form no markup (`&#46;`) decoded.
 * @param {string} markdown
 */
const readable = (markdown) =>
  markdown
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

const gh = await startFakeGitHub({
  metricsToken: 'demo-metrics-token',
  repoToken: 'demo-repo-token'
})
try {
  gh.repo('octo-org/copilot-dashboards').commitFiles('copilot-metrics', {
    'copilot-metrics/organization-octo-org.json': JSON.stringify({
      schemaVersion: 1,
      scope: { kind: 'organization', organization: 'octo-org' },
      source: 'reports',
      days: [],
      seats: pastNights(35).map((date) => seatsEntry(date, 80))
    })
  })
  // The seats GitHub reports for the organization (recorded each night).
  gh.billing.set('octo-org', {
    seat_breakdown: {
      total: 80,
      added_this_cycle: 4,
      pending_invitation: 1,
      pending_cancellation: 0,
      active_this_cycle: 71,
      inactive_this_cycle: 9
    },
    seat_management_setting: 'assign_selected',
    public_code_suggestions: 'block',
    plan_type: 'business'
  })
  const inputs = {
    token: 'demo-metrics-token',
    'github-token': 'demo-repo-token',
    organization: 'octo-org',
    repository: 'octo-org/copilot-dashboards',
    'api-url': gh.apiUrl,
    'extra-download-hosts': gh.downloadHost,
    'alert-min-utilization': '50%'
  }

  /** @param {string} title */
  const night = async (title) => {
    const result = await runAction({ inputs })
    console.log(`\n=== ${title} (exit code ${result.code}) ===\n`)
    if (result.errors.length) console.log(result.errors.join('\n'))
    console.log(readable(result.summary))
    console.log('Outputs:')
    for (const [name, value] of Object.entries(result.outputs))
      console.log(
        `  ${name} = ${value.length > 100 ? `${value.slice(0, 97)}...` : value}`
      )
    return result
  }

  // GitHub publishes a day about two days after it ends.
  seedReports(gh, 'orgs/octo-org', {
    from: day(-70),
    to: day(-4),
    seed: 2026,
    shards: 2
  })
  await night('Night 1: first run, backfills 28 days')
  seedReports(gh, 'orgs/octo-org', {
    from: day(-70),
    to: day(-3),
    seed: 2026,
    shards: 2
  })
  const second = await night('Night 2: one more day published')

  const text = gh
    .repo('octo-org/copilot-dashboards')
    .readFile('copilot-metrics', second.outputs['history-path'])
  const lines = (text ?? '').split('\n')
  console.log(
    `\nThe history file ${second.outputs['history-path']} on branch copilot-metrics (first lines, cut at 160 columns):\n`
  )
  console.log(
    lines
      .slice(0, 12)
      .map((line) => (line.length > 160 ? `${line.slice(0, 157)}...` : line))
      .join('\n')
  )
  process.exitCode = second.code ?? 1
} finally {
  await gh.close()
}
