// `npm run local [-- <env file>]`: runs the Action's source (src/main.ts) with
// @github/local-action, as Action authors do, against the fake GitHub the
// tests use, seeded with sample data: no token, no network. Inputs come from
// .env.example (or the file given); the fake GitHub's addresses replace
// INPUT_API-URL, INPUT_EXTRA-DOWNLOAD-HOSTS and GITHUB_API_URL.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFakeGitHub } from '../__tests__/support/fake-github.js'
import { seedReports } from '../__tests__/support/sample-data.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const envFile = process.argv[2] ?? join(root, '.env.example')

/** KEY=VALUE lines; blank lines and # comments skipped. @param {string} text */
export function parseEnv(text) {
  /** @type {Record<string, string>} */
  const env = {}
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (!match || line.trimStart().startsWith('#')) continue
    env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return env
}

const env = parseEnv(readFileSync(envFile, 'utf8'))
const DAY_MS = 86_400_000
/** @param {number} offset */
const day = (offset) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)

const gh = await startFakeGitHub({
  metricsToken: env.INPUT_TOKEN,
  repoToken: env['INPUT_GITHUB-TOKEN']
})
const dir = mkdtempSync(join(tmpdir(), 'copilot-metrics-local-'))
try {
  const [owner] = (env.INPUT_REPOSITORY ?? '').split('/')
  gh.repo(env.INPUT_REPOSITORY)
  if (env.INPUT_SCOPE === 'organization')
    gh.billing.set(env.INPUT_ORGANIZATION || owner, {
      seat_breakdown: {
        total: 80,
        added_this_cycle: 4,
        pending_invitation: 1,
        pending_cancellation: 0,
        active_this_cycle: 71,
        inactive_this_cycle: 9
      },
      seat_management_setting: 'assign_selected',
      public_code_suggestions: 'block',
      plan_type: 'business'
    })
  const path =
    env.INPUT_SCOPE === 'enterprise'
      ? `enterprises/${env.INPUT_ENTERPRISE}`
      : `orgs/${env.INPUT_ORGANIZATION || owner}`
  seedReports(gh, path, { from: day(-70), to: day(-3), seed: 2026, shards: 2 })

  const extra = [env['INPUT_EXTRA-DOWNLOAD-HOSTS'], gh.downloadHost]
    .filter(Boolean)
    .join(',')
  const run = {
    ...env,
    'INPUT_API-URL': gh.apiUrl,
    'INPUT_EXTRA-DOWNLOAD-HOSTS': extra,
    GITHUB_API_URL: gh.apiUrl,
    LOCAL_ACTION_WORKSPACE: env.LOCAL_ACTION_WORKSPACE || dir
  }
  const runEnv = join(dir, '.env')
  writeFileSync(
    runEnv,
    Object.entries(run)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n') + '\n'
  )
  console.log(`Fake GitHub at ${gh.apiUrl}; inputs from ${envFile}`)
  const bin = join(root, 'node_modules', '.bin', 'local-action')
  // Asynchronous: the fake GitHub lives in this process and must keep answering.
  const code = await new Promise((resolve) => {
    const child = spawn(bin, ['run', root, 'src/main.ts', runEnv], {
      cwd: root,
      stdio: 'inherit'
    })
    child.on('exit', (status) => resolve(status ?? 1))
    child.on('error', (error) => {
      console.error(error.message)
      resolve(1)
    })
  })
  const files = gh
    .repo(env.INPUT_REPOSITORY)
    .listFiles(env['INPUT_DATA-BRANCH'])
  console.log(
    `\nFiles on branch ${env['INPUT_DATA-BRANCH']} of the fake ${env.INPUT_REPOSITORY}: ${files.join(', ') || '(none)'}`
  )
  process.exitCode = /** @type {number} */ (code)
} finally {
  await gh.close()
  rmSync(dir, { recursive: true, force: true })
}
