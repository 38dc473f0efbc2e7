import { describe, expect, it } from '@jest/globals'
import {
  HistoryFileError,
  emptyHistory,
  parseHistory,
  serializeHistory
} from '../../../src/history/file.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { storedDay } from '../days.js'

const scope: Scope = { kind: 'organization', organization: 'octo' }
const where = 'h.json on branch b'

describe('history file', () => {
  it('round-trips through serialize and parse, one day per line', () => {
    const history = {
      ...emptyHistory(scope, 'reports'),
      days: [storedDay('2026-11-10', 3, 2), storedDay('2026-11-11', 4, 1, 6)]
    }
    const text = serializeHistory(history)
    expect(
      text.split('\n').filter((line) => line.startsWith('    {"date"'))
    ).toHaveLength(2)
    expect(parseHistory(text, where, scope)).toEqual(history)
    expect(JSON.parse(text)).toEqual(history)
  })

  it('serializes an empty history as valid JSON', () => {
    const text = serializeHistory(emptyHistory(scope, 'reports'))
    expect(JSON.parse(text)).toEqual({
      schemaVersion: 1,
      scope,
      source: 'reports',
      days: []
    })
  })

  it('keeps fields it does not know (written by a newer minor version or sent by GitHub)', () => {
    const history = JSON.parse(
      serializeHistory({
        ...emptyHistory(scope, 'reports'),
        days: [storedDay('2026-11-10', 3, 2)]
      })
    )
    history.note = 'kept'
    history.days[0].extra = { nested: true }
    history.days[0].summary.futureMetric = 7
    const parsed = parseHistory(JSON.stringify(history), where, scope)
    expect(JSON.parse(serializeHistory(parsed))).toEqual(history)
  })

  it('matches the scope case-insensitively (logins are)', () => {
    const text = serializeHistory(
      emptyHistory({ kind: 'organization', organization: 'Octo' }, 'reports')
    )
    expect(() => parseHistory(text, where, scope)).not.toThrow()
  })

  it.each([
    [
      'not JSON',
      '{"schemaVersion": 1,\n  "days": [}',
      /is not valid JSON \(Unexpected token/
    ],
    [
      'the wrong shape',
      '{"schemaVersion":1,"scope":{"kind":"organization","organization":"octo"},"source":"reports","days":{}}',
      /failed validation: days: /
    ],
    [
      'a day without counts',
      JSON.stringify({
        schemaVersion: 1,
        scope,
        source: 'reports',
        days: [
          {
            date: '2026-11-10',
            source: 'reports',
            fetchedAt: 'x',
            summary: {},
            record: {}
          }
        ]
      }),
      /days\[0\]\.summary\.activeUsers/
    ],
    [
      'a newer schema',
      JSON.stringify({ schemaVersion: 2, scope, source: 'reports', days: [] }),
      /newer version of this Action \(schemaVersion 2/
    ],
    [
      'another scope',
      serializeHistory(
        emptyHistory({ kind: 'enterprise', enterprise: 'acme' }, 'reports')
      ),
      /holds the enterprise acme, not the organization octo/
    ],
    [
      'a bad date',
      JSON.stringify({
        schemaVersion: 1,
        scope,
        source: 'reports',
        days: [{ ...storedDay('2026-11-10', 1, 1), date: '2026-11-31' }]
      }),
      /YYYY-MM-DD/
    ]
  ])(
    'refuses %s, naming the file and how to repair it',
    (_what, text, message) => {
      let error: unknown
      try {
        parseHistory(text, where, scope)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(HistoryFileError)
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).toContain(where)
      expect((error as Error).message).toContain('Nothing was written')
    }
  )

  it('refuses duplicate and unsorted dates', () => {
    const base = emptyHistory(scope, 'reports')
    const duplicate = JSON.stringify({
      ...base,
      days: [storedDay('2026-11-10', 1, 1), storedDay('2026-11-10', 1, 1)]
    })
    const unsorted = JSON.stringify({
      ...base,
      days: [storedDay('2026-11-11', 1, 1), storedDay('2026-11-10', 1, 1)]
    })
    expect(() => parseHistory(duplicate, where, scope)).toThrow(
      /date 2026-11-10 is stored twice/
    )
    expect(() => parseHistory(unsorted, where, scope)).toThrow(
      /not sorted: 2026-11-10 follows 2026-11-11/
    )
  })
})
