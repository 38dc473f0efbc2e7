// Sorts the fake's request log into the figures the benchmark reports.

/** @typedef {import('../../__tests__/support/fake-github.js').RequestInfo} RequestInfo */

/**
 * @param {RequestInfo[]} requests
 */
export function countRequests(requests) {
  const counts = {
    /** Report calls answered with links (or 204). */
    reportCalls: 0,
    /** Report calls answered 404: days not published yet. */
    pendingCalls: 0,
    /** 28-day `latest` report calls (included in reportCalls). */
    latestCalls: 0,
    downloads: 0,
    gitReads: 0,
    gitWrites: 0,
    other: 0
  }
  for (const request of requests) {
    if (request.server === 'download') counts.downloads++
    else if (request.path.includes('/copilot/metrics/reports/')) {
      if (request.status === 404) counts.pendingCalls++
      else counts.reportCalls++
      if (request.path.endsWith('/latest')) counts.latestCalls++
    } else if (request.path.startsWith('/repos/')) {
      if (request.method === 'GET') counts.gitReads++
      else counts.gitWrites++
    } else counts.other++
  }
  return counts
}

/** @param {ReturnType<typeof countRequests>} counts */
export function describeRequests(counts) {
  const parts = [
    `${counts.reportCalls + counts.pendingCalls} report calls (${counts.pendingCalls} × 404 pending${counts.latestCalls ? `, ${counts.latestCalls} × 28-day` : ''})`,
    `${counts.downloads} downloads`,
    `git ${counts.gitReads} reads + ${counts.gitWrites} writes`
  ]
  if (counts.other) parts.push(`${counts.other} other`)
  return parts.join(', ')
}
