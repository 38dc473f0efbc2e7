import { z } from 'zod'
import { ActionError } from '../common/errors.js'
import { parseJsonText } from '../common/json-location.js'
import { SCOPE_KINDS, describeScope, type Scope } from '../inputs/settings.js'

/** Bumped only for changes an older version of the Action cannot read. */
export const HISTORY_SCHEMA_VERSION = 1

import {
  METRICS_SOURCES,
  SeatsEntrySchema,
  isoDate,
  StoredDaySchema,
  type MetricsSource
} from '../day/stored-day.js'

/** Why a requested day is not stored (see DayOutcome), as kept between runs. */
export const CHECK_STATUSES = ['pending', 'no-data', 'below-threshold'] as const
export type CheckStatus = (typeof CHECK_STATUSES)[number]

const DayCheckSchema = z.looseObject({
  /** When GitHub was last asked for the day (ISO timestamp). */
  lastCheckedAt: z.string(),
  status: z.enum(CHECK_STATUSES),
  /** How many runs asked for it. */
  attempts: z.number().int().positive()
})
export type DayCheck = z.infer<typeof DayCheckSchema>

const ScopeSchema = z.looseObject({
  kind: z.enum(SCOPE_KINDS),
  organization: z.string().optional(),
  enterprise: z.string().optional(),
  team: z.string().optional()
})

const HistorySchema = z
  .looseObject({
    schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
    scope: ScopeSchema,
    /** The API of the last run that wrote the file; each day records its own. */
    source: z.enum(METRICS_SOURCES),
    days: z.array(StoredDaySchema),
    /** One entry per date a run recorded the seats (organization scope); absent before the first. */
    seats: z.array(SeatsEntrySchema).optional(),
    /** Days of the window requested but not stored (not published, no data), with their last check: the retry schedule reads them. */
    checks: z.record(isoDate, DayCheckSchema).optional()
  })
  .superRefine((history, ctx) => {
    for (const series of ['days', 'seats'] as const) {
      const entries = history[series] ?? []
      for (let i = 1; i < entries.length; i++) {
        const previous = entries[i - 1].date
        const current = entries[i].date
        if (current <= previous)
          ctx.addIssue({
            code: 'custom',
            path: [series, i, 'date'],
            message:
              current === previous
                ? `date ${current} is stored twice`
                : `dates are not sorted: ${current} follows ${previous}`
          })
      }
    }
  })
export type History = z.infer<typeof HistorySchema>

export function emptyHistory(scope: Scope, source: MetricsSource): History {
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    scope: { ...scope },
    source,
    days: []
  }
}

/** Thrown when the stored history cannot be trusted: the run must stop without writing. */
export const REPAIR_ADVICE =
  'Nothing was written: the file is left as it is. Repair it on the data branch (see docs/history-file.md, "Repairing the history file") or point history-path at a new file.'

export class HistoryFileError extends ActionError {
  constructor(where: string, problem: string, advice = REPAIR_ADVICE) {
    super(`The history file ${where} ${problem}. ${advice}`)
    this.name = 'HistoryFileError'
  }
}

/**
 * Parses and validates a stored history. Any doubt fails the run: a file that
 * cannot be read is never replaced by one with less data.
 */
export function parseHistory(
  text: string,
  where: string,
  scope: Scope,
  advice = REPAIR_ADVICE
): History {
  const parsed = parseJsonText(text)
  if (!parsed.ok)
    throw new HistoryFileError(
      where,
      `is not valid JSON (${parsed.location})`,
      advice
    )
  return validateHistory(parsed.value, where, scope, advice)
}

/**
 * A file of a newer schema than this version reads is refused, never
 * rewritten: writing it back in the older form would lose what it holds.
 */
export function refuseNewerVersion(
  json: unknown,
  where: string,
  advice: string,
  newestVersion: number
): void {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version === 'number' && version > newestVersion)
    throw new HistoryFileError(
      where,
      `was written by a newer version of this Action (schemaVersion ${version}, this version reads ${newestVersion}); upgrade the Action`,
      advice
    )
}

/**
 * Validates a parsed history (also the top-level fields of a sharded one,
 * with its days checked apart): schema, version, and that it holds `scope`.
 */
export function validateHistory(
  json: unknown,
  where: string,
  scope: Scope,
  advice = REPAIR_ADVICE,
  newestVersion = HISTORY_SCHEMA_VERSION
): History {
  refuseNewerVersion(json, where, advice, newestVersion)
  const parsed = HistorySchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues
    const shown = issues
      .slice(0, 5)
      .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    if (issues.length > 5) shown.push(`… and ${issues.length - 5} more`)
    throw new HistoryFileError(
      where,
      `failed validation: ${shown.join('; ')}`,
      advice
    )
  }
  const stored = parsed.data.scope
  if (!sameScope(stored, scope))
    throw new HistoryFileError(
      where,
      `holds the ${describeScope(stored as Scope)}, not the ${describeScope(scope)} this run is for; set history-path to another file`,
      advice
    )
  return parsed.data
}

function sameScope(stored: History['scope'], scope: Scope): boolean {
  const fold = (value: unknown): string =>
    typeof value === 'string' ? value.toLowerCase() : ''
  const wanted = scope as Record<string, unknown>
  return (
    stored.kind === scope.kind &&
    ['organization', 'enterprise', 'team'].every(
      (key) => fold(stored[key]) === fold(wanted[key])
    )
  )
}

function formatPath(path: PropertyKey[]): string {
  return (
    path.reduce<string>(
      (text, key) =>
        typeof key === 'number'
          ? `${text}[${key}]`
          : text
            ? `${text}.${String(key)}`
            : String(key),
      ''
    ) || '(top level)'
  )
}

/**
 * One day per line inside a pretty envelope: the file stays valid JSON, a new
 * day is one added line in `git diff`, and it is far smaller than fully indented JSON.
 */
export function serializeHistory(history: History): string {
  const { days, seats, ...envelope } = history
  // One list of lines joined once: a year of history is several MB, so no
  // intermediate copy of the series is built.
  const lines = [`${JSON.stringify(envelope, null, 2).slice(0, -2)},`]
  const series = (
    name: string,
    entries: readonly unknown[],
    last: boolean
  ): void => {
    if (entries.length === 0) {
      lines.push(`  "${name}": []${last ? '' : ','}`)
      return
    }
    lines.push(`  "${name}": [`)
    entries.forEach((entry, index) =>
      lines.push(
        `    ${JSON.stringify(entry)}${index < entries.length - 1 ? ',' : ''}`
      )
    )
    lines.push(`  ]${last ? '' : ','}`)
  }
  series('days', days, !seats)
  if (seats) series('seats', seats, true)
  lines.push('}', '')
  return lines.join('\n')
}
