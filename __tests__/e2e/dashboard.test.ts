// The dashboard in a real browser: the bundled Action writes it to the data
// branch of the fake GitHub for an organization and three teams holding 400
// days of history; a static server on 127.0.0.1 serves that branch and
// headless Chromium opens the page.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { chromium, type Browser, type Page } from 'playwright-core'
import { seedReports } from '../support/sample-data.js'
import {
  generatedHistory,
  serveBranch,
  type Served
} from './dashboard-helpers.js'
import {
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub
} from './helpers.js'

/** A history's monthly shards sit next to its index; these checks are about the rest. */
const withoutShards = (paths: readonly string[]): string[] =>
  paths.filter((path) => !path.endsWith('.jsonl'))

jest.setTimeout(180_000)

/* eslint-disable @typescript-eslint/no-explicit-any -- code evaluated in the page: the tests compile without the DOM library */
/** The page's globals, inside page.evaluate. */
declare const document: any
declare const performance: {
  getEntriesByName(name: string): { startTime: number }[]
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium)
  console.log(`dashboard browser test skipped: no Chromium at ${CHROMIUM}`)
const describeBrowser = hasChromium ? describe : describe.skip

const BRANCH = 'copilot-metrics'
const TEAMS = ['payments', 'platform', 'mobile'] // slugs the fake's user-teams report knows
/** Pixels of each chart's first series colour: the series were drawn, not just the axes. */
function seriesPixels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure[data-chart]')].map((figure: any) => {
      const canvas = figure.querySelector('canvas')
      const color = (figure.dataset.colors ?? '').split(' ')[0]
      if (!canvas || !color) return { id: figure.dataset.chart, pixels: 0 }
      const [r, g, b] = [1, 3, 5].map((i) =>
        parseInt(color.slice(i, i + 2), 16)
      )
      const data = canvas
        .getContext('2d')!
        .getImageData(0, 0, canvas.width, canvas.height).data
      let pixels = 0
      for (let i = 0; i < data.length; i += 4)
        if (
          data[i + 3] > 200 &&
          Math.abs(data[i] - r) < 40 &&
          Math.abs(data[i + 1] - g) < 40 &&
          Math.abs(data[i + 2] - b) < 40
        )
          pixels++
      return { id: figure.dataset.chart, pixels }
    })
  )
}

const tableCells = (page: Page) =>
  page.$$eval('#table tr', (rows) =>
    rows.map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')
    )
  )

const gh = useFakeGitHub()

