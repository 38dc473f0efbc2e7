import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/common/errors.js'
import {
  branchNameProblem,
  historyPathProblem,
  parseSettings,
  type InputName
} from '../../../src/inputs/settings.js'

const env = {
  GITHUB_REPOSITORY: 'octo/data',
  GITHUB_REPOSITORY_OWNER: 'octo',
  GITHUB_API_URL: 'https://api.github.com'
}

function parse(
  inputs: Partial<Record<InputName, string>>,
  environment: NodeJS.ProcessEnv = env
) {
  const all: Partial<Record<InputName, string>> = {
    token: 't',
    'github-token': 'g',
    ...inputs
  }
  return parseSettings((name) => all[name] ?? '', environment)
}

function problem(inputs: Partial<Record<InputName, string>>): string {
  try {
    parse(inputs)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('expected the inputs to be refused')
}

describe('parseSettings', () => {
  it('applies the same defaults as action.yml when inputs are empty', () => {
    expect(parse({})).toEqual({
      api: 'reports',
      targets: [
        {
          scope: { kind: 'organization', organization: 'octo' },
          historyPath: 'copilot-metrics/organization-octo.json'
        }
      ],
      metricsToken: 't',
      repoToken: 'g',
      repository: { owner: 'octo', repo: 'data' },
      dataBranch: 'copilot-metrics',
      importPath: null,
      backfillDays: 365,
      refreshDays: 3,
      weeks: 4,
      summary: 'full',
      fetchConcurrency: 4,
      maxRequests: 500,
      dryRun: false,
      apiUrl: 'https://api.github.com',
      extraDownloadHosts: [],
      alerts: { dropPercent: null, minUtilization: null, fail: false },
      maxReportBytes: 1024 * 1024 * 1024,
      dashboard: { dir: '' }
    })
  })

  it('reads an enterprise scope and explicit values', () => {
    const settings = parse({
      scope: 'enterprise',
      enterprise: 'acme',
      'backfill-days': '365',
      'refresh-days': '0',
      weeks: '12',
      'dry-run': 'True',
      'api-url': 'https://api.acme.ghe.com/',
      'extra-download-hosts': '127.0.0.1:8080, Mirror.example.com',
      'max-report-mb': '64'
    })
    expect(settings).toMatchObject({
      targets: [
        {
          scope: { kind: 'enterprise', enterprise: 'acme' },
          historyPath: 'copilot-metrics/enterprise-acme.json'
        }
      ],
      backfillDays: 365,
      refreshDays: 0,
      weeks: 12,
      dryRun: true,
      apiUrl: 'https://api.acme.ghe.com',
      extraDownloadHosts: ['127.0.0.1:8080', 'mirror.example.com'],
      maxReportBytes: 64 * 1024 * 1024
    })
  })

  it.each([
    [
      { scope: 'org' },
      `Input 'scope' "org" is not one of organization, enterprise, team, enterprise-team.`
    ],
    [
      { scope: 'enterprise' },
      `Input 'enterprise' is empty: scope 'enterprise' needs it.`
    ],
    [
      { organization: 'octo org' },
      `Input 'organization' "octo org" is not a valid organization login`
    ],
    [
      { 'backfill-days': 'abc' },
      `Input 'backfill-days' "abc" must be a whole number from 1 to 365.`
    ],
    [
      { 'backfill-days': '366' },
      `Input 'backfill-days' "366" must be a whole number from 1 to 365.`
    ],
    [
      { 'refresh-days': '-1' },
      `Input 'refresh-days' "-1" must be a whole number from 0 to 28.`
    ],
    [
      { weeks: '2.5' },
      `Input 'weeks' "2.5" must be a whole number from 1 to 52.`
    ],
    [{ 'dry-run': 'yes' }, `Input 'dry-run' "yes" must be true or false.`],
    [
      { 'api-url': 'http://api.example.com' },
      `Input 'api-url' "http://api.example.com" must use https`
    ],
    [{ 'api-url': 'not a url' }, `Input 'api-url' "not a url" is not a URL`],
    [
      { 'data-branch': 'refs/heads/data' },
      `Input 'data-branch' "refs/heads/data" is not a valid branch name`
    ],
    [
      { 'history-path': '../x.json' },
      `Input 'history-path' "../x.json" is not allowed`
    ],
    [
      { repository: 'just-a-name' },
      `Input 'repository' "just-a-name" must be in owner/name form.`
    ],
    [{ token: '' }, `Input 'token' is empty`],
    [
      { 'max-report-mb': '0' },
      `Input 'max-report-mb' "0" must be a whole number from 1 to 10240.`
    ],
    [
      { 'max-report-mb': '10241' },
      `Input 'max-report-mb' "10241" must be a whole number from 1 to 10240.`
    ],
    [
      { 'max-report-mb': '0.5' },
      `Input 'max-report-mb' "0.5" must be a whole number from 1 to 10240.`
    ],
    [
      { scope: 'team', organization: 'octo' },
      `Input 'team' is empty: scope 'team' needs it (one team slug, or several separated by commas).`
    ],
    [
      { 'history-path': 'data/history.yml' },
      `Input 'history-path' "data/history.yml" is not allowed: it does not end in ".json".`
    ],
    [
      { 'data-branch': 'refs/heads/..' },
      `Input 'data-branch' "refs/heads/.." is not a valid branch name`
    ],
    [
      { 'api-url': 'ftp://127.0.0.1' },
      `Input 'api-url' "ftp://127.0.0.1" must use https`
    ],
    [
      { 'extra-download-hosts': 'https://x.example.com' },
      `Input 'extra-download-hosts' "https://x.example.com" is not a host name`
    ]
  ])('refuses %j', (inputs, message) => {
    expect(problem(inputs)).toContain(message)
  })

  it('reads a list of teams as one history file per team', () => {
    const settings = parse({
      scope: 'team',
      team: 'platform, Payments',
      organization: 'octo'
    })
    expect(settings.targets).toEqual([
      {
        scope: { kind: 'team', organization: 'octo', team: 'platform' },
        historyPath: 'copilot-metrics/team-octo-platform.json'
      },
      {
        scope: { kind: 'team', organization: 'octo', team: 'Payments' },
        historyPath: 'copilot-metrics/team-octo-Payments.json'
      }
    ])
    const placed = parse({
      scope: 'enterprise-team',
      enterprise: 'acme',
      team: 'a,b',
      'history-path': 'teams/{team}.json'
    })
    expect(placed.targets.map((t) => t.historyPath)).toEqual([
      'teams/a.json',
      'teams/b.json'
    ])
  })

  it('reads alert thresholds as percentages and ratios', () => {
    expect(
      parse({
        'alert-drop-percent': '15',
        'alert-min-utilization': '0.45',
        'alert-fail': 'true'
      }).alerts
    ).toEqual({
      dropPercent: 15,
      minUtilization: 0.45,
      fail: true
    })
    expect(
      parse({ 'alert-drop-percent': '12.5%', 'alert-min-utilization': '60%' })
        .alerts
    ).toMatchObject({
      dropPercent: 12.5,
      minUtilization: 0.6
    })
  })

  it('reads the API generation and an import file', () => {
    expect(
      parse({ api: 'legacy', 'import-path': 'data/copilotMetricsData.json' })
    ).toMatchObject({
      api: 'legacy',
      importPath: 'data/copilotMetricsData.json'
    })
  })

  it.each([
    [{ scope: 'team' }, `Input 'team' is empty: scope 'team' needs it`],
    [{ scope: 'team', team: 'a,A' }, `Input 'team' "a,A" names a team twice.`],
    [
      { scope: 'team', team: 'bad/slug' },
      `Input 'team' "bad/slug" is not a valid team slug`
    ],
    [
      { scope: 'team', team: 'a,b', 'history-path': 'one.json' },
      `Input 'history-path' "one.json" must contain {team}`
    ],
    [
      { scope: 'team', team: 'a,b', 'import-path': 'x.json' },
      `Input 'import-path' "x.json" imports into one history file`
    ],
    [{ api: 'v2' }, `Input 'api' "v2" is not one of reports, legacy.`],
    [
      { 'alert-drop-percent': '0' },
      `Input 'alert-drop-percent' "0" must be a percentage above 0 and up to 100`
    ],
    [
      { 'alert-drop-percent': 'lots' },
      `Input 'alert-drop-percent' "lots" must be a percentage`
    ],
    [
      { 'alert-min-utilization': '1.5' },
      `Input 'alert-min-utilization' "1.5" must be a ratio above 0 and up to 1`
    ],
    [
      { 'alert-min-utilization': '150%' },
      `Input 'alert-min-utilization' "150%" must be a ratio`
    ],
    [
      { 'alert-fail': 'yes' },
      `Input 'alert-fail' "yes" must be true or false.`
    ],
    [
      { 'import-path': '../outside.json' },
      `Input 'import-path' "../outside.json" is not allowed: it has a ".." segment`
    ],
    [
      { 'import-path': '/etc/passwd' },
      `Input 'import-path' "/etc/passwd" is not allowed: it is absolute`
    ]
  ])('refuses %j', (inputs, message) => {
    expect(problem(inputs)).toContain(message)
  })

  it('allows http only for loopback API URLs', () => {
    expect(parse({ 'api-url': 'http://127.0.0.1:3000' }).apiUrl).toBe(
      'http://127.0.0.1:3000'
    )
    expect(parse({ 'api-url': 'http://localhost:3000/' }).apiUrl).toBe(
      'http://localhost:3000'
    )
  })

  it('reports every bad input at once', () => {
    const message = problem({ weeks: '0', 'dry-run': 'maybe', scope: 'galaxy' })
    expect(message).toMatch(/^3 inputs are invalid:/)
    expect(message).toContain("'weeks'")
    expect(message).toContain("'dry-run'")
    expect(message).toContain("'scope'")
  })

  it('falls back to GITHUB_TOKEN from the environment for github-token, and fails without any', () => {
    const all: Partial<Record<InputName, string>> = { token: 't' }
    expect(
      parseSettings((n) => all[n] ?? '', { ...env, GITHUB_TOKEN: 'from-env' })
        .repoToken
    ).toBe('from-env')
    expect(() => parseSettings((n) => all[n] ?? '', env)).toThrow(
      /Input 'github-token' is empty/
    )
  })
})

describe('branchNameProblem', () => {
  it.each(['copilot-metrics', 'data/copilot', 'metrics_2026', 'a.b'])(
    'accepts %s',
    (name) => {
      expect(branchNameProblem(name)).toBeNull()
    }
  )
  it.each([
    'refs/heads/x',
    'has space',
    'a..b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    '-x',
    '/x',
    'x/',
    'x.',
    'x.lock',
    'a/.hidden',
    'a//b',
    'a@{b',
    'HEAD',
    'tab\there'
  ])('refuses %j', (name) => {
    expect(branchNameProblem(name)).not.toBeNull()
  })
})

describe('historyPathProblem', () => {
  it.each(['history.json', 'copilot-metrics/org-octo.json', 'a/b/c.json'])(
    'accepts %s',
    (path) => {
      expect(historyPathProblem(path)).toBeNull()
    }
  )
  it.each([
    ['../x.json', '".." segment'],
    ['a/../../x.json', '".." segment'],
    ['/etc/x.json', 'absolute'],
    ['C:/x.json', 'absolute'],
    ['.git/config.json', '.git'],
    ['a/.GIT/x.json', '.git'],
    ['.github/workflows/x.json', '.github'],
    ['a//b.json', 'empty'],
    ['./a.json', '"."'],
    ['a\\b.json', '"\\"'],
    ['%2e%2e/x.json', '"%"'],
    ['data.yml', '.json'],
    ['a\u0000.json', 'control character']
  ])('refuses %j (%s)', (path, why) => {
    expect(historyPathProblem(path)).toContain(why)
  })
})
