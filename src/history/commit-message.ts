import type { IsoDate } from '../common/dates.js'
import { describeScope, type Target } from '../inputs/settings.js'
import type { SeatsOutcome } from '../sources/seats.js'

/** What the message tells of one history (a SyncResult of sync.ts). */
export interface ChangedHistory {
  target: Pick<Target, 'scope'>
  added: readonly IsoDate[]
  updated: readonly IsoDate[]
  seats: SeatsOutcome | null
  seatsAdded: boolean
}

/** The commit's message: per history, what this run added, revised or recorded. */
export function commitMessage(changed: readonly ChangedHistory[]): string {
  const range = (dates: readonly IsoDate[]): string =>
    dates.length === 1 ? dates[0] : `${dates[0]}..${dates[dates.length - 1]}`
  const lines = changed.map((result) => {
    const parts = []
    if (result.added.length)
      parts.push(`add ${result.added.length} day(s) ${range(result.added)}`)
    if (result.updated.length)
      parts.push(
        `update ${result.updated.length} revised day(s) ${range(result.updated)}`
      )
    if (result.seatsAdded && result.seats?.status === 'recorded')
      parts.push(`record the seats of ${result.seats.entry.date}`)
    // No day or seat changed: the run converts a single-file history to
    // shards, or counts distinct users of days already stored.
    if (parts.length === 0)
      parts.push('rewrite the stored days (monthly shards, distinct counts)')
    return `${describeScope(result.target.scope)}: ${parts.join(', ')}`
  })
  return lines.length === 1
    ? `Copilot metrics of the ${lines[0]}`
    : `Copilot metrics of ${lines.length} teams\n\n${lines.join('\n')}`
}
