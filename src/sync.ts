import * as core from '@actions/core'
import { mapWithConcurrency } from './concurrency.js'
import { BranchMovedError, DataBranchStore } from './data-branch.js'
import { utcToday, type IsoDate } from './dates.js'
import { DEFAULT_DOWNLOAD_LIMITS, type DownloadPolicy } from './download.js'
import { ActionError } from './errors.js'
import { planFetch } from './fetch-plan.js'
import type { Octokit } from './github-client.js'
import {
  emptyHistory,
  parseHistory,
  serializeHistory,
  type History
} from './history.js'
import { mergeDays } from './merge.js'
import { ReportsApi } from './reports-api.js'
import { fetchReportsDay, type DayOutcome } from './reports-source.js'
import { describeScope, type Settings } from './settings.js'

/** Attempts to commit when other runs keep moving the data branch. */
const WRITE_ATTEMPTS = 5
/** Days fetched at once: a few in flight, well under GitHub's secondary limits. */
const FETCH_CONCURRENCY = 4

export interface SyncResult {
  history: History
  added: IsoDate[]
  updated: IsoDate[]
  pending: IsoDate[]
  commit: string | null
}

/**
 * Fetch → merge → store, as a compare-and-swap loop: when another run moved
 * the branch, the history is read again and the days already fetched are
 * merged into it, so no day is lost or stored twice.
 */
export async function syncHistory(
  settings: Settings,
  octokits: { metrics: Octokit; repo: Octokit },
  now: Date
): Promise<SyncResult> {
  const { scope } = settings
  const store = new DataBranchStore(
    octokits.repo,
    settings.repository.owner,
    settings.repository.repo,
    settings.dataBranch,
    settings.historyPath
  )
  const api = new ReportsApi(octokits.metrics, scope)
  const policy: DownloadPolicy = {
    ...DEFAULT_DOWNLOAD_LIMITS,
    maxBytes: settings.maxReportBytes,
    extraHosts: settings.extraDownloadHosts,
    apiUrl: settings.apiUrl
  }
  const fetchedAt = now.toISOString()
  const outcomes = new Map<IsoDate, DayOutcome>()

  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const snapshot = await store.read()
    const history =
      snapshot.text === null
        ? emptyHistory(scope, 'reports')
        : parseHistory(snapshot.text, store.where, scope)
    core.info(
      `${store.where}: ${snapshot.text === null ? 'not there yet' : `${history.days.length} days stored`}`
    )
    const plan = planFetch(history, scope, {
      today: utcToday(now),
      backfillDays: settings.backfillDays,
      refreshDays: settings.refreshDays
    })
    if (plan.clampedFrom && attempt === 1)
      core.notice(
        `GitHub keeps reports for the ${describeScope(scope)} only from ${plan.clampedFrom}; earlier days are skipped.`
      )

    const missing = plan.dates.filter((date) => !outcomes.has(date))
    if (missing.length > 0)
      await core.group(
        `Fetching ${missing.length} ${missing.length === 1 ? 'day' : 'days'} of Copilot usage metrics`,
        async () => {
          await mapWithConcurrency(missing, FETCH_CONCURRENCY, async (date) => {
            const outcome = await fetchReportsDay(api, policy, date, fetchedAt)
            outcomes.set(date, outcome)
            core.info(
              outcome.status === 'fetched'
                ? `${date}: ${outcome.day.summary.activeUsers} active, ${outcome.day.summary.engagedUsers} engaged users`
                : `${date}: ${outcome.status === 'pending' ? 'not published yet' : 'published without data'}`
            )
          })
        }
      )
    // Every day fetched so far, not only today's plan: after another run
    // committed, the plan starts later and would drop days only this run has.
    const planned = [...outcomes.keys()]
      .sort()
      .map((date) => outcomes.get(date)!)
    if (
      history.days.length === 0 &&
      planned.length > 0 &&
      planned.every((outcome) => outcome.status === 'pending') &&
      !(await api.hasAnyReport())
    )
      throw new ActionError(
        `GitHub has no Copilot usage metrics for the ${describeScope(scope)} (404 for every day and for the latest 28-day report). ` +
          `Check the ${scope.kind === 'enterprise' || scope.kind === 'enterprise-team' ? "input 'enterprise'" : "input 'organization'"}, ` +
          'and that Copilot is in use there; GitHub publishes a day about two days after it ends.'
      )

    const merged = mergeDays(
      history.days,
      planned.flatMap((outcome) =>
        outcome.status === 'fetched' ? [outcome.day] : []
      ),
      { replaceFrom: plan.replaceFrom }
    )
    const next: History = { ...history, source: 'reports', days: merged.days }
    const stored = new Set(merged.days.map((day) => day.date))
    const result = {
      history: next,
      added: merged.added,
      updated: merged.updated,
      pending: planned.flatMap((outcome) =>
        outcome.status !== 'fetched' && !stored.has(outcome.date)
          ? [outcome.date]
          : []
      ),
      commit: null
    }
    if (merged.added.length === 0 && merged.updated.length === 0) return result
    if (settings.dryRun) {
      core.info('Dry run: the history is not committed.')
      return result
    }
    try {
      const commit = await store.write(
        snapshot,
        serializeHistory(next),
        commitMessage(settings, merged)
      )
      core.info(`Committed ${commit} to ${settings.dataBranch}`)
      return { ...result, commit }
    } catch (error) {
      if (!(error instanceof BranchMovedError)) throw error
      core.info(
        `The data branch moved while writing (attempt ${attempt}/${WRITE_ATTEMPTS}); reading it again`
      )
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * 250 * attempt)
      )
    }
  }
  throw new ActionError(
    `The data branch ${settings.dataBranch} kept moving: ${WRITE_ATTEMPTS} attempts to commit lost the race to other runs. ` +
      'Nothing was overwritten; run again, and serialize the runs with a workflow "concurrency" group.'
  )
}

function commitMessage(
  settings: Settings,
  merged: { added: IsoDate[]; updated: IsoDate[] }
): string {
  const range = (dates: IsoDate[]): string =>
    dates.length === 1 ? dates[0] : `${dates[0]}..${dates[dates.length - 1]}`
  const parts = []
  if (merged.added.length)
    parts.push(`add ${merged.added.length} day(s) ${range(merged.added)}`)
  if (merged.updated.length)
    parts.push(
      `update ${merged.updated.length} revised day(s) ${range(merged.updated)}`
    )
  return `Copilot metrics of the ${describeScope(settings.scope)}: ${parts.join(', ')}`
}
