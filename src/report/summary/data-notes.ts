import { addDays, dayRange, type IsoDate } from '../../common/dates.js'
import type { DefinitionBreak } from '../../trend/definition-breaks.js'
import type { WeekTrend } from '../../trend/weekly-trend.js'
import { shortDate } from './markdown.js'

/** A definition break in the window, with its footnote marker and the week it falls in. */
export interface NotedBreak {
  marker: string
  week: string
  definitionBreak: DefinitionBreak
}

export interface DataNotesInput {
  pending: readonly IsoDate[]
  updated: readonly IsoDate[]
  trend: readonly WeekTrend[]
  /** Dates stored in the history. */
  stored: ReadonlySet<IsoDate>
  breaks: readonly NotedBreak[]
}

/** Sorted dates as runs: `2026-11-20 – 2026-11-22, 2026-11-25`. */
export function dateRuns(
  dates: readonly IsoDate[],
  format: (day: IsoDate) => string = (day) => day
): string {
  const sorted = [...dates].sort()
  const runs: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === addDays(sorted[j], 1)) j++
    runs.push(
      i === j
        ? format(sorted[i])
        : `${format(sorted[i])} – ${format(sorted[j])}`
    )
    i = j + 1
  }
  return runs.join(', ')
}

/** What a reader must know to trust the numbers: days not there, days changed, definitions changed. */
export function dataNotes(input: DataNotesInput): string[] {
  const notes: string[] = []
  if (input.pending.length)
    notes.push(
      `- **Not published by GitHub yet:** ${dateRuns(input.pending)}. GitHub publishes a day about two days after it ends; the next run fetches ${input.pending.length === 1 ? 'it' : 'them'}.`
    )
  if (input.updated.length)
    notes.push(
      `- **Revised by GitHub:** ${dateRuns(input.updated)}, replaced in the history by this run.`
    )
  const partial = input.trend.filter((week) => week.partial)
  if (partial.length)
    notes.push(
      `- **Partial weeks:** ${partial
        .map((week) => {
          const missing = dayRange(week.start, week.end).filter(
            (day) => !input.stored.has(day)
          )
          return `${week.week} (${week.days} of 7 days; no data for ${dateRuns(missing, shortDate)})`
        })
        .join(
          ', '
        )}. Averages are per day with data; the daily chart leaves days without data out rather than drawing them as zero.`
    )
  for (const { marker, week, definitionBreak } of input.breaks)
    notes.push(
      `- ${marker} **${definitionBreak.approximate ? '≈ ' : ''}${definitionBreak.date}** (${week}): ${definitionBreak.note}`
    )
  return notes.length ? ['### Data notes', '', ...notes] : []
}
