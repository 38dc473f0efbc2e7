import { describe, expect, it } from '@jest/globals'
import {
  historyIndex,
  parseHistoryIndex,
  type HistoryIndex
} from '../../../src/dashboard/history-index.js'
import {
  changedFiles,
  dashboardFiles,
  gitBlobSha,
  pageConfig
} from '../../../src/dashboard/render.js'
import { InputError } from '../../../src/common/errors.js'
import { dashboardChanges } from '../../../src/dashboard/branch-files.js'
import type { DataBranchStore } from '../../../src/history/data-branch.js'
import { parseSettings, type InputName } from '../../../src/inputs/settings.js'
import { DEFINITION_BREAKS } from '../../../src/trend/definition-breaks.js'

const parse = (inputs: Partial<Record<InputName, string>>) =>
  parseSettings(
    (name) => ({ token: 't', 'github-token': 'g', ...inputs })[name] ?? '',
    { GITHUB_REPOSITORY: 'octo/data', GITHUB_REPOSITORY_OWNER: 'octo' }
  )

describe('inputs dashboard and dashboard-path', () => {
  it('is on by default at the branch root, off with false, and takes a folder', () => {
    expect(parse({}).dashboard).toEqual({ dir: '' })
    expect(parse({ dashboard: 'false' }).dashboard).toBeNull()
    expect(parse({ 'dashboard-path': './site/metrics/' }).dashboard).toEqual({
      dir: 'site/metrics'
    })
  })

  it.each([
    ['../up', /dashboard-path.*"\.\."/],
    ['/abs', /dashboard-path.*absolute/],
    ['.github/pages', /dashboard-path.*\.github/],
    ['a//b', /dashboard-path.*empty/]
  ])('refuses dashboard-path %s, naming the input', (path, message) => {
    expect(() => parse({ 'dashboard-path': path })).toThrow(InputError)
    expect(() => parse({ 'dashboard-path': path })).toThrow(message)
  })

  it('refuses a dashboard value that is not a boolean', () => {
    expect(() => parse({ dashboard: 'yes' })).toThrow(
      /Input 'dashboard' "yes" must be true or false/
    )
  })
})

const org = { kind: 'organization', organization: 'octo' } as const
const team = (name: string) =>
  ({ kind: 'team', organization: 'octo', team: name }) as const

describe('historyIndex', () => {
  it('lists the histories of the tree and of this commit, with their labels, organizations first', () => {
    const previous: HistoryIndex = {
      schemaVersion: 1,
      histories: [
        {
          path: 'custom/payments.json',
          label: 'team octo/payments',
          scope: team('payments')
        },
        {
          path: 'gone.json',
          label: 'team octo/gone',
          scope: team('gone')
        }
      ]
    }
    const index = historyIndex(
      [
        'custom/payments.json',
        'copilot-metrics/enterprise-team-acme-core.json',
        'copilot-metrics/organization-octo.json',
        'copilot-metrics/notes/readme.json',
        'histories.json',
        'index.html'
      ],
      [
        { path: 'copilot-metrics/team-octo-mobile.json', scope: team('mobile') }
      ],
      previous,
      'histories.json'
    )
    expect(index.histories.map((h) => [h.path, h.label])).toEqual([
      ['copilot-metrics/organization-octo.json', 'organization octo'],
      [
        'copilot-metrics/enterprise-team-acme-core.json',
        'enterprise team acme-core'
      ],
      ['copilot-metrics/team-octo-mobile.json', 'team octo/mobile'],
      ['custom/payments.json', 'team octo/payments']
    ])
    expect(index.histories[2].scope).toEqual(team('mobile'))
  })

  it('labels a history this run writes by its scope, over an older label', () => {
    const index = historyIndex(
      ['copilot-metrics/organization-octo.json'],
      [{ path: 'copilot-metrics/organization-octo.json', scope: org }],
      null,
      'histories.json'
    )
    expect(index.histories).toEqual([
      {
        path: 'copilot-metrics/organization-octo.json',
        label: 'organization octo',
        scope: org
      }
    ])
  })

  it('reads back what it wrote, and rebuilds from nothing when the old index is unreadable', () => {
    const index = historyIndex([], [{ path: 'a.json', scope: org }], null, 'x')
    expect(parseHistoryIndex(JSON.stringify(index))).toEqual(index)
    expect(parseHistoryIndex('{ not json')).toBeNull()
    expect(
      parseHistoryIndex('{"schemaVersion": 2, "histories": []}')
    ).toBeNull()
    expect(parseHistoryIndex(null)).toBeNull()
  })
})

