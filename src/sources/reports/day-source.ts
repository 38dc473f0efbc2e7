import type { IsoDate } from '../../common/dates.js'
import type { DownloadPolicy } from './download.js'
import { DistinctUsers, UserEngagementSchema } from './engaged-users.js'
import { ActionError } from '../../common/errors.js'
import type { StoredDay } from '../../day/stored-day.js'
import { checkDay, parseRecord, readRecords } from './report-files.js'
import {
  AggregateDaySchema,
  UserDaySchema,
  isEngaged,
  summarizeReportsDay,
  type AggregateDay
} from './records.js'
import type { ReportsApi } from './api.js'
import { TeamDayAggregator } from './team-aggregate.js'
import {
  downloadDayReport,
  readTeamMemberships,
  readUserRows,
  type ReportDay
} from './user-rows.js'

export type DayOutcome =
  | { status: 'fetched'; day: StoredDay }
  | { status: 'pending'; date: IsoDate }
  | { status: 'no-data'; date: IsoDate }
  /** The team is absent from the user-teams report: GitHub leaves out teams with fewer than five seated users. */
  | { status: 'below-threshold'; date: IsoDate }

/**
 * Fetches one day of an organization or enterprise from the reports API: the
 * aggregated record as received, plus the engaged-user count from the users
 * report (streamed; only the count is kept, never a user).
 */
export async function fetchReportsDay(
  api: ReportsApi,
  policy: DownloadPolicy,
  date: IsoDate,
  fetchedAt: () => string,
  signal?: AbortSignal
): Promise<DayOutcome> {
  const day: ReportDay = { api, policy, date, signal }
  const aggregate = await downloadDayReport(day, 'aggregate', (link) =>
    readRecords(link, policy, (raw, line, where) => {
      const record = parseRecord(AggregateDaySchema, raw, line, where)
      checkDay(record.day, date, line, where)
      return record
    })
  )
  if (aggregate.status !== 'available')
    return { status: aggregate.status, date }
  const record = singleRecord(aggregate.files.flat(), date)
  if (!record) return { status: 'no-data', date }

  // Shards can repeat a user: count distinct ids (never keeping a user).
  const engaged = new DistinctUsers()
  const users = await readUserRows(day, UserEngagementSchema, (user) => {
    if (isEngaged(user)) engaged.add(user.user_id)
  })
  // The day is stored only once both reports are out, so it is never
  // half-counted: a users report without a row while the aggregate counts
  // active users is not out yet (storing it would store 0 engaged users).
  if (
    users.status === 'pending' ||
    (users.rows === 0 && record.daily_active_users > 0)
  )
    return { status: 'pending', date }
  return reportsDay(record, engaged.size, fetchedAt())
}

/** A fetched day of an organization or enterprise: the aggregated record as received, and its engaged users. */
export function reportsDay(
  record: AggregateDay,
  engagedUsers: number,
  fetchedAt: string
): DayOutcome {
  return {
    status: 'fetched',
    day: {
      date: record.day,
      source: 'reports',
      fetchedAt,
      summary: summarizeReportsDay(record, engagedUsers),
      record
    }
  }
}

/**
 * Fetches one day of several teams of one organization or enterprise: the
 * user-teams report says who is in which team, and the users report (one
 * download for all teams) is summed per team. Outcomes follow `teams`.
 */
export async function fetchTeamsDay(
  api: ReportsApi,
  policy: DownloadPolicy,
  date: IsoDate,
  teams: readonly string[],
  fetchedAt: () => string,
  signal?: AbortSignal
): Promise<DayOutcome[]> {
  const day: ReportDay = { api, policy, date, signal }
  const pending = (): DayOutcome[] =>
    teams.map(() => ({ status: 'pending', date }))
  const memberships = await readTeamMemberships(day, teams)
  if (!memberships) return pending()
  const aggregators = new Map(
    memberships
      .teams()
      .map(({ team, teamId, members }) => [
        team,
        new TeamDayAggregator(team, teamId, members)
      ])
  )
  if (aggregators.size > 0) {
    const users = await readUserRows(day, UserDaySchema, (user) => {
      // A user in no wanted team is skipped; a user in several is added to each.
      for (const team of memberships.teamsOf(user.user_id))
        aggregators.get(team)!.add(user)
    })
    // Teams with members and a users report without a row: the report is
    // not out yet, never a day of zeros.
    if (users.status !== 'available' || users.rows === 0) return pending()
  }
  const stamp = fetchedAt()
  return teams.map((team): DayOutcome => {
    const aggregator = aggregators.get(team)
    if (!aggregator) return { status: 'below-threshold', date }
    const record = AggregateDaySchema.parse(aggregator.record(date))
    return reportsDay(record, aggregator.engagedUsers, stamp)
  })
}

/** The aggregated report holds one record; identical repeats across shards are tolerated. */
function singleRecord(
  records: AggregateDay[],
  date: IsoDate
): AggregateDay | null {
  if (records.length === 0) return null
  const first = JSON.stringify(records[0])
  if (records.some((record) => JSON.stringify(record) !== first))
    throw new ActionError(
      `The aggregated report of ${date} holds ${records.length} different records; expected one. Nothing was stored.`
    )
  return records[0]
}
