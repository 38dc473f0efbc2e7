import { describe, expect, it } from '@jest/globals'
import { dayRange } from '../../../src/common/dates.js'
import { renderSummary } from '../../../src/report/report.js'
import { storedDay } from '../days.js'
import {
  legacyStoredDay,
  mermaidBlocks,
  reportOf,
  reportsDay
} from './summary-fixtures.js'
import { threeWeeks } from './summary-scenario.js'

const lines = (text: string): string[] => text.split('\n')

describe('renderSummary, full', () => {
  const report = reportOf(threeWeeks(), {
    pending: ['2026-11-19', '2026-11-20'],
    updated: ['2026-11-17']
  })
  const text = renderSummary(report, 'full')

  it('opens with the latest full week: averages, week-over-week change, engaged share and weekly active users', () => {
    expect(lines(text).slice(0, 3)).toEqual([
      '## Copilot usage: organization octo',
      '',
      '**Latest full week, 2026-W46 (Nov 9 – Nov 15, 2026):** **22** average daily active users (▲ 10% vs 2026-W45), **11** engaged (▲ 10%), **50%** of active users engaged, **33** weekly active users.'
    ])
  })

  it('has the weekly table with acceptance rate, lines added, interactions, code review and cloud agent users', () => {
    expect(text).toContain(
      [
        '| Week | Dates | Days with data | Avg active users | Δ | Avg engaged users | Δ | Engaged share | Weekly active users | Acceptance rate | Avg lines added | Avg interactions | Avg code review users | Avg cloud agent users |',
        '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
        '| 2026-W45 | Nov 2 – Nov 8 | 7/7 | 20 | – | 10 | – | 50% | 30 | 25% | 300 | 40 | 3 | 2 |',
        '| 2026-W46 | Nov 9 – Nov 15 | 7/7 | 22 | ▲ 10% | 11 | ▲ 10% | 50% | 33 | 25% | 600 | 40 | 3 | 2 |',
        '| 2026-W47 (partial) | Nov 16 – Nov 22 | 3/7 | 25 | ▲ 13.64% | 12 | ▲ 9.09% | 48% | 36 | 25% | 300 | 40 | 3 | 2 |'
      ].join('\n')
    )
  })

  it('charts weekly averages and daily users, one label per ISO week and per day', () => {
    const [weekly, daily] = mermaidBlocks(text)
    expect(weekly).toContain('x-axis ["2026-W45", "2026-W46", "2026-W47"]')
    expect(weekly).toContain('bar [20, 22, 25]')
    expect(daily).toContain(
      'x-axis "Day (UTC)" ["Mon 2026-11-02", "Tue 2026-11-03", "Wed 2026-11-04", "Thu 2026-11-05", "Fri 2026-11-06", "Sat 2026-11-07", "Sun 2026-11-08", "Mon 2026-11-09", "Tue 2026-11-10", "Wed 2026-11-11", "Thu 2026-11-12", "Fri 2026-11-13", "Sat 2026-11-14", "Sun 2026-11-15", "Mon 2026-11-16", "Tue 2026-11-17", "Wed 2026-11-18"]'
    )
    expect(daily).toContain(
      'line [10, 10, 10, 10, 10, 10, 10, 11, 11, 11, 11, 11, 11, 11, 12, 12, 12]'
    )
    expect(text).toContain(
      '<sub>Bars: average daily active users. Line: average daily engaged users. 2026-W47 is partial (3 of 7 days): its averages cover only those days.</sub>'
    )
  })

  it('leaves a day without data off the daily chart instead of drawing a zero', () => {
    const days = threeWeeks().filter((d) => d.date !== '2026-11-11')
    const [, daily] = mermaidBlocks(renderSummary(reportOf(days), 'full'))
    expect(daily).toContain('"Tue 2026-11-10", "Thu 2026-11-12"')
    expect(daily).toContain(
      'bar [20, 20, 20, 20, 20, 20, 20, 22, 22, 22, 22, 22, 22, 25, 25, 25]'
    )
    expect(daily).not.toMatch(/\b0,/)
  })

  it('ranks languages, IDEs, features and models of the latest full week, with share and change', () => {
    expect(text).toContain(
      [
        '### Top languages, IDEs, features and models, 2026-W46',
        '',
        '| # | Language | Share | Δ | IDE | Share | Δ | Feature | Share | Δ | Model | Share | Δ |',
        '|--:|---|--:|--:|---|--:|--:|---|--:|--:|---|--:|--:|',
        '| 1 | python | 70% | 0% | vscode | 64.29% | 0% | Chat&#58; agent | 50% | 0% | gpt-5&#46;4 | 100% | 0% |',
        '| 2 | c&#43;&#43; | 30% | 0% | intellij | 35.71% | 0% | Code completion | 50% | 0% |  |  |  |'
      ].join('\n')
    )
    expect(text).toContain('Δ: activity per day against 2026-W45.</sub>')
  })

  it('notes pending days, revised days and partial weeks', () => {
    expect(text).toContain(
      [
        '### Data notes',
        '',
        '- **Not published by GitHub yet:** 2026-11-19 – 2026-11-20. GitHub publishes a day about two days after it ends; the next run fetches them.',
        '- **Revised by GitHub:** 2026-11-17, replaced in the history by this run.',
        '- **Partial weeks:** 2026-W47 (3 of 7 days; no data for Nov 19 – Nov 22). Averages are per day with data; the daily chart leaves days without data out rather than drawing them as zero.'
      ].join('\n')
    )
  })

  it('marks definition breaks in the window on their week and explains them as footnotes', () => {
    const days = dayRange('2026-06-08', '2026-08-02').map((date) =>
      storedDay(date, 10, 5, 12)
    )
    const summary = renderSummary(reportOf(days, {}, 9), 'full')
    expect(summary).toMatch(/^\| 2026-W24 \| Jun 8 – Jun 14 \| 7\/7 \|/m)
    expect(summary).toMatch(/^\| 2026-W25 ¹ \| Jun 15 – Jun 21 \| 7\/7 \|/m)
    expect(summary).toMatch(/^\| 2026-W27 ² \| Jun 29 – Jul 5 \| 7\/7 \|/m)
    expect(summary).toMatch(/^\| 2026-W31 ³ \| Jul 27 – Aug 2 \| 7\/7 \|/m)
    expect(summary).toContain(
      [
        '- ¹ **2026-06-15** (2026-W25): Server-side telemetry adds active users that IDE telemetry missed: daily active users step up.',
        '- ² **2026-07-02** (2026-W27): Accuracy fixes: lines suggested by Copilot CLI are counted, and server-side users are attributed to IDEs.',
        '- ³ **≈ 2026-07-28** (2026-W31): Users of the Copilot app are counted in daily active users.'
      ].join('\n')
    )
    // Outside the window: not mentioned.
    expect(summary).not.toContain('2026-04-10')
    expect(summary).not.toContain('2026-10-06')
  })
})

