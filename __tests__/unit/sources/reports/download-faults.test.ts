// Download faults that are too slow to inject end to end (the Action waits
// 60 s for a silent host) or that concern one function: proven here against
// a real local server with a short timeout.
import { describe, expect, it } from '@jest/globals'
import {
  DownloadFailedError,
  streamNdjson
} from '../../../../src/sources/reports/download.js'
import {
  LineSplitter,
  ReportFormatError,
  jsonProblem
} from '../../../../src/sources/reports/ndjson-lines.js'
import { useLocalFileHost } from './local-file-host.js'

const host = useLocalFileHost((req, res) => {
  if (req.url?.startsWith('/silent')) return // never answers
  res.writeHead(200, { 'content-type': 'application/x-ndjson' })
  res.write('{"a":1}\n') // then stalls
}, 300)

describe('a download host that hangs', () => {
  it('times out when no answer comes, as a transient failure (retried by the caller)', async () => {
    // No wall-clock bound: the host never answers, so only the timeout can end this.
    await expect(
      streamNdjson(
        `${host.base}/silent/part-00000.ndjson?sig=S`,
        host.policy,
        () => {}
      )
    ).rejects.toBeInstanceOf(DownloadFailedError)
  })

  it('times out when the body stalls midway, and the error names no signature', async () => {
    const seen: unknown[] = []
    const error = await streamNdjson(
      `${host.base}/stall/part-00000.ndjson?sig=S`,
      host.policy,
      (record) => seen.push(record)
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DownloadFailedError)
    expect((error as Error).message).toMatch(
      /^Download of 127\.0\.0\.1:\d+\/stall\/part-00000\.ndjson /
    )
    expect((error as Error).message).not.toContain('sig=')
  })
})

describe('jsonProblem', () => {
  it.each([
    [
      '{"day":"2026-11-19","user_id":200007,"user_login":brave-otter-200007_acme}',
      "Unexpected token 'b'"
    ],
    ['user_login:brave-otter-200007_acme', "Unexpected token 'u'"],
    ['{"a":1', 'at character'],
    ['{"a":1}x', 'at character 7']
  ])('says what is wrong in %j without quoting it', (text, expected) => {
    let problem = ''
    try {
      JSON.parse(text)
    } catch (error) {
      problem = jsonProblem(error)
    }
    expect(problem).toContain(expected)
    expect(problem).not.toMatch(/brave|otter|200007|login/)
  })

  it('is what a malformed line reports', () => {
    const splitter = new LineSplitter('host/users.ndjson', 1024, () => {})
    const push = () =>
      splitter.push(Buffer.from('{"user_login":quiet-heron_acme}\n'))
    expect(push).toThrow(ReportFormatError)
    expect(push).toThrow(
      /^Report file host\/users\.ndjson, line \d: not valid JSON \(Unexpected token 'q'\)\. Nothing was committed\.$/
    )
  })
})
