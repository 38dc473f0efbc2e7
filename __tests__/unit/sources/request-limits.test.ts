import { describe, expect, it } from '@jest/globals'
import { Slots, WriteLane } from '../../../src/sources/request-limits.js'

const tick = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve))

describe('Slots', () => {
  it('never runs more than its limit at once, and starts queued tasks in order', async () => {
    const slots = new Slots(3)
    let running = 0
    let most = 0
    const started: number[] = []
    const releases: (() => void)[] = []
    const tasks = Array.from({ length: 8 }, (_, i) =>
      slots.run(async () => {
        started.push(i)
        most = Math.max(most, ++running)
        await new Promise<void>((resolve) => releases.push(resolve))
        running--
        return i
      })
    )
    while (started.length < 8) {
      await tick()
      releases.shift()?.()
    }
    releases.forEach((release) => release())
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(most).toBe(3)
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })

  it('frees the slot when a task fails', async () => {
    const slots = new Slots(1)
    await expect(
      slots.run(() => Promise.reject(new Error('boom')))
    ).rejects.toThrow('boom')
    await expect(slots.run(() => Promise.resolve('next'))).resolves.toBe('next')
  })
})

describe('WriteLane', () => {
  it('runs writes one at a time, a burst unspaced, then spaced as asked', async () => {
    const waits: number[] = []
    const lane = new WriteLane(2, 800, (ms) => {
      waits.push(ms)
      return Promise.resolve()
    })
    let running = 0
    let most = 0
    const write = () =>
      lane.run(async () => {
        most = Math.max(most, ++running)
        await tick()
        running--
      })
    await Promise.all([write(), write(), write(), write()])
    expect(most).toBe(1)
    // The first two go straight on; the third and fourth wait out the spacing.
    expect(waits).toHaveLength(2)
    for (const wait of waits) {
      expect(wait).toBeGreaterThan(700)
      expect(wait).toBeLessThanOrEqual(800)
    }
  })

  it('goes on after a failed write', async () => {
    const lane = new WriteLane(5, 0)
    await expect(
      lane.run(() => Promise.reject(new Error('422')))
    ).rejects.toThrow('422')
    await expect(lane.run(() => Promise.resolve(1))).resolves.toBe(1)
  })
})
