/**
 * A valid history file of at least `bytes` bytes: GitHub's contents API
 * returns empty content in its JSON form above 1 MB, so a test with a file
 * this size proves the Action reads the whole file another way.
 */

/** @param {string} day @param {number} delta */
function addDays(day, delta) {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + delta)
  return date.toISOString().slice(0, 10)
}

/**
 * @param {{ scope: Record<string, string>, newest: string, bytes: number }} options
 *   `newest` is the date of the last stored day; days go back from it
 * @returns {{ text: string, dates: string[] }}
 */
export function largeHistory({ scope, newest, bytes }) {
  // Each day carries a record of about 6 KB, like a busy organization's.
  const languages = Array.from({ length: 40 }, (_, i) => ({
    language: `language-${i}`,
    code_generation_activity_count: 1000 + i,
    code_acceptance_activity_count: 300 + i,
    loc_added_sum: 5000 + i
  }))
  /** @param {string} date @param {number} i */
  const dayOf = (date, i) => ({
    date,
    source: 'reports',
    fetchedAt: `${addDays(date, 2)}T03:00:00.000Z`,
    summary: {
      activeUsers: 20 + (i % 30),
      engagedUsers: 10 + (i % 15),
      weeklyActiveUsers: 40 + (i % 20)
    },
    record: {
      day: date,
      daily_active_users: 20 + (i % 30),
      totals_by_language: languages
    }
  })
  const perDay = JSON.stringify(dayOf(newest, 0)).length
  const count = Math.ceil(bytes / perDay) + 1
  const dates = Array.from({ length: count }, (_, i) =>
    addDays(newest, i - count + 1)
  )
  const days = dates.map(dayOf)
  const text = `${JSON.stringify({ schemaVersion: 1, scope, source: 'reports', days })}\n`
  if (Buffer.byteLength(text) < bytes)
    throw new Error(`largeHistory: ${Buffer.byteLength(text)} < ${bytes} bytes`)
  return { text, dates }
}
