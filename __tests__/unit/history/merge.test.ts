import { describe, expect, it } from '@jest/globals'
import { mergeDays } from '../../../src/history/merge.js'
import { storedDay } from '../days.js'

const keepAll = { replaceFrom: null }

describe('mergeDays', () => {
  it('adds new dates in date order, whatever order they arrive in', () => {
    const stored = [
      storedDay('2026-11-10', 10, 5),
      storedDay('2026-11-12', 12, 6)
    ]
    const incoming = [
      storedDay('2026-11-13', 13, 7),
      storedDay('2026-11-11', 11, 5)
    ]
    const result = mergeDays(stored, incoming, keepAll)
    expect(result.days.map((d) => d.date)).toEqual([
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13'
    ])
    expect(result.added).toEqual(['2026-11-11', '2026-11-13'])
    expect(result.updated).toEqual([])
  })

  it('keeps a stored date outside the refresh window even when the new record differs', () => {
    const stored = [
      storedDay('2026-11-10', 10, 5),
      storedDay('2026-11-11', 11, 5)
    ]
    const result = mergeDays(stored, [storedDay('2026-11-10', 99, 99)], {
      replaceFrom: '2026-11-11'
    })
    expect(result.days[0].summary.activeUsers).toBe(10)
    expect(result.added).toEqual([])
    expect(result.updated).toEqual([])
  })

  it('replaces a revised date inside the refresh window and reports it', () => {
    const stored = [
      storedDay('2026-11-10', 10, 5),
      storedDay('2026-11-11', 11, 5)
    ]
    const result = mergeDays(stored, [storedDay('2026-11-11', 12, 6)], {
      replaceFrom: '2026-11-10'
    })
    expect(result.days[1].summary).toEqual({
      activeUsers: 12,
      engagedUsers: 6,
      weeklyActiveUsers: null
    })
    expect(result.updated).toEqual(['2026-11-11'])
  })

  it('does not count an unchanged re-fetch as an update, whatever its fetch time or key order', () => {
    const stored = [storedDay('2026-11-11', 11, 5, null, { a: 1, b: 2 })]
    const again = {
      ...storedDay('2026-11-11', 11, 5, null, { b: 2, a: 1 }),
      fetchedAt: '2026-11-20T00:00:00Z'
    }
    const result = mergeDays(stored, [again], { replaceFrom: '2026-11-01' })
    expect(result.updated).toEqual([])
    expect(result.days[0].fetchedAt).toBe(stored[0].fetchedAt)
  })

  it('is idempotent: merging the same days twice adds nothing the second time', () => {
    const incoming = [
      storedDay('2026-11-12', 12, 6),
      storedDay('2026-11-13', 13, 6)
    ]
    const once = mergeDays([storedDay('2026-11-11', 11, 5)], incoming, {
      replaceFrom: '2026-11-11'
    })
    const twice = mergeDays(once.days, incoming, { replaceFrom: '2026-11-11' })
    expect(twice.days).toEqual(once.days)
    expect(twice.added).toEqual([])
    expect(twice.updated).toEqual([])
  })

  it('never loses a stored day', () => {
    const stored = Array.from({ length: 30 }, (_, i) =>
      storedDay(`2026-10-${String(i + 1).padStart(2, '0')}`, i, i)
    )
    const result = mergeDays(stored, [storedDay('2026-10-15', 1, 1)], {
      replaceFrom: '2026-10-01'
    })
    expect(result.days).toHaveLength(30)
    expect(new Set(result.days.map((d) => d.date)).size).toBe(30)
  })

  it('refuses the same date twice in one batch', () => {
    expect(() =>
      mergeDays(
        [],
        [storedDay('2026-11-11', 1, 1), storedDay('2026-11-11', 2, 2)],
        keepAll
      )
    ).toThrow(/2026-11-11 was fetched twice/)
  })
})
