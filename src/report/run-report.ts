import type { SyncResult } from '../history/sync.js'
import type { HistoryTrend } from '../trend/history-trend.js'
import type { RunReport } from './report.js'

/** What the report needs of the inputs besides the trend: data-branch and dry-run. */
export interface ReportOptions {
  dataBranch: string
  dryRun: boolean
}

/** What the outputs and the summary tell of one synced history. */
export function runReport(
  result: SyncResult,
  { trend, alerts }: HistoryTrend,
  options: ReportOptions
): RunReport {
  return {
    ...result,
    scope: result.target.scope,
    trend,
    historyPath: result.target.historyPath,
    dataBranch: options.dataBranch,
    dryRun: options.dryRun,
    // Seats are extra: why they were not recorded is a notice, not an error.
    notices:
      result.seats?.status === 'unavailable' ? [result.seats.message] : [],
    alerts
  }
}
