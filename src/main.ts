import * as core from '@actions/core'
import { errorMessage, ActionError } from './errors.js'
import { createOctokit } from './github-client.js'
import { actionOutputs, renderSummary, type RunReport } from './report.js'
import { parseSettings } from './settings.js'
import { syncHistories, type SyncResult } from './sync.js'
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
      dryRun: settings.dryRun
    }))
    for (const [name, value] of Object.entries(
      combinedOutputs(reports, results)
    ))
      core.setOutput(name, value)
    await core.summary
      .addRaw(
        reports
          .map(
            (report, i) =>
              renderSummary(report) +
              thresholdNote(results[i]) +
              seatsNote(results[i])
          )
          .join('\n')
      )
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

/**
 * One history file: its outputs. Several (a list of teams): the trend outputs
 * of the first team, counts summed over all files, and `teams` per file.
 */
function combinedOutputs(
  reports: RunReport[],
  results: SyncResult[]
): Record<string, string> {
  const outputs: Record<string, string> = { ...actionOutputs(reports[0]) }
  if (reports.length > 1) {
    const sum = (count: (report: RunReport) => number): string =>
      String(reports.reduce((total, report) => total + count(report), 0))
    outputs['days-added'] = sum((report) => report.added.length)
    outputs['days-updated'] = sum((report) => report.updated.length)
    outputs['days-pending'] = sum((report) => report.pending.length)
    outputs['days-total'] = sum((report) => report.history.days.length)
    outputs['history-path'] = reports
      .map((report) => report.historyPath)
      .join('\n')
  }
  outputs.teams = JSON.stringify(
    results.flatMap((result, index) =>
      'team' in result.target.scope
        ? [
            {
              team: result.target.scope.team,
              historyPath: result.target.historyPath,
              daysAdded: result.added.length,
              daysUpdated: result.updated.length,
              daysPending: result.pending.length,
              daysBelowThreshold: result.belowThreshold.length,
              daysTotal: result.history.days.length,
              latestWeek: reports[index].trend.at(-1) ?? null
            }
          ]
        : []
    )
  )
  return outputs
}

function seatsNote(result: SyncResult): string {
  return result.seats?.status === 'unavailable'
    ? `\n> ${result.seats.message}\n`
    : ''
}

function thresholdNote(result: SyncResult): string {
  if (result.belowThreshold.length === 0) return ''
  const dates = result.belowThreshold
  const span =
    dates.length === 1 ? dates[0] : `${dates[0]} to ${dates[dates.length - 1]}`
  return `\n> **No data: team below GitHub's five-seat threshold** for ${dates.length} ${dates.length === 1 ? 'day' : 'days'} (${span}). GitHub leaves teams with fewer than five seated Copilot users out of the user-teams report, so nothing is stored for those days (never zeros). If the team is larger, check the team slug.\n`
}
