import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { InputError } from '../../../src/common/errors.js'
import {
  DEFAULTS,
  parseSettings,
  type InputName
} from '../../../src/inputs/settings.js'

function parse(inputs: Partial<Record<InputName, string>>) {
  const all: Partial<Record<InputName, string>> = {
    token: 't',
    'github-token': 'g',
    ...inputs
  }
  return parseSettings((name) => all[name] ?? '', {
    GITHUB_REPOSITORY: 'octo/data'
  })
}

describe("input 'fetch-concurrency'", () => {
  it('defaults to 4, in the code as in action.yml', () => {
    const action = parseYaml(readFileSync('action.yml', 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    expect(action.inputs['fetch-concurrency'].default).toBe('4')
    expect(DEFAULTS['fetch-concurrency']).toBe('4')
    expect(parse({}).fetchConcurrency).toBe(4)
  })

  it.each([
    ['1', 1],
    [' 10 ', 10],
    ['6', 6]
  ])('reads %j', (text, value) => {
    expect(parse({ 'fetch-concurrency': text }).fetchConcurrency).toBe(value)
  })

  it.each(['0', '11', 'four', '2.5', '-1'])(
    'refuses %j, naming the input, the value and the range',
    (text) => {
      expect(() => parse({ 'fetch-concurrency': text })).toThrow(
        new InputError(
          `Input 'fetch-concurrency' ${JSON.stringify(text)} must be a whole number from 1 to 10.`
        )
      )
    }
  )
})
