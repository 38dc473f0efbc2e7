// A broken JSON file is reported with a line and column a person can go to,
// whichever wording the running V8 uses.
import { describe, expect, it } from '@jest/globals'
import {
  jsonErrorLocation,
  jsonErrorReason,
  parseJsonText
} from '../../../src/common/json-location.js'

const parseError = (text: string): unknown => {
  try {
    JSON.parse(text)
  } catch (error) {
    return error
  }
  throw new Error(`${text} parsed`)
}

describe('parseJsonText', () => {
  it('parses, ignoring a leading byte order mark', () => {
    expect(parseJsonText('\uFEFF{"days": [1]}')).toEqual({
      ok: true,
      value: { days: [1] }
    })
  })

  it('says at which line and column the text breaks', () => {
    const text = '{\n  "schemaVersion": 1,\n  "days": 1,\n}'
    const parsed = parseJsonText(text)
    expect(parsed.ok).toBe(false)
    // The closing brace after a trailing comma: line 4, column 1.
    expect(!parsed.ok && parsed.location).toMatch(/ at line 4, column 1$/)
    expect(!parsed.ok && parsed.location).not.toMatch(/position/)
  })

  it('counts lines and columns in the text without its byte order mark', () => {
    // The error is the first character of line 2: a count taken on the text
    // with its mark would miss the newline before it and say line 1.
    const parsed = parseJsonText('\uFEFF{"a": 1,\n}')
    expect(!parsed.ok && parsed.location).toMatch(/ at line 2, column 1$/)
  })
})

describe('jsonErrorLocation', () => {
  it('turns the position of Node 24 and Node 20 messages into line and column', () => {
    const text = '{"a": 1,\n"b": x}'
    for (const message of [
      'Unexpected token x in JSON at position 14 (line 2 column 6)',
      'Unexpected token x in JSON at position 14'
    ])
      expect(jsonErrorLocation(text, new SyntaxError(message))).toBe(
        'Unexpected token x at line 2, column 6'
      )
    expect(
      jsonErrorLocation(
        text,
        new SyntaxError(
          'Unexpected non-whitespace character after JSON at position 3'
        )
      )
    ).toBe('Unexpected non-whitespace character after JSON at line 1, column 4')
  })

  it('keeps a message without a position whole', () => {
    const error = parseError('{"a": }')
    expect(jsonErrorLocation('{"a": }', error)).toBe((error as Error).message)
    expect(jsonErrorLocation('', 'not an Error')).toBe('not an Error')
  })
})

describe('jsonErrorReason', () => {
  it('drops the position and the quoted text', () => {
    expect(
      jsonErrorReason(
        new SyntaxError(
          "Expected ',' or '}' after property value in JSON at position 9 (line 1 column 10)"
        )
      )
    ).toBe("Expected ',' or '}' after property value")
    expect(
      jsonErrorReason(
        new SyntaxError('Unexpected token \'}\', "{"a": }" is not valid JSON')
      )
    ).toBe("Unexpected token '}'")
    expect(jsonErrorReason(parseError(''))).toBe('Unexpected end of JSON input')
  })
})
