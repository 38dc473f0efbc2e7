import { z } from 'zod'
import { InputError } from '../common/errors.js'

/** Every input of action.yml, by name. README and action.yml are checked against this list by a test. */
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
  'fetch-concurrency'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

export const SCOPE_KINDS = [
  'organization',
  'enterprise',
  'team',
  'enterprise-team'
] as const
export type ScopeKind = (typeof SCOPE_KINDS)[number]

/** How much the job summary shows; `none` writes no summary (the outputs are set all the same). */
export const SUMMARY_MODES = ['full', 'compact', 'none'] as const
export type SummaryMode = (typeof SUMMARY_MODES)[number]

export type Scope =
  | { kind: 'organization'; organization: string }
  | { kind: 'enterprise'; enterprise: string }
  | { kind: 'team'; organization: string; team: string }
  | { kind: 'enterprise-team'; enterprise: string; team: string }

export const METRICS_APIS = ['reports', 'legacy'] as const
export type MetricsApi = (typeof METRICS_APIS)[number]

/** One history file: several with a list of teams, which share one download of each report. */
export interface Target {
  scope: Scope
  historyPath: string
}

export interface Settings {
  api: MetricsApi
  /** At least one; more only for a list of teams. */
  targets: Target[]
  /** Reads the metrics. */
  metricsToken: string
  /** Commits to the data branch. */
  repoToken: string
  repository: { owner: string; repo: string }
  dataBranch: string
  /** A file in the workspace to merge in (the guide's JSON array of legacy days, or a history file). */
  importPath: string | null
  backfillDays: number
  refreshDays: number
  weeks: number
  summary: SummaryMode
  /** Days fetched at once through the 1-day reports. */
  fetchConcurrency: number
  dryRun: boolean
  /** No trailing slash. */
  apiUrl: string
  /** host or host:port, lower case */
  extraDownloadHosts: string[]
  alerts: {
    /** null: off */
    dropPercent: number | null
    /** A ratio (0.5 = 50%); null: off. */
    minUtilization: number | null
    /** Fail the step when an alert fires. */
    fail: boolean
  }
  /** Largest report file downloaded, in bytes (input max-report-mb). */
  maxReportBytes: number
}

/** The same defaults as action.yml: outside a runner, action.yml defaults are not applied. */
export const DEFAULTS = {
  scope: 'organization',
  'data-branch': 'copilot-metrics',
  'backfill-days': '28',
  'refresh-days': '3',
  weeks: '4',
  summary: 'full',
  'dry-run': 'false',
  'api-url': 'https://api.github.com',
  api: 'reports',
  'alert-fail': 'false',
  'max-report-mb': '1024',
  'fetch-concurrency': '4'
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
  fetchConcurrency: { min: 1, max: 10 }
} as const

const ORG_SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
const ENTERPRISE_SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,59})$/
const TEAM_SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})$/
const REPOSITORY =
  /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase())
}

/** The rules of `git check-ref-format --branch`, plus a refusal of `refs/` prefixes (give the short name). */
export function branchNameProblem(name: string): string | null {
  if (name.startsWith('refs/'))
    return 'give the short branch name, without "refs/heads/"'
  if (name.length > 255) return 'is longer than 255 characters'
  if (name === 'HEAD' || name === '@') return 'is reserved by git'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name))
    return 'contains a space, a control character or one of ~ ^ : ? * [ \\'
  if (name.includes('..')) return 'contains ".."'
  if (name.includes('@{')) return 'contains "@{"'
  if (name.includes('//')) return 'contains "//"'
  if (name.startsWith('-') || name.startsWith('/'))
    return 'starts with "-" or "/"'
  if (name.endsWith('/') || name.endsWith('.')) return 'ends with "/" or "."'
  if (name.split('/').some((part) => part.startsWith('.')))
    return 'has a component starting with "."'
  if (name.split('/').some((part) => part.endsWith('.lock')))
    return 'has a component ending with ".lock"'
  return null
}

