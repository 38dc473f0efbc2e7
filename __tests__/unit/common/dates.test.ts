import { describe, expect, it } from '@jest/globals'
import {
  addDays,
  dayRange,
  daysBetween,
  isIsoDate,
  isoWeek,
  monthOf,
  monthsBefore
} from '../../../src/common/dates.js'

describe('dates', () => {
  it('validates calendar dates, not just the shape', () => {
    expect(isIsoDate('2026-02-28')).toBe(true)
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2026-13-01')).toBe(false)
    expect(isIsoDate('2026-1-01')).toBe(false)
  })

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2025-12-25', '2026-01-04')).toBe(10)
    expect(dayRange('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02'
    ])
    expect(dayRange('2026-01-02', '2026-01-01')).toEqual([])
  })

  it.each([
    // [day, label, Monday, Sunday]
    ['2026-11-23', '2026-W48', '2026-11-23', '2026-11-29'],
    ['2026-11-22', '2026-W47', '2026-11-16', '2026-11-22'],
    // ISO week-year differs from the calendar year around New Year.
    ['2027-01-01', '2026-W53', '2026-12-28', '2027-01-03'],
    ['2025-12-29', '2026-W01', '2025-12-29', '2026-01-04'],
    ['2021-01-03', '2020-W53', '2020-12-28', '2021-01-03'],
    ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-05']
  ])('puts %s in ISO week %s', (day, label, start, end) => {
    expect(isoWeek(day)).toEqual({ label, start, end })
  })
})

describe('months', () => {
  it("names a day's month and counts months across years either way", () => {
    expect(monthOf('2026-03-31')).toBe('2026-03')
    expect(monthsBefore('2026-01', 1)).toBe('2025-12')
    expect(monthsBefore('2026-03', 14)).toBe('2025-01')
    expect(monthsBefore('2025-12', -1)).toBe('2026-01')
    expect(monthsBefore('2026-11', 0)).toBe('2026-11')
  })
})
