// Loads modules of src/ into this process for micro-benchmarks: each .ts file
// is transpiled (types stripped, nothing checked) into node_modules/.cache, so
// bare imports such as 'zod' resolve as they do for the bundle.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** @type {string | null} */
let outDir = null

function transpileAll() {
  const srcDir = join(root, 'src')
  const dir = join(root, 'node_modules/.cache/cmh-bench/src')
  // A stale copy of a moved module must not resolve.
  rmSync(dir, { recursive: true, force: true })
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  for (const file of files) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue
    const { outputText } = ts.transpileModule(
      readFileSync(join(srcDir, file), 'utf8'),
      {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true
        },
        fileName: file
      }
    )
    const out = join(dir, file.replace(/\.ts$/, '.js'))
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, outputText)
  }
  // The folder sits under the repository's node_modules: "type": "module" is
  // needed for the transpiled ESM.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  return dir
}

/**
 * Imports `src/<name>.ts` (e.g. 'history/merge') as it is now; a missing
 * module fails with the path it looked for.
 * @param {string} name
 * @returns {Promise<any>}
 */
export async function importSrc(name) {
  outDir ??= transpileAll()
  return import(pathToFileURL(join(outDir, `${name}.js`)).href)
}