describe('dashboardFiles and changedFiles', () => {
  const index = historyIndex(
    [],
    [{ path: 'copilot-metrics/organization-octo.json', scope: org }],
    null,
    'histories.json'
  )

  it('renders the page, its script, stylesheet, uPlot and the index into the folder, with the way back to the root', () => {
    const root = dashboardFiles('', index)
    expect(root.map((f) => f.path).sort()).toEqual([
      'dashboard.css',
      'dashboard.js',
      'histories.json',
      'index.html',
      'uPlot.iife.min.js',
      'uPlot.min.css'
    ])
    expect(
      JSON.parse(root.find((f) => f.path === 'histories.json')!.text).root
    ).toBe('')
    const nested = dashboardFiles('site/metrics', index)
    expect(nested.map((f) => f.path)).toContain('site/metrics/index.html')
    const nestedIndex = JSON.parse(
      nested.find((f) => f.path === 'site/metrics/histories.json')!.text
    )
    expect(nestedIndex.root).toBe('../../')
    expect(nestedIndex.histories[0].path).toBe(
      'copilot-metrics/organization-octo.json'
    )
  })

  it('puts the definition breaks into the page, so page and job summary agree, and asks for no other host', () => {
    const html = dashboardFiles('', index).find(
      (f) => f.path === 'index.html'
    )!.text
    const config =
      /<script id="config" type="application\/json">(.*?)<\/script>/s.exec(html)
    expect(JSON.parse(config![1])).toEqual(
      JSON.parse(JSON.stringify(pageConfig()))
    )
    expect(JSON.parse(config![1]).definitionBreaks).toHaveLength(
      DEFINITION_BREAKS.length
    )
    for (const file of dashboardFiles('', index))
      expect([
        file.path,
        /(?:src|href)=["']?(?:https?:)?\/\//.test(file.text)
      ]).toEqual([file.path, false])
    expect(html).toContain('uPlot.iife.min.js')
    const uplot = dashboardFiles('', index).find(
      (f) => f.path === 'uPlot.iife.min.js'
    )!.text
    expect(uplot).toMatch(/^\/\*! uPlot v1\.6\.\d+[\s\S]*The MIT License/)
  })

  it('commits only the files whose content differs from the branch', () => {
    expect(gitBlobSha('hello\n')).toBe(
      'ce013625030ba8dba906f756967f9e9ca394464a'
    )
    const files = dashboardFiles('', index)
    const tree = new Map(files.map((f) => [f.path, gitBlobSha(f.text)]))
    expect(changedFiles(files, tree)).toEqual([])
    const another = historyIndex(
      ['copilot-metrics/organization-octo.json'],
      [{ path: 'copilot-metrics/team-octo-a.json', scope: team('a') }],
      null,
      'histories.json'
    )
    expect(
      changedFiles(dashboardFiles('', another), tree).map((f) => f.path)
    ).toEqual(['histories.json'])
    expect(changedFiles(files, new Map()).map((f) => f.path)).toHaveLength(6)
  })
})

describe('dashboardChanges', () => {
  /** A data branch holding `files` (path → text), read the way DataBranchStore reads it. */
  const branch = (files: Record<string, string>) => {
    const byPath = new Map(
      Object.entries(files).map(([path, text]) => [path, gitBlobSha(text)])
    )
    const bySha = new Map(
      Object.values(files).map((text) => [gitBlobSha(text), text])
    )
    return {
      listFiles: () => Promise.resolve(byPath),
      readBlob: (sha: string) => Promise.resolve(bySha.get(sha)!)
    } as unknown as DataBranchStore
  }

  it('keeps the labels of the previous index and writes only what changed', async () => {
    const previous = dashboardFiles(
      '',
      historyIndex(
        [],
        [{ path: 'custom/p.json', scope: team('payments') }],
        null,
        'histories.json'
      )
    )
    const store = branch({
      'custom/p.json': '{}',
      ...Object.fromEntries(previous.map((f) => [f.path, f.text]))
    })
    const files = await dashboardChanges(store, 'tree', { dir: '' }, [
      { scope: org, historyPath: 'copilot-metrics/organization-octo.json' }
    ])
    expect(files.map((f) => f.path)).toEqual(['histories.json'])
    expect(
      JSON.parse(files[0].text).histories.map((h: { label: string }) => h.label)
    ).toEqual(['organization octo', 'team octo/payments'])
  })

  it('never overwrites a history that sits where a dashboard file would go', async () => {
    const files = await dashboardChanges(branch({}), null, { dir: '' }, [
      { scope: org, historyPath: 'histories.json' }
    ])
    expect(files.map((f) => f.path)).not.toContain('histories.json')
    expect(files.map((f) => f.path)).toContain('index.html')
  })
})

describe('dashboardChanges on a branch GitHub cannot list at once', () => {
  it('leaves the dashboard alone rather than fail the history', async () => {
    const store = {
      listFiles: () => Promise.resolve(null)
    } as unknown as DataBranchStore
    expect(
      await dashboardChanges(store, 'tree', { dir: '' }, [
        { scope: org, historyPath: 'copilot-metrics/organization-octo.json' }
      ])
    ).toEqual([])
  })
})
