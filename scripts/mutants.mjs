// The deliberate bugs of `npm run mutate` (scripts/mutate.mjs). Each one:
//   name   unique, prefixed by the area it belongs to
//   file   the source file it changes
//   find   text that occurs exactly once in the file
//   replace what it becomes (must still type-check: ts-jest reports type
//          errors as failures, which would count as a kill)
//   tests  the test files that must catch it (e2e ones get a fresh bundle)
//   grep   optional jest -t filter, to run only the tests that matter
//   why    what would go wrong for a user if it shipped

/**
 * @typedef {object} Mutant
 * @property {string} name
 * @property {string} file
 * @property {string} find
 * @property {string} replace
 * @property {string[]} tests
 * @property {string} [grep]
 * @property {string} why
 */

const WEEKLY = [
  '__tests__/unit/trend/weekly-trend.test.ts',
  '__tests__/unit/trend/weekly-trend-figures.test.ts'
]
const MERGE = [
  '__tests__/unit/history/merge.test.ts',
  '__tests__/unit/history/merge-policy.test.ts'
]
const PLAN = ['__tests__/unit/history/fetch-plan.test.ts']
const FILE = [
  '__tests__/unit/history/history.test.ts',
  '__tests__/unit/history/history-file-seats.test.ts',
  '__tests__/unit/history/import-file.test.ts'
]
const ENVELOPE = ['__tests__/unit/sources/reports/report-envelope.test.ts']
const DATA_PATH = ['__tests__/integration/data-path.test.ts']
const BRANCH = ['__tests__/integration/data-branch.test.ts']
const JSON_LOCATION = ['__tests__/unit/common/json-location.test.ts']

