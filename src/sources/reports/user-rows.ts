import type { z } from 'zod'
import type { IsoDate } from '../../common/dates.js'
import type { DayReportKind, ReportsApi } from './api.js'
import type { DownloadPolicy } from './download.js'
import { userKey } from './engaged-users.js'
import { UserTeamSchema } from './records.js'
import {
  checkDay,
  downloadFiles,
  parseRecord,
  readRecords,
  type ReportLinks
} from './report-files.js'

// The 1-day reports read row by row: the users report (engaged counts, team
// days, distinct users) and the user-teams report (who is in which team).
// Rows are handed on as they stream; nothing here keeps a user.

/** One day of an organization or enterprise, and how to read its reports. */
export interface ReportDay {
  api: ReportsApi
  policy: DownloadPolicy
  date: IsoDate
  /** Aborted after a fatal answer elsewhere: then no further request goes out. */
  signal?: AbortSignal
  /** Added to the report's name in errors, e.g. " (distinct users)". */
  purpose?: string
}

export type Downloaded<T> =
  { status: 'available'; files: T[] } | { status: 'pending' | 'no-data' }

/** Downloads every file of one 1-day report (see downloadFiles). */
export async function downloadDayReport<T>(
  day: ReportDay,
  kind: DayReportKind,
  readFile: (link: string) => Promise<T>
): Promise<Downloaded<T>> {
  const { api, date, signal } = day
  signal?.throwIfAborted()
  const { report, files } = await downloadFiles(
    `${kind} report of ${date}${day.purpose ?? ''}`,
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

/** What a streamed report answered, and how many rows it handed on (0: none). */
export interface RowsRead {
  status: 'available' | 'pending' | 'no-data'
  rows: number
}

/**
 * Streams every record of one 1-day report to `onRow`, each validated by
 * `schema` and checked to be of the report's day. A file read again (a retry,
 * fresh links) hands its rows on again: `onRow` must be idempotent.
 */
async function readDayRows<T extends { day: string }>(
  day: ReportDay,
  kind: DayReportKind,
  schema: z.ZodType<T>,
  onRow: (row: T) => void
): Promise<RowsRead> {
  let rows = 0
  const report = await downloadDayReport(day, kind, (link) =>
    readRecords(link, day.policy, (raw, line, where) => {
      const row = parseRecord(schema, raw, line, where)
      checkDay(row.day, day.date, line, where)
      rows++
      onRow(row)
      return undefined
    })
  )
  return { status: report.status, rows }
}

/** What every reader of the users report needs of a line. */
export interface UserRow {
  day: string
  user_id: string | number
}

/** Streams the day's `users-1-day` report, one call of `onRow` per line. */
export function readUserRows<T extends UserRow>(
  day: ReportDay,
  schema: z.ZodType<T>,
  onRow: (user: T) => void
): Promise<RowsRead> {
  return readDayRows(day, 'users', schema, onRow)
}

/**
 * Who is in which of the wanted teams on one day. Users are keyed by
 * `userKey` (123 and "123" are one user); a user listed twice for a team
 * counts once.
 */
export class TeamMemberships {
  private readonly teamsByUser = new Map<number | string, string[]>()
  private readonly byTeam = new Map<
    string,
    { members: Set<number | string>; teamId: string | number | null }
  >()

  /** Adds one membership; a team's id is the one of its first row. */
  add(userId: string | number, team: string, teamId: string | number | null) {
    const key = userKey(userId)
    const entry = this.byTeam.get(team) ?? { members: new Set(), teamId }
    this.byTeam.set(team, entry)
    if (entry.members.has(key)) return
    entry.members.add(key)
    this.teamsByUser.set(key, [...(this.teamsByUser.get(key) ?? []), team])
  }

  /** The wanted teams a user is in (none: a user of no wanted team). */
  teamsOf(userId: string | number): readonly string[] {
    return this.teamsByUser.get(userKey(userId)) ?? []
  }

  /** Each team with at least one member: its id and how many members it has. */
  teams(): { team: string; teamId: string | number | null; members: number }[] {
    return [...this.byTeam].map(([team, { members, teamId }]) => ({
      team,
      teamId,
      members: members.size
    }))
  }
}

/**
 * The day's memberships of `teams` (matched case-insensitively, named as
 * given) from its `user-teams-1-day` report; null while the report is not
 * published. A report without data leaves every team without members.
 */
export async function readTeamMemberships(
  day: ReportDay,
  teams: readonly string[]
): Promise<TeamMemberships | null> {
  const wanted = new Map(teams.map((team) => [team.toLowerCase(), team]))
  const memberships = new TeamMemberships()
  const { status } = await readDayRows(
    day,
    'user-teams',
    UserTeamSchema,
    (row) => {
      const team = wanted.get(row.slug.toLowerCase())
      if (team !== undefined)
        memberships.add(row.user_id, team, row.team_id ?? null)
    }
  )
  return status === 'pending' ? null : memberships
}
