import { dayRange } from '../../../src/common/dates.js'
import { dayFigures } from '../../../src/day/day-summary.js'
import { weeklyTrend } from '../../../src/trend/weekly-trend.js'
import { storedDay } from '../days.js'
import { describe, expect, it } from '@jest/globals'
import {
  DEFINITION_BREAKS,
  breaksBetween
} from '../../../src/trend/definition-breaks.js'
import {
  chartNumber,
  dailyChart,
  dayLabels,
  monthlySeries,
  weeklyChart,
  type ChartDay
} from '../../../src/report/summary/charts.js'
import { dateRuns } from '../../../src/report/summary/data-notes.js'
import {
  codeSpan,
  dateRange,
  escapeText,
  footnoteMarker,
  formatChange,
  formatShare,
  formatWhole
} from '../../../src/report/summary/markdown.js'

describe('escapeText', () => {
  it('leaves plain names readable', () => {
    expect(escapeText('claude-sonnet 4')).toBe('claude-sonnet 4')
  })

  it('turns every markdown and HTML character into an entity and line breaks into spaces', () => {
    expect(escapeText('a|b<c>*d_[e](f)\r\ng\u2028h')).toBe(
      'a&#124;b&#60;c&#62;&#42;d&#95;&#91;e&#93;&#40;f&#41; g h'
    )
  })

  it('cuts long names with an ellipsis, counting characters, not UTF-16 units', () => {
    expect(escapeText('abcdefgh', 5)).toBe('abcd…')
    expect(escapeText('😀😀😀😀😀😀', 3)).toBe('😀😀…')
    expect(escapeText('abcde', 5)).toBe('abcde')
  })
})

describe('codeSpan', () => {
  it('fences with more backticks than the text holds', () => {
    expect(codeSpan('a/b.json')).toBe('`a/b.json`')
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('`a')).toBe('`` `a ``')
  })
})

describe('formatting', () => {
  it('shows changes with arrows, shares as percentages and volumes whole', () => {
    expect([
      formatChange(5.5),
      formatChange(-0.25),
      formatChange(0),
      formatChange(null)
    ]).toEqual(['▲\u00a05.5%', '▼\u00a00.25%', '0%', '–'])
    expect([formatShare(0.7662), formatShare(null)]).toEqual(['76.62%', '–'])
    expect([formatWhole(3529.43), formatWhole(null)]).toEqual(['3,529', '–'])
  })

  it('names the year once within a year, and both years across New Year', () => {
    expect(dateRange('2026-11-09', '2026-11-15')).toBe('Nov 9 – Nov 15, 2026')
    expect(dateRange('2026-12-28', '2027-01-03')).toBe(
      'Dec 28, 2026 – Jan 3, 2027'
    )
  })

  it('lists dates as runs', () => {
    expect(
      dateRuns(['2026-11-22', '2026-11-20', '2026-11-21', '2026-11-25'])
    ).toBe('2026-11-20 – 2026-11-22, 2026-11-25')
    expect(dateRuns([])).toBe('')
  })

  it('uses superscript footnote markers', () => {
    expect([footnoteMarker(1), footnoteMarker(5), footnoteMarker(12)]).toEqual([
      '¹',
      '⁵',
      '¹²'
    ])
  })
})

const figures = {
  activeUsers: 0,
  engagedUsers: 0,
  weeklyActiveUsers: null,
  codeGenerations: null,
  codeAcceptances: null,
  locAdded: null,
  interactions: null,
  codeReviewUsers: null,
  cloudAgentUsers: null
}

describe('chart values and labels', () => {
  it('writes numbers the xychart grammar accepts: never an exponent or NaN', () => {
    expect(
      [46.2, 0, 1_000_000_001, 1e-7, 2.5e21, Number.NaN].map(chartNumber)
    ).toEqual(['46.2', '0', '1000000001', '0', '2500000000000000000000', '0'])
  })

  it('labels days short: the month on the first day and where it changes, else the day number', () => {
    expect(
      dayLabels(['2026-10-30', '2026-10-31', '2026-11-02', '2026-11-03'])
    ).toEqual(['Oct 30', '31', 'Nov 2', '3'])
  })

  it('charts the last 28 days only, whatever the window', () => {
    const days: ChartDay[] = dayRange('2026-09-01', '2026-11-30').map(
      (date, i) => ({ date, figures: { ...figures, activeUsers: i } })
    )
    const chart = dailyChart(days)
    const axis = /x-axis "([^"]*)" \[(.*)\]/.exec(chart)!
    expect(axis[1]).toBe('Day (UTC), Nov 3 – Nov 30, 2026')
    expect(axis[2].split(', ')).toHaveLength(28)
    expect(chart).toContain('bar [63, 64,')
  })

  it('groups by month with a label per month, the year on January, partial months marked and repeated names kept apart', () => {
    const days: ChartDay[] = dayRange('2025-11-10', '2026-12-03').map(
      (date) => ({
        date,
        figures: { ...figures, activeUsers: Number(date.slice(5, 7)) }
      })
    )
    const { labels, bars } = monthlySeries(days)
    expect(labels[0]).toBe('Nov*')
    expect(labels.slice(1, 4)).toEqual(['Dec', 'Jan ’26', 'Feb'])
    expect(labels.at(-2)).toBe('Nov')
    expect(labels.at(-1)).toBe('Dec*')
    expect(bars.slice(0, 3)).toEqual([11, 12, 1])
    // Equal labels would share one bar: the chart keeps them apart with an invisible word joiner.
    const history = dayRange('2024-11-25', '2026-11-18').map((date) =>
      storedDay(date, 10, 5)
    )
    const chart = weeklyChart(
      weeklyTrend(history, 104),
      history.map((day) => ({ date: day.date, figures: dayFigures(day) }))
    )
    const axis = JSON.parse(/x-axis "[^"]*" (\[.*\])/.exec(chart)![1])
    expect(axis).toHaveLength(25)
    expect(new Set(axis).size).toBe(25)
    expect(axis.filter((l: string) => l.startsWith('Dec'))).toEqual([
      'Dec',
      'Dec\u2060'
    ])
  })
})

describe('breaksBetween', () => {
  it('keeps the breaks dated in the window, both ends included', () => {
    expect(
      breaksBetween('2026-06-15', '2026-07-02').map((b) => b.date)
    ).toEqual(['2026-06-15', '2026-07-02'])
    expect(breaksBetween('2026-06-16', '2026-07-01')).toEqual([])
  })

  it('lists the known breaks oldest first', () => {
    const dates = DEFINITION_BREAKS.map((b) => b.date)
    expect(dates).toEqual([...dates].sort())
    expect(dates).toEqual([
      '2026-04-10',
      '2026-06-15',
      '2026-07-02',
      '2026-07-28',
      '2026-10-06'
    ])
  })
})