describe('the dashboard on the data branch', () => {
  const names = freshNames('dash')
  const org = names.org
  const teamPath = (team: string) => `copilot-metrics/team-${org}-${team}.json`

  /** The paths of the last tree the Action created: what its commit wrote. */
  const lastTreePaths = () =>
    (
      gh.requests
        .filter(
          (r) =>
            r.method === 'POST' && r.path === `/repos/${names.repo}/git/trees`
        )
        .at(-1)?.body as { tree: { path: string }[] }
    ).tree
      .map((entry) => entry.path)
      .sort()

  it('is committed with the histories, lists every history of the branch, and is left out when switched off', async () => {
    const repo = gh.repo(names.repo)
    const seeded: Record<string, string> = {
      [`copilot-metrics/organization-${org}.json`]: JSON.stringify(
        generatedHistory(
          { kind: 'organization', organization: org },
          40,
          1,
          true
        )
      )
    }
    TEAMS.forEach((team, i) => {
      seeded[teamPath(team)] = JSON.stringify(
        generatedHistory(
          { kind: 'team', organization: org, team },
          12 + 4 * i,
          i + 2,
          false
        )
      )
    })
    repo.commitFiles(BRANCH, seeded)
    seedReports(gh, `orgs/${org}`, { from: day(-6), to: day(-2) })

    // The organization's run of the matrix, then the teams' run.
    const first = await runAction({ inputs: inputs(gh, names) })
    expect(first.errors).toEqual([])
    expect(first.code).toBe(0)
    for (const file of [
      'index.html',
      'dashboard.js',
      'dashboard.css',
      'uPlot.iife.min.js',
      'uPlot.min.css',
      'histories.json'
    ])
      expect(repo.readFile(BRANCH, file)).not.toBeNull()
    // One commit holds the new days and the page.
    expect(repo.log(BRANCH)).toHaveLength(2)
    const afterFirst = JSON.parse(repo.readFile(BRANCH, 'histories.json')!)
    expect(afterFirst.histories.map((h: { path: string }) => h.path)).toEqual([
      `copilot-metrics/organization-${org}.json`,
      ...[...TEAMS].sort().map(teamPath)
    ])

    const second = await runAction({
      inputs: inputs(gh, names, { scope: 'team', team: TEAMS.join(',') })
    })
    expect(second.errors).toEqual([])
    const index = JSON.parse(repo.readFile(BRANCH, 'histories.json')!)
    expect(index.histories).toHaveLength(4)
    expect(index.histories[0].label).toBe(`organization ${org}`)
    expect(
      index.histories.slice(1).map((h: { label: string }) => h.label)
    ).toEqual([...TEAMS].sort().map((team) => `team ${org}/${team}`))
    expect(repo.log(BRANCH)).toHaveLength(3)
    // Only the list of histories changed: the page's own files are not written again.
    expect(withoutShards(lastTreePaths())).toEqual(
      ['histories.json', ...TEAMS.map(teamPath)].sort()
    )

    // A night that only adds a day leaves the dashboard as it is.
    seedReports(gh, `orgs/${org}`, { from: day(-1), to: day(-1) })
    const third = await runAction({ inputs: inputs(gh, names) })
    expect(third.outputs['days-added']).toBe('1')
    expect(withoutShards(lastTreePaths())).toEqual([
      `copilot-metrics/organization-${org}.json`
    ])

    // dashboard: false, on another branch: the history only.
    const off = await runAction({
      inputs: inputs(gh, names, { dashboard: 'false', 'data-branch': 'plain' })
    })
    expect(off.code).toBe(0)
    expect(withoutShards(repo.listFiles('plain'))).toEqual([
      `copilot-metrics/organization-${org}.json`
    ])
  })

  describeBrowser('in headless Chromium', () => {
    let browser: Browser
    let served: Served
    let page: Page
    const consoleErrors: string[] = []
    const requested: string[] = []
    /** Milliseconds from navigation to the first chart painted, by the page's own mark. */
    const paints: number[] = []

    beforeAll(async () => {
      const repo = gh.repo(names.repo)
      served = await serveBranch((path) => repo.readFile(BRANCH, path))
      browser = await chromium.launch({ executablePath: CHROMIUM })
      const context = await browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1280, height: 900 }
      })
      page = await context.newPage()
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text())
      })
      page.on('pageerror', (error) => consoleErrors.push(error.message))
      page.on('request', (request) => requested.push(request.url()))
      // The best of three loads: one slow load on a busy machine says little.
      for (let load = 0; load < 3; load++) {
        await page.goto(`${served.url}/index.html`)
        await page.waitForSelector('body[data-ready]')
        paints.push(
          await page.evaluate(
            () =>
              performance.getEntriesByName('dashboard-first-paint')[0].startTime
          )
        )
      }
    })
    afterAll(async () => {
      await browser?.close()
      await served?.close()
    })

    it('paints within a second with 400 days of 4 histories, and draws every chart', async () => {
      const best = Math.min(...paints)
      // A timing says nothing on a machine running several times more work than it has cores.
      const load = loadavg()[0] / availableParallelism()
      console.log(
        `dashboard first paint: ${paints.map(Math.round).join(', ')} ms (best ${Math.round(best)} ms; load ${load.toFixed(1)} per core)`
      )
      expect(best < 1000 || load > 2).toBe(true)
      const charts = await seriesPixels(page)
      expect(charts.map((c) => c.id)).toEqual([
        'users-daily',
        'users-weekly',
        'acceptance',
        'lines',
        'interactions',
        'agents',
        'seats',
        'top-languages',
        'top-ides',
        'top-features',
        'top-models',
        'compare'
      ])
      for (const chart of charts)
        expect([chart.id, chart.pixels > 50]).toEqual([chart.id, true])
      // The comparison has a line per history.
      expect(
        await page.$eval(
          'figure[data-chart=compare]',
          (f: any) => f.dataset.colors.split(' ').length
        )
      ).toBe(4)
      if (process.env.UPDATE_SCREENSHOT) {
        mkdirSync('docs/images', { recursive: true })
        // The controls and the first three rows of charts: the README's picture.
        await page.screenshot({
          path: 'docs/images/dashboard.png',
          clip: { x: 0, y: 0, width: 1280, height: 1330 }
        })
      }
    })

    it('shows a team picked in the picker with the figures of its own history file', async () => {
      const path = teamPath('platform')
      await page.selectOption('#scope', path)
      await page.waitForFunction(
        (label) =>
          !document.body.dataset.busy &&
          document.getElementById('status').textContent.startsWith(label),
        `team ${org}/platform`
      )
      const history = readHistory(gh, names.repo, path, BRANCH)!
      const byDate = new Map<
        string,
        { summary: { activeUsers: number; engagedUsers: number } }
      >(history.days.map((d) => [d.date, d]))
      const [header, ...rows] = await tableCells(page)
      expect(header.slice(0, 3)).toEqual([
        'Date',
        'Active users',
        'Engaged users'
      ])
      expect(rows.length).toBeGreaterThan(300)
      // Days the file lacks are empty rows, never zeros.
      const expected = rows.map(([date]) => {
        const stored = byDate.get(date)
        return stored
          ? [
              date,
              String(stored.summary.activeUsers),
              String(stored.summary.engagedUsers)
            ]
          : [date, '', '']
      })
      expect(rows.map((row) => row.slice(0, 3))).toEqual(expected)
      expect(rows.filter(([date]) => byDate.has(date)).length).toBeGreaterThan(
        300
      )
      expect(rows.filter(([date]) => !byDate.has(date)).length).toBeGreaterThan(
        0
      )
      // Teams have no seats: that chart says so instead of drawing nothing.
      expect(
        await page.$eval(
          'figure[data-chart=seats]',
          (f: any) => f.dataset.empty
        )
      ).toBe('true')
    })

    it('narrows the table to the selected range, and downloads the same rows as CSV', async () => {
      const to = await page.inputValue('#to')
      const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000)
        .toISOString()
        .slice(0, 10)
      await page.fill('#from', from)
      await page.waitForFunction(
        (date) =>
          !document.body.dataset.busy &&
          document.querySelector('#table tbody tr td')?.textContent === date,
        from
      )
      const cells = await tableCells(page)
      expect(cells).toHaveLength(1 + 30)
      expect(cells[1][0]).toBe(from)
      expect(cells[30][0]).toBe(to)

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#csv')
      ])
      const csv = readFileSync(await download.path(), 'utf8')
      expect(
        csv
          .trimEnd()
          .split('\n')
          .map((line) => line.split(','))
      ).toEqual(cells)
      expect(download.suggestedFilename()).toBe(
        `copilot-metrics-team-${org}-platform-${from}-${to}.csv`
      )
    })

    it('works from a folder (dashboard-path), reaching the histories through histories.json', async () => {
      const run = await runAction({
        inputs: inputs(gh, names, {
          'data-branch': 'nested',
          'dashboard-path': 'site/metrics',
          'backfill-days': '5'
        })
      })
      expect(run.errors).toEqual([])
      const repo = gh.repo(names.repo)
      const nested = await serveBranch((path) => repo.readFile('nested', path))
      try {
        const other = await browser.newPage()
        const errors: string[] = []
        other.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text())
        })
        await other.goto(`${nested.url}/site/metrics/`)
        await other.waitForSelector('body[data-ready]')
        expect(await other.textContent('#status')).toMatch(
          new RegExp(`^organization ${org}: [1-5] days stored`)
        )
        expect(nested.requests).toContain(
          `copilot-metrics/organization-${org}.json`
        )
        expect(errors).toEqual([])
        await other.close()
      } finally {
        await nested.close()
      }
    })

    it('logs no error and requests nothing beyond its own server', () => {
      expect(consoleErrors).toEqual([])
      const outside = requested.filter(
        (url) => !url.startsWith(`${served.url}/`) && !url.startsWith('blob:')
      )
      expect(outside).toEqual([])
      expect(served.requests).toEqual(
        expect.arrayContaining([
          'histories.json',
          `copilot-metrics/organization-${org}.json`,
          teamPath('mobile')
        ])
      )
    })
  })
})
