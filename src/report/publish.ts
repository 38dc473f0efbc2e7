import * as core from '@actions/core'
import { describeScope, type SummaryMode } from '../inputs/settings.js'
import { renderSummaries, runOutputs, type RunReport } from './report.js'

/** What publishing needs of the inputs: summary and alert-fail. */
export interface PublishOptions {
  summary: SummaryMode
  alertFail: boolean
}

/**
 * The report's I/O edge: the step outputs, the job summary, then a warning
 * per alert. Alerts are information for the next steps; they fail the step
 * only when alert-fail asks for it.
 */
export async function publishReports(
  reports: readonly RunReport[],
  options: PublishOptions
): Promise<void> {
  for (const [name, value] of Object.entries(runOutputs(reports)))
    core.setOutput(name, value)
  const mode = options.summary
  if (mode === 'none')
    core.info("Input 'summary' is none: no job summary written.")
  else await core.summary.addRaw(renderSummaries(reports, mode)).write()
  const alerts = reports.flatMap((report) =>
    (report.alerts ?? []).map(
      (reason) => `${describeScope(report.scope)}: ${reason.message}`
    )
  )
  for (const alert of alerts) core.warning(alert)
  if (alerts.length > 0 && options.alertFail)
    core.setFailed(
      `${alerts.length === 1 ? 'An alert' : `${alerts.length} alerts`} fired and alert-fail is true: ${alerts.join(' ')}`
    )
}
