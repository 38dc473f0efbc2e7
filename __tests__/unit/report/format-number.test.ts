import { describe, expect, it } from '@jest/globals'
import { formatNumber } from '../../../src/report/summary/markdown.js'

const intl = (value: number): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: 2 })

describe('formatNumber', () => {
  it('matches toLocaleString en-US with two fraction digits on edge values', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      0.5,
      0.005,
      0.015,
      1.005,
      2.675,
      0.125,
      0.995,
      9.995,
      -0.001,
      -0.004,
      -0.005,
      999.999,
      1000,
      1234567.891,
      -1234567.895,
      1e12 + 0.5,
      33.333333,
      66.666666,
      100,
      12.1,
      1e-7,
      1e21,
      NaN,
      Infinity,
      -Infinity,
      Number.MAX_SAFE_INTEGER
    ]
    for (const value of values)
      expect([value, formatNumber(value)]).toEqual([value, intl(value)])
  })

  it('matches toLocaleString on 20,000 pseudo-random values', () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const wrong: string[] = []
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(random() * 10 - 3)
      const value = (random() - 0.3) * scale
      for (const v of [value, Math.round(value * 1000) / 1000])
        if (formatNumber(v) !== intl(v))
          wrong.push(`${v}: ${formatNumber(v)} ≠ ${intl(v)}`)
    }
    expect(wrong).toEqual([])
  })
})
