import type { IsoDate } from '../../common/dates.js'
import type { DistinctCounts } from '../../day/stored-day.js'
import type { ReportsApi } from './api.js'
import type { DownloadPolicy } from './download.js'
import { UserEngagementSchema, userKey } from './engaged-users.js'
import { isEngaged } from './records.js'
import {
  readTeamMemberships,
  readUserRows,
  type ReportDay,
  type TeamMemberships
} from './user-rows.js'

/** The whole organization or enterprise, as opposed to one of its teams. */
export const WHOLE_SCOPE = ''

/** One day's users of one group (the scope or a team): ids in memory only, for one day. */
export interface DayUsers {
  active: Set<number | string>
  engaged: Set<number | string>
}

/**
 * Reads one day's `users-1-day` report again (fresh signed links) and returns
 * the ids of its active and engaged users per group: `WHOLE_SCOPE` when
 * `teams` is empty, else each team's members, joined with that day's
 * `user-teams-1-day`. null when GitHub no longer serves the rows (a day past
 * its year of retention): such a day has no exact count.
 */
export async function readDayUsers(
  api: ReportsApi,
  policy: DownloadPolicy,
  date: IsoDate,
  teams: readonly string[]
): Promise<Map<string, DayUsers> | null> {
  const day: ReportDay = { api, policy, date, purpose: ' (distinct users)' }
  let memberships: TeamMemberships | null = null
  if (teams.length > 0) {
    memberships = await readTeamMemberships(day, teams)
    if (!memberships) return null
  }
  const groups = new Map<string, DayUsers>(
    (teams.length > 0 ? teams : [WHOLE_SCOPE]).map((name) => [
      name,
      { active: new Set(), engaged: new Set() }
    ])
  )
  const { status } = await readUserRows(day, UserEngagementSchema, (user) => {
    const key = userKey(user.user_id)
    const engaged = isEngaged(user)
    for (const name of memberships?.teamsOf(key) ?? [WHOLE_SCOPE]) {
      const users = groups.get(name)!
      users.active.add(key)
      if (engaged) users.engaged.add(key)
    }
  })
  // Published without data: nobody was active. Not served any more: unknown.
  return status === 'pending' ? null : groups
}

/**
 * Running distinct counts of one window kind (ISO week or calendar month)
 * over days fed in date order. A window's ids are dropped as soon as a day of
 * the next window arrives; a day without per-user rows ends exact counting
 * for the rest of its window.
 */
export class ToDateCounter {
  private window: string | null = null
  private active = new Set<number | string>()
  private engaged = new Set<number | string>()
  private exact = true

  /** @param windowOf the window holding a day, e.g. its ISO week's Monday */
  constructor(private readonly windowOf: (date: IsoDate) => string) {}

  /** Adds one day (null: no per-user rows) and returns the window's count to date. */
  add(date: IsoDate, users: DayUsers | null): DistinctCounts | null {
    const window = this.windowOf(date)
    if (window !== this.window) {
      this.window = window
      this.active = new Set()
      this.engaged = new Set()
      this.exact = true
    }
    if (!users) this.exact = false
    if (!this.exact) return null
    for (const id of users!.active) this.active.add(id)
    for (const id of users!.engaged) this.engaged.add(id)
    return { activeUsers: this.active.size, engagedUsers: this.engaged.size }
  }
}