/** @type {Mutant[]} */
export const MUTANTS = [
  // ---- the nine that once survived the whole suite -----------------------
  {
    name: 'survivor: stored record drops nested objects',
    file: 'src/sources/reports/day-source.ts',
    find: `      summary: summarizeReportsDay(record, engagedUsers),
      record
`,
    replace: `      summary: summarizeReportsDay(record, engagedUsers),
      record: Object.fromEntries(
        Object.entries(record).filter(
          ([, value]) =>
            typeof value !== 'object' || value === null || Array.isArray(value)
        )
      )
`,
    tests: DATA_PATH,
    grep: 'keeps every field',
    why: 'pull_requests, totals_by_cli and other nested objects of GitHub’s record would be lost for good'
  },
  {
    name: 'survivor: run drops unknown top-level fields of the history',
    file: 'src/history/sync-result.ts',
    find: `    history: {
      ...rest,
      source: run.settings.api,`,
    replace: `    history: {
      schemaVersion: rest.schemaVersion,
      scope: rest.scope,
      source: run.settings.api,`,
    tests: DATA_PATH,
    grep: 'keeps unknown top-level',
    why: 'fields written by a newer version of the Action would be deleted by an older one'
  },
  {
    name: 'survivor: utilization from a whole-number average',
    file: 'src/trend/weekly-trend.ts',
    find: 'utilization: seatsOfWeek ? round(average.active / seatsOfWeek, 4) : null',
    replace:
      'utilization: seatsOfWeek ? round(Math.round(average.active) / seatsOfWeek, 4) : null',
    tests: WEEKLY,
    why: 'utilization would disagree with the average shown beside it'
  },
  {
    name: 'survivor: utilization from the rounded average',
    file: 'src/trend/weekly-trend.ts',
    find: 'utilization: seatsOfWeek ? round(average.active / seatsOfWeek, 4) : null',
    replace:
      'utilization: seatsOfWeek ? round(round(average.active, 2) / seatsOfWeek, 4) : null',
    tests: WEEKLY,
    why: 'utilization would not be avgActiveUsers ÷ seats as documented'
  },
  {
    name: 'survivor: week seats from the first entry',
    file: 'src/trend/weekly-trend.ts',
    find: 'if (entry.date >= start && entry.date <= end) value = entry.summary.total',
    replace:
      'if (entry.date >= start && entry.date <= end) value ??= entry.summary.total',
    tests: WEEKLY,
    why: 'a week would show its seats before a mid-week change'
  },
  {
    name: "survivor: report's day not checked",
    file: 'src/sources/reports/api.ts',
    find: `    if (envelope.data.report_day !== day)
      throw new ActionError(
        \`GitHub answered the \${kind} report of \${day} with the report of \${envelope.data.report_day}; nothing was stored.\`
      )
`,
    replace: '',
    tests: [...ENVELOPE, ...DATA_PATH],
    grep: "another day's",
    why: 'another day’s report would be stored under the date asked for'
  },
  {
    name: "survivor: aggregate record's day not checked",
    file: 'src/sources/reports/day-source.ts',
    find: `      const record = parseRecord(AggregateDaySchema, raw, line, where)
      checkDay(record.day, date, line, where)
`,
    replace: `      const record = parseRecord(AggregateDaySchema, raw, line, where)
`,
    tests: DATA_PATH,
    grep: 'a later day',
    why: 'a record of another day would be stored as this day'
  },
  {
    name: 'survivor: one aggregate record per day not checked',
    file: 'src/sources/reports/day-source.ts',
    find: 'if (records.some((record) => JSON.stringify(record) !== first))',
    replace:
      'if (records.slice(0, 1).some((record) => JSON.stringify(record) !== first))',
    tests: DATA_PATH,
    grep: 'two different records',
    why: 'an aggregated report with several different records would store the first silently'
  },
  {
    name: 'survivor: history read through the JSON contents form',
    file: 'src/history/data-branch.ts',
    find: `      const file = await this.octokit.rest.repos.getContent({
        owner,
        repo,
        path,
        ref: head,
        mediaType: { format: 'raw' }
      })
      if (typeof file.data !== 'string')
        throw new ActionError(
          \`\${this.where(path)} is not a file. Set history-path to a file path.\`
        )
      return file.data`,
    replace: `      const file = await this.octokit.rest.repos.getContent({
        owner,
        repo,
        path,
        ref: head
      })
      if (Array.isArray(file.data))
        throw new ActionError(
          \`\${this.where(path)} is not a file. Set history-path to a file path.\`
        )
      const json = file.data as { content?: string }
      return Buffer.from(json.content ?? '', 'base64').toString('utf8')`,
    tests: DATA_PATH,
    grep: 'above 1 MB',
    why: 'GitHub returns empty content above 1 MB in the JSON form: a year of history would become unreadable'
  },

  // ---- report validation --------------------------------------------------
  {
    name: "report: users record's day not checked",
    file: 'src/sources/reports/user-rows.ts',
    find: `      const row = parseRecord(schema, raw, line, where)
      checkDay(row.day, day.date, line, where)
`,
    replace: `      const row = parseRecord(schema, raw, line, where)
`,
    tests: DATA_PATH,
    grep: 'users record of another day',
    why: 'users of another day would be counted as engaged this day'
  },
  {
    name: 'report: checkDay lets a later day through',
    file: 'src/sources/reports/report-files.ts',
    find: 'if (day !== date)',
    replace: 'if (day < date)',
    tests: DATA_PATH,
    grep: 'a later day',
    why: 'a record of a later day would be stored as this day'
  },
  {
    name: 'report: a 28-day window ending before it starts accepted',
    file: 'src/sources/reports/api.ts',
    find: 'if (report_start_day > report_end_day)',
    replace:
      'if (report_start_day > report_end_day && download_links.length < 0)',
    tests: ENVELOPE,
    why: 'a nonsensical 28-day window would be read as days'
  },
  {
    name: 'report: a JSON string answer is an error, not "no data"',
    file: 'src/sources/reports/api.ts',
    find: `    data === null ||
    typeof data === 'string'`,
    replace: `    data === null`,
    tests: ENVELOPE,
    why: 'the "No report available" answer seen in production would fail the run'
  },
  {
    name: 'report: an answer without links is not "no data"',
    file: 'src/sources/reports/api.ts',
    find: `    if (envelope.data.download_links.length === 0) return { status: 'no-data' }
    return { status: 'available', links: envelope.data.download_links }`,
    replace: `    return { status: 'available', links: envelope.data.download_links }`,
    tests: ENVELOPE,
    why: 'a day published without data would be stored as a day of zeros'
  },
  {
    name: "report: records stored in zod's key order",
    file: 'src/sources/reports/report-files.ts',
    find: 'return record as z.output<S>',
    replace: 'return parsed.data',
    tests: DATA_PATH,
    grep: 'keeps every field',
    why: 'a stored record would not be GitHub’s record as sent (keys reordered)'
  },
  {
    name: 'report: negative counts accepted',
    file: 'src/sources/reports/records.ts',
    find: 'const count = z.number().int().nonnegative()',
    replace: 'const count = z.number().int()',
    tests: DATA_PATH,
    grep: 'negative count',
    why: 'a corrupt record would be stored and averaged'
  },

  // ---- partial reads of a sharded history ----------------------------------
  {
    name: 'storage: a night reads every shard',
    file: 'src/history/store.ts',
    find: '!selection || isRead(index.shards[n].month, selection) ? path : undefined',
    replace:
      '!selection || isRead(index.shards[n].month, selection) || true ? path : undefined',
    tests: ['__tests__/unit/history/shards-selection.test.ts'],
    why: 'a night would read and parse five years of shards to use one: its cost would grow with the history'
  },
  {
    name: 'storage: the monthly trend reads one month',
    file: 'src/history/shard-selection.ts',
    find: 'monthsBefore(monthOf(newest), TREND_MONTHS - 1)',
    replace: 'monthsBefore(monthOf(newest), 0)',
    tests: ['__tests__/unit/history/shards-selection.test.ts'],
    why: 'the monthly trend would lose its older months on every night'
  },
  {
    name: 'storage: a day of a month not read overwrites its shard',
    file: 'src/history/shards.ts',
    find: 'if (months.has(shard.month))',
    replace: 'if (months.has(shard.month) && shard.days < 0)',
    tests: ['__tests__/unit/history/shards-selection.test.ts'],
    why: 'the days of a month never read would be replaced by the one day merged'
  },

  // ---- merge --------------------------------------------------------------
  {
    name: 'merge: a day fetched twice in one run is not refused',
    file: 'src/history/merge.ts',
    find: 'if (seen.has(day.date))',
    replace: 'if (seen.has(day.date) && seen.size < 0)',
    tests: MERGE,
    why: 'an internal error would silently keep one of two different records'
  },
  {
    name: 'merge: the first day of the refresh window is never replaced',
    file: 'src/history/merge.ts',
    find: 'incoming.date >= policy.replaceFrom',
    replace: 'incoming.date > policy.replaceFrom',
    tests: MERGE,
    why: 'a revised day would be kept stale'
  },
  {
    name: 'merge: one API rewrites the other’s days',
    file: 'src/history/merge.ts',
    find: `    incoming.source === current.source &&
`,
    replace: '',
    tests: MERGE,
    why: 'a legacy-API day would be replaced by a reports-API day of other meaning'
  },
  {
    name: 'merge: an import replaces days of the same API',
    file: 'src/history/merge.ts',
    find: 'GENERATION[incoming.source] > GENERATION[current.source]',
    replace: 'GENERATION[incoming.source] >= GENERATION[current.source]',
    tests: MERGE,
    why: 'an import would overwrite stored days of the same API'
  },
  {
    name: 'merge: the record is not compared',
    file: 'src/history/merge.ts',
    find: ` &&
    canonicalJson(a.record) === canonicalJson(b.record)`,
    replace: '',
    tests: MERGE,
    why: 'a revision of the record alone would never be stored'
  },
  {
    name: 'merge: key order counts as a change',
    file: 'src/history/merge.ts',
    find: `          Object.entries(v as Record<string, unknown>).sort(([x], [y]) =>
            x < y ? -1 : x > y ? 1 : 0
          )`,
    replace: `          Object.entries(v as Record<string, unknown>)`,
    tests: MERGE,
    why: 'every nightly re-fetch would be reported and committed as a revision'
  },
  {
    name: 'merge: days sorted newest first',
    file: 'src/history/merge.ts',
    find: 'a.date < b.date ? -1 : a.date > b.date ? 1 : 0',
    replace: 'a.date < b.date ? 1 : a.date > b.date ? -1 : 0',
    tests: MERGE,
    why: 'the history file would be refused by the next run (unsorted dates)'
  },

  // ---- fetch plan ---------------------------------------------------------
  {
    name: 'plan: today is requested',
    file: 'src/history/fetch-plan.ts',
    find: 'const yesterday = addDays(options.today, -1)',
    replace: 'const yesterday = addDays(options.today, 0)',
    tests: PLAN,
    why: 'a day GitHub has not finished would be requested every run'
  },
  {
    name: 'plan: refresh window one day too long',
    file: 'src/history/fetch-plan.ts',
    find: 'addDays(newest, 1 - options.refreshDays)',
    replace: 'addDays(newest, -options.refreshDays)',
    tests: PLAN,
    why: 'refresh-days would not mean what it says'
  },
  {
    name: 'plan: refresh-days 0 still refreshes',
    file: 'src/history/fetch-plan.ts',
    find: 'options.refreshDays > 0',
    replace: 'options.refreshDays >= 0',
    tests: PLAN,
    why: 'refresh-days 0 would replace the newest stored day'
  },
  {
    name: 'plan: backfill one day too long',
    file: 'src/history/fetch-plan.ts',
    find: 'addDays(yesterday, 1 - options.backfillDays)',
    replace: 'addDays(yesterday, -options.backfillDays)',
    tests: PLAN,
    why: 'backfill-days would not mean what it says'
  },
  {
    name: 'plan: the newest stored day fetched again',
    file: 'src/history/fetch-plan.ts',
    find: '(replaceFrom ?? addDays(newest, 1))',
    replace: '(replaceFrom ?? addDays(newest, 0))',
    tests: PLAN,
    why: 'a request more every night, and refresh-days 0 would not hold'
  },
  {
    name: 'plan: no clamp to what GitHub keeps',
    file: 'src/history/fetch-plan.ts',
    find: 'const from = wanted < earliest ? earliest : wanted',
    replace: 'const from = wanted',
    tests: PLAN,
    why: 'days GitHub never answers would be requested and reported pending forever'
  },
  {
    name: 'plan: the clamp is not reported',
    file: 'src/history/fetch-plan.ts',
    find: 'clampedFrom: wanted < earliest ? from : null',
    replace: 'clampedFrom: null',
    tests: PLAN,
    why: 'the notice that earlier days are skipped would be missing'
  },
  {
    name: 'plan: enterprise teams start at the organization date',
    file: 'src/history/fetch-plan.ts',
    find: "scope.kind === 'enterprise' || scope.kind === 'enterprise-team'",
    replace: "scope.kind === 'enterprise'",
    tests: PLAN,
    why: 'two months of an enterprise team’s days would never be fetched'
  },
  {
    name: 'plan: no retention limit',
    file: 'src/history/fetch-plan.ts',
    find: 'return start > retained ? start : retained',
    replace: 'return start',
    tests: PLAN,
    why: 'days older than GitHub keeps would be requested'
  },
  {
    name: 'plan: the legacy window one day short',
    file: 'src/history/fetch-plan.ts',
    find: 'addDays(today, -LEGACY_WINDOW_DAYS)',
    replace: 'addDays(today, 1 - LEGACY_WINDOW_DAYS)',
    tests: PLAN,
    why: 'the oldest day the legacy API answers would be skipped'
  },

  // ---- weekly trend -------------------------------------------------------
  {
    name: 'trend: weekly active users from the first day',
    file: 'src/trend/weekly-trend.ts',
    find: '    totals.last = day\n',
    replace: '    totals.last = byWeek.has(start) ? totals.last : day\n',
    tests: WEEKLY,
    why: 'the week’s distinct users would be those of the 7 days before it'
  },
  {
    name: 'trend: weekly active users as the week’s maximum',
    file: 'src/trend/weekly-trend.ts',
    find: '    totals.last = day\n',
    replace:
      '    if ((day.distinct?.weekToDate?.activeUsers ?? 0) >= (totals.last.distinct?.weekToDate?.activeUsers ?? 0)) totals.last = day\n',
    tests: WEEKLY,
    why: 'the week’s distinct users would be a trailing count of another day'
  },
  {
    name: 'trend: a full week counted partial',
    file: 'src/trend/weekly-trend.ts',
    find: 'partial: totals.days.length < 7',
    replace: 'partial: totals.days.length <= 7',
    tests: WEEKLY,
    why: 'no week would ever be complete: the headline would be empty'
  },
  {
    name: 'trend: the week before the window not read',
    file: 'src/trend/weekly-trend.ts',
    find: 'const readFrom = addDays(firstStart, -7)',
    replace: 'const readFrom = addDays(firstStart, 0)',
    tests: WEEKLY,
    why: 'the first week of the report would have no change'
  },
  {
    name: 'trend: change against a week of zero',
    file: 'src/trend/weekly-trend.ts',
    find: 'previous === undefined || previous === 0',
    replace: 'previous === undefined',
    tests: WEEKLY,
    why: 'an infinite change would be reported (and alerted on)'
  },
  {
    name: 'trend: engaged share of a week without active users',
    file: 'src/trend/weekly-trend.ts',
    find: 'average.active > 0 ? round(average.engaged / average.active, 4) : null',
    replace:
      'average.active >= 0 ? round(average.engaged / average.active, 4) : null',
    tests: WEEKLY,
    why: 'NaN would reach the outputs'
  },
  {
    name: 'trend: acceptance rate over days without acceptances',
    file: 'src/trend/weekly-trend.ts',
    find: '(d) => d.codeGenerations !== null && d.codeAcceptances !== null',
    replace: '(d) => d.codeGenerations !== null',
    tests: WEEKLY,
    why: 'the acceptance rate would be diluted by days that lack one figure'
  },
  {
    name: 'trend: per-day means over days without the figure',
    file: 'src/trend/weekly-trend.ts',
    find: 'round(values.reduce((a, b) => a + b, 0) / values.length, 2)',
    replace: 'round(values.reduce((a, b) => a + b, 0) / days.length, 2)',
    tests: WEEKLY,
    why: 'averages would fall on days stored before GitHub had the figure'
  },
  {
    name: 'trend: seats of the week’s Sunday ignored',
    file: 'src/trend/weekly-trend.ts',
    find: 'entry.date >= start && entry.date <= end',
    replace: 'entry.date >= start && entry.date < end',
    tests: WEEKLY,
    why: 'seats recorded on a Sunday would belong to no week'
  },
  {
    name: 'trend: the history’s seats not read',
    file: 'src/trend/history-trend.ts',
    find: 'weeklyTrend(history.days, options.weeks, history.seats)',
    replace: 'weeklyTrend(history.days, options.weeks)',
    tests: ['__tests__/unit/trend/history-trend.test.ts'],
    why: 'utilization and its alert would never show, whatever seats were recorded'
  },
  {
    name: 'report: why seats are missing not told',
    file: 'src/report/run-report.ts',
    find: "result.seats?.status === 'unavailable' ? [result.seats.message] : []",
    replace: '[]',
    tests: ['__tests__/unit/report/run-report.test.ts'],
    why: 'a run without seats (no billing access) would not say what to change'
  },

  // ---- history file: parse and serialize ----------------------------------
  {
    name: 'file: a duplicate date accepted',
    file: 'src/history/file.ts',
    find: 'if (current <= previous)',
    replace: 'if (current < previous)',
    tests: FILE,
    why: 'a day stored twice would be counted twice'
  },
  {
    name: 'file: seats dates not checked',
    file: 'src/history/file.ts',
    find: "for (const series of ['days', 'seats'] as const)",
    replace: "for (const series of ['days'] as const)",
    tests: FILE,
    why: 'a seats entry stored twice or out of order would go unnoticed'
  },
  {
    name: 'file: a byte order mark refused',
    file: 'src/common/json-location.ts',
    find: "const json = text.replace(/^\\uFEFF/, '')",
    replace: 'const json = text',
    tests: FILE,
    why: 'a history file saved by an editor with a BOM could not be read'
  },
  {
    name: 'file: a newer schema read',
    file: 'src/history/file.ts',
    find: 'version > newestVersion)',
    replace: 'version > newestVersion + 1)',
    tests: FILE,
    why: 'an older Action would rewrite a file it cannot understand'
  },
  {
    name: 'file: scope compared case-sensitively',
    file: 'src/history/file.ts',
    find: "typeof value === 'string' ? value.toLowerCase() : ''",
    replace: "typeof value === 'string' ? value : ''",
    tests: FILE,
    why: 'renaming the organization input’s case would refuse the history'
  },
  {
    name: 'file: unknown top-level fields not written',
    file: 'src/history/file.ts',
    find: 'JSON.stringify(envelope, null, 2)',
    replace:
      'JSON.stringify({ schemaVersion: envelope.schemaVersion, scope: envelope.scope, source: envelope.source }, null, 2)',
    tests: FILE,
    why: 'fields of a newer version would be dropped on rewrite'
  },
  {
    name: 'file: seats not written',
    file: 'src/history/file.ts',
    find: `  series('days', days, !seats)
  if (seats) series('seats', seats, true)`,
    replace: `  series('days', days, true)`,
    tests: FILE,
    why: 'every recorded seats entry would be lost on the next write'
  },
  {
    name: 'file: a comma after the last day',
    file: 'src/history/file.ts',
    find: "${index < entries.length - 1 ? ',' : ''}",
    replace: "${index < entries.length ? ',' : ''}",
    tests: FILE,
    why: 'the file would not be JSON'
  },

  // ---- data-branch writes -------------------------------------------------
  {
    name: 'branch: the ref is force-updated',
    file: 'src/history/data-branch.ts',
    find: 'force: false',
    replace: 'force: true',
    tests: BRANCH,
    why: 'another run’s commit could be overwritten'
  },
  {
    name: 'branch: the tree is built without the base tree',
    file: 'src/history/data-branch.ts',
    find: '...(base.tree ? { base_tree: base.tree } : {}),',
    replace: '',
    tests: BRANCH,
    why: 'every other file on the data branch would be deleted'
  },
  {
    name: 'branch: the commit has no parent',
    file: 'src/history/data-branch.ts',
    find: 'parents: base.head ? [base.head] : []',
    replace: 'parents: []',
    tests: BRANCH,
    why: 'no update could fast-forward: every run would fail after the first'
  },
  {
    name: 'branch: a refused fast-forward is not a moved branch',
    file: 'src/history/data-branch.ts',
    find: '(status === 422 && /fast forward|already exists/i.test(text))',
    replace: '(status === 409 && /fast forward|already exists/i.test(text))',
    tests: BRANCH,
    why: 'two runs at once: the loser would fail instead of merging and retrying'
  },
  {
    name: 'branch: its own landed commit not recognised',
    file: 'src/history/data-branch.ts',
    find: 'if ((await this.tip()) === commit) return',
    replace: '',
    tests: BRANCH,
    why: 'a lost answer after the ref moved would make the run write again or fail'
  },
  {
    name: 'branch: an empty repository not explained',
    file: 'src/history/branch-refusal.ts',
    find: 'if (status === 409 && /empty/i.test(text))',
    replace: 'if (status === 409 && /^empty/i.test(text))',
    tests: BRANCH,
    why: 'an empty repository would fail with a bare 409'
  },
  {
    name: 'branch: a missing history read as an error',
    file: 'src/history/data-branch.ts',
    find: `      return file.data
    } catch (error) {
      if (httpStatus(error) === 404) return null`,
    replace: `      return file.data
    } catch (error) {
      if (httpStatus(error) === 410) return null`,
    tests: BRANCH,
    why: 'a new history-path on an existing branch would fail the run'
  },

  // ---- JSON parse errors --------------------------------------------------
  {
    name: 'json: a byte order mark refused',
    file: 'src/common/json-location.ts',
    find: "const json = text.replace(/^\\uFEFF/, '')",
    replace: 'const json = text',
    tests: JSON_LOCATION,
    why: 'a history file saved by an editor with a BOM could not be read'
  },
  {
    name: 'json: the column counted from the start of the text',
    file: 'src/common/json-location.ts',
    find: "const column = before.length - before.lastIndexOf('\\n')",
    replace: 'const column = before.length + 1',
    tests: JSON_LOCATION,
    why: 'a broken history file would point past the end of the line to fix'
  },
  {
    name: 'json: the position left in the reason',
    file: 'src/common/json-location.ts',
    find: 'split(/ in JSON| at position|, "/)[0]',
    replace: 'split(/ in JSON|, "/)[0]',
    tests: JSON_LOCATION,
    why: 'the message would name a character position next to the line and column'
  }
]