/** A relative POSIX path inside the repository, to a .json file, outside .git and .github. */
export function historyPathProblem(path: string): string | null {
  if (path.length > 1024) return 'is longer than 1024 characters'
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return 'is absolute; give a path relative to the repository root'
  if (path.includes('\\')) return 'contains "\\"; use "/" between folders'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f%]/.test(path))
    return 'contains a control character or "%"'
  const segments = path.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    return 'has an empty, "." or ".." segment (it must stay inside the repository)'
  if (segments.some((s) => s.toLowerCase() === '.git'))
    return 'points into .git'
  if (segments[0].toLowerCase() === '.github')
    return 'points into .github (writing there needs the workflow permission)'
  if (!path.endsWith('.json')) return 'does not end in ".json"'
  return null
}

/** `{team}` in history-path stands for each team of a list. */
const TEAM_PLACEHOLDER = '{team}'

export function defaultHistoryPath(scope: Scope): string {
  switch (scope.kind) {
    case 'organization':
      return `copilot-metrics/organization-${scope.organization}.json`
    case 'enterprise':
      return `copilot-metrics/enterprise-${scope.enterprise}.json`
    case 'team':
      return `copilot-metrics/team-${scope.organization}-${scope.team}.json`
    case 'enterprise-team':
      return `copilot-metrics/enterprise-team-${scope.enterprise}-${scope.team}.json`
  }
}

export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case 'organization':
      return `organization ${scope.organization}`
    case 'enterprise':
      return `enterprise ${scope.enterprise}`
    case 'team':
      return `team ${scope.organization}/${scope.team}`
    case 'enterprise-team':
      return `enterprise team ${scope.enterprise}/${scope.team}`
  }
}

type ReadInput = (name: InputName) => string

/**
 * Parses every input once. All problems are collected and reported together,
 * each naming the input, the value and what is allowed.
 */
