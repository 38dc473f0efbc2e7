import type { IsoDate } from '../common/dates.js'

/**
 * A day from which GitHub counts differently, so a step in the series there is
 * (at least partly) a change of definition, not of usage. GitHub does not
 * backfill these: days before keep the old definition.
 */
export interface DefinitionBreak {
  date: IsoDate
  /** GitHub announced a period, not a day: the date is the nearest known one. */
  approximate: boolean
  /** One sentence, for the job summary. */
  note: string
}

/** From GitHub's changelog, oldest first. */
export const DEFINITION_BREAKS: readonly DefinitionBreak[] = [
  {
    date: '2026-04-10',
    approximate: false,
    note: 'Copilot CLI activity is counted in the top-level totals (interactions, code generations, lines).'
  },
  {
    date: '2026-06-15',
    approximate: false,
    note: 'Server-side telemetry adds active users that IDE telemetry missed: daily active users step up.'
  },
  {
    date: '2026-07-02',
    approximate: false,
    note: 'Accuracy fixes: lines suggested by Copilot CLI are counted, and server-side users are attributed to IDEs.'
  },
  {
    date: '2026-07-28',
    approximate: true,
    note: 'Users of the Copilot app are counted in daily active users.'
  },
  {
    date: '2026-10-06',
    approximate: false,
    note: 'Agent activity through the Copilot SDK is under-reported until users update their IDE; GitHub does not backfill it.'
  }
]

/** The breaks dated from `from` to `to`, both included. */
export function breaksBetween(
  from: IsoDate,
  to: IsoDate,
  breaks: readonly DefinitionBreak[] = DEFINITION_BREAKS
): DefinitionBreak[] {
  return breaks.filter((b) => b.date >= from && b.date <= to)
}
