// Holds the layout of src/ (docs/architecture.md), failing on a breach:
// - a file over MAX_FILE_LINES lines or a function over MAX_FUNCTION_LINES:
//   the layout stays readable only while each fits on a screen (generated
//   modules are data, not code, and are left out);
// - an import of a stage from a stage below it (or a peer): each folder is one
//   stage of the pipeline and imports only the stages it builds on.
//
//   node scripts/check-layout.mjs            check, exit 1 on a breach
//   node scripts/check-layout.mjs --report   also list the ten longest functions
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const MAX_FILE_LINES = 300
const MAX_FUNCTION_LINES = 60
/** Each stage's height: a file imports only lower stages, or its own. */
const STAGE_RANK = {
  common: 0,
  day: 1,
  inputs: 1,
  sources: 2,
  history: 3,
  trend: 4,
  report: 5,
  dashboard: 5,
  '': 6 // src/main.ts and src/index.ts: the run itself
}

const root = new URL('..', import.meta.url).pathname
const report = process.argv.includes('--report')

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.generated.ts')
      ? [path]
      : []
  })
}

/** @param {ts.SignatureDeclaration} node */
function functionName(node) {
  if (node.name) return node.name.getText()
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
    return parent.name.getText()
  return '(anonymous)'
}

/** @param {string} path */
function measure(path) {
  const text = readFileSync(path, 'utf8')
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
  const lineOf = (/** @type {number} */ pos) =>
    source.getLineAndCharacterOfPosition(pos).line + 1
  /** @type {{ name: string, line: number, lines: number }[]} */
  const functions = []
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const line = lineOf(node.getStart(source))
      functions.push({
        name: functionName(node),
        line,
        lines: lineOf(node.getEnd()) - line + 1
      })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  const imports = source.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
    statement.moduleSpecifier &&
    ts.isStringLiteral(statement.moduleSpecifier) &&
    statement.moduleSpecifier.text.startsWith('.')
      ? [statement.moduleSpecifier.text]
      : []
  )
  return {
    lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
    functions,
    imports
  }
}

/** The stage of a path under src/: its first folder, or '' for src/main.ts. */
function stageOf(/** @type {string} */ path) {
  const parts = relative(join(root, 'src'), path).split('/')
  return parts.length > 1 ? parts[0] : ''
}

/** @param {string} from @param {string} to */
function importBreach(from, to) {
  const [a, b] = [stageOf(from), stageOf(to)]
  if (a === b) return false
  const rank = /** @type {Record<string, number | undefined>} */ (STAGE_RANK)
  const [ra, rb] = [rank[a], rank[b]]
  return ra === undefined || rb === undefined || rb >= ra
}

const breaches = []
const all = []
for (const path of sourceFiles(join(root, 'src'))) {
  const name = relative(root, path)
  const { lines, functions, imports } = measure(path)
  for (const specifier of imports) {
    const target = resolve(dirname(path), specifier)
    if (importBreach(path, target))
      breaches.push(
        `${name}: imports ${relative(root, target)}, a stage at or above its own (${stageOf(path) || 'main'} → ${stageOf(target) || 'main'})`
      )
  }
  if (lines > MAX_FILE_LINES)
    breaches.push(`${name}: ${lines} lines (at most ${MAX_FILE_LINES})`)
  for (const fn of functions) {
    all.push({ ...fn, name: `${name}:${fn.line} ${fn.name}` })
    if (fn.lines > MAX_FUNCTION_LINES)
      breaches.push(
        `${name}:${fn.line}: function ${fn.name} is ${fn.lines} lines (at most ${MAX_FUNCTION_LINES})`
      )
  }
}
if (report)
  for (const fn of all.sort((a, b) => b.lines - a.lines).slice(0, 10))
    console.log(`${String(fn.lines).padStart(4)}  ${fn.name}`)
if (breaches.length > 0) {
  console.error(
    `The layout of src/ is broken (docs/architecture.md): split what is too long into named parts; move what a lower stage needs down.\n- ${breaches.join('\n- ')}`
  )
  process.exit(1)
}
console.log(
  `Layout: every file in src/ within ${MAX_FILE_LINES} lines, every function within ${MAX_FUNCTION_LINES}, every import from a lower stage.`
)
