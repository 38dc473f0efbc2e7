import { z } from 'zod'
import { isIsoDate, type IsoDate } from '../../common/dates.js'
import type { DownloadPolicy } from './download.js'
import { ReportFormatError } from './ndjson-lines.js'
import { DistinctUsers, UserEngagementSchema } from './engaged-users.js'
import { ActionError } from '../../common/errors.js'
import {
  downloadFiles,
  parseRecord,
  readRecords,
  type ReportLinks
} from './report-files.js'
import { AggregateDaySchema, isEngaged, type AggregateDay } from './records.js'
import type { LatestReport, ReportsApi } from './api.js'

// The 28-day reports exist only for the newest window ("latest"): the 28 days
// ending at the newest day GitHub has processed. For the days of that window
// they replace two 1-day calls a day (aggregate and users) by two calls in all.

/** Days in a 28-day report. */
export const LATEST_WINDOW_DAYS = 28

/** One line of `organization-28-day` / `enterprise-28-day`: a wrapper of the window's days. */
const LatestAggregateSchema = z.looseObject({
  report_start_day: z.string(),
  report_end_day: z.string(),
  day_totals: z.array(z.unknown())
})

/**
 * Fields of the 1-day records that the 28-day file carries once, on its
 * wrapper, instead of in each `day_totals[]` entry (see
 * __tests__/fixtures/organization-28-day.ndjson). They end a 1-day record, in
 * this order.
 */
const WRAPPER_FIELDS = ['etl_id', 'day_partition', 'entity_id_partition']

export type LatestAggregates =
  | { status: 'available'; days: Map<IsoDate, AggregateDay> }
  | { status: 'pending' | 'no-data' }

/**
 * The aggregated days of the newest 28-day window, each completed to the
 * record its 1-day report holds, so that a day stores the same whichever
 * report it came from.
 */
export async function fetchLatestAggregates(
  api: ReportsApi,
  policy: DownloadPolicy
): Promise<LatestAggregates> {
  let window: { startDay: IsoDate; endDay: IsoDate } | null = null
  const { report, files } = await downloadFiles(
    'aggregated 28-day report',
    async (): Promise<ReportLinks> => {
      const latest = await api.latestReport('aggregate')
      window = latest.status === 'available' ? latest : null
      return latest
    },
    (link) =>
      readRecords(link, policy, (raw, line, where) => {
        const wrapper = parseRecord(LatestAggregateSchema, raw, line, where)
        const { startDay, endDay } = window!
        if (
          wrapper.report_start_day !== startDay ||
          wrapper.report_end_day !== endDay
        )
          throw new ReportFormatError(
            where,
            line,
            `the file covers ${wrapper.report_start_day} to ${wrapper.report_end_day}, the report ${startDay} to ${endDay}`
          )
        return wrapper.day_totals.map((entry, index) => {
          const day = parseRecord(AggregateDaySchema, entry, line, where)
          if (day.day < startDay || day.day > endDay)
            throw new ReportFormatError(
              where,
              line,
              `day_totals[${index}] is of ${day.day}, outside the report's ${startDay} to ${endDay}`
            )
          return completeRecord(day, wrapper)
        })
      })
  )
  if (report.status !== 'available') return { status: report.status }
  const days = new Map<IsoDate, AggregateDay>()
  const texts = new Map<IsoDate, string>()
  for (const record of files.flat(2)) {
    const text = JSON.stringify(record)
    const seen = texts.get(record.day)
    if (seen !== undefined && seen !== text)
      throw new ActionError(
        `The aggregated 28-day report holds two different records of ${record.day}. Nothing was stored.`
      )
    texts.set(record.day, text)
    days.set(record.day, record)
  }
  return { status: 'available', days }
}

/**
 * A `day_totals[]` entry completed with the wrapper's housekeeping fields as
 * its 1-day record has them: the report's ETL run and entity partition, and
 * the day's own partition (the wrapper's is the newest day's).
 */
function completeRecord(
  day: AggregateDay,
  wrapper: Record<string, unknown>
): AggregateDay {
  const record: AggregateDay = { ...day }
  for (const field of WRAPPER_FIELDS)
    if (!(field in record) && wrapper[field] !== undefined)
      record[field] = field === 'day_partition' ? record.day : wrapper[field]
  return record
}

/**
 * Engaged users of each of `days` (days of the 28-day window) from
 * `users-28-day`: one line per user and active day, streamed; only the ids of
 * engaged users of the wanted days are held until they are counted, with the
 * number of lines of each day. Days the report cannot answer for (it is
 * missing or without data, or its window moved since the aggregated report
 * was read) are left out: the caller reads them from the 1-day reports, and
 * so does it for a day without a line while its aggregate has active users.
 */
export async function countLatestEngaged(
  api: ReportsApi,
  policy: DownloadPolicy,
  days: readonly IsoDate[]
): Promise<Map<IsoDate, { engaged: number; rows: number }>> {
  const engaged = new Map(days.map((day) => [day, new DistinctUsers()]))
  const rows = new Map(days.map((day) => [day, 0]))
  let window: (LatestReport & { status: 'available' }) | null = null
  const { report } = await downloadFiles(
    'users 28-day report',
    async (): Promise<ReportLinks> => {
      const latest = await api.latestReport('users')
      window = latest.status === 'available' ? latest : null
      return latest
    },
    (link) =>
      readRecords(link, policy, (raw, line, where) => {
        const user = parseRecord(UserEngagementSchema, raw, line, where)
        const ids = engaged.get(user.day)
        if (ids) {
          rows.set(user.day, rows.get(user.day)! + 1)
          if (isEngaged(user)) ids.add(user.user_id)
          return undefined
        }
        const { startDay, endDay } = window!
        if (!isIsoDate(user.day) || user.day < startDay || user.day > endDay)
          throw new ReportFormatError(
            where,
            line,
            `record of ${user.day} in the report of ${startDay} to ${endDay}`
          )
        return undefined
      })
  )
  // Set by the request callback above (TypeScript cannot see that).
  const answered = window as LatestReport | null
  if (report.status !== 'available' || answered?.status !== 'available')
    return new Map()
  const { startDay, endDay } = answered
  const counted = days.filter((day) => day >= startDay && day <= endDay)
  return new Map(
    counted.map((day) => [
      day,
      { engaged: engaged.get(day)!.size, rows: rows.get(day)! }
    ])
  )
}
