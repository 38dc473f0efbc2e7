// Writes the inputs and outputs tables of docs/inputs-and-outputs.md and of
// README.md from action.yml, between the <!-- inputs:start/end --> and
// <!-- outputs:start/end --> markers. In the README they are left unaligned
// (prettier-ignore), which keeps it under 25 KB.
// `node scripts/docs.mjs --check` fails when a page is not up to date.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

const root = new URL('..', import.meta.url)
/** The page that holds the generated tables, relative to the repository root. */
export const TABLES_PAGE = 'docs/inputs-and-outputs.md'
/** Pages with the generated tables; `compact`: kept unaligned. */
export const PAGES = [
  { path: TABLES_PAGE, compact: false },
  { path: 'README.md', compact: true }
]

/** @param {string} text */
const escape = (text) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, ' ')
    .trim()

/** @param {{ inputs: Record<string, { description: string, required?: boolean, default?: string }>, outputs: Record<string, { description: string }> }} action */
export function renderTables(action) {
  const inputs = [
    '| Name | Description | Required | Default |',
    '|---|---|---|---|',
    ...Object.entries(action.inputs).map(([name, input]) => {
      const value =
        input.default === undefined || input.default === ''
          ? ''
          : `\`${input.default}\``
      return `| \`${name}\` | ${escape(input.description)} | ${input.required ? 'yes' : 'no'} | ${value} |`
    })
  ].join('\n')
  const outputs = [
    '| Name | Description |',
    '|---|---|',
    ...Object.entries(action.outputs).map(
      ([name, output]) => `| \`${name}\` | ${escape(output.description)} |`
    )
  ].join('\n')
  return { inputs, outputs }
}

/** @param {string} path @param {string} page @param {string} name @param {string} table */
function replaceBlock(path, page, name, table) {
  const pattern = new RegExp(
    `(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`
  )
  if (!pattern.test(page))
    throw new Error(
      `${path} has no <!-- ${name}:start --> … <!-- ${name}:end --> block`
    )
  return page.replace(pattern, `$1${table}$2`)
}

/**
 * A page with fresh tables, formatted as `prettier --write` would.
 * @param {{ path: string, compact: boolean }} target
 */
export async function updatedPage({ path, compact }) {
  const action = parse(readFileSync(new URL('action.yml', root), 'utf8'))
  const page = readFileSync(new URL(path, root), 'utf8')
  const tables = renderTables(action)
  const table = (/** @type {string} */ text) =>
    compact ? `<!-- prettier-ignore -->\n${text}` : text
  const replaced = replaceBlock(
    path,
    replaceBlock(path, page, 'inputs', table(tables.inputs)),
    'outputs',
    table(tables.outputs)
  )
  const file = fileURLToPath(new URL(path, root))
  const updated = await format(replaced, {
    ...(await resolveConfig(file)),
    filepath: file
  })
  return { page, updated }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const target of PAGES) {
    const { page, updated } = await updatedPage(target)
    if (!process.argv.includes('--check'))
      writeFileSync(new URL(target.path, root), updated)
    else if (page !== updated) {
      console.error(
        `${target.path}: the inputs/outputs tables are not up to date with action.yml: run "npm run docs".`
      )
      process.exit(1)
    }
  }
}
