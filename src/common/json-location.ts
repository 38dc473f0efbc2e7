// Where a JSON text is broken, said so a person can find it in an editor:
// V8's JSON.parse errors give a character position, not a line.

/** A JSON text parsed, or what is wrong with it and where. */
export type ParsedJson =
  { ok: true; value: unknown } | { ok: false; location: string }

/**
 * Parses `text`, ignoring a leading byte order mark (editors on Windows save
 * one). On failure, `location` is V8's reason with the line and column in
 * the text as read, e.g. "Expected ',' or '}' after property value at line 3, column 5".
 */
export function parseJsonText(text: string): ParsedJson {
  const json = text.replace(/^\uFEFF/, '')
  try {
    return { ok: true, value: JSON.parse(json) }
  } catch (error) {
    return { ok: false, location: jsonErrorLocation(json, error) }
  }
}

/**
 * What JSON.parse said went wrong, without what V8 appends: the position
 * ("in JSON at position 7 (line 1 column 8)") or the text around the error.
 */
export function jsonErrorReason(error: unknown): string {
  return errorText(error).split(/ in JSON| at position|, "/)[0]
}

/**
 * The reason of a JSON.parse error of `text` with its 1-based line and
 * column. A message without a position (V8 then quotes the text around the
 * error instead) is kept whole: the quote is all there is to find it by.
 */
export function jsonErrorLocation(text: string, error: unknown): string {
  const message = errorText(error)
  const position = /position (\d+)/.exec(message)
  if (!position) return message
  const before = text.slice(0, Number(position[1]))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `${jsonErrorReason(message)} at line ${line}, column ${column}`
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)
