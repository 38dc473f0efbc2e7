// What a report endpoint's answer means, before any file is downloaded.
import { describe, expect, it } from '@jest/globals'
import { ReportsApi } from '../../../../src/sources/reports/api.js'
import type { Octokit } from '../../../../src/sources/github-client.js'

const scope = { kind: 'organization', organization: 'octo' } as const

/** An API whose every request gets this answer (or throws this error). */
function answering(answer: { status: number; data: unknown } | Error) {
  const octokit = {
    request: () =>
      answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)
  } as unknown as Octokit
  return new ReportsApi(octokit, scope)
}

const links = ['https://example.blob.core.windows.net/r/part-0.ndjson?sig=x']

describe('a 1-day report answer', () => {
  it('gives the links of the day asked for', async () => {
    const api = answering({
      status: 200,
      data: { download_links: links, report_day: '2026-11-20' }
    })
    await expect(api.dayReport('aggregate', '2026-11-20')).resolves.toEqual({
      status: 'available',
      links
    })
  })

  it("refuses another day's report, naming both days", async () => {
    const api = answering({
      status: 200,
      data: { download_links: links, report_day: '2026-11-21' }
    })
    await expect(api.dayReport('users', '2026-11-20')).rejects.toThrow(
      'GitHub answered the users report of 2026-11-20 with the report of 2026-11-21; nothing was stored.'
    )
  })

  it.each([
    ['204 No Content', { status: 204, data: undefined }],
    ['an empty body', { status: 200, data: null }],
    [
      'the JSON string seen in production',
      { status: 200, data: 'No report available for the requested day.' }
    ],
    [
      'no links',
      { status: 200, data: { download_links: [], report_day: '2026-11-20' } }
    ]
  ])('means "published without data" on %s', async (_what, answer) => {
    await expect(
      answering(answer).dayReport('aggregate', '2026-11-20')
    ).resolves.toEqual({ status: 'no-data' })
  })

  it('means "not published yet" on 404', async () => {
    const notFound = Object.assign(new Error('Not Found'), { status: 404 })
    await expect(
      answering(notFound).dayReport('aggregate', '2026-11-20')
    ).resolves.toEqual({ status: 'pending' })
  })
})

describe('a 28-day report answer', () => {
  it('refuses a window that ends before it starts', async () => {
    const api = answering({
      status: 200,
      data: {
        download_links: links,
        report_start_day: '2026-11-20',
        report_end_day: '2026-10-24'
      }
    })
    await expect(api.latestReport('aggregate')).rejects.toThrow(
      'starts on 2026-11-20, after its end 2026-10-24; nothing was stored.'
    )
  })
})
