import { ActionError } from '../common/errors.js'
import { parseJsonText } from '../common/json-location.js'
import { parseHistory } from './file.js'
import { type StoredDay } from '../day/stored-day.js'
import {
  legacyStoredDay,
  parseLegacyDay
} from '../sources/legacy/day-source.js'
import type { Scope } from '../inputs/settings.js'

const IMPORT_ADVICE =
  'Nothing was committed. Fix the file given in import-path, or remove the input.'

/**
 * Days of a file to import: the JSON array of legacy day objects that GitHub's
 * how-to guide writes (copilotMetricsData.json), or a history file of this
 * Action. The file itself is only read.
 */
export function parseImportFile(
  text: string,
  where: string,
  scope: Scope,
  importedAt: string
): StoredDay[] {
  const parsed = parseJsonText(text)
  if (!parsed.ok)
    throw new ActionError(
      `The import file ${where} is not valid JSON (${parsed.location}). ${IMPORT_ADVICE}`
    )
  const json = parsed.value
  if (Array.isArray(json)) {
    const byDate = new Map<
      string,
      { day: StoredDay; entry: number; text: string }
    >()
    json.forEach((raw: unknown, index) => {
      const entry = index + 1
      let day: StoredDay
      try {
        day = legacyStoredDay(
          parseLegacyDay(raw, `The import file ${where}, entry ${entry}`),
          importedAt
        )
      } catch (error) {
        throw new ActionError(`${(error as Error).message} ${IMPORT_ADVICE}`)
      }
      const text = JSON.stringify(raw)
      const earlier = byDate.get(day.date)
      if (earlier && earlier.text !== text)
        throw new ActionError(
          `The import file ${where}, entry ${entry}: date ${day.date} is already in entry ${earlier.entry} with other values. ${IMPORT_ADVICE}`
        )
      byDate.set(day.date, earlier ?? { day, entry, text })
    })
    return [...byDate.values()]
      .map(({ day }) => day)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
  }
  if (json !== null && typeof json === 'object' && 'schemaVersion' in json)
    return parseHistory(
      text,
      `given in import-path, ${where},`,
      scope,
      IMPORT_ADVICE
    ).days
  throw new ActionError(
    `The import file ${where} is neither a JSON array of days (the format of GitHub's how-to guide) nor a history file of this Action. ${IMPORT_ADVICE}`
  )
}
