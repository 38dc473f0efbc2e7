import { InputError } from '../common/errors.js'
import { parseAlerts, type AlertSettings } from './alerts.js'
import { parseConnection, type Connection } from './connection.js'
import { parseDashboard, type DashboardSettings } from './dashboard.js'
import {
  LIMITS,
  METRICS_APIS,
  SUMMARY_MODES,
  type MetricsApi,
  type SummaryMode
} from './names.js'
import {
  parseDataBranch,
  parseImportPath,
  parseTargets,
  type Target
} from './paths.js'
import { InputReader, type ReadInput } from './reader.js'
import { parseScopes } from './scope.js'

export * from './names.js'
export { isLoopbackHost } from './connection.js'
export {
  branchNameProblem,
  defaultHistoryPath,
  historyPathProblem,
  teamSlugs,
  workspacePathProblem,
  type Target
} from './paths.js'
export {
  SCOPE_KINDS,
  describeScope,
  type Scope,
  type ScopeKind
} from './scope.js'

/** Every input, parsed once: the rest of the Action trusts these types. */
export interface Settings extends Connection {
  api: MetricsApi
  /** At least one; more only for a list of teams. */
  targets: Target[]
  dataBranch: string
  /** A file in the workspace to merge in (the guide's JSON array of legacy days, or a history file). */
  importPath: string | null
  backfillDays: number
  refreshDays: number
  weeks: number
  summary: SummaryMode
  /** Days fetched at once through the 1-day reports. */
  fetchConcurrency: number
  /** Report calls a run may make for days (input max-requests); the rest of a backfill waits for the next run. */
  maxRequests: number
  dryRun: boolean
  alerts: AlertSettings
  /** Largest report file downloaded, in bytes (input max-report-mb). */
  maxReportBytes: number
  /** The static dashboard written next to the histories; null when switched off. */
  dashboard: DashboardSettings | null
}

/**
 * Parses every input once. All problems are collected and reported together,
 * each naming the input, the value and what is allowed.
 */
export function parseSettings(
  read: ReadInput,
  env: NodeJS.ProcessEnv
): Settings {
  const inputs = new InputReader(read, env)
  const connection = parseConnection(inputs)
  const targets = parseTargets(
    inputs,
    parseScopes(inputs, connection.repository.owner)
  )
  const settings: Settings = {
    ...connection,
    api: inputs.choice('api', METRICS_APIS) ?? 'reports',
    targets,
    dataBranch: parseDataBranch(inputs),
    importPath: parseImportPath(inputs, targets),
    ...parseWindows(inputs),
    ...parseDownloadPolicy(inputs),
    summary: inputs.choice('summary', SUMMARY_MODES, lower) ?? 'full',
    dryRun: inputs.boolean('dry-run'),
    alerts: parseAlerts(inputs),
    dashboard: parseDashboard(inputs)
  }
  if (inputs.problems.length > 0 || targets.length === 0)
    throw new InputError(describeProblems(inputs.problems))
  return settings
}

const lower = (text: string): string => text.toLowerCase()

/** Which days are fetched and how many weeks the report shows. */
function parseWindows(
  inputs: InputReader
): Pick<Settings, 'backfillDays' | 'refreshDays' | 'weeks'> {
  return {
    backfillDays: inputs.wholeNumber('backfill-days', LIMITS.backfillDays),
    refreshDays: inputs.wholeNumber('refresh-days', LIMITS.refreshDays),
    weeks: inputs.wholeNumber('weeks', LIMITS.weeks)
  }
}

function parseDownloadPolicy(
  inputs: InputReader
): Pick<Settings, 'maxReportBytes' | 'fetchConcurrency' | 'maxRequests'> {
  const maxReportMb = inputs.wholeNumber('max-report-mb', LIMITS.maxReportMb)
  return {
    maxReportBytes: maxReportMb * 1024 * 1024,
    fetchConcurrency: inputs.wholeNumber(
      'fetch-concurrency',
      LIMITS.fetchConcurrency
    ),
    maxRequests: inputs.wholeNumber('max-requests', LIMITS.maxRequests)
  }
}

function describeProblems(problems: string[]): string {
  return problems.length === 1
    ? problems[0]
    : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`
}
