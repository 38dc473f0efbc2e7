// Loads modules of src/ into this process for micro-benchmarks: each .ts file
// is transpiled (types stripped, nothing checked) into node_modules/.cache, so
// bare imports such as 'zod' resolve as they do for the bundle.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** @type {string | null} */
let outDir = null

function transpileAll() {
  const srcDir = join(root, 'src')
  const dir = join(root, 'node_modules/.cache/cmh-bench/src')
  mkdirSync(dir, { recursive: true })
  for (const name of readdirSync(srcDir)) {
    if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue
    const { outputText } = ts.transpileModule(
      readFileSync(join(srcDir, name), 'utf8'),
      {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true
        },
        fileName: name
      }
    )
    writeFileSync(join(dir, name.replace(/\.ts$/, '.js')), outputText)
  }
  // The folder sits under the repository's node_modules: "type": "module" is
  // needed for the transpiled ESM.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  return dir
}

/**
 * Imports `src/<name>.ts` (e.g. 'history') as it is now.
 * @param {string} name
 * @returns {Promise<any>}
 */
export async function importSrc(name) {
  outDir ??= transpileAll()
  return import(pathToFileURL(join(outDir, `${name}.js`)).href)
}