describe('renderSummary, figures the data does not have', () => {
  it('drops every column that is empty for every week (a legacy-API history)', () => {
    const days = dayRange('2026-03-02', '2026-03-15').map((date) =>
      legacyStoredDay(date, 30, 20)
    )
    const text = renderSummary(reportOf(days), 'full')
    expect(text).toContain(
      [
        '| Week | Dates | Days with data | Avg active users | Δ | Avg engaged users | Δ | Engaged share |',
        '|---|---|--:|--:|--:|--:|--:|--:|',
        '| 2026-W10 | Mar 2 – Mar 8 | 7/7 | 30 | – | 20 | – | 66.67% |',
        '| 2026-W11 | Mar 9 – Mar 15 | 7/7 | 30 | 0% | 20 | 0% | 66.67% |'
      ].join('\n')
    )
    // No breakdowns to rank: the legacy records are never read as reports records.
    expect(text).not.toContain('### Top')
    expect(text).toContain(
      '**Latest full week, 2026-W11 (Mar 9 – Mar 15, 2026):** **30** average daily active users (0% vs 2026-W10), **20** engaged (0%), **66.67%** of active users engaged.'
    )
  })

  it('shows a column when some week has the figure, with "–" for the weeks that do not', () => {
    const days = [
      ...dayRange('2026-03-23', '2026-03-29').map((date) =>
        legacyStoredDay(date, 30, 20)
      ),
      ...dayRange('2026-03-30', '2026-04-05').map((date) =>
        storedDay(date, 30, 21, 40, {
          code_generation_activity_count: 200,
          code_acceptance_activity_count: 50
        })
      )
    ]
    const text = renderSummary(reportOf(days), 'full')
    expect(text).toContain(
      '| Week | Dates | Days with data | Avg active users | Δ | Avg engaged users | Δ | Engaged share | Weekly active users | Acceptance rate |'
    )
    expect(text).toContain(
      '| 2026-W13 | Mar 23 – Mar 29 | 7/7 | 30 | – | 20 | – | 66.67% | – | – |'
    )
    expect(text).toContain(
      '| 2026-W14 | Mar 30 – Apr 5 | 7/7 | 30 | 0% | 21 | ▲ 5% | 70% | 40 | 25% |'
    )
  })

  it('falls back to the newest week, said to be partial, when no week is full', () => {
    const days = ['2026-11-16', '2026-11-17'].map((d) =>
      storedDay(d, 10, 4, 12)
    )
    expect(lines(renderSummary(reportOf(days), 'full'))[2]).toBe(
      '**Newest week, 2026-W47 (Nov 16 – Nov 22, 2026; partial: 2 of 7 days):** **10** average daily active users (no data for 2026-W46 to compare with), **4** engaged, **40%** of active users engaged, **12** weekly active users. No week of the table has 7 days of data yet.'
    )
  })

  it('gives both years for a week across New Year', () => {
    const days = dayRange('2026-12-28', '2027-01-03').map((d) =>
      storedDay(d, 10, 4, 12)
    )
    expect(lines(renderSummary(reportOf(days), 'full'))[2]).toMatch(
      /^\*\*Latest full week, 2026-W53 \(Dec 28, 2026 – Jan 3, 2027\):\*\*/
    )
  })
})

