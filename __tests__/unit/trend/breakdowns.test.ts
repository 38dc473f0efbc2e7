import { describe, expect, it } from '@jest/globals'
import { breakdownsOfWeek } from '../../../src/trend/breakdowns.js'
import { storedDay } from '../days.js'
import { legacyStoredDay } from '../report/summary-fixtures.js'

const cg = 'code_generation_activity_count'
const ui = 'user_initiated_interaction_count'

/** A reports day whose breakdown arrays hold the given rows. */
function day(date: string, rows: Record<string, unknown[]>) {
  return storedDay(date, 10, 5, null, rows)
}

const week = { start: '2026-11-16', end: '2026-11-22' }
const previous = { start: '2026-11-09', end: '2026-11-15' }

describe('breakdownsOfWeek', () => {
  const days = [
    // The previous week: one day.
    day('2026-11-10', {
      totals_by_ide: [{ ide: 'vscode', [cg]: 10, [ui]: 10 }],
      totals_by_language_feature: [
        { language: 'python', feature: 'code_completion', [cg]: 10 }
      ],
      totals_by_feature: [{ feature: 'code_completion', [cg]: 10 }],
      totals_by_model_feature: []
    }),
    // The week: two days.
    day('2026-11-16', {
      totals_by_ide: [
        { ide: 'vscode', [cg]: 30, [ui]: 10 },
        { ide: 'intellij', [cg]: 10, [ui]: 0 }
      ],
      totals_by_language_feature: [
        { language: 'python', feature: 'code_completion', [cg]: 20 },
        { language: 'python', feature: 'chat_inline', [cg]: 5 },
        { language: 'go', feature: 'code_completion', [cg]: 15 }
      ],
      totals_by_feature: [
        { feature: 'code_completion', [cg]: 35, [ui]: 0 },
        { feature: 'chat_inline', [cg]: 5, [ui]: 10 }
      ],
      totals_by_model_feature: [
        { model: 'gpt-5.4', feature: 'chat_inline', [cg]: 5, [ui]: 10 }
      ]
    }),
    day('2026-11-17', {
      totals_by_ide: [
        { ide: 'vscode', [cg]: 20, [ui]: 10 },
        // Not a name, not a row, no activity: skipped.
        { ide: 42, [cg]: 1000 },
        null,
        { ide: 'eclipse', [cg]: 0, [ui]: 0 }
      ],
      totals_by_language_feature: [
        { language: 'go', feature: 'code_completion', [cg]: 25 }
      ],
      totals_by_feature: [{ feature: 'code_completion', [cg]: 45 }],
      totals_by_model_feature: [
        { model: 'claude-sonnet-4.6', feature: 'agent_edit', [cg]: 30 },
        { model: 'gpt-5.4', feature: 'chat_panel_agent_mode', [cg]: 1, [ui]: 4 }
      ]
    }),
    // Another source, and a reports day without arrays: both skipped.
    legacyStoredDay('2026-11-18', 10, 5),
    storedDay('2026-11-19', 10, 5)
  ]

  it('sums code generation events and prompts per name over the days that have the breakdown', () => {
    const { ides } = breakdownsOfWeek(days, week, previous)
    expect(ides).toEqual({
      kind: 'ides',
      days: 2,
      activity: 80,
      more: 0,
      items: [
        // 70 activity over 2 days = 35 a day, against 20 a day the week before.
        {
          name: 'vscode',
          activity: 70,
          share: 0.875,
          changePct: 75,
          isNew: false
        },
        {
          name: 'intellij',
          activity: 10,
          share: 0.125,
          changePct: null,
          isNew: true
        }
      ]
    })
  })

  it('groups languages over features, and models over features', () => {
    const { languages, models, features } = breakdownsOfWeek(
      days,
      week,
      previous
    )
    expect(languages?.items.map((i) => [i.name, i.activity, i.share])).toEqual([
      ['go', 40, 0.6154],
      ['python', 25, 0.3846]
    ])
    expect(languages?.items.map((i) => i.changePct)).toEqual([null, 25])
    expect(models?.items.map((i) => [i.name, i.activity])).toEqual([
      ['claude-sonnet-4.6', 30],
      ['gpt-5.4', 20]
    ])
    // The previous week had the breakdown, empty: both are new.
    expect(models?.items.every((i) => i.isNew && i.changePct === null)).toBe(
      true
    )
    expect(features?.items.map((i) => [i.name, i.activity])).toEqual([
      ['code_completion', 80],
      ['chat_inline', 15]
    ])
  })

  it('keeps the top names and counts the rest; ties are ordered by name', () => {
    const many = day('2026-11-16', {
      totals_by_ide: ['e', 'd', 'c', 'b', 'a'].map((ide) => ({ ide, [cg]: 1 }))
    })
    const { ides } = breakdownsOfWeek([many], week, previous, 3)
    expect(ides?.items.map((i) => i.name)).toEqual(['a', 'b', 'c'])
    expect(ides?.more).toBe(2)
    // Without a previous week there is nothing to call new.
    expect(ides?.items.every((i) => !i.isNew && i.changePct === null)).toBe(
      true
    )
  })

  it('is null for a breakdown no day of the week has', () => {
    expect(
      breakdownsOfWeek([legacyStoredDay('2026-11-18', 10, 5)], week, previous)
    ).toEqual({ languages: null, ides: null, features: null, models: null })
  })
})
