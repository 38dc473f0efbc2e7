import type { WeekTrend } from '../../trend/weekly-trend.js'
import {
  formatChange,
  formatNumber,
  formatOptional,
  formatShare,
  formatWhole,
  NBSP,
  table
} from './markdown.js'

/** Rows in view; older weeks are folded in `<details>`. */
export const WEEKS_IN_VIEW = 8

/**
 * The week-over-week changes of `trend[i]`, or null when either week is
 * partial: a week of weekdays only against a full week says nothing about
 * usage. `trend[i - 1]` is the week before whenever the change is not null
 * (the trend holds every week with data in its window).
 */
export function fullWeekChanges(
  trend: readonly WeekTrend[],
  i: number
): { active: number | null; engaged: number | null } {
  const week = trend[i]
  const before = i > 0 ? trend[i - 1] : undefined
  if (week.partial || before?.partial) return { active: null, engaged: null }
  return {
    active: week.avgActiveUsersChangePct,
    engaged: week.avgEngagedUsersChangePct
  }
}

interface Column {
  header: string
  align: 'l' | 'r'
  cell: (week: WeekTrend, i: number) => string
  /** Left out when it would be `–` for every week. */
  value?: (week: WeekTrend) => number | null
}

/** The week's label: `2026-W47`, `\*` for a partial week (escaped: a bare `*` is emphasis), then footnote markers. */
const weekCell =
  (markers: ReadonlyMap<string, string>) =>
  (week: WeekTrend): string => {
    const marker = markers.get(week.week)
    return `${week.week}${week.partial ? '&#42;' : ''}${marker ? ` ${marker}` : ''}`
  }

function adoptionColumns(
  trend: readonly WeekTrend[],
  markers: ReadonlyMap<string, string>
): Column[] {
  return [
    { header: 'Week', align: 'l', cell: weekCell(markers) },
    { header: 'Days', align: 'r', cell: (w) => `${w.days}/7` },
    {
      header: 'Active',
      align: 'r',
      cell: (w) => formatNumber(w.avgActiveUsers)
    },
    {
      header: 'Δ',
      align: 'r',
      cell: (_, i) => formatChange(fullWeekChanges(trend, i).active)
    },
    {
      header: 'Engaged',
      align: 'r',
      cell: (w) => formatNumber(w.avgEngagedUsers)
    },
    {
      header: 'Δ',
      align: 'r',
      cell: (_, i) => formatChange(fullWeekChanges(trend, i).engaged)
    },
    {
      header: 'Engaged share',
      align: 'r',
      cell: (w) => formatShare(w.engagedShare)
    },
    {
      header: 'Weekly active',
      align: 'r',
      value: (w) => w.weeklyActiveUsers,
      cell: (w) => formatOptional(w.weeklyActiveUsers)
    },
    {
      header: 'Utilization',
      align: 'r',
      value: (w) => w.utilization,
      cell: (w) =>
        w.utilization === null || w.seats === null
          ? '–'
          : `${formatShare(w.utilization)} of${NBSP}${formatNumber(w.seats)}`
    }
  ]
}

/** Activity columns: each only when some week has the figure (other sources and older days lack them). */
export const ACTIVITY_COLUMNS: readonly (Column & {
  value: (week: WeekTrend) => number | null
})[] = [
  {
    header: 'Acceptance rate',
    align: 'r',
    value: (w) => w.acceptanceRate,
    cell: (w) => formatShare(w.acceptanceRate)
  },
  {
    header: 'Lines added/day',
    align: 'r',
    value: (w) => w.avgLocAdded,
    cell: (w) => formatWhole(w.avgLocAdded)
  },
  {
    header: 'Prompts/day',
    align: 'r',
    value: (w) => w.avgInteractions,
    cell: (w) => formatWhole(w.avgInteractions)
  },
  {
    header: 'Code review users',
    align: 'r',
    value: (w) => w.avgCodeReviewUsers,
    cell: (w) => formatOptional(w.avgCodeReviewUsers)
  },
  {
    header: 'Cloud agent users',
    align: 'r',
    value: (w) => w.avgCloudAgentUsers,
    cell: (w) => formatOptional(w.avgCloudAgentUsers)
  }
]

