import { z } from 'zod'
import { isIsoDate } from '../common/dates.js'

/** The stored day: one date's normalized figures and GitHub's record as received. */
export const METRICS_SOURCES = ['reports', 'legacy'] as const
export type MetricsSource = (typeof METRICS_SOURCES)[number]

export const isoDate = z
  .string()
  .refine(isIsoDate, 'expected a YYYY-MM-DD date')
const count = z.number().int().nonnegative()

// Objects are loose throughout: fields written by a newer minor version, or
// new fields in GitHub's records, are kept on rewrite, never dropped.
export const DaySummarySchema = z.looseObject({
  activeUsers: count,
  engagedUsers: count,
  /**
   * GitHub's `weekly_active_users` as received: distinct users week to date,
   * weeks starting on Sunday (UTC), whatever the docs say. Not the ISO week's
   * count: that is `distinct.weekToDate` of the week's last day.
   */
  weeklyActiveUsers: count.nullable(),
  // Optional figures (see dayFigures in day-summary.ts). A source whose record
  // is not in the reports-API shape stores them here; absent or null means the
  // source does not have the figure. Reports-API days leave them out: they are
  // read from the stored record, so days stored by older versions have them too.
  /** Code generation events: each completion shown, each generated block. */
  codeGenerations: count.nullable().optional(),
  /** Accepted, applied, inserted or copied suggestions. */
  codeAcceptances: count.nullable().optional(),
  /** Lines added with Copilot: accepted completions, applied blocks, agent and edit mode. */
  locAdded: count.nullable().optional(),
  /** Prompts sent to Copilot (chat, agent, CLI). */
  interactions: count.nullable().optional(),
  /** Users active with Copilot code review that day. */
  codeReviewUsers: count.nullable().optional(),
  /** Users active with Copilot cloud agent that day. */
  cloudAgentUsers: count.nullable().optional()
})
export type DaySummary = z.infer<typeof DaySummarySchema>

/** Distinct users of a window: counts only, never who. */
export const DistinctCountsSchema = z.looseObject({
  activeUsers: count,
  engagedUsers: count
})
export type DistinctCounts = z.infer<typeof DistinctCountsSchema>

/**
 * Distinct users from the start of the window up to this day, counted from
 * the per-user rows of the stored days of the window (docs/distinct-users.md).
 * null: no exact count, because a day of the window so far has no per-user
 * rows (legacy API, imported guide file) or they could not be read again.
 */
export const DistinctToDateSchema = z.looseObject({
  /** ISO week to date: Monday (UTC) to this day. */
  weekToDate: DistinctCountsSchema.nullable(),
  /** Calendar month to date. */
  monthToDate: DistinctCountsSchema.nullable()
})
export type DistinctToDate = z.infer<typeof DistinctToDateSchema>

export const StoredDaySchema = z.looseObject({
  date: isoDate,
  source: z.enum(METRICS_SOURCES),
  /** When this record was fetched (or last replaced by a revision). */
  fetchedAt: z.string(),
  summary: DaySummarySchema,
  /** The record exactly as GitHub sent it (for team scopes: the aggregate computed from it). */
  record: z.record(z.string(), z.unknown()),
  /** Absent until counted; outside `summary`, so a refetched day compares equal without it. */
  distinct: DistinctToDateSchema.optional()
})
export type StoredDay = z.infer<typeof StoredDaySchema>

export const SeatsSummarySchema = z.looseObject({
  total: count,
  activeThisCycle: count.nullable(),
  inactiveThisCycle: count.nullable(),
  pendingInvitation: count.nullable(),
  pendingCancellation: count.nullable(),
  addedThisCycle: count.nullable()
})
export type SeatsSummary = z.infer<typeof SeatsSummarySchema>

/** The organization's Copilot seats as GitHub reported them on one date. */
export const SeatsEntrySchema = z.looseObject({
  date: isoDate,
  fetchedAt: z.string(),
  summary: SeatsSummarySchema,
  /** The billing answer as received (seat breakdown and organization policies; nothing per user). */
  record: z.record(z.string(), z.unknown())
})
export type SeatsEntry = z.infer<typeof SeatsEntrySchema>
