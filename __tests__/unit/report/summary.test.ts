import { describe, expect, it } from '@jest/globals'
import { dayRange } from '../../../src/common/dates.js'
import { renderSummaries, renderSummary } from '../../../src/report/report.js'
import { evaluateAlerts } from '../../../src/trend/alerts.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { seatsEntry, storedDay } from '../days.js'
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
      '**Latest full week, 2026-W46 (Nov 9 – Nov 15, 2026):** **22** average daily active users (▲\u00a010% vs 2026-W45), **11** engaged (▲\u00a010%), **50%** of active users engaged, **33** weekly active users.'
    ])
  })

  it('puts the charts right after the headline, each with a legend line naming its colours', () => {
    const after = lines(text).slice(4, 7)
    expect(after[0]).toBe('```mermaid')
    expect(after[1]).toContain('"plotColorPalette":"#1f6feb, #e36209"')
    expect(text).toContain(
      '<sub>Blue bars: average daily active users; orange line: average daily engaged users. &#42; partial week: fewer than 7 days of data, its average covers only those days.</sub>'
    )
    expect(text.indexOf('```mermaid')).toBeLessThan(text.indexOf('| Week |'))
  })

  it('has an adoption table, newest first, with no change for a partial week, and the activity table folded', () => {
    expect(text).toContain(
      [
        '| Week | Days | Active | Δ | Engaged | Δ | Engaged share | Weekly active |',
        '|---|--:|--:|--:|--:|--:|--:|--:|',
        '| 2026-W47&#42; | 3/7 | 25 | – | 12 | – | 48% | 36 |',
        '| 2026-W46 | 7/7 | 22 | ▲\u00a010% | 11 | ▲\u00a010% | 50% | 33 |',
        '| 2026-W45 | 7/7 | 20 | – | 10 | – | 50% | 30 |'
      ].join('\n')
    )
    expect(text).toContain(
      [
        '<details>',
        '<summary>Activity per week: acceptance rate, lines added, prompts, code review and cloud agent users</summary>',
        '',
        '| Week | Acceptance rate | Lines added/day | Prompts/day | Code review users | Cloud agent users |',
        '|---|--:|--:|--:|--:|--:|',
        '| 2026-W47&#42; | 25% | 300 | 40 | 3 | 2 |',
        '| 2026-W46 | 25% | 600 | 40 | 3 | 2 |',
        '| 2026-W45 | 25% | 300 | 40 | 3 | 2 |',
        '',
        '</details>'
      ].join('\n')
    )
  })

  it('charts weekly averages and daily users with short labels, the partial week marked', () => {
    const [weekly, daily] = mermaidBlocks(text)
    expect(weekly).toContain('x-axis "ISO week" ["W45", "W46", "W47*"]')
    expect(weekly).toContain('bar [20, 22, 25]')
    expect(daily).toContain(
      'x-axis "Day (UTC), Nov 2 – Nov 18, 2026" ["Nov 2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18"]'
    )
    expect(daily).toContain(
      'line [10, 10, 10, 10, 10, 10, 10, 11, 11, 11, 11, 11, 11, 11, 12, 12, 12]'
    )
    for (const chart of [weekly, daily])
      expect(chart).not.toContain('labelRotation')
  })

  it('leaves a day without data off the daily chart instead of drawing a zero', () => {
    const days = threeWeeks().filter((d) => d.date !== '2026-11-11')
    const [, daily] = mermaidBlocks(renderSummary(reportOf(days), 'full'))
    expect(daily).toContain('"10", "12"')
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
        '| # | Language | Share | Δ | IDE | Share | Δ |',
        '|--:|---|--:|--:|---|--:|--:|',
        '| 1 | python | 70% | 0% | vscode | 64.29% | 0% |',
        '| 2 | c&#43;&#43; | 30% | 0% | intellij | 35.71% | 0% |',
        '',
        '| # | Feature | Share | Δ | Model | Share | Δ |',
        '|--:|---|--:|--:|---|--:|--:|',
        '| 1 | Chat&#58; agent | 50% | 0% | gpt-5&#46;4 | 100% | 0% |',
        '| 2 | Code completion | 50% | 0% |  |  |  |'
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
    expect(summary).toMatch(/^\| 2026-W24 \| 7\/7 \|/m)
    expect(summary).toMatch(/^\| 2026-W25 ¹ \| 7\/7 \|/m)
    expect(summary).toMatch(/^\| 2026-W27 ² \| 7\/7 \|/m)
    expect(summary).toMatch(/^\| 2026-W31 ³ \| 7\/7 \|/m)
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
        '| Week | Days | Active | Δ | Engaged | Δ | Engaged share |',
        '|---|--:|--:|--:|--:|--:|--:|',
        '| 2026-W11 | 7/7 | 30 | 0% | 20 | 0% | 66.67% |',
        '| 2026-W10 | 7/7 | 30 | – | 20 | – | 66.67% |'
      ].join('\n')
    )
    // No activity figure in any week: no activity table.
    expect(text).not.toContain('Activity per week')
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
      '| Week | Days | Active | Δ | Engaged | Δ | Engaged share | Weekly active |'
    )
    expect(text).toContain('| 2026-W13 | 7/7 | 30 | – | 20 | – | 66.67% | – |')
    expect(text).toContain(
      '| 2026-W14 | 7/7 | 30 | 0% | 21 | ▲\u00a05% | 70% | 40 |'
    )
    expect(text).toContain('| Week | Acceptance rate |')
    expect(text).toContain('| 2026-W13 | – |')
    expect(text).toContain('| 2026-W14 | 25% |')
  })

  it('falls back to the newest week, said to be partial, when no week is full', () => {
    const days = ['2026-11-16', '2026-11-17'].map((d) =>
      storedDay(d, 10, 4, 12)
    )
    expect(lines(renderSummary(reportOf(days), 'full'))[2]).toBe(
      '**Newest week, 2026-W47 (Nov 16 – Nov 22, 2026; partial: 2 of 7 days):** **10** average daily active users, **4** engaged, **40%** of active users engaged, **12** weekly active users. No week of the table has 7 days of data yet.'
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
  it('is the headline and the adoption table only: no charts, activity, breakdowns, notes or footnote markers', () => {
    const days = dayRange('2026-06-08', '2026-06-21').map((date) =>
      reportsDay(date, 20)
    )
    const report = reportOf(days, { pending: ['2026-06-22'] })
    const text = renderSummary(report, 'compact')
    expect(text).not.toContain('```mermaid')
    expect(text).not.toContain('### Top')
    expect(text).not.toContain('### Data notes')
    expect(text).not.toContain('¹')
    expect(text).not.toContain('Activity per week')
    expect(text).toMatch(/^\| 2026-W25 \| 7\/7 \|/m)
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
    const row = lines(text).find((line) =>
      line.startsWith('| 1 | Chat&#58; agent |')
    )!
    // Cut to 20 characters in the table, whole in the note under it.
    expect(row).toContain(
      '| &#60;img src&#61;x&#62;&#124;&#91;a&#93;&#40;htt…ᵃ | 100% |'
    )
    expect(text).toContain(
      'Full names: ᵃ &#60;img src&#61;x&#62;&#124;&#91;a&#93;&#40;https&#58;//e&#46;x&#41; &#64;o &#58;t&#58; &#36;x&#36; &#96;c&#96; &#124; i &#124;.'
    )
    for (const raw of ['<img', '](', '@o ', ':t:', '$x$', '`c`'])
      expect(text).not.toContain(raw)
    // Still one row per rank, with the same number of cells as the header.
    const header = lines(text).find((line) =>
      line.startsWith('| # | Feature |')
    )!
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

describe('renderSummary, more than 8 weeks', () => {
  it('shows the newest 8 weeks and folds the older ones, both tables', () => {
    const days = dayRange('2026-08-03', '2026-11-18').map((date) =>
      reportsDay(date, 20)
    )
    const text = renderSummary(reportOf(days, {}, 16), 'full')
    const rows = (from: number, to: number) =>
      lines(text.slice(from, to)).filter((line) => /^\| 2026-W/.test(line))
    const folded = text.indexOf('<summary>8 older weeks, 2026-W32 to 2026-W39')
    const activity = text.indexOf('<summary>Activity per week')
    expect(folded).toBeGreaterThan(activity)
    const inView = rows(0, activity)
    expect(inView.map((row) => row.slice(2, 10))).toEqual(
      ['47', '46', '45', '44', '43', '42', '41', '40'].map((w) => `2026-W${w}`)
    )
    // The older weeks, newest first, in the adoption and the activity table.
    const older = rows(folded, text.length)
    expect(older).toHaveLength(16)
    expect(older[0]).toMatch(/^\| 2026-W39 \| 7\/7 \| 20 \|/)
    expect(older[7]).toMatch(/^\| 2026-W32 \| 7\/7 \| 20 \|/)
  })
})

describe('renderSummary, seats and alerts', () => {
  it('lists each alert as an item of the warning block, and shows utilization in the headline and the table', () => {
    const days = dayRange('2026-11-02', '2026-11-18').map((date) =>
      reportsDay(date, date < '2026-11-09' ? 40 : 20)
    )
    const seats = ['2026-11-02', '2026-11-09', '2026-11-16'].map((date) =>
      seatsEntry(date, 100, '2026-01-01T00:00:00.000Z')
    )
    const trend = weeklyTrend(days, 4, seats)
    const text = renderSummary(
      reportOf(days, {
        trend,
        alerts: evaluateAlerts(trend, { dropPercent: 20, minUtilization: 0.5 })
      })
    )
    expect(lines(text).slice(2, 6)).toEqual([
      '> [!WARNING]',
      '> - Average daily active users fell 50% in 2026-W46 &#40;alert at a fall of 20% or more&#41;&#46;',
      '> - Seat utilization was 20% in 2026-W46&#58; 20 average daily active users for 100 seats &#40;alert below 50%&#41;&#46;',
      ''
    ])
    expect(lines(text)[6]).toContain('**20%** seat utilization (100 seats).')
    expect(text).toContain(
      '| Week | Days | Active | Δ | Engaged | Δ | Engaged share | Weekly active | Utilization |'
    )
    expect(text).toContain('| 20% of\u00a0100 |')
  })
})

describe('renderSummaries, several teams', () => {
  const team = (slug: string, report: ReturnType<typeof reportOf>) => ({
    ...report,
    scope: { kind: 'team' as const, organization: 'octo', team: slug }
  })

  it('opens with a comparison of the teams, then folds each team; a team without data says one thing', () => {
    const text = renderSummaries([
      team('platform', reportOf(threeWeeks())),
      team(
        'tiny',
        reportOf([], { belowThreshold: ['2026-11-17', '2026-11-18'] })
      )
    ])
    expect(lines(text).slice(0, 6)).toEqual([
      '## Copilot usage: 2 teams',
      '',
      '| Team | Week | Days | Active | Δ | Engaged share | Weekly active | Status |',
      '|---|---|--:|--:|--:|--:|--:|---|',
      '| platform | 2026-W46 | 7/7 | 22 | ▲\u00a010% | 50% | 33 | ok |',
      '| tiny | – | – | – | – | – | – | no data |'
    ])
    expect(text).toContain('<summary><b>platform</b>: ok</summary>')
    expect(text).toContain('<summary><b>tiny</b>: no data</summary>')
    // Said once, not also as "no data yet".
    expect(text.match(/five-seat threshold/g)).toHaveLength(1)
    expect(text).not.toContain('No data yet')
    expect(text.match(/```mermaid/g)).toHaveLength(2)
  })

  it('is the single summary for one team', () => {
    const report = team('platform', reportOf(threeWeeks()))
    expect(renderSummaries([report])).toBe(renderSummary(report))
  })
})
