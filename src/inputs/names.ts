// The inputs of action.yml: names, defaults and limits, shared by parsing, docs and tests.

/** Every input of action.yml, by name. The docs tables and action.yml are checked against this list by a test. */
export const INPUT_NAMES = [
  'token',
  'scope',
  'organization',
  'enterprise',
  'team',
  'github-token',
  'repository',
  'data-branch',
  'history-path',
  'backfill-days',
  'refresh-days',
  'weeks',
  'summary',
  'dry-run',
  'api-url',
  'extra-download-hosts',
  'api',
  'import-path',
  'alert-drop-percent',
  'alert-min-utilization',
  'alert-fail',
  'max-report-mb',
  'fetch-concurrency',
  'max-requests',
  'dashboard',
  'dashboard-path'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

/** How much the job summary shows; `none` writes no summary (the outputs are set all the same). */
export const SUMMARY_MODES = ['full', 'compact', 'none'] as const
export type SummaryMode = (typeof SUMMARY_MODES)[number]

export const METRICS_APIS = ['reports', 'legacy'] as const
export type MetricsApi = (typeof METRICS_APIS)[number]

/** The same defaults as action.yml: outside a runner, action.yml defaults are not applied. */
export const DEFAULTS = {
  scope: 'organization',
  'data-branch': 'copilot-metrics',
  'backfill-days': '365',
  'refresh-days': '3',
  weeks: '4',
  summary: 'full',
  'dry-run': 'false',
  'api-url': 'https://api.github.com',
  api: 'reports',
  'alert-fail': 'false',
  'max-report-mb': '1024',
  'fetch-concurrency': '4',
  'max-requests': '500',
  dashboard: 'true'
} as const

export const LIMITS = {
  backfillDays: { min: 1, max: 365 },
  refreshDays: { min: 0, max: 28 },
  weeks: { min: 1, max: 52 },
  // A users report of a very large enterprise is a few hundred MB; the file
  // is streamed, so the cap bounds time and transfer, not memory.
  maxReportMb: { min: 1, max: 10240 },
  // Each day in flight makes its own report calls: more than 10 would risk
  // GitHub's secondary rate limits during a backfill.
  fetchConcurrency: { min: 1, max: 10 },
  // Report calls a run makes for days (two a day). 500 lets a year take two
  // nights and stays far below a token's 5,000 requests an hour.
  maxRequests: { min: 2, max: 5000 }
} as const
