import type { IsoDate } from '../../common/dates.js'
import type { DownloadPolicy } from './download.js'
import { DistinctUsers, UserEngagementSchema } from './engaged-users.js'
import { ActionError } from '../../common/errors.js'
import type { StoredDay } from '../../day/stored-day.js'
import {
  checkDay,
  downloadFiles,
  parseRecord,
  readRecords,
  type ReportLinks
} from './report-files.js'
import {
  AggregateDaySchema,
  UserDaySchema,
  UserTeamSchema,
  isEngaged,
  summarizeReportsDay,
  type AggregateDay
} from './records.js'
import type { DayReportKind, ReportsApi } from './api.js'
import { TeamDayAggregator } from './team-aggregate.js'

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
  const aggregate = await downloadReport(
    api,
    policy,
    signal,
    'aggregate',
    date,
    (link) =>
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
  let rows = 0
  const users = await downloadReport(
    api,
    policy,
    signal,
    'users',
    date,
    (link) =>
      readRecords(link, policy, (raw, line, where) => {
        const user = parseRecord(UserEngagementSchema, raw, line, where)
        checkDay(user.day, date, line, where)
        rows++
        if (isEngaged(user)) engaged.add(user.user_id)
        return undefined
      })
  )
  // The day is stored only once both reports are out, so it is never
  // half-counted: a users report without a row while the aggregate counts
  // active users is not out yet (storing it would store 0 engaged users).
  if (
    users.status === 'pending' ||
    (rows === 0 && record.daily_active_users > 0)
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
  const wanted = new Map(teams.map((team) => [team.toLowerCase(), team]))
  const memberships = await downloadReport(
    api,
    policy,
    signal,
    'user-teams',
    date,
    (link) =>
      readRecords(link, policy, (raw, line, where) => {
        const row = parseRecord(UserTeamSchema, raw, line, where)
        checkDay(row.day, date, line, where)
        const team = wanted.get(row.slug.toLowerCase())
        return team === undefined
          ? undefined
          : { user: String(row.user_id), team, teamId: row.team_id ?? null }
      })
  )
  if (memberships.status === 'pending')
    return teams.map(() => ({ status: 'pending', date }))

  const membersOf = new Map<
    string,
    { ids: Set<string>; teamId: string | number | null }
  >()
  const teamsOf = new Map<string, string[]>()
  for (const row of memberships.status === 'available'
    ? memberships.files.flat()
    : []) {
    const members = membersOf.get(row.team) ?? {
      ids: new Set<string>(),
      teamId: row.teamId
    }
    membersOf.set(row.team, members)
    if (members.ids.has(row.user)) continue
    members.ids.add(row.user)
    teamsOf.set(row.user, [...(teamsOf.get(row.user) ?? []), row.team])
  }
  const aggregators = new Map(
    [...membersOf].map(([team, members]) => [
      team,
      new TeamDayAggregator(team, members.teamId, members.ids.size)
    ])
  )

  if (aggregators.size > 0) {
    let rows = 0
    const users = await downloadReport(
      api,
      policy,
      signal,
      'users',
      date,
      (link) =>
        readRecords(link, policy, (raw, line, where) => {
          const user = parseRecord(UserDaySchema, raw, line, where)
          checkDay(user.day, date, line, where)
          rows++
          // A user in no wanted team is skipped; a user in several is added to each.
          for (const team of teamsOf.get(String(user.user_id)) ?? [])
            aggregators.get(team)!.add(user)
          return undefined
        })
    )
    // Teams with members and a users report without a row: the report is
    // not out yet, never a day of zeros.
    if (users.status !== 'available' || rows === 0)
      return teams.map(() => ({ status: 'pending', date }))
  }
  const stamp = fetchedAt()

  return teams.map((team): DayOutcome => {
    const aggregator = aggregators.get(team)
    if (!aggregator) return { status: 'below-threshold', date }
    const record = AggregateDaySchema.parse(aggregator.record(date))
    return {
      status: 'fetched',
      day: {
        date,
        source: 'reports',
        fetchedAt: stamp,
        summary: summarizeReportsDay(record, aggregator.engagedUsers),
        record
      }
    }
  })
}

type Downloaded<T> =
  { status: 'available'; files: T[] } | { status: 'pending' | 'no-data' }

/** Downloads every file of one 1-day report (see downloadFiles). */
async function downloadReport<T>(
  api: ReportsApi,
  policy: DownloadPolicy,
  signal: AbortSignal | undefined,
  kind: DayReportKind,
  date: IsoDate,
  readFile: (link: string) => Promise<T>
): Promise<Downloaded<T>> {
  // After a fatal answer elsewhere, no further request goes out.
  signal?.throwIfAborted()
  const { report, files } = await downloadFiles(
    `${kind} report of ${date}`,
    (): Promise<ReportLinks> => api.dayReport(kind, date),
    (link) => {
      signal?.throwIfAborted()
      return readFile(link)
    }
  )
  return report.status === 'available'
    ? { status: 'available', files }
    : { status: report.status }
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
