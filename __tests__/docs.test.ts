import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { OUTPUT_NAMES } from '../src/report.js'
import { DEFAULTS, INPUT_NAMES } from '../src/settings.js'

interface ActionYml {
  inputs: Record<
    string,
    { description: string; required?: boolean; default?: string }
  >
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml
const readme = readFileSync('README.md', 'utf8')

/** Rows of the README table between the named markers, cells unescaped. */
function tableRows(name: string): string[][] {
  const block = new RegExp(
    `<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`
  ).exec(readme)
  if (!block) throw new Error(`README has no ${name} table`)
  return block[1]
    .split('\n')
    .filter((row) => row.startsWith('|'))
    .slice(2)
    .map((row) =>
      row
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) =>
          cell
            .trim()
            .replace(/\\\|/g, '|')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
        )
    )
}

const unquote = (cell: string): string => cell.replace(/^`|`$/g, '')

describe('action.yml, README and code agree', () => {
  it('declares exactly the inputs and outputs the code reads and writes', () => {
    expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES])
    expect(Object.keys(action.outputs)).toEqual([...OUTPUT_NAMES])
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('documents every input in README with the description, required flag and default of action.yml', () => {
    const rows = tableRows('inputs')
    expect(rows.map(([name]) => unquote(name))).toEqual(
      Object.keys(action.inputs)
    )
    for (const [name, description, required, fallback] of rows) {
      const input = action.inputs[unquote(name)]
      expect(description).toBe(input.description.trim())
      expect(required).toBe(input.required ? 'yes' : 'no')
      expect(unquote(fallback)).toBe(input.default ?? '')
    }
  })

  it('documents every output in README with the description of action.yml', () => {
    const rows = tableRows('outputs')
    expect(rows.map(([name]) => unquote(name))).toEqual(
      Object.keys(action.outputs)
    )
    for (const [name, description] of rows)
      expect(description).toBe(action.outputs[unquote(name)].description.trim())
  })

  it('gives an empty input the same default in code as in action.yml', () => {
    for (const [name, value] of Object.entries(DEFAULTS)) {
      const declared = action.inputs[name].default
      // Expression defaults (${{ github.api_url }}) resolve on the runner; code falls back to the same value.
      if (declared?.startsWith('${{')) continue
      expect([name, declared]).toEqual([name, value])
    }
    const literal = Object.entries(action.inputs).filter(
      ([, input]) => input.default && !input.default.startsWith('${{')
    )
    for (const [name] of literal) expect(Object.keys(DEFAULTS)).toContain(name)
  })
})
