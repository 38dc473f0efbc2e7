import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { DEFINITION_BREAKS } from '../src/trend/definition-breaks.js'
import { OUTPUT_NAMES } from '../src/report/report.js'
import { DEFAULTS, INPUT_NAMES, SUMMARY_MODES } from '../src/inputs/settings.js'

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

interface Workflow {
  on: Record<string, unknown>
  permissions: Record<string, string>
  concurrency: Record<string, unknown>
  jobs: Record<
    string,
    {
      if?: string
      strategy?: { 'fail-fast'?: boolean; matrix: { include: unknown } }
      steps: Array<{
        id?: string
        uses?: string
        with?: Record<string, string>
      }>
    }
  >
}

/** The YAML block that follows a README heading. */
function yamlAfter(heading: string): string {
  const at = readme.indexOf(heading)
  if (at === -1) throw new Error(`README has no heading ${heading}`)
  const block = /```yaml\n([\s\S]*?)\n```/.exec(readme.slice(at))
  if (!block) throw new Error(`README has no yaml block after ${heading}`)
  return block[1]
}

describe('the nightly workflow: README and .github/workflows/copilot-metrics.yml agree', () => {
  const shown = parse(
    yamlAfter('## The nightly workflow, for several scopes')
  ) as Workflow
  const file = parse(
    readFileSync('.github/workflows/copilot-metrics.yml', 'utf8')
  ) as Workflow
  const [shownJob, fileJob] = [shown, file].map((w) => w.jobs.history)

  it('has the same triggers, permissions and concurrency group, and a matrix over scopes', () => {
    expect(Object.keys(shown.on).sort()).toEqual([
      'schedule',
      'workflow_dispatch'
    ])
    expect(file.on).toEqual(shown.on)
    expect(shown.permissions).toEqual({ contents: 'write' })
    expect(file.permissions).toEqual(shown.permissions)
    expect(file.concurrency).toEqual(shown.concurrency)
    expect(shownJob.strategy?.['fail-fast']).toBe(false)
    expect(fileJob.strategy?.['fail-fast']).toBe(false)
    expect(Array.isArray(shownJob.strategy?.matrix.include)).toBe(true)
    expect(String(fileJob.strategy?.matrix.include)).toContain(
      'vars.COPILOT_METRICS_SCOPES'
    )
  })

  it('uses the published Action in README and the checked-out one here, only where configured', () => {
    const action = (steps: Workflow['jobs'][string]['steps']) =>
      steps.find((step) => step.id === 'metrics')!
    expect(action(shownJob.steps).uses).toBe('OWNER/copilot-metrics-history@v1')
    expect(action(fileJob.steps).uses).toBe('./')
    expect(fileJob.steps[0].uses).toMatch(/^actions\/checkout@[0-9a-f]{40}$/)
    expect(action(fileJob.steps).with).toEqual(action(shownJob.steps).with)
    expect(fileJob.if).toBe("vars.COPILOT_METRICS_SCOPES != ''")
    expect(shownJob.if).toBeUndefined()
    // The step that reads the outputs is the same too.
    expect(fileJob.steps.at(-1)).toEqual(shownJob.steps.at(-1))
  })
})

describe('README tells what the code does', () => {
  it('lists every definition break the summary notes, with the same dates', () => {
    const section = readme.slice(readme.indexOf('### Changes of definition'))
    const rows = section
      .split('\n')
      .filter((row) => /^\| (≈ )?\d{4}-\d{2}-\d{2}/.test(row))
      .map((row) => row.split('|')[1].trim())
    expect(rows).toEqual(
      DEFINITION_BREAKS.map((b) => `${b.approximate ? '≈ ' : ''}${b.date}`)
    )
  })

  it("describes every value of input 'summary' in action.yml and README", () => {
    for (const mode of SUMMARY_MODES) {
      expect(action.inputs.summary.description).toContain(mode)
      expect(readme).toContain(`- **\`${mode}\`**`)
    }
  })
})
