import * as core from '@actions/core'
import { ActionError, errorMessage } from './errors.js'
import { createOctokit } from './github-client.js'
import { actionOutputs, renderSummary, type RunReport } from './report.js'
import { parseSettings } from './settings.js'
import { syncHistory } from './sync.js'
import { weeklyTrend } from './weekly-trend.js'

/** inputs → fetch → merge → store → report. Fails the step once, with an actionable message. */
export async function run(
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date()
): Promise<void> {
  try {
    const settings = parseSettings((name) => core.getInput(name), env)
    core.setSecret(settings.metricsToken)
    core.setSecret(settings.repoToken)
    if (
      settings.scope.kind === 'team' ||
      settings.scope.kind === 'enterprise-team'
    )
      throw new ActionError(
        `Input 'scope' "${settings.scope.kind}" is not supported by this version yet; use organization or enterprise.`
      )
    const synced = await syncHistory(
      settings,
      {
        metrics: createOctokit(settings.metricsToken, settings.apiUrl),
        repo: createOctokit(settings.repoToken, settings.apiUrl)
      },
      now
    )
    const report: RunReport = {
      ...synced,
      scope: settings.scope,
      trend: weeklyTrend(synced.history.days, settings.weeks),
      historyPath: settings.historyPath,
      dataBranch: settings.dataBranch,
      dryRun: settings.dryRun
    }
    for (const [name, value] of Object.entries(actionOutputs(report)))
      core.setOutput(name, value)
    if (settings.summary === 'none')
      core.info("Input 'summary' is none: no job summary written.")
    else
      await core.summary.addRaw(renderSummary(report, settings.summary)).write()
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