/** The columns some week has, in a table of the weeks at `indexes`, newest first. */
function render(
  trend: readonly WeekTrend[],
  columns: readonly Column[],
  indexes: readonly number[]
): string[] {
  const shown = columns.filter(
    (column) =>
      !column.value || trend.some((week) => column.value!(week) !== null)
  )
  return table(
    shown.map((column) => column.header),
    shown.map((column) => column.align),
    indexes.map((i) => shown.map((column) => column.cell(trend[i], i)))
  )
}

export interface WeeklyTables {
  /** Week, days, average active and engaged users with their change, engaged share, weekly active users, seats and utilization. */
  adoption: (indexes: readonly number[]) => string[]
  /** Acceptance rate, lines added, prompts, code review and cloud agent users; null when no week has any. */
  activity: ((indexes: readonly number[]) => string[]) | null
  /** Indexes of the newest weeks, newest first, and of the older ones. */
  recent: number[]
  older: number[]
}

/** The weekly tables, split so each fits GitHub's 1000 px column. `markers` adds footnote markers to a week, by ISO week label. */
export function weeklyTables(
  trend: readonly WeekTrend[],
  markers: ReadonlyMap<string, string> = new Map()
): WeeklyTables {
  const newestFirst = trend.map((_, i) => i).reverse()
  const hasActivity = ACTIVITY_COLUMNS.some((column) =>
    trend.some((week) => column.value(week) !== null)
  )
  const weekColumn = adoptionColumns(trend, markers)[0]
  return {
    adoption: (indexes) =>
      render(trend, adoptionColumns(trend, markers), indexes),
    activity: hasActivity
      ? (indexes) => render(trend, [weekColumn, ...ACTIVITY_COLUMNS], indexes)
      : null,
    recent: newestFirst.slice(0, WEEKS_IN_VIEW),
    older: newestFirst.slice(WEEKS_IN_VIEW)
  }
}

/** A `<details>` block: the blank lines let GitHub render the markdown inside. */
export function folded(summary: string, body: readonly string[]): string[] {
  return [
    '<details>',
    `<summary>${summary}</summary>`,
    '',
    ...body,
    '',
    '</details>'
  ]
}

/**
 * The weekly section: the adoption table of the newest 8 weeks, the activity
 * table folded, and older weeks folded under them.
 */
export function weeklySection(
  trend: readonly WeekTrend[],
  markers: ReadonlyMap<string, string> = new Map(),
  withActivity = true
): string[] {
  const tables = weeklyTables(trend, markers)
  const lines = [...tables.adoption(tables.recent)]
  const notes = [
    'Newest first. Active, Engaged: average daily users, per day with data; Utilization: average daily active users ÷ seats.',
    ...(trend.some((week) => week.partial)
      ? [
          '&#42; Partial week (fewer than 7 days of data): no change is shown for it or for the week after, since a week of weekdays only is not comparable with a full week.'
        ]
      : [])
  ]
  lines.push('', `<sub>${notes.join(' ')}</sub>`)
  if (withActivity && tables.activity)
    lines.push(
      '',
      ...folded(
        'Activity per week: acceptance rate, lines added, prompts, code review and cloud agent users',
        tables.activity(tables.recent)
      )
    )
  if (tables.older.length) {
    const oldest = trend[tables.older[tables.older.length - 1]].week
    const newest = trend[tables.older[0]].week
    lines.push(
      '',
      ...folded(
        `${tables.older.length} older ${tables.older.length === 1 ? 'week' : 'weeks'}, ${oldest} to ${newest}`,
        [
          ...tables.adoption(tables.older),
          ...(withActivity && tables.activity
            ? ['', ...tables.activity(tables.older)]
            : [])
        ]
      )
    )
  }
  return lines
}
