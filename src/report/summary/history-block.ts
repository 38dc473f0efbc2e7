import type { IsoDate } from '../../common/dates.js'
import type { RunReport } from '../report.js'
import { dateRuns } from './data-notes.js'
import { codeSpan } from './markdown.js'

/**
 * Notices that hold in every summary mode, then the history line. The
 * threshold notice is left out where the no-data message already says it.
 */
export function historyBlock(report: RunReport, withThreshold = true): string {
  const notices = [...(report.notices ?? [])]
  const below = report.belowThreshold ?? []
  if (below.length && withThreshold)
    notices.unshift(
      `**No data: team below GitHub's five-seat threshold** on ${below.length} ${below.length === 1 ? 'day' : 'days'} (${dateRuns(below)}). GitHub leaves teams with fewer than five seated Copilot users out of the user-teams report, so nothing is stored for those days (never zeros). If the team is larger, check the team slug.`
    )
  return [
    ...notices.map((notice) => `> ${escapeNotice(notice)}\n`),
    `**History:** ${historyLine(report)}`
  ].join('\n')
}

/** Notices may quote GitHub's error messages: keep them to one line and free of markup. */
const escapeNotice = (text: string): string =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))

/** ` (2026-11-20 – 2026-11-21: not published by GitHub yet; 2026-11-18: published without data)` */
function pendingKinds(report: RunReport): string {
  const noData = new Set(report.noData ?? [])
  const parts: [IsoDate[], string][] = [
    [
      report.pending.filter((d) => !noData.has(d)),
      'not published by GitHub yet'
    ],
    [[...noData], 'published without data']
  ]
  const shown = parts.flatMap(([dates, what]) =>
    dates.length ? [`${dateRuns(dates)}: ${what}`] : []
  )
  return shown.length ? ` (${shown.join('; ')})` : ''
}

/** Days of the window not stored, as date ranges; only the kinds that occur. */
function unservedParts(report: RunReport): string[] {
  const kinds: [IsoDate[] | undefined, string][] = [
    [report.waiting, 'not served at a recent check, retried daily then weekly'],
    [report.deferred, 'left for the next run by max-requests'],
    [report.givenUp, 'never served, now outside backfill-days']
  ]
  return kinds.flatMap(([dates, what]) =>
    dates?.length ? [`${dates.length} ${what} (${dateRuns(dates)})`] : []
  )
}

function historyLine(report: RunReport): string {
  const parts = [
    `${report.added.length} ${report.added.length === 1 ? 'day' : 'days'} added`,
    `${report.updated.length} updated (revised by GitHub)`,
    `${report.pending.length} pending${pendingKinds(report)}`,
    ...unservedParts(report),
    `${report.daysTotal ?? report.history.days.length} stored in ${codeSpan(report.historyPath)} on branch ${codeSpan(report.dataBranch)}`
  ]
  const outcome = report.dryRun
    ? 'Dry run: nothing was committed.'
    : report.commit
      ? `Committed ${report.commit.slice(0, 7)}.`
      : 'Nothing changed, so nothing was committed.'
  return `${parts.join(', ')}. ${outcome}`
}
