// Fails when a file in src/ is over MAX_FILE_LINES lines or a function in it
// over MAX_FUNCTION_LINES: the layout stays readable only while each module
// and function fits on a screen (docs/architecture.md). Generated modules are
// data, not code, and are left out.
//
//   node scripts/check-size.mjs            check, exit 1 on a breach
//   node scripts/check-size.mjs --report   also list the ten longest functions
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const MAX_FILE_LINES = 300
const MAX_FUNCTION_LINES = 60

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
  return {
    lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
    functions
  }
}

const breaches = []
const all = []
for (const path of sourceFiles(join(root, 'src'))) {
  const name = relative(root, path)
  const { lines, functions } = measure(path)
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
    `Module or function too long; split it into named parts (docs/architecture.md):\n- ${breaches.join('\n- ')}`
  )
  process.exit(1)
}
console.log(
  `Sizes: every file in src/ within ${MAX_FILE_LINES} lines, every function within ${MAX_FUNCTION_LINES}.`
)
