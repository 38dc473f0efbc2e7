// The shared readers of one day's users and user-teams reports, against a
// local file host and a stand-in for the reports endpoints.
import { describe, expect, it } from '@jest/globals'
import type {
  DayReport,
  DayReportKind,
  ReportsApi
} from '../../../../src/sources/reports/api.js'
import { UserEngagementSchema } from '../../../../src/sources/reports/engaged-users.js'
import {
  TeamMemberships,
  readTeamMemberships,
  readUserRows,
  type ReportDay
} from '../../../../src/sources/reports/user-rows.js'
import { useLocalFileHost } from './local-file-host.js'

const DATE = '2026-11-20'
/** File path → NDJSON body served by the local host. */
const files = new Map<string, string>()
const seenHeaders: Record<string, string | string[] | undefined>[] = []
const host = useLocalFileHost((req, res) => {
  seenHeaders.push(req.headers)
  const body = files.get(new URL(req.url ?? '/', host.base).pathname)
  res.writeHead(body === undefined ? 404 : 200)
  res.end(body ?? '')
}, 2000)

const ndjson = (...rows: object[]): string =>
  rows.map((row) => JSON.stringify(row)).join('\n') + '\n'

/** A reports API answering each kind with `answers[kind]`, counting requests. */
function day(answers: Partial<Record<DayReportKind, DayReport>>): {
  day: ReportDay
  requests: DayReportKind[]
} {
  const requests: DayReportKind[] = []
  const api = {
    dayReport: (kind: DayReportKind, date: string): Promise<DayReport> => {
      requests.push(kind)
      expect(date).toBe(DATE)
      return Promise.resolve(answers[kind] ?? { status: 'pending' })
    }
  } as unknown as ReportsApi
  return { day: { api, policy: host.policy, date: DATE }, requests }
}

const serve = (path: string, body: string): string => {
  files.set(path, body)
  return `${host.base}${path}?sig=SECRET`
}

describe('readUserRows', () => {
  it('hands on every row of every shard, validated, and counts them', async () => {
    const links = [
      serve(
        '/users/a.ndjson',
        ndjson(
          { day: DATE, user_id: 1, user_initiated_interaction_count: 2 },
          { day: DATE, user_id: '2' }
        )
      ),
      serve('/users/b.ndjson', ndjson({ day: DATE, user_id: 1 }))
    ]
    const { day: users, requests } = day({
      users: { status: 'available', links }
    })
    const ids: (string | number)[] = []
    const read = await readUserRows(users, UserEngagementSchema, (user) =>
      ids.push(user.user_id)
    )
    expect(read).toEqual({ status: 'available', rows: 3 })
    expect(ids).toEqual([1, '2', 1])
    expect(requests).toEqual(['users'])
    // The signed link is the only credential sent to the file host.
    expect(seenHeaders.some((headers) => 'authorization' in headers)).toBe(
      false
    )
  })

  it('answers pending and no-data without a row, and reads nothing after an abort', async () => {
    const pending = day({ users: { status: 'pending' } })
    await expect(
      readUserRows(pending.day, UserEngagementSchema, () => {})
    ).resolves.toEqual({ status: 'pending', rows: 0 })
    const empty = day({ users: { status: 'no-data' } })
    await expect(
      readUserRows(empty.day, UserEngagementSchema, () => {})
    ).resolves.toEqual({ status: 'no-data', rows: 0 })

    const stop = new AbortController()
    stop.abort(new Error('fatal elsewhere'))
    const aborted = day({ users: { status: 'pending' } })
    await expect(
      readUserRows(
        { ...aborted.day, signal: stop.signal },
        UserEngagementSchema,
        () => {}
      )
    ).rejects.toThrow('fatal elsewhere')
    expect(aborted.requests).toEqual([])
  })

  it('refuses a row of another day, naming the file and line but not the signature', async () => {
    const link = serve(
      '/users/other-day.ndjson',
      ndjson({ day: DATE, user_id: 1 }, { day: '2026-11-21', user_id: 2 })
    )
    const { day: users } = day({
      users: { status: 'available', links: [link] }
    })
    const error = await readUserRows(
      users,
      UserEngagementSchema,
      () => {}
    ).catch((caught: unknown) => caught as Error)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(
      /other-day\.ndjson, line 2: record of 2026-11-21 in the report of 2026-11-20/
    )
    expect((error as Error).message).not.toContain('SECRET')
  })

  it('refuses a row its schema rejects', async () => {
    const link = serve(
      '/users/bad.ndjson',
      ndjson({ day: DATE, user_id: 1, code_acceptance_activity_count: -1 })
    )
    const { day: users } = day({
      users: { status: 'available', links: [link] }
    })
    await expect(
      readUserRows(users, UserEngagementSchema, () => {})
    ).rejects.toThrow(/bad\.ndjson, line 1: unexpected record/)
  })

  it('stops at the max-report-mb cap', async () => {
    const link = serve(
      '/users/large.ndjson',
      ndjson(
        ...Array.from({ length: 50 }, (_, id) => ({ day: DATE, user_id: id }))
      )
    )
    const { day: users } = day({
      users: { status: 'available', links: [link] }
    })
    await expect(
      readUserRows(
        { ...users, policy: { ...host.policy, maxBytes: 100 } },
        UserEngagementSchema,
        () => {}
      )
    ).rejects.toThrow(/large\.ndjson is larger than .*max-report-mb/)
  })
})

describe('readTeamMemberships', () => {
  it('keeps the wanted teams (any case, named as asked) and counts each member once', async () => {
    const link = serve(
      '/teams/a.ndjson',
      ndjson(
        { day: DATE, user_id: 1, slug: 'Platform', team_id: 7 },
        { day: DATE, user_id: '1', slug: 'platform', team_id: 7 },
        { day: DATE, user_id: 2, slug: 'platform', team_id: 7 },
        { day: DATE, user_id: 2, slug: 'payments' },
        { day: DATE, user_id: 3, slug: 'mobile', team_id: 9 }
      )
    )
    const { day: teams, requests } = day({
      'user-teams': { status: 'available', links: [link] }
    })
    const memberships = await readTeamMemberships(teams, [
      'platform',
      'Payments'
    ])
    expect(requests).toEqual(['user-teams'])
    expect(memberships?.teams()).toEqual([
      { team: 'platform', teamId: 7, members: 2 },
      { team: 'Payments', teamId: null, members: 1 }
    ])
    expect(memberships?.teamsOf('2')).toEqual(['platform', 'Payments'])
    expect(memberships?.teamsOf(3)).toEqual([])
  })

  it('is null while the report is pending, and empty when it has no data', async () => {
    await expect(
      readTeamMemberships(day({}).day, ['platform'])
    ).resolves.toBeNull()
    const empty = await readTeamMemberships(
      day({ 'user-teams': { status: 'no-data' } }).day,
      ['platform']
    )
    expect(empty?.teams()).toEqual([])
  })
})

describe('TeamMemberships', () => {
  it('keeps the id of a team from its first row', () => {
    const memberships = new TeamMemberships()
    memberships.add(1, 'platform', 7)
    memberships.add(2, 'platform', 8)
    expect(memberships.teams()).toEqual([
      { team: 'platform', teamId: 7, members: 2 }
    ])
    expect(memberships.teamsOf(1)).toEqual(['platform'])
  })
})