export function parseSettings(
  read: ReadInput,
  env: NodeJS.ProcessEnv
): Settings {
  const problems: string[] = []
  const input = (name: InputName): string => read(name).trim()
  const fail = (name: InputName, value: string, rule: string): void => {
    problems.push(
      value === ''
        ? `Input '${name}' is empty: ${rule}.`
        : `Input '${name}' ${JSON.stringify(value)} ${rule}.`
    )
  }
  const withDefault = (name: keyof typeof DEFAULTS): string =>
    input(name) || DEFAULTS[name]

  const metricsToken = input('token')
  if (!metricsToken)
    fail(
      'token',
      '',
      'give a token that can read Copilot usage metrics, e.g. token: ${{ secrets.COPILOT_METRICS_TOKEN }} (see README, "Tokens")'
    )

  const repoToken = input('github-token') || env.GITHUB_TOKEN?.trim() || ''
  if (!repoToken)
    fail(
      'github-token',
      '',
      'it defaults to the workflow token (${{ github.token }}); give a token with contents: write on the repository'
    )

  const repositoryText = input('repository') || env.GITHUB_REPOSITORY || ''
  const repositoryMatch = REPOSITORY.exec(repositoryText)
  if (!repositoryMatch)
    fail('repository', repositoryText, 'must be in owner/name form')
  const repository = {
    owner: repositoryMatch?.[1] ?? '',
    repo: repositoryMatch?.[2] ?? ''
  }

  const scopeText = withDefault('scope')
  const scopeKind = z.enum(SCOPE_KINDS).safeParse(scopeText)
  if (!scopeKind.success)
    fail('scope', scopeText, `is not one of ${SCOPE_KINDS.join(', ')}`)

  const slug = (
    name: InputName,
    pattern: RegExp,
    fallback: string,
    what: string
  ): string => {
    const value = input(name) || fallback
    if (!pattern.test(value))
      fail(
        name,
        value,
        value === ''
          ? `scope '${scopeText}' needs it`
          : `is not a valid ${what}`
      )
    return value
  }
  let scopes: Scope[] = []
  if (scopeKind.success) {
    const orgSlug = (): string =>
      slug(
        'organization',
        ORG_SLUG,
        env.GITHUB_REPOSITORY_OWNER || repository.owner,
        'organization login (letters, digits and "-", up to 39 characters)'
      )
    const enterpriseSlug = (): string =>
      slug(
        'enterprise',
        ENTERPRISE_SLUG,
        '',
        'enterprise slug (letters, digits and "-")'
      )
    const teamSlugs = (): string[] => {
      const list = input('team')
        .split(/[\s,]+/)
        .filter((team) => team !== '')
      if (list.length === 0)
        fail(
          'team',
          '',
          `scope '${scopeText}' needs it (one team slug, or several separated by commas)`
        )
      for (const team of list)
        if (!TEAM_SLUG.test(team))
          fail(
            'team',
            team,
            'is not a valid team slug (letters, digits, ".", "_" and "-")'
          )
      if (new Set(list.map((team) => team.toLowerCase())).size !== list.length)
        fail('team', input('team'), 'names a team twice')
      return list
    }
    switch (scopeKind.data) {
      case 'organization':
        scopes = [{ kind: 'organization', organization: orgSlug() }]
        break
      case 'enterprise':
        scopes = [{ kind: 'enterprise', enterprise: enterpriseSlug() }]
        break
      case 'team': {
        const organization = orgSlug()
        scopes = teamSlugs().map((team) => ({
          kind: 'team',
          organization,
          team
        }))
        break
      }
      case 'enterprise-team': {
        const enterprise = enterpriseSlug()
        scopes = teamSlugs().map((team) => ({
          kind: 'enterprise-team',
          enterprise,
          team
        }))
        break
      }
    }
  }

  const apiText = withDefault('api')
  const api = z.enum(METRICS_APIS).safeParse(apiText)
  if (!api.success)
    fail('api', apiText, `is not one of ${METRICS_APIS.join(', ')}`)

  const dataBranch = withDefault('data-branch')
  const branchProblem = branchNameProblem(dataBranch)
  if (branchProblem)
    fail(
      'data-branch',
      dataBranch,
      `is not a valid branch name: it ${branchProblem}`
    )

  const pathInput = input('history-path')
  if (
    scopes.length > 1 &&
    pathInput !== '' &&
    !pathInput.includes(TEAM_PLACEHOLDER)
  )
    fail(
      'history-path',
      pathInput,
      `must contain ${TEAM_PLACEHOLDER} when 'team' lists several teams (one file per team), or be empty`
    )
  const targets: Target[] = scopes.map((scope) => ({
    scope,
    historyPath:
      pathInput === ''
        ? defaultHistoryPath(scope)
        : pathInput.replaceAll(
            TEAM_PLACEHOLDER,
            'team' in scope ? scope.team : TEAM_PLACEHOLDER
          )
  }))
  for (const target of targets) {
    const pathProblem = historyPathProblem(target.historyPath)
    if (pathProblem)
      fail(
        'history-path',
        target.historyPath,
        `is not allowed: it ${pathProblem}`
      )
  }

  const importText = input('import-path')
  const importProblem =
    importText === '' ? null : workspacePathProblem(importText)
  if (importProblem)
    fail('import-path', importText, `is not allowed: it ${importProblem}`)
  if (importText !== '' && targets.length > 1)
    fail(
      'import-path',
      importText,
      'imports into one history file: use it with a single team'
    )

  const wholeNumber = (
    name:
      | 'backfill-days'
      | 'refresh-days'
      | 'weeks'
      | 'max-report-mb'
      | 'fetch-concurrency',
    limits: { min: number; max: number }
  ): number => {
    const text = withDefault(name)
    const parsed = z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .pipe(z.number().int().min(limits.min).max(limits.max))
      .safeParse(text)
    if (!parsed.success) {
      fail(
        name,
        text,
        `must be a whole number from ${limits.min} to ${limits.max}`
      )
      return limits.min
    }
    return parsed.data
  }
  const backfillDays = wholeNumber('backfill-days', LIMITS.backfillDays)
  const refreshDays = wholeNumber('refresh-days', LIMITS.refreshDays)
  const weeks = wholeNumber('weeks', LIMITS.weeks)
  const maxReportMb = wholeNumber('max-report-mb', LIMITS.maxReportMb)

  const summaryText = withDefault('summary')
  const summary = z.enum(SUMMARY_MODES).safeParse(summaryText.toLowerCase())
  if (!summary.success)
    fail('summary', summaryText, `is not one of ${SUMMARY_MODES.join(', ')}`)
  const fetchConcurrency = wholeNumber(
    'fetch-concurrency',
    LIMITS.fetchConcurrency
  )

  const dryRunText = withDefault('dry-run')
  const dryRun = z
    .enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
    .safeParse(dryRunText)
  if (!dryRun.success) fail('dry-run', dryRunText, 'must be true or false')

  const apiUrlText =
    input('api-url') || env.GITHUB_API_URL || DEFAULTS['api-url']
  const apiUrl = parseApiUrl(apiUrlText)
  if (typeof apiUrl !== 'string') fail('api-url', apiUrlText, apiUrl.problem)

  const extraDownloadHosts = input('extra-download-hosts')
    .split(/[\s,]+/)
    .filter((host) => host !== '')
    .map((host) => host.toLowerCase())
  for (const host of extraDownloadHosts) {
    if (
      !/^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[::1\])(?::\d{1,5})?$/.test(host)
    )
      fail(
        'extra-download-hosts',
        host,
        'is not a host name or host:port (separate several with commas)'
      )
  }

  const dropText = input('alert-drop-percent')
  const drop = z
    .string()
    .regex(/^\d+(\.\d+)?%?$/)
    .transform((text) => Number(text.replace('%', '')))
    .pipe(z.number().gt(0).max(100))
    .safeParse(dropText)
  if (dropText !== '' && !drop.success)
    fail(
      'alert-drop-percent',
      dropText,
      'must be a percentage above 0 and up to 100 (e.g. 20), or empty for no alert'
    )

  const utilizationText = input('alert-min-utilization')
  const utilization = z
    .string()
    .regex(/^\d+(\.\d+)?%?$/)
    .transform((text) =>
      text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text)
    )
    .pipe(z.number().gt(0).max(1))
    .safeParse(utilizationText)
  if (utilizationText !== '' && !utilization.success)
    fail(
      'alert-min-utilization',
      utilizationText,
      'must be a ratio above 0 and up to 1 (e.g. 0.5) or a percentage (e.g. 50%), or empty for no alert'
    )

  const alertFailText = withDefault('alert-fail')
  const alertFail = z
    .enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
    .safeParse(alertFailText)
  if (!alertFail.success)
    fail('alert-fail', alertFailText, 'must be true or false')

  if (problems.length > 0 || targets.length === 0 || !api.success) {
    throw new InputError(
      problems.length === 1
        ? problems[0]
        : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`
    )
  }
  return {
    api: api.data,
    targets,
    metricsToken,
    repoToken,
    repository,
    dataBranch,
    importPath: importText === '' ? null : importText,
    backfillDays,
    refreshDays,
    weeks,
    summary: summary.success ? summary.data : 'full',
    fetchConcurrency,
    dryRun: dryRun.success && dryRun.data.toLowerCase() === 'true',
    apiUrl: apiUrl as string,
    extraDownloadHosts,
    alerts: {
      dropPercent: dropText !== '' && drop.success ? drop.data : null,
      minUtilization:
        utilizationText !== '' && utilization.success ? utilization.data : null,
      fail: alertFail.success && alertFail.data.toLowerCase() === 'true'
    },
    maxReportBytes: maxReportMb * 1024 * 1024
  }
}

/** A relative path inside the workspace (the import file is read from the checkout). */
export function workspacePathProblem(path: string): string | null {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return 'is absolute; give a path relative to the workspace'
  if (path.includes('\\')) return 'contains "\\"; use "/" between folders'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains a control character'
  if (path.split('/').some((s) => s === '..'))
    return 'has a ".." segment (it must stay inside the workspace)'
  if (path.split('/').some((s) => s.toLowerCase() === '.git'))
    return 'points into .git'
  return null
}

/** https only, except http for loopback (local test servers). */
function parseApiUrl(text: string): string | { problem: string } {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { problem: 'is not a URL (e.g. https://api.github.com)' }
  }
  if (url.username || url.password || url.search || url.hash)
    return { problem: 'must not contain credentials, a query or a fragment' }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && isLoopbackHost(url.hostname))
  )
    return {
      problem:
        'must use https (http is allowed only for 127.0.0.1, localhost and [::1])'
    }
  return url.toString().replace(/\/+$/, '')
}
