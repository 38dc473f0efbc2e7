import { describe, expect, it } from '@jest/globals'
import { mapWithConcurrency } from '../../../src/common/concurrency.js'

describe('mapWithConcurrency', () => {
  it('keeps the input order and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const delays = [30, 5, 20, 1, 15, 10, 2, 25]
    const results = await mapWithConcurrency(delays, 3, async (delay) => {
      most = Math.max(most, ++running)
      await new Promise((resolve) => setTimeout(resolve, delay))
      running--
      return delay * 2
    })
    expect(results).toEqual(delays.map((delay) => delay * 2))
    expect(most).toBe(3)
  })

  it('starts no more tasks than there are items', async () => {
    let started = 0
    await mapWithConcurrency([1, 2], 8, async () => {
      started++
      await Promise.resolve()
    })
    expect(started).toBe(2)
    expect(await mapWithConcurrency([], 4, () => Promise.resolve(1))).toEqual(
      []
    )
  })
})
