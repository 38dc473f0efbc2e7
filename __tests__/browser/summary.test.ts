import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { Browser, Page } from 'playwright-core'
import { renderSummaries, renderSummary } from '../../src/report/report.js'
import { PALETTE } from '../../src/report/summary/charts.js'
import {
  CHART_BUDGET_MS,
  MERMAID_VERSIONS,
  findChromium,
  mermaidBuild,
  renderInPage,
  type SummaryMeasure
} from '../support/summary-browser.js'
import { alertsReport, teamReports, weeksReport } from './summary-scenarios.js'

// The job summary as GitHub shows it: GitHub-flavoured Markdown in a 1000 px
// column, each chart drawn by mermaid 10.9 and by the newest 11.x in
// headless Chromium. See docs/job-summary-rendering.md.

jest.setTimeout(300_000)

const chromium = findChromium()

const scenarios: Array<[string, () => string]> = [
  ['4 weeks', () => renderSummary(weeksReport(4))],
  ['52 weeks', () => renderSummary(weeksReport(52))],
  ['104 weeks', () => renderSummary(weeksReport(104))],
  ['alerts with seats', () => renderSummary(alertsReport())],
  ['5 teams', () => renderSummaries(teamReports())],
  [
    'summary: compact, 52 weeks',
    () => renderSummary(weeksReport(52), 'compact')
  ]
]

/** The x-axis labels of each mermaid block, as written in the markdown. */
const axisLabels = (markdown: string): string[][] =>
  [...markdown.matchAll(/^ {2}x-axis "[^"]*" (\[.*\])$/gm)].map(
    (match) => JSON.parse(match[1]) as string[]
  )

if (!chromium) {
  describe('job summary in Chromium', () => {
    it('is skipped: Chromium is not installed', () => {
      process.stderr.write(
        'Browser test of the job summary skipped: no Chromium at CHROMIUM_PATH or /usr/bin/chromium (Debian: apt-get install -y chromium).\n'
      )
      expect(chromium).toBeNull()
    })
  })
} else {
  describe.each(Object.entries(MERMAID_VERSIONS))(
    'job summary in Chromium, %s',
    (version, pkg) => {
      let browser: Browser
      let page: Page
      beforeAll(async () => {
        const { chromium: launcher } = await import('playwright-core')
        browser = await launcher.launch({ executablePath: chromium })
        page = await browser.newPage()
      })
      afterAll(async () => {
        await browser?.close()
      })

      it(`draws with ${pkg} ${mermaidBuild(pkg).version}`, () => {
        expect(mermaidBuild(pkg).version).toMatch(
          version === 'mermaid 10.9' ? /^10\.9\./ : /^11\./
        )
      })

      it.each(scenarios)('%s', async (name, build) => {
        const markdown = build()
        const measure: SummaryMeasure = await renderInPage(page, markdown, {
          mermaid: pkg
        })
        const report = {
          name,
          tables: measure.tables.map((t) => t.scrollWidth),
          charts: measure.charts.map((c) => Math.round(c.ms))
        }
        // Every table fits the 1000 px column: no sideways scroll, no cell broken over lines.
        expect(measure.tables.length).toBeGreaterThan(0)
        for (const table of measure.tables) {
          expect([table.header, table.scrollWidth]).toEqual([
            table.header,
            table.clientWidth
          ])
          expect(table.scrollWidth).toBeLessThanOrEqual(1000)
        }
        expect(measure.wrappedCells).toEqual([])
        // Every chart draws, within budget, with every x-axis label and no two overlapping.
        const expected = axisLabels(markdown)
        expect(measure.charts).toHaveLength(expected.length)
        measure.charts.forEach((chart, i) => {
          expect(chart.error).toBeUndefined()
          expect(chart.labels).toHaveLength(expected[i].length)
          expect(chart.overlaps).toEqual([])
          expect(chart.ms).toBeLessThan(CHART_BUDGET_MS)
          expect(chart.fills).toEqual([PALETTE.bar, PALETTE.line])
        })
        // What a reader sees holds no raw entity such as &#46; or &amp;.
        expect(measure.text).not.toMatch(/&#?[0-9a-z]+;/i)
        expect(measure.text).toContain('Copilot usage')
        process.stdout.write(`${version}: ${JSON.stringify(report)}\n`)
      })

      it('puts the alert block first under the heading, one list item per alert', async () => {
        const markdown = renderSummary(alertsReport())
        const measure = await renderInPage(page, markdown, { mermaid: pkg })
        expect(measure.firstAfterHeading).toBe(
          'div.markdown-alert markdown-alert-warning'
        )
        expect(
          await page.locator('.markdown-alert li').allTextContents()
        ).toEqual([
          expect.stringMatching(/^Average daily active users fell \d/),
          expect.stringMatching(/^Seat utilization was \d/)
        ])
      })

      it('keeps the palette in the dark theme', async () => {
        const measure = await renderInPage(
          page,
          renderSummary(weeksReport(4)),
          { mermaid: pkg, theme: 'dark' }
        )
        for (const chart of measure.charts)
          expect(chart.fills).toEqual([PALETTE.bar, PALETTE.line])
      })
    }
  )
}
