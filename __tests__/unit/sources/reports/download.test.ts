import { describe, expect, it } from '@jest/globals'
import {
  describeLink,
  linkProblem,
  type DownloadPolicy
} from '../../../../src/sources/reports/download.js'
import {
  LineSplitter,
  ReportFormatError
} from '../../../../src/sources/reports/ndjson-lines.js'

const policy: DownloadPolicy = {
  extraHosts: [],
  apiUrl: 'https://api.github.com',
  maxBytes: 1024,
  maxLineBytes: 64,
  timeoutMs: 1000
}

function split(
  chunks: (string | Buffer)[],
  maxLineBytes = 64
): Array<[unknown, number]> {
  const seen: Array<[unknown, number]> = []
  const splitter = new LineSplitter(
    'host/file.ndjson',
    maxLineBytes,
    (record, line) => seen.push([record, line])
  )
  for (const chunk of chunks)
    splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  splitter.end()
  return seen
}

describe('LineSplitter', () => {
  it('parses one record per line, across chunk boundaries, with line numbers', () => {
    expect(split(['{"a":1}\n{"a"', ':2}\n\n{"a":3}'])).toEqual([
      [{ a: 1 }, 1],
      [{ a: 2 }, 2],
      [{ a: 3 }, 4]
    ])
  })

  it('strips a BOM and CRLF line ends', () => {
    expect(split(['\uFEFF{"a":1}\r\n{"a":2}\r\n'])).toEqual([
      [{ a: 1 }, 1],
      [{ a: 2 }, 2]
    ])
  })

  it('never splits inside a UTF-8 character', () => {
    const bytes = Buffer.from('{"lang":"日本語"}\n')
    expect(split([bytes.subarray(0, 12), bytes.subarray(12)])).toEqual([
      [{ lang: '日本語' }, 1]
    ])
  })

  it('reads a file that is one JSON array', () => {
    expect(split(['[{"a":1},\n', '{"a":2}]\n'])).toEqual([
      [{ a: 1 }, 1],
      [{ a: 2 }, 2]
    ])
  })

  it('is empty for an empty or blank file', () => {
    expect(split([])).toEqual([])
    expect(split(['\n \n'])).toEqual([])
  })

  it('fails on a malformed line with the file and line number', () => {
    expect(() => split(['{"a":1}\n{"a":\n{"a":3}\n'])).toThrow(
      /^Report file host\/file\.ndjson, line 2: not valid JSON/
    )
  })

  it('says a broken last line looks truncated', () => {
    expect(() => split(['{"a":1}\n{"a":2'])).toThrow(
      /line 2: not valid JSON .*truncated/
    )
  })

  it('refuses a line over the limit', () => {
    expect(() => split([`{"a":"${'x'.repeat(100)}"}\n`], 64)).toThrow(
      ReportFormatError
    )
  })
})

describe('linkProblem', () => {
  it.each([
    'https://copilot-reports.github.com/x/part-0.ndjson?sig=s',
    'https://copilot-reports-abc123.b01.azurefd.net/x?sig=s',
    'https://acct.blob.core.windows.net/x?sig=s'
  ])('allows GitHub report host %s', (link) => {
    expect(linkProblem(link, policy)).toBeNull()
  })

  it('allows the GHE.com report host of the configured API', () => {
    const ghe = { ...policy, apiUrl: 'https://api.octocorp.ghe.com' }
    expect(
      linkProblem('https://copilot-reports.octocorp.ghe.com/f', ghe)
    ).toBeNull()
    expect(linkProblem('https://copilot-reports.other.ghe.com/f', ghe)).toMatch(
      /not one of GitHub's report hosts/
    )
  })

  it.each([
    ['http://copilot-reports.github.com/f', /does not use https/],
    ['https://evil.example.com/f', /points to evil\.example\.com/],
    ['https://copilot-reports.github.com.evil.example/f', /not one of/],
    ['https://user:pw@copilot-reports.github.com/f', /carries credentials/],
    ['https://169.254.169.254/latest', /not one of/],
    ['http://127.0.0.1:9/f', /does not use https/],
    ['not a url', /is not a URL/]
  ])('refuses %s', (link, problem) => {
    expect(linkProblem(link, policy)).toMatch(problem)
  })

  it('allows extra hosts, with http only on loopback', () => {
    const extra = {
      ...policy,
      extraHosts: ['127.0.0.1:9', 'mirror.example.com']
    }
    expect(linkProblem('http://127.0.0.1:9/f', extra)).toBeNull()
    expect(linkProblem('http://127.0.0.1:10/f', extra)).toMatch(/https/)
    expect(linkProblem('https://mirror.example.com/f', extra)).toBeNull()
    expect(linkProblem('http://mirror.example.com/f', extra)).toMatch(
      /does not use https/
    )
  })

  it('describes a link without its signature', () => {
    expect(
      describeLink(
        'https://copilot-reports.github.com/a/b.ndjson?sig=SECRET&se=1'
      )
    ).toBe('copilot-reports.github.com/a/b.ndjson')
  })
})
