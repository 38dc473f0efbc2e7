import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/common/errors.js'
import { parseSettings, type InputName } from '../../../src/inputs/settings.js'

function parse(summary: string) {
  const inputs: Partial<Record<InputName, string>> = {
    token: 't',
    'github-token': 'g',
    summary
  }
  return parseSettings((name) => inputs[name] ?? '', {
    GITHUB_REPOSITORY: 'octo/data'
  })
}

describe("input 'summary'", () => {
  it('is full by default, and takes full, compact or none in any case', () => {
    expect(parse('').summary).toBe('full')
    expect(parse('compact').summary).toBe('compact')
    expect(parse(' None ').summary).toBe('none')
    expect(parse('FULL').summary).toBe('full')
  })

  it('refuses anything else, naming the input, the value and what is allowed', () => {
    expect(() => parse('short')).toThrow(InputError)
    expect(() => parse('short')).toThrow(
      `Input 'summary' "short" is not one of full, compact, none.`
    )
  })
})
