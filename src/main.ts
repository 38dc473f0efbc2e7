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
  // Masked before anything is parsed or printed: masking only hides later output.
  for (const token of [
    core.getInput('token'),
    core.getInput('github-token'),
    env.GITHUB_TOKEN ?? ''
  ])
    if (token.trim()) core.setSecret(token.trim())
  try {
    const settings = parseSettings((name) => core.getInput(name), env)
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
        metrics: createOctokit(settings.metricsToken, settings.apiUrl, 'token'),
        repo: createOctokit(settings.repoToken, settings.apiUrl, 'github-token')
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
    await core.summary.addRaw(renderSummary(report)).write()
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
