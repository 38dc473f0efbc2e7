import { z } from 'zod'
import { isIsoDate } from '../../common/dates.js'
import type { DaySummary } from '../../day/stored-day.js'

// Records are loose objects: every field GitHub sends is kept, including ones
// added after this Action was written. Only what the Action reads is checked.

const day = z.string().refine(isIsoDate, 'expected a YYYY-MM-DD date')
const count = z.number().int().nonnegative()
const id = z.union([z.string(), z.number()])

/** One aggregated day: `organization-1-day` / `enterprise-1-day` (and each `day_totals[]` entry of the 28-day reports). */
export const AggregateDaySchema = z.looseObject({
  day,
  daily_active_users: count,
  weekly_active_users: count.optional(),
  monthly_active_users: count.optional(),
  user_initiated_interaction_count: count.optional(),
  code_generation_activity_count: count.optional(),
  code_acceptance_activity_count: count.optional(),
  loc_added_sum: count.optional(),
  loc_deleted_sum: count.optional(),
  totals_by_ide: z.array(z.looseObject({ ide: z.string() })).optional(),
  totals_by_feature: z.array(z.looseObject({ feature: z.string() })).optional()
})
export type AggregateDay = z.infer<typeof AggregateDaySchema>

/** One user's day: `users-1-day`. Only counts leave this module, never the user. */
export const UserDaySchema = z.looseObject({
  day,
  user_id: id,
  user_initiated_interaction_count: count.optional(),
  code_acceptance_activity_count: count.optional()
})
export type UserDay = z.infer<typeof UserDaySchema>

/**
 * Engaged: prompted Copilot or accepted one of its suggestions that day, the
 * closest match to the legacy API's "engaged" (accepted a suggestion or prompted chat).
 */
export function isEngaged(user: UserDay): boolean {
  return (
    (user.user_initiated_interaction_count ?? 0) > 0 ||
    (user.code_acceptance_activity_count ?? 0) > 0
  )
}

/** One (user, team) membership: `user-teams-1-day`. Teams with fewer than five seated users are absent. */
export const UserTeamSchema = z.looseObject({
  day,
  user_id: id,
  slug: z.string(),
  team_id: id.optional()
})

export const DayReportEnvelopeSchema = z.looseObject({
  download_links: z.array(z.string()),
  report_day: day
})

export const LatestReportEnvelopeSchema = z.looseObject({
  download_links: z.array(z.string()),
  report_start_day: day,
  report_end_day: day
})

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`)
    .join('; ')
}

/**
 * The normalized figures of one reports-API day, stored beside the raw
 * record. Only the user counts are stored: every other figure is read from
 * the record by `dayFigures`, so a day stored by an older version of this
 * Action is not rewritten (and not reported as revised) just because this
 * version knows more figures.
 */
export function summarizeReportsDay(
  record: AggregateDay,
  engagedUsers: number
): DaySummary {
  return {
    activeUsers: record.daily_active_users,
    engagedUsers,
    weeklyActiveUsers: record.weekly_active_users ?? null
  }
}
