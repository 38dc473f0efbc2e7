import { z } from 'zod'

const count = z.number().int().nonnegative()

/**
 * What the engaged count needs of a users-report line. A plain (stripping)
 * object, not a loose one: the dozens of other fields of a line are neither
 * copied nor visited, which matters at 100,000 lines a report. The day is
 * checked by the caller against the report's day or window.
 */
export const UserEngagementSchema = z.object({
  day: z.string(),
  user_id: z.union([z.string(), z.number()]),
  user_initiated_interaction_count: count.optional(),
  code_acceptance_activity_count: count.optional()
})
export type UserEngagement = z.infer<typeof UserEngagementSchema>

/**
 * Distinct user ids, to count users whom shards (or a retried download)
 * repeat. Ids are kept as numbers where they are whole numbers, written as
 * numbers or as decimal strings: a number takes far less memory than a string,
 * and 123 and "123" are the same user.
 */
export class DistinctUsers {
  private readonly ids = new Set<number | string>()

  add(id: string | number): void {
    this.ids.add(userKey(id))
  }

  get size(): number {
    return this.ids.size
  }
}

/** A user id as a Set key: a number where it is a whole number, written as a number or a decimal string. */
export function userKey(id: string | number): number | string {
  return typeof id === 'string' && /^(?:0|[1-9]\d{0,14})$/.test(id)
    ? Number(id)
    : id
}
