import { describe, expect, it } from '@jest/globals'
import { emptyHistory, serializeHistory } from '../../../src/history/file.js'
import { parseImportFile } from '../../../src/history/import-file.js'
import { mergeDays } from '../../../src/history/merge.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { storedDay } from '../days.js'

const scope: Scope = { kind: 'organization', organization: 'octo' }
const legacy = (date: string, active = 5, engaged = 2) => ({
  date,
  total_active_users: active,
  total_engaged_users: engaged
})

describe('parseImportFile', () => {
  it("reads the guide's array of legacy days, sorted, as legacy days", () => {
    const days = parseImportFile(
      JSON.stringify([legacy('2024-11-08', 7, 3), legacy('2024-11-07')]),
      'f.json',
      scope,
      'now'
    )
    expect(
      days.map((d) => [
        d.date,
        d.source,
        d.summary.activeUsers,
        d.summary.engagedUsers
      ])
    ).toEqual([
      ['2024-11-07', 'legacy', 5, 2],
      ['2024-11-08', 'legacy', 7, 3]
    ])
  })

  it('tolerates an exact repeat of a day, refuses a conflicting one', () => {
    expect(
      parseImportFile(
        JSON.stringify([legacy('2024-11-07'), legacy('2024-11-07')]),
        'f.json',
        scope,
        'now'
      )
    ).toHaveLength(1)
    expect(() =>
      parseImportFile(
        JSON.stringify([legacy('2024-11-07'), legacy('2024-11-07', 9)]),
        'f.json',
        scope,
        'now'
      )
    ).toThrow(
      'The import file f.json, entry 2: date 2024-11-07 is already in entry 1 with other values.'
    )
  })

  it('reads a history file of this Action, checking its scope', () => {
    const history = {
      ...emptyHistory(scope, 'reports'),
      days: [storedDay('2026-11-10', 3, 1)]
    }
    expect(
      parseImportFile(serializeHistory(history), 'h.json', scope, 'now')
    ).toEqual(history.days)
    expect(() =>
      parseImportFile(
        serializeHistory(history),
        'h.json',
        { kind: 'enterprise', enterprise: 'x' },
        'now'
      )
    ).toThrow(
      /given in import-path, h\.json, holds the organization octo.*Nothing was committed/
    )
  })

  it.each([
    ['not JSON', '[{', /is not valid JSON/],
    [
      'broken JSON, with where',
      '[\n  {"date": "2024-11-07",,}\n]',
      /is not valid JSON \(.* at line 2, column 25\)/
    ],
    [
      'another shape',
      '{"days": []}',
      /neither a JSON array of days .* nor a history file/
    ],
    [
      'a day without counts',
      JSON.stringify([{ date: '2024-11-07' }]),
      /entry 1: total_active_users is missing/
    ],
    [
      'a bad date',
      JSON.stringify([legacy('2024-13-07')]),
      /entry 1: date: expected a YYYY-MM-DD date/
    ]
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseImportFile(text, 'f.json', scope, 'now')).toThrow(message)
  })
})

describe('merging imports and mixed generations', () => {
  const legacyDay = {
    ...storedDay('2026-03-30', 9, 9),
    source: 'legacy' as const
  }

  it('keeps stored days on import, except that a reports day replaces a legacy one', () => {
    const reportsDay = storedDay('2026-03-30', 10, 8)
    const kept = mergeDays([reportsDay], [legacyDay], {
      replaceFrom: null,
      preferNewerSource: true
    })
    expect(kept.days).toEqual([reportsDay])
    const replaced = mergeDays([legacyDay], [reportsDay], {
      replaceFrom: null,
      preferNewerSource: true
    })
    expect(replaced.days).toEqual([reportsDay])
    expect(replaced.updated).toEqual(['2026-03-30'])
  })

  it('never lets a revision of one API rewrite a day of the other', () => {
    const result = mergeDays([legacyDay], [storedDay('2026-03-30', 10, 8)], {
      replaceFrom: '2026-03-01'
    })
    expect(result.days).toEqual([legacyDay])
    expect(result.updated).toEqual([])
  })
})