describe('renderSummary, compact', () => {
  it('is the headline and the weekly table only: no charts, breakdowns, notes or footnote markers', () => {
    const days = dayRange('2026-06-08', '2026-06-21').map((date) =>
      reportsDay(date, 20)
    )
    const report = reportOf(days, { pending: ['2026-06-22'] })
    const text = renderSummary(report, 'compact')
    expect(text).not.toContain('```mermaid')
    expect(text).not.toContain('### Top')
    expect(text).not.toContain('### Data notes')
    expect(text).not.toContain('¹')
    expect(text).toMatch(/^\| 2026-W25 \| Jun 15 – Jun 21 \| 7\/7 \|/m)
    expect(lines(text)[2]).toMatch(/^\*\*Latest full week, 2026-W25 /)
    expect(text).toContain('**History:** 0 days added')
    // The full summary of the same report has all of it.
    const full = renderSummary(report, 'full')
    for (const part of ['```mermaid', '### Top', '### Data notes', 'W25 ¹'])
      expect(full).toContain(part)
  })
})

describe('renderSummary, size', () => {
  it('stays far under the 1 MiB GitHub allows a step summary, with 52 weeks of data', () => {
    const days = dayRange('2025-11-24', '2026-11-22').map((date, i) =>
      reportsDay(date, 30 + (i % 9))
    )
    const text = renderSummary(reportOf(days, {}, 52), 'full')
    expect(mermaidBlocks(text)).toHaveLength(2)
    expect(Buffer.byteLength(text)).toBeLessThan(100_000)
  })

  it('falls back to the compact form, then to the run line, rather than exceed the limit', () => {
    const report = reportOf(threeWeeks())
    const full = renderSummary(report, 'full')
    const compact = renderSummary(report, 'compact')
    expect(renderSummary(report, 'full', Buffer.byteLength(full))).toBe(full)
    expect(renderSummary(report, 'full', Buffer.byteLength(full) - 1)).toBe(
      compact
    )
    expect(renderSummary(report, 'full', Buffer.byteLength(compact) - 1)).toBe(
      [
        '## Copilot usage: organization octo',
        '',
        '**History:** 0 days added, 0 updated (revised by GitHub), 0 pending, 17 stored in `copilot-metrics/organization-octo.json` on branch `copilot-metrics`. Nothing changed, so nothing was committed.',
        ''
      ].join('\n')
    )
  })
})

describe('renderSummary, escaping report data', () => {
  it('renders names from the reports as text: no HTML, link, mention, table cell or line break', () => {
    // Under the 60-character cut, so every character reaches the table.
    const hostile = '<img src=x>|[a](https://e.x) @o :t: $x$ `c`\n| i |'
    const days = threeWeeks().map((day) => ({
      ...day,
      record: {
        ...day.record,
        totals_by_model_feature: [
          {
            model: hostile,
            feature: 'chat_inline',
            code_generation_activity_count: 5
          }
        ]
      }
    }))
    const text = renderSummary(reportOf(days), 'full')
    const row = lines(text).find((line) => line.startsWith('| 1 |'))!
    expect(row).toContain(
      '| &#60;img src&#61;x&#62;&#124;&#91;a&#93;&#40;https&#58;//e&#46;x&#41; &#64;o &#58;t&#58; &#36;x&#36; &#96;c&#96; &#124; i &#124; | 100% |'
    )
    for (const raw of ['<img', '](', '@o ', ':t:', '$x$', '`c`'])
      expect(text).not.toContain(raw)
    // Still one row per rank, with the same number of cells as the header.
    const header = lines(text).find((line) => line.startsWith('| # |'))!
    expect(row.split(' | ')).toHaveLength(header.split(' | ').length)
  })

  it('shows the history path and branch as code, whatever they hold', () => {
    const text = renderSummary(
      reportOf(threeWeeks(), {
        historyPath: 'metrics/a_b`c.json',
        dataBranch: 'data_branch'
      }),
      'compact'
    )
    expect(text).toContain(
      'stored in ``metrics/a_b`c.json`` on branch `data_branch`'
    )
  })
})
