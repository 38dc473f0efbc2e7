import type { StoredDay } from './stored-day.js'

/** Every figure the trend reads from one day; null when the day's source does not have it. */
export interface DayFigures {
  activeUsers: number
  engagedUsers: number
  weeklyActiveUsers: number | null
  codeGenerations: number | null
  codeAcceptances: number | null
  locAdded: number | null
  interactions: number | null
  codeReviewUsers: number | null
  cloudAgentUsers: number | null
}

export type OptionalFigure = Exclude<
  keyof DayFigures,
  'activeUsers' | 'engagedUsers' | 'weeklyActiveUsers'
>

/** Where each optional figure is in a reports-API record (`organization-1-day` / `enterprise-1-day`). */
export const REPORTS_FIELDS: Record<OptionalFigure, string> = {
  codeGenerations: 'code_generation_activity_count',
  codeAcceptances: 'code_acceptance_activity_count',
  locAdded: 'loc_added_sum',
  interactions: 'user_initiated_interaction_count',
  codeReviewUsers: 'daily_active_copilot_code_review_users',
  cloudAgentUsers: 'daily_active_copilot_cloud_agent_users'
}

const OPTIONAL_FIGURES = Object.keys(REPORTS_FIELDS) as OptionalFigure[]

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/**
 * The figures of a stored day. A figure in `summary` wins (a source whose
 * record has another shape puts its figures there); otherwise a reports-API
 * day's figure comes from its record; otherwise it is absent (null). Fields
 * GitHub added later, such as the code review and cloud agent counts, are
 * simply absent on older days.
 */
export function dayFigures(day: StoredDay): DayFigures {
  const figures: DayFigures = {
    activeUsers: day.summary.activeUsers,
    engagedUsers: day.summary.engagedUsers,
    weeklyActiveUsers: day.summary.weeklyActiveUsers ?? null,
    codeGenerations: null,
    codeAcceptances: null,
    locAdded: null,
    interactions: null,
    codeReviewUsers: null,
    cloudAgentUsers: null
  }
  for (const figure of OPTIONAL_FIGURES) {
    const stored: unknown = day.summary[figure]
    if (stored !== undefined) {
      figures[figure] = isCount(stored) ? stored : null
      continue
    }
    if (day.source !== 'reports') continue
    const value = day.record[REPORTS_FIELDS[figure]]
    figures[figure] = isCount(value) ? value : null
  }
  return figures
}
