// The edges of the merge policy: the first day of the refresh window, which
// API may replace which, and a revision of the record alone.
import { describe, expect, it } from '@jest/globals'
import type { StoredDay } from '../../../src/day/stored-day.js'
import { mergeDays } from '../../../src/history/merge.js'
import { storedDay } from '../days.js'

const legacy = (day: StoredDay): StoredDay => ({ ...day, source: 'legacy' })

describe('mergeDays policy edges', () => {
  it('replaces a revision of the first day of the refresh window', () => {
    const stored = [storedDay('2026-11-10', 10, 5)]
    const result = mergeDays(stored, [storedDay('2026-11-10', 11, 5)], {
      replaceFrom: '2026-11-10'
    })
    expect(result.updated).toEqual(['2026-11-10'])
    expect(result.days[0].summary.activeUsers).toBe(11)
  })

  it('replaces a day whose record alone was revised', () => {
    const stored = [storedDay('2026-11-10', 10, 5, null, { loc_added_sum: 1 })]
    const revised = storedDay('2026-11-10', 10, 5, null, { loc_added_sum: 2 })
    const result = mergeDays(stored, [revised], { replaceFrom: '2026-11-01' })
    expect(result.updated).toEqual(['2026-11-10'])
    expect(result.days[0].record.loc_added_sum).toBe(2)
  })

  it('never lets a revision of one API replace a day of the other', () => {
    const stored = [legacy(storedDay('2026-11-10', 10, 5))]
    const result = mergeDays(stored, [storedDay('2026-11-10', 11, 6)], {
      replaceFrom: '2026-11-01'
    })
    expect(result.updated).toEqual([])
    expect(result.days).toEqual(stored)
  })

  it('lets an import of the newer API replace a legacy day, but never a day of the same API', () => {
    const policy = { replaceFrom: null, preferNewerSource: true }
    const stored = [
      legacy(storedDay('2026-11-10', 10, 5)),
      storedDay('2026-11-11', 10, 5)
    ]
    const result = mergeDays(
      stored,
      [storedDay('2026-11-10', 12, 6), storedDay('2026-11-11', 13, 7)],
      policy
    )
    expect(result.updated).toEqual(['2026-11-10'])
    expect(result.days.map((d) => [d.source, d.summary.activeUsers])).toEqual([
      ['reports', 12],
      ['reports', 10]
    ])
    // Nor does an older API's import replace a newer day.
    const back = mergeDays(
      result.days,
      [legacy(storedDay('2026-11-10', 1, 1))],
      policy
    )
    expect(back.updated).toEqual([])
  })
})
