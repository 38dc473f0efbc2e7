import { z } from 'zod'
import { toIsoDate } from '../common/dates.js'
import { apiMessage, httpStatus, type Octokit } from './github-client.js'
import type { SeatsEntry } from '../day/stored-day.js'

const seatCount = z.number().int().nonnegative()

/** `GET /orgs/{org}/copilot/billing`: only the seat breakdown is read; policies are kept as received. */
const BillingSchema = z.looseObject({
  seat_breakdown: z.looseObject({
    total: seatCount,
    added_this_cycle: seatCount.optional(),
    pending_invitation: seatCount.optional(),
    pending_cancellation: seatCount.optional(),
    active_this_cycle: seatCount.optional(),
    inactive_this_cycle: seatCount.optional()
  })
})

export type SeatsOutcome =
  | { status: 'recorded'; entry: SeatsEntry }
  /** Seats could not be read; the metrics are stored anyway. `message` says what would add them. */
  | { status: 'unavailable'; message: string }

/**
 * The organization's seats now, dated by GitHub's clock (the answer's Date
 * header, UTC): GitHub only tells the current state, so a seat history exists
 * only because a run records it. Never fails the run.
 */
export async function fetchSeats(
  octokit: Octokit,
  org: string,
  now: Date
): Promise<SeatsOutcome> {
  let response
  try {
    response = await octokit.request('GET /orgs/{org}/copilot/billing', { org })
  } catch (error) {
    const status = httpStatus(error)
    const message = apiMessage(error)
    if (status === 401 || status === 403)
      return {
        status: 'unavailable',
        message: `Seats not recorded: the token in input 'token' may not read the Copilot seats of organization ${org} (${status}: ${message}). A classic PAT with manage_billing:copilot or read:org of an organization owner adds them (GitHub documents no other token for this endpoint).`
      }
    return {
      status: 'unavailable',
      message: `Seats not recorded: GET /orgs/${org}/copilot/billing answered ${status ?? 'with a network error'} (${message}).`
    }
  }
  const parsed = BillingSchema.safeParse(response.data)
  if (!parsed.success)
    return {
      status: 'unavailable',
      message: `Seats not recorded: unexpected billing answer (${parsed.error.issues[0]?.message}).`
    }
  const seats = parsed.data.seat_breakdown
  const served = Date.parse(String(response.headers.date ?? ''))
  return {
    status: 'recorded',
    entry: {
      date: toIsoDate(Number.isNaN(served) ? now : new Date(served)),
      fetchedAt: now.toISOString(),
      summary: {
        total: seats.total,
        activeThisCycle: seats.active_this_cycle ?? null,
        inactiveThisCycle: seats.inactive_this_cycle ?? null,
        pendingInvitation: seats.pending_invitation ?? null,
        pendingCancellation: seats.pending_cancellation ?? null,
        addedThisCycle: seats.added_this_cycle ?? null
      },
      record: parsed.data
    }
  }
}

/** Adds a date's seats unless that date is already recorded: the first record of a day stands. */
export function mergeSeats(
  stored: readonly SeatsEntry[] | undefined,
  entry: SeatsEntry
): { seats: SeatsEntry[]; added: boolean } {
  const seats = [...(stored ?? [])]
  if (seats.some((existing) => existing.date === entry.date))
    return { seats, added: false }
  seats.push(entry)
  seats.sort((a, b) => (a.date < b.date ? -1 : 1))
  return { seats, added: true }
}
