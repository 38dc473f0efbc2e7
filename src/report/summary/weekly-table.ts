import type { WeekTrend } from '../../trend/weekly-trend.js'
import {
  formatChange,
  formatNumber,
  formatOptional,
  formatShare,
  formatWhole,
  shortDate,
  table
} from './markdown.js'

interface OptionalColumn {
  header: string
  value: (week: WeekTrend) => number | null
  format: (value: number | null) => string
}

/** Shown only when some week has the figure: other sources and older days lack them. */
export const OPTIONAL_COLUMNS: readonly OptionalColumn[] = [
  {
    header: 'Weekly active users',
    value: (w) => w.weeklyActiveUsers,
    format: formatOptional
  },
  {
    header: 'Acceptance rate',
    value: (w) => w.acceptanceRate,
    format: formatShare
  },
  {
    header: 'Avg lines added',
    value: (w) => w.avgLocAdded,
    format: formatWhole
  },
  {
    header: 'Avg interactions',
    value: (w) => w.avgInteractions,
    format: formatWhole
  },
  {
    header: 'Avg code review users',
    value: (w) => w.avgCodeReviewUsers,
    format: formatOptional
  },
  {
    header: 'Avg cloud agent users',
    value: (w) => w.avgCloudAgentUsers,
    format: formatOptional
  },
  { header: 'Seats', value: (w) => w.seats, format: formatOptional },
  {
    header: 'Seat utilization',
    value: (w) => w.utilization,
    format: formatShare
  }
]

/**
 * One row per ISO week, oldest first. `markers` adds footnote markers to a
 * week's cell, by ISO week label.
 */
export function weeklyTable(
  trend: readonly WeekTrend[],
  markers: ReadonlyMap<string, string> = new Map()
): string[] {
  const optional = OPTIONAL_COLUMNS.filter((column) =>
    trend.some((week) => column.value(week) !== null)
  )
  return table(
    [
      'Week',
      'Dates',
      'Days with data',
      'Avg active users',
      'Δ',
      'Avg engaged users',
      'Δ',
      'Engaged share',
      ...optional.map((column) => column.header)
    ],
    [
      'l',
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
      'r',
      ...optional.map(() => 'r' as const)
    ],
    trend.map((week) => {
      const marker = markers.get(week.week)
      return [
        `${week.week}${week.partial ? ' (partial)' : ''}${marker ? ` ${marker}` : ''}`,
        `${shortDate(week.start)} – ${shortDate(week.end)}`,
        `${week.days}/7`,
        formatNumber(week.avgActiveUsers),
        formatChange(week.avgActiveUsersChangePct),
        formatNumber(week.avgEngagedUsers),
        formatChange(week.avgEngagedUsersChangePct),
        formatShare(week.engagedShare),
        ...optional.map((column) => column.format(column.value(week)))
      ]
    })
  )
}
