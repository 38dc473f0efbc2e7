// Item 3: merging fetched days into a large history and serializing it, in
// this process with the code of src/, against a bare JSON.parse +
// JSON.stringify of the same file, side by side.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { addDays, largeDayRecord, largeHistory } from './large-history.mjs'
import { importSrc } from './load-src.mjs'
import { median } from './table.mjs'

/** @typedef {import('./table.mjs').Row} Row */

setFlagsFromString('--expose-gc')
/** @type {() => void} */
const gc = runInNewContext('gc')

/**
 * @param {{ years: number, repeats: number }} options
 * @returns {Promise<Row[]>}
 */
export async function mergeLargeHistory({ years, repeats }) {
  const { parseHistory, serializeHistory } = await importSrc('history/file')
  const { mergeDays } = await importSrc('history/merge')
  const to = '2026-11-20'
  const days = Math.round(years * 365.25)
  const history = largeHistory({ to, days, seed: 5 })
  const text = /** @type {string} */ (serializeHistory(history))
  const scope = history.scope
  // A nightly merge: the 3 newest stored days fetched again (one revised by
  // GitHub) and 2 new days.
  const incoming = largeHistory({ to: addDays(to, 2), days: 5, seed: 5 }).days
  incoming[2] = {
    ...incoming[2],
    record: largeDayRecord(incoming[2].date, 6)
  }
  const fetchedAt = '2026-11-25T06:00:00.000Z'
  for (const day of incoming) day.fetchedAt = fetchedAt

  const bare = () => JSON.stringify(JSON.parse(text))
  const action = () => {
    const stored = parseHistory(text, 'the benchmark history', scope)
    const merged = mergeDays(stored.days, incoming, {
      replaceFrom: addDays(to, -2)
    })
    if (merged.added.length !== 2 || merged.updated.length !== 1)
      throw new Error(`unexpected merge: ${JSON.stringify(merged.updated)}`)
    return serializeHistory({ ...stored, days: merged.days })
  }
  /** @param {() => unknown} task */
  const time = (task) => {
    gc()
    const started = performance.now()
    task()
    return performance.now() - started
  }
  // One untimed round each, then alternate so drift hits both alike.
  bare()
  action()
  const bareMs = []
  const actionMs = []
  for (let i = 0; i < repeats; i++) {
    if (i % 2) {
      bareMs.push(time(bare))
      actionMs.push(time(action))
    } else {
      actionMs.push(time(action))
      bareMs.push(time(bare))
    }
  }
  const ratio = median(actionMs) / median(bareMs)
  const label = `${years}-year history (${days} days, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, ${Math.round(Buffer.byteLength(text) / days / 1000)} KB/day)`
  return [
    {
      name: `Merge ${label}: parse + merge + serialize`,
      value: median(actionMs).toFixed(0),
      unit: 'ms',
      target: 'report it',
      note: `median of ${repeats}, alternating with the bare round trip; merges 2 new days and 3 refreshed (1 revised)`
    },
    {
      name: `Merge ${years}-year history: bare JSON.parse + JSON.stringify`,
      value: median(bareMs).toFixed(0),
      unit: 'ms',
      target: 'report it'
    },
    {
      name: `Merge ${years}-year history: ratio`,
      value: ratio.toFixed(2),
      unit: '×',
      target: '≤ 1.5'
    }
  ]
}
