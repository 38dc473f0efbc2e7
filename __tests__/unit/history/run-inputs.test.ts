// The log line of each history read: whether it is there, how many days it
// holds, and that a single-file history is converted on this write.
import { describe, expect, it } from '@jest/globals'
import { storedState } from '../../../src/history/run-inputs.js'
import type { StoredLayout } from '../../../src/history/shards.js'

describe('storedState', () => {
  it('says a history is absent, sharded, or in one file about to be converted', () => {
    expect(storedState({ kind: 'none' }, 0)).toBe('not there yet')
    expect(storedState({ kind: 'single' }, 12)).toBe(
      '12 days stored in one file (converted to monthly shards on this write)'
    )
    expect(storedState({ kind: 'sharded' } as StoredLayout, 365)).toBe(
      '365 days stored'
    )
  })
})
