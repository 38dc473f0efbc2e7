import * as core from '@actions/core'
import { errorMessage, ActionError } from './errors.js'
import { createOctokit } from './github-client.js'
import { renderSummary, runOutputs, type RunReport } from './report.js'
import { parseSettings } from './settings.js'
import { syncHistories } from './sync.js'
import { weeklyTrend } from './weekly-trend.js'

/** inputs → fetch → merge → store → report. Fails the step once, with an actionable message. */
export async function run(
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date()
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
      now
    )
    const reports = results.map((result): RunReport => ({
      ...result,
      scope: result.target.scope,
      trend: weeklyTrend(result.history.days, settings.weeks),
      historyPath: result.target.historyPath,
      dataBranch: settings.dataBranch,
      dryRun: settings.dryRun,
      notices:
        result.seats?.status === 'unavailable' ? [result.seats.message] : []
    }))
    for (const [name, value] of Object.entries(runOutputs(reports)))
      core.setOutput(name, value)
    const mode = settings.summary
    if (mode === 'none')
      core.info("Input 'summary' is none: no job summary written.")
    else
      await core.summary
        .addRaw(reports.map((report) => renderSummary(report, mode)).join('\n'))
        .write()
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
