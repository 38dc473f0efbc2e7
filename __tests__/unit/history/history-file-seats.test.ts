// The seats series of the history file, and a file saved with a byte order mark.
import { describe, expect, it } from '@jest/globals'
import type { SeatsEntry } from '../../../src/day/stored-day.js'
import {
  emptyHistory,
  parseHistory,
  serializeHistory
} from '../../../src/history/file.js'
import type { Scope } from '../../../src/inputs/settings.js'
import { storedDay } from '../days.js'

const scope: Scope = { kind: 'organization', organization: 'octo' }
const where = 'h.json on branch b'

function seatsOn(date: string, total: number): SeatsEntry {
  return {
    date,
    fetchedAt: `${date}T03:00:00.000Z`,
    summary: {
      total,
      activeThisCycle: 3,
      inactiveThisCycle: 1,
      pendingInvitation: 0,
      pendingCancellation: 0,
      addedThisCycle: 1
    },
    record: { seat_breakdown: { total } }
  }
}

const history = {
  ...emptyHistory(scope, 'reports'),
  days: [storedDay('2026-11-10', 3, 2)],
  seats: [seatsOn('2026-11-10', 4), seatsOn('2026-11-11', 5)]
}

describe('history file seats', () => {
  it('writes and reads the seats, one entry per line after the days', () => {
    const text = serializeHistory(history)
    expect(JSON.parse(text)).toEqual(history)
    expect(parseHistory(text, where, scope)).toEqual(history)
    expect(
      text.split('\n').filter((line) => line.startsWith('    {"date"'))
    ).toHaveLength(3)
  })

  it('refuses seats stored twice for a date or out of order', () => {
    const twice = JSON.stringify({
      ...history,
      seats: [seatsOn('2026-11-10', 4), seatsOn('2026-11-10', 5)]
    })
    const unsorted = JSON.stringify({
      ...history,
      seats: [seatsOn('2026-11-11', 4), seatsOn('2026-11-10', 5)]
    })
    expect(() => parseHistory(twice, where, scope)).toThrow(
      /seats\[1\]\.date: date 2026-11-10 is stored twice/
    )
    expect(() => parseHistory(unsorted, where, scope)).toThrow(
      /seats\[1\]\.date: dates are not sorted/
    )
  })

  it('reads a file saved with a byte order mark', () => {
    const text = `\uFEFF${serializeHistory(history)}`
    expect(parseHistory(text, where, scope)).toEqual(history)
  })
})
