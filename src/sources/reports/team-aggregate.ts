import type { IsoDate } from '../../common/dates.js'
import { isEngaged, type UserDay } from './records.js'

/** Additive counters of a user's day, summed for the team. */
const COUNTERS = [
  'user_initiated_interaction_count',
  'code_generation_activity_count',
  'code_acceptance_activity_count',
  'loc_suggested_to_add_sum',
  'loc_suggested_to_delete_sum',
  'loc_added_sum',
  'loc_deleted_sum',
  'ai_credits_used'
] as const

/** Per-user flags counted as the team's daily users, named like the organization report's fields. */
const FLAG_COUNTS: Record<string, string> = {
  used_chat: 'daily_active_chat_users',
  used_agent: 'daily_active_agent_users',
  used_cli: 'daily_active_cli_users',
  used_copilot_cloud_agent: 'daily_active_copilot_cloud_agent_users',
  used_copilot_code_review_active: 'daily_active_copilot_code_review_users',
  used_copilot_code_review_passive: 'daily_passive_copilot_code_review_users'
}

/** Breakdown arrays summed per dimension (the string fields of an entry: ide, feature, language, model). */
const BREAKDOWNS = [
  'totals_by_ide',
  'totals_by_feature',
  'totals_by_language_feature',
  'totals_by_language_model',
  'totals_by_model_feature'
] as const

type Entry = Record<string, string | number>

/**
 * The day of one team, aggregated from its members' rows of the users report.
 * Only sums and counts are kept; a member is counted once, however many
 * shards (or retried downloads) repeat the row.
 */
export class TeamDayAggregator {
  private readonly seen = new Set<string>()
  private engaged = 0
  private readonly totals = new Map<string, number>()
  private readonly flags = new Map<string, number>()
  private readonly breakdowns = new Map<string, Map<string, Entry>>()

  constructor(
    readonly team: string,
    readonly teamId: string | number | null,
    /** Distinct members listed for the team in the user-teams report. */
    readonly members: number
  ) {}

  add(user: UserDay): void {
    const id = String(user.user_id)
    if (this.seen.has(id)) return
    this.seen.add(id)
    if (isEngaged(user)) this.engaged++
    const raw = user as Record<string, unknown>
    for (const counter of COUNTERS) {
      const value = raw[counter]
      if (typeof value === 'number')
        this.totals.set(counter, (this.totals.get(counter) ?? 0) + value)
    }
    // A flag present on any row is a count, 0 when no row says true; null
    // (no signal) counts as not set. A flag no row has stays absent.
    for (const [flag, field] of Object.entries(FLAG_COUNTS))
      if (flag in raw)
        this.flags.set(
          field,
          (this.flags.get(field) ?? 0) + (raw[flag] === true ? 1 : 0)
        )
    for (const name of BREAKDOWNS) {
      const entries = raw[name]
      if (!Array.isArray(entries)) continue
      const sums = this.breakdowns.get(name) ?? new Map<string, Entry>()
      this.breakdowns.set(name, sums)
      for (const entry of entries as unknown[]) addEntry(sums, entry)
    }
  }

  get engagedUsers(): number {
    return this.engaged
  }

  /** The team's day in the shape of the organization report's record, plus where it came from. */
  record(day: IsoDate): Record<string, unknown> {
    const round = (value: number): number => Math.round(value * 1e6) / 1e6
    return {
      day,
      team_slug: this.team,
      team_id: this.teamId,
      computed_from: ['users-1-day', 'user-teams-1-day'],
      team_members_in_user_teams_report: this.members,
      daily_active_users: this.seen.size,
      daily_engaged_users: this.engaged,
      ...Object.fromEntries([...this.flags].sort()),
      ...Object.fromEntries(
        COUNTERS.map((counter) => [
          counter,
          round(this.totals.get(counter) ?? 0)
        ])
      ),
      ...Object.fromEntries(
        BREAKDOWNS.map((name) => [
          name,
          [...(this.breakdowns.get(name)?.values() ?? [])]
        ])
      )
    }
  }
}

function addEntry(sums: Map<string, Entry>, entry: unknown): void {
  if (!entry || typeof entry !== 'object') return
  const fields = Object.entries(entry as Record<string, unknown>)
  const dimensions = fields.filter(
    (field): field is [string, string] => typeof field[1] === 'string'
  )
  const key = JSON.stringify(
    [...dimensions].sort(([a], [b]) => (a < b ? -1 : 1))
  )
  const sum = sums.get(key) ?? Object.fromEntries(dimensions)
  sums.set(key, sum)
  for (const [field, value] of fields)
    if (typeof value === 'number')
      sum[field] = ((sum[field] as number | undefined) ?? 0) + value
}
