import * as core from '@actions/core'
import { evaluateAlerts } from './trend/alerts.js'
import { errorMessage, ActionError } from './common/errors.js'
import { createOctokit } from './sources/github-client.js'
import { renderSummaries, runOutputs, type RunReport } from './report/report.js'
import { describeScope, parseSettings } from './inputs/settings.js'
import { syncHistories } from './history/sync.js'
import { weeklyTrend } from './trend/weekly-trend.js'

/** inputs → fetch → merge → store → report. Fails the step once, with an actionable message. */
export async function run(
  env: NodeJS.ProcessEnv = process.env,
  now?: Date
): Promise<void> {
  // Masked before anything is parsed or printed: masking only hides later output.
  for (const token of [
    core.getInput('token'),
    core.getInput('github-token'),
    env.GITHUB_TOKEN ?? ''
  ])
    if (token.trim()) core.setSecret(token.trim())
  try {
    const settings = parseSettings((name) => core.getInput(name), env)
    const results = await syncHistories(
      settings,
      {
        metrics: createOctokit(settings.metricsToken, settings.apiUrl, 'token'),
        repo: createOctokit(settings.repoToken, settings.apiUrl, 'github-token')
      },
      now ?? clock(env)
    )
    const reports = results.map((result): RunReport => {
      const trend = weeklyTrend(
        result.history.days,
        settings.weeks,
        result.history.seats
      )
      return {
        ...result,
        scope: result.target.scope,
        trend,
        historyPath: result.target.historyPath,
        dataBranch: settings.dataBranch,
        dryRun: settings.dryRun,
        notices:
          result.seats?.status === 'unavailable' ? [result.seats.message] : [],
        alerts: evaluateAlerts(trend, settings.alerts)
      }
    })
    for (const [name, value] of Object.entries(runOutputs(reports)))
      core.setOutput(name, value)
    const mode = settings.summary
    if (mode === 'none')
      core.info("Input 'summary' is none: no job summary written.")
    else await core.summary.addRaw(renderSummaries(reports, mode)).write()
    // Alerts are information for the next steps; a failure only when asked for.
    const alerts = reports.flatMap((report) =>
      (report.alerts ?? []).map(
        (reason) => `${describeScope(report.scope)}: ${reason.message}`
      )
    )
    for (const alert of alerts) core.warning(alert)
    if (alerts.length > 0 && settings.alerts.fail)
      core.setFailed(
        `${alerts.length === 1 ? 'An alert' : `${alerts.length} alerts`} fired and alert-fail is true: ${alerts.join(' ')}`
      )
  } catch (error) {
    if (
      !(error instanceof ActionError) &&
      error instanceof Error &&
      error.stack
    )
      core.debug(error.stack)
    core.setFailed(errorMessage(error))
  }
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
