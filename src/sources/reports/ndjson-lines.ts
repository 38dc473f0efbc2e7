import { ActionError } from '../../common/errors.js'

/** The file could not be read as NDJSON, or a record failed validation. */
export class ReportFormatError extends ActionError {
  constructor(where: string, line: number, problem: string) {
    super(
      `Report file ${where}, line ${line}: ${problem}. Nothing was committed.`
    )
    this.name = 'ReportFormatError'
  }
}

/**
 * V8's JSON.parse messages quote the text around the error (`Unexpected
 * token 'b', ..."er_login":brave-otte"... is not valid JSON`): in a users
 * report that is a login. Keep what went wrong and where, never the text.
 */
export function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const what = message.split(
    /, "|, \.\.\."| in JSON| at position| is not valid JSON/
  )[0]
  const position = / at position (\d+)/.exec(message)
  return position ? `${what} at character ${position[1]}` : what
}

/**
 * Splits a byte stream on "\n" (never inside a UTF-8 sequence), strips a BOM
 * and "\r", and parses each non-blank line. A file whose first character is
 * "[" is read whole as a JSON array, which GitHub's docs also allow.
 */
export class LineSplitter {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private lineNumber = 0
  private arrayMode: boolean | null = null

  constructor(
    private readonly where: string,
    private readonly maxLineBytes: number,
    private readonly onLine: (record: unknown, line: number) => void
  ) {}

  push(chunk: Buffer): void {
    let start = 0
    for (
      let newline = chunk.indexOf(10);
      newline !== -1;
      newline = chunk.indexOf(10, start)
    ) {
      this.append(chunk.subarray(start, newline))
      if (!this.arrayMode) this.flushLine(false)
      else this.append(Buffer.from('\n'))
      start = newline + 1
    }
    if (start < chunk.length) this.append(chunk.subarray(start))
  }

  end(): void {
    if (this.arrayMode) this.flushArray()
    else if (this.pendingBytes > 0) this.flushLine(true)
  }

  private append(part: Buffer): void {
    if (part.length === 0) return
    if (this.arrayMode === null) {
      const text = part
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimStart()
      if (text !== '') this.arrayMode = text.startsWith('[')
    }
    this.pendingBytes += part.length
    if (!this.arrayMode && this.pendingBytes > this.maxLineBytes)
      throw new ReportFormatError(
        this.where,
        this.lineNumber + 1,
        `line is longer than ${this.maxLineBytes} bytes`
      )
    this.pending.push(part)
  }

  private take(): string {
    const text = Buffer.concat(this.pending, this.pendingBytes).toString('utf8')
    this.pending = []
    this.pendingBytes = 0
    return text
  }

  private flushLine(last: boolean): void {
    this.lineNumber++
    let text = this.take()
    if (this.lineNumber === 1) text = text.replace(/^\uFEFF/, '')
    if (text.endsWith('\r')) text = text.slice(0, -1)
    if (text.trim() === '') return
    let record: unknown
    try {
      record = JSON.parse(text)
    } catch (error) {
      throw new ReportFormatError(
        this.where,
        this.lineNumber,
        `not valid JSON (${jsonProblem(error)})${last ? '; the file looks truncated' : ''}`
      )
    }
    this.onLine(record, this.lineNumber)
  }

  private flushArray(): void {
    const text = this.take().replace(/^\uFEFF/, '')
    let records: unknown
    try {
      records = JSON.parse(text)
    } catch (error) {
      throw new ReportFormatError(
        this.where,
        1,
        `not a valid JSON array (${jsonProblem(error)})`
      )
    }
    if (!Array.isArray(records))
      throw new ReportFormatError(this.where, 1, 'expected a JSON array')
    records.forEach((record, index) => this.onLine(record, index + 1))
  }
}
