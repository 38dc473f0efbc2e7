// Writes the inputs and outputs tables of docs/inputs-and-outputs.md from
// action.yml, between the <!-- inputs:start/end --> and <!-- outputs:start/end -->
// markers. `node scripts/docs.mjs --check` fails when the page is not up to date.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

const root = new URL('..', import.meta.url)
/** The page that holds the generated tables, relative to the repository root. */
export const TABLES_PAGE = 'docs/inputs-and-outputs.md'

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

/** @param {string} page @param {string} name @param {string} table */
function replaceBlock(page, name, table) {
  const pattern = new RegExp(
    `(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`
  )
  if (!pattern.test(page))
    throw new Error(
      `${TABLES_PAGE} has no <!-- ${name}:start --> … <!-- ${name}:end --> block`
    )
  return page.replace(pattern, `$1${table}$2`)
}

/** The tables page with fresh tables, formatted as `prettier --write` would. */
export async function updatedPage() {
  const action = parse(readFileSync(new URL('action.yml', root), 'utf8'))
  const page = readFileSync(new URL(TABLES_PAGE, root), 'utf8')
  const tables = renderTables(action)
  const replaced = replaceBlock(
    replaceBlock(page, 'inputs', tables.inputs),
    'outputs',
    tables.outputs
  )
  const file = fileURLToPath(new URL(TABLES_PAGE, root))
  const updated = await format(replaced, {
    ...(await resolveConfig(file)),
    filepath: file
  })
  return { page, updated }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { page, updated } = await updatedPage()
  if (process.argv.includes('--check')) {
    if (page !== updated) {
      console.error(
        `${TABLES_PAGE}: the inputs/outputs tables are not up to date with action.yml: run "npm run docs".`
      )
      process.exit(1)
    }
  } else {
    writeFileSync(new URL(TABLES_PAGE, root), updated)
  }
}
