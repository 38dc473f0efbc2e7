// Fails when the committed dist/ differs from a fresh bundle of src/: the
// Action runs dist/index.js, so a stale bundle would ship old code.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const fresh = mkdtempSync(join(tmpdir(), 'cmh-dist-'))
try {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      'src/index.ts',
      '-o',
      fresh,
      '--license',
      'licenses.txt',
      '--minify',
      '--source-map',
      '--quiet'
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }
  )
  const committed = join(root, 'dist')
  const names = new Set([...readdirSync(fresh), ...readdirSync(committed)])
  const stale = [...names].filter((name) => {
    try {
      return !readFileSync(join(fresh, name)).equals(
        readFileSync(join(committed, name))
      )
    } catch {
      return true
    }
  })
  if (stale.length > 0) {
    console.error(
      `dist/ is stale: ${stale.join(', ')} differ from a fresh bundle. Run "npm run package" and commit dist/.`
    )
    process.exit(1)
  }
  console.log(`dist/ matches a fresh bundle (${[...names].join(', ')}).`)
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
