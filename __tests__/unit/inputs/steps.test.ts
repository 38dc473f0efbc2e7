import { describe, expect, it } from '@jest/globals'
import { parseAlerts } from '../../../src/inputs/alerts.js'
import { parseConnection } from '../../../src/inputs/connection.js'
import type { InputName } from '../../../src/inputs/names.js'
import {
  parseDataBranch,
  parseImportPath,
  parseTargets
} from '../../../src/inputs/paths.js'
import { InputReader } from '../../../src/inputs/reader.js'
import { parseScopes } from '../../../src/inputs/scope.js'

/** A reader over the given inputs; every other input is empty, as outside a runner. */
const reader = (
  values: Partial<Record<InputName, string>>,
  env: NodeJS.ProcessEnv = {}
): InputReader => new InputReader((name) => values[name] ?? '', env)

describe('InputReader', () => {
  it('applies the action.yml default to an empty input and trims values', () => {
    const inputs = reader({ weeks: '  ', 'refresh-days': ' 5 ' })
    expect(inputs.wholeNumber('weeks', { min: 1, max: 52 })).toBe(4)
    expect(inputs.wholeNumber('refresh-days', { min: 0, max: 28 })).toBe(5)
    expect(inputs.problems).toEqual([])
  })

  it('collects one problem per bad input, naming input, value and rule', () => {
    const inputs = reader({ weeks: '4.5', 'dry-run': 'yes', api: 'graphql' })
    expect(inputs.wholeNumber('weeks', { min: 1, max: 52 })).toBe(1)
    expect(inputs.boolean('dry-run')).toBe(false)
    expect(inputs.choice('api', ['reports', 'legacy'])).toBeUndefined()
    expect(inputs.problems).toEqual([
      `Input 'weeks' "4.5" must be a whole number from 1 to 52.`,
      `Input 'dry-run' "yes" must be true or false.`,
      `Input 'api' "graphql" is not one of reports, legacy.`
    ])
  })

  it('reads booleans in the three spellings YAML users write', () => {
    for (const [text, value] of [
      ['TRUE', true],
      ['True', true],
      ['false', false]
    ] as const)
      expect(reader({ 'alert-fail': text }).boolean('alert-fail')).toBe(value)
  })

  it('splits lists on commas and white space', () => {
    expect(reader({ team: ' a, b\n c ,,' }).list('team')).toEqual([
      'a',
      'b',
      'c'
    ])
  })
})

describe('parseScopes', () => {
  it('defaults the organization to the repository owner', () => {
    expect(parseScopes(reader({}), 'octo-org')).toEqual([
      { kind: 'organization', organization: 'octo-org' }
    ])
  })

  it('gives one scope per team of a list, sharing the enterprise', () => {
    const inputs = reader({
      scope: 'enterprise-team',
      enterprise: 'acme',
      team: 'web, api'
    })
    expect(parseScopes(inputs, 'owner')).toEqual([
      { kind: 'enterprise-team', enterprise: 'acme', team: 'web' },
      { kind: 'enterprise-team', enterprise: 'acme', team: 'api' }
    ])
    expect(inputs.problems).toEqual([])
  })

  it('refuses a team named twice and an enterprise scope without a slug', () => {
    const teams = reader({ scope: 'team', team: 'web,WEB' })
    parseScopes(teams, 'octo-org')
    expect(teams.problems).toEqual([
      `Input 'team' "web,WEB" names a team twice.`
    ])
    const enterprise = reader({ scope: 'enterprise' })
    parseScopes(enterprise, 'octo-org')
    expect(enterprise.problems).toEqual([
      `Input 'enterprise' is empty: scope 'enterprise' needs it.`
    ])
  })

  it('gives no scope for an unknown kind', () => {
    const inputs = reader({ scope: 'repo' })
    expect(parseScopes(inputs, 'octo-org')).toEqual([])
    expect(inputs.problems).toHaveLength(1)
  })
})

describe('parseTargets, parseDataBranch and parseImportPath', () => {
  const teams = [
    { kind: 'team', organization: 'o', team: 'web' },
    { kind: 'team', organization: 'o', team: 'api' }
  ] as const

  it('puts each team of a list in its own file through {team}', () => {
    const inputs = reader({ 'history-path': 'metrics/{team}.json' })
    expect(parseTargets(inputs, [...teams]).map((t) => t.historyPath)).toEqual([
      'metrics/web.json',
      'metrics/api.json'
    ])
  })

  it('refuses one shared path for several teams, and an import into several files', () => {
    const inputs = reader({
      'history-path': 'metrics/all.json',
      'import-path': 'old.json'
    })
    const targets = parseTargets(inputs, [...teams])
    expect(parseImportPath(inputs, targets)).toBe('old.json')
    expect(inputs.problems).toHaveLength(2)
    expect(inputs.problems[0]).toContain('must contain {team}')
    expect(inputs.problems[1]).toContain('use it with a single team')
  })

  it('defaults the data branch and refuses a ref path', () => {
    expect(parseDataBranch(reader({}))).toBe('copilot-metrics')
    const inputs = reader({ 'data-branch': 'refs/heads/x' })
    parseDataBranch(inputs)
    expect(inputs.problems[0]).toContain('without "refs/heads/"')
  })
})

describe('parseConnection', () => {
  it('falls back to the workflow environment for the repository token, repository and API', () => {
    const connection = parseConnection(
      reader(
        { token: 't' },
        {
          GITHUB_TOKEN: 'workflow-token',
          GITHUB_REPOSITORY: 'octo-org/data',
          GITHUB_API_URL: 'https://ghe.example.com/api/v3/'
        }
      )
    )
    expect(connection).toEqual({
      metricsToken: 't',
      repoToken: 'workflow-token',
      repository: { owner: 'octo-org', repo: 'data' },
      apiUrl: 'https://ghe.example.com/api/v3',
      extraDownloadHosts: []
    })
  })

  it('refuses plain http except on loopback, and malformed download hosts', () => {
    const inputs = reader({
      token: 't',
      'github-token': 'r',
      repository: 'o/r',
      'api-url': 'http://api.example.com',
      'extra-download-hosts': 'ok.example.com:8443, bad host/'
    })
    parseConnection(inputs)
    expect(inputs.problems).toHaveLength(2)
    expect(inputs.problems[0]).toContain("'api-url'")
    expect(inputs.problems[1]).toContain('"host/"')
    expect(
      parseConnection(reader({ 'api-url': 'http://127.0.0.1:9/' })).apiUrl
    ).toBe('http://127.0.0.1:9')
  })
})

describe('parseAlerts', () => {
  it('is off when empty, and reads percentages and ratios', () => {
    expect(parseAlerts(reader({}))).toEqual({
      dropPercent: null,
      minUtilization: null,
      fail: false
    })
    expect(
      parseAlerts(
        reader({
          'alert-drop-percent': '12.5%',
          'alert-min-utilization': '40%',
          'alert-fail': 'true'
        })
      )
    ).toEqual({ dropPercent: 12.5, minUtilization: 0.4, fail: true })
  })

  it('refuses a utilization above 1 and a drop of 0', () => {
    const inputs = reader({
      'alert-drop-percent': '0',
      'alert-min-utilization': '1.5'
    })
    expect(parseAlerts(inputs)).toMatchObject({
      dropPercent: null,
      minUtilization: null
    })
    expect(inputs.problems).toHaveLength(2)
  })
})
