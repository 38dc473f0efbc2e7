import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { JSDOM } from 'jsdom'
import { renderSummary } from '../../../src/report/report.js'
import { storedDay } from '../days.js'
import {
  mermaidBlocks,
  reportOf,
  reportsDay,
  reportsDays
} from './summary-fixtures.js'

// The real mermaid parser, as GitHub's renderer runs it: a block that does
// not parse shows readers an error box instead of a chart.
type Mermaid = { parse: (text: string) => Promise<{ diagramType: string }> }
let mermaid: Mermaid
let dom: JSDOM

jest.setTimeout(60_000)

beforeAll(async () => {
  dom = new JSDOM('<!doctype html><html><body></body></html>')
  Object.assign(globalThis, {
    window: dom.window,
    document: dom.window.document
  })
  mermaid = (await import('mermaid')).default
})

// Jest's teardown walks what is left on globalThis, and a jsdom window is a
// cycle it does not come back from: take it away first.
afterAll(() => {
  const globals = globalThis as Record<string, unknown>
  delete globals.window
  delete globals.document
  dom.window.close()
})

const scenarios: Array<[string, () => ReturnType<typeof reportOf>]> = [
  [
    'four weeks with a gap and a partial newest week',
    () =>
      reportOf(
        reportsDays('2026-10-26', '2026-11-20', (_, i) => 20 + (i % 7), [
          '2026-11-04'
        ])
      )
  ],
  [
    '52 weeks across New Year (2026-W53)',
    () =>
      reportOf(
        reportsDays('2026-02-02', '2027-01-31', (_, i) => 5 + (i % 40)),
        {},
        52
      )
  ],
  ['a single day', () => reportOf([reportsDay('2026-11-18', 3)])],
  [
    'fractional averages and very large counts',
    () =>
      reportOf(
        ['2026-11-16', '2026-11-17', '2026-11-18'].map((d, i) =>
          storedDay(d, [10, 10, 1_000_000_001][i], [1, 2, 2][i], 4)
        )
      )
  ],
  [
    'zero users every day',
    () =>
      reportOf(
        ['2026-11-16', '2026-11-17'].map((d) => storedDay(d, 0, 0, null))
      )
  ]
]

describe('mermaid charts of the job summary', () => {
  it.each(scenarios)(
    'every block parses as an xychart: %s',
    async (_name, build) => {
      const blocks = mermaidBlocks(renderSummary(build(), 'full'))
      expect(blocks).toHaveLength(2)
      for (const block of blocks)
        await expect(mermaid.parse(block)).resolves.toMatchObject({
          diagramType: 'xychart'
        })
    }
  )

  it('the parser used here does reject a broken chart (so the test above can fail)', async () => {
    const [block] = mermaidBlocks(
      renderSummary(reportOf([reportsDay('2026-11-18', 3)]), 'full')
    )
    await expect(
      mermaid.parse(block.replace(/bar \[[^\]]*\]/, 'bar [1, null]'))
    ).rejects.toThrow(/Parse error/)
    await expect(
      mermaid.parse(block.replace(/bar \[[^\]]*\]/, 'bar [1e21]'))
    ).rejects.toThrow(/Parse error/)
  })
})
