import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { parse } from 'yaml'
import { changelogSection } from '../scripts/changelog-section.mjs'
import { TABLES_PAGE } from '../scripts/docs.mjs'
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
const tablesPage = readFileSync(TABLES_PAGE, 'utf8')
const docPage = (name: string): string =>
  readFileSync(join('docs', name), 'utf8')

/** Rows of the generated table between the named markers, cells unescaped. */
function tableRows(
  name: string,
  page = tablesPage,
  path = TABLES_PAGE
): string[][] {
  const block = new RegExp(
    `<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`
  ).exec(page)
  if (!block) throw new Error(`${path} has no ${name} table`)
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

describe('action.yml, the docs and code agree', () => {
  it('declares exactly the inputs and outputs the code reads and writes', () => {
    expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES])
    expect(Object.keys(action.outputs)).toEqual([...OUTPUT_NAMES])
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it.each([
    [TABLES_PAGE, tablesPage],
    ['README.md', readme]
  ])(
    'documents every input in the table of %s with the description, required flag and default of action.yml',
    (path, page) => {
      const rows = tableRows('inputs', page, path)
      expect(rows.map(([name]) => unquote(name))).toEqual(
        Object.keys(action.inputs)
      )
      for (const [name, description, required, fallback] of rows) {
        const input = action.inputs[unquote(name)]
        expect(description).toBe(input.description.trim())
        expect(required).toBe(input.required ? 'yes' : 'no')
        expect(unquote(fallback)).toBe(input.default ?? '')
      }
    }
  )

  it.each([
    [TABLES_PAGE, tablesPage],
    ['README.md', readme]
  ])(
    'documents every output in the table of %s with the description of action.yml',
    (path, page) => {
      const rows = tableRows('outputs', page, path)
      expect(rows.map(([name]) => unquote(name))).toEqual(
        Object.keys(action.outputs)
      )
      for (const [name, description] of rows)
        expect(description).toBe(
          action.outputs[unquote(name)].description.trim()
        )
    }
  )

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

describe('the docs tell what the code does', () => {
  it('lists every definition break the summary notes, with the same dates', () => {
    const page = docPage('how-counted.md')
    const at = page.search(/^#+ Changes of definition$/m)
    expect(at).toBeGreaterThan(-1)
    const section = page.slice(at)
    const rows = section
      .split('\n')
      .filter((row) => /^\| (≈ )?\d{4}-\d{2}-\d{2}/.test(row))
      .map((row) => row.split('|')[1].trim())
    expect(rows).toEqual(
      DEFINITION_BREAKS.map((b) => `${b.approximate ? '≈ ' : ''}${b.date}`)
    )
  })

  it("describes every value of input 'summary' in action.yml and the job summary page", () => {
    const page = docPage('job-summary.md')
    for (const mode of SUMMARY_MODES) {
      expect(action.inputs.summary.description).toContain(mode)
      expect(page).toContain(`- **\`${mode}\`**`)
    }
  })
})

describe('Marketplace limits and a README people finish', () => {
  const raw = parse(readFileSync('action.yml', 'utf8')) as ActionYml & {
    description: string
  }
  /** One or two short sentences: at most two full stops that end a sentence. */
  const sentences = (text: string): number =>
    text
      .trim()
      .split(/[.!?](?:\s|$)/)
      .filter(Boolean).length

  it('has a top-level description under 100 characters', () => {
    expect(raw.description.length).toBeLessThan(100)
  })

  it('describes every input and output in one or two short sentences', () => {
    for (const [name, entry] of [
      ...Object.entries(action.inputs),
      ...Object.entries(action.outputs)
    ]) {
      expect([name, sentences(entry.description) <= 2]).toEqual([name, true])
      expect([name, entry.description.length <= 120]).toEqual([name, true])
    }
  })

  it('keeps README.md at 25 KB or less', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(25 * 1024)
  })

  it('names every input and output in the README overview', () => {
    const at = readme.indexOf('## Inputs and outputs')
    expect(at).toBeGreaterThan(-1)
    const overview = readme.slice(at, readme.indexOf('\n## ', at + 1))
    for (const name of [
      ...Object.keys(action.inputs),
      ...Object.keys(action.outputs)
    ])
      expect([name, overview.includes(`\`${name}\``)]).toEqual([name, true])
  })

  it('tells the token in three lines on the first screen: kind, permission, policy', () => {
    const firstScreen = readme.split('\n').slice(0, 30).join('\n')
    expect(firstScreen).toMatch(/\*\*Kind\*\*: .*GitHub App/)
    expect(firstScreen).toMatch(/\*\*Permission\*\*: .*Copilot metrics: read/)
    expect(firstScreen).toMatch(/\*\*Policy\*\*: .*policy must be enabled/)
  })

  it('states the test command, and how browser tests need chromium', () => {
    const at = readme.indexOf('## Development')
    expect(at).toBeGreaterThan(-1)
    const section = readme.slice(at)
    expect(section).toMatch(/npm ci\s.*\n\s*npm test\b/)
    expect(section).toContain('apt-get install -y chromium')
    expect(section).toMatch(/skipped with one line/)
  })
})

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-')
}

/** Every anchor of a markdown file (headings outside code fences; repeats get -1, -2 …). */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  let fence = false
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fence = !fence
    const heading = fence ? null : /^#{1,6} (.+)$/.exec(line)
    if (!heading) continue
    const base = slug(heading[1])
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    anchors.add(n === 0 ? base : `${base}-${n}`)
  }
  return anchors
}

