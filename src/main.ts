import * as core from '@actions/core'
import { errorMessage, ActionError } from './common/errors.js'
import { createOctokit, type Octokit } from './sources/github-client.js'
import { parseSettings, type Settings } from './inputs/settings.js'
import { syncHistories } from './history/sync.js'
import { dashboardWriter } from './dashboard/branch-files.js'
import { historyTrend } from './trend/history-trend.js'
import { runReport } from './report/run-report.js'
import { publishReports } from './report/publish.js'

/** inputs → sync (fetch, merge, store) → trend → report. Fails the step once, with an actionable message. */
export async function run(
  env: NodeJS.ProcessEnv = process.env,
  now?: Date
): Promise<void> {
  maskTokens(env)
  try {
    const settings = parseSettings((name) => core.getInput(name), env)
    const results = await syncHistories(
      settings,
      octokits(settings),
      now ?? clock(env),
      dashboardWriter(settings.dashboard)
    )
    const trendOptions = { weeks: settings.weeks, alerts: settings.alerts }
    const stored = { dataBranch: settings.dataBranch, dryRun: settings.dryRun }
    const reports = results.map((result) =>
      runReport(result, historyTrend(result.history, trendOptions), stored)
    )
    await publishReports(reports, {
      summary: settings.summary,
      alertFail: settings.alerts.fail
    })
  } catch (error) {
    failStep(error)
  }
}

/** Masked before anything is parsed or printed: masking only hides later output. */
function maskTokens(env: NodeJS.ProcessEnv): void {
  for (const token of [
    core.getInput('token'),
    core.getInput('github-token'),
    env.GITHUB_TOKEN ?? ''
  ])
    if (token.trim()) core.setSecret(token.trim())
}

/** One client per token: the metrics token reads reports, the repository token writes the data branch. */
function octokits(settings: Settings): { metrics: Octokit; repo: Octokit } {
  return {
    metrics: createOctokit(settings.metricsToken, settings.apiUrl, 'token'),
    repo: createOctokit(settings.repoToken, settings.apiUrl, 'github-token')
  }
}

/** The one place an error becomes a failed step; the stack only in the debug log, for bugs. */
function failStep(error: unknown): void {
  if (!(error instanceof ActionError) && error instanceof Error && error.stack)
    core.debug(error.stack)
  core.setFailed(errorMessage(error))
}

/** For tests only: runs the Action as if it were this moment. */
export const CLOCK_VARIABLE = 'COPILOT_METRICS_HISTORY_NOW'

/**
 * The moment of the run: the real clock, or the ISO timestamp in
 * COPILOT_METRICS_HISTORY_NOW, which end-to-end tests set so that no test
 * depends on the hour it runs. Ignored, with a warning, when unparseable.
 */
function clock(env: NodeJS.ProcessEnv): Date {
  const fixed = env[CLOCK_VARIABLE]?.trim()
  if (!fixed) return new Date()
  const at = new Date(fixed)
  if (/^\d{4}-\d{2}-\d{2}T/.test(fixed) && !Number.isNaN(at.getTime()))
    return at
  core.warning(
    `${CLOCK_VARIABLE} (set by tests only) is not an ISO timestamp such as 2026-11-25T08:00:00Z: ${JSON.stringify(fixed)}; the real clock is used.`
  )
  return new Date()
}