/** Markdown links `[text](target)` outside code fences. */
function linksOf(text: string): string[] {
  let fence = false
  return text.split('\n').flatMap((line) => {
    if (line.startsWith('```')) fence = !fence
    if (fence) return []
    return [...line.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1])
  })
}

describe('links across README.md and docs/', () => {
  const pages = [
    'README.md',
    'CONTRIBUTING.md',
    'SECURITY.md',
    'CHANGELOG.md',
    ...readdirSync('docs')
      .filter((name) => name.endsWith('.md'))
      .map((name) => join('docs', name))
  ]
  const texts = new Map(pages.map((p) => [p, readFileSync(p, 'utf8')]))

  it('has the reference pages the README links to', () => {
    for (const page of [
      'inputs-and-outputs.md',
      'how-counted.md',
      'history-file.md',
      'what-it-survives.md',
      'performance.md',
      'troubleshooting.md',
      'apis.md',
      'importing.md',
      'tokens.md',
      'development.md',
      'seats-and-alerts.md',
      'job-summary.md',
      'versioning-and-releases.md'
    ])
      expect(readme).toContain(`](docs/${page}`)
  })

  it('resolves every relative link and #anchor', () => {
    const broken: string[] = []
    for (const [page, text] of texts) {
      for (const target of linksOf(text)) {
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue // https:, mailto:
        const [path, fragment] = target.split('#', 2)
        const file = path ? normalize(join(dirname(page), path)) : page
        if (!existsSync(file)) {
          broken.push(`${page}: ${target} (no file ${file})`)
          continue
        }
        if (fragment === undefined || !file.endsWith('.md')) continue
        const text = texts.get(file) ?? readFileSync(file, 'utf8')
        if (!anchorsOf(text).has(fragment))
          broken.push(`${page}: ${target} (no heading #${fragment})`)
      }
    }
    expect(broken).toEqual([])
  })

  it('computes anchors as GitHub does', () => {
    expect(slug('The nightly workflow, for several scopes')).toBe(
      'the-nightly-workflow-for-several-scopes'
    )
    expect(slug('Organization: a GitHub App (recommended)')).toBe(
      'organization-a-github-app-recommended'
    )
    expect(slug('`token` and `github-token`')).toBe('token-and-github-token')
    expect([...anchorsOf('# A\n```\n# B\n```\n## A\n')]).toEqual(['a', 'a-1'])
  })
})

describe('release notes come from CHANGELOG.md', () => {
  const changelog = [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    '### Added',
    '',
    '- Something new.',
    '',
    '## [1.1.0] - 2026-12-01',
    '',
    '### Fixed',
    '',
    '- A fix.',
    '',
    '## [1.0.0] - 2026-11-23',
    '',
    '### Added',
    '',
    '- The first release.',
    '',
    '[Unreleased]: https://example.invalid/compare/v1.1.0...HEAD',
    '[1.1.0]: https://example.invalid/compare/v1.0.0...v1.1.0',
    '[1.0.0]: https://example.invalid/releases/tag/v1.0.0'
  ].join('\n')

  it('gives the section of a version, with or without the v of its tag', () => {
    expect(changelogSection(changelog, 'v1.1.0')).toBe('### Fixed\n\n- A fix.')
    expect(changelogSection(changelog, '1.0.0')).toBe(
      '### Added\n\n- The first release.'
    )
    expect(changelogSection(changelog, 'Unreleased')).toBe(
      '### Added\n\n- Something new.'
    )
  })

  it('gives nothing for a version the changelog does not have', () => {
    expect(changelogSection(changelog, 'v2.0.0')).toBeUndefined()
    expect(changelogSection(changelog, 'v1.0')).toBeUndefined()
  })

  it('has notes for the version in package.json', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      version: string
    }
    const text = readFileSync('CHANGELOG.md', 'utf8')
    expect(changelogSection(text, version)).toBeTruthy()
    expect(text).toContain('## [Unreleased]')
  })
})
