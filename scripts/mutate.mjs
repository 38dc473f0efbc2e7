#!/usr/bin/env node
// Targeted mutation run: each mutant is one deliberate bug (a file, an exact
// piece of text, its replacement), applied alone in a temporary copy of the
// repository; only the test files that should catch it run. A mutant whose
// tests still pass "survived": a bug of that kind would reach users unseen.
//
//   npm run mutate                     every mutant (about 10 minutes on 2 cores)
//   npm run mutate -- --only merge     mutants whose name contains "merge"
//   npm run mutate -- --list           names, files and tests, nothing run
//   npm run mutate -- --check          run each test set once unmutated first
//   npm run mutate -- --verbose        print the output of failing tests
//
// Not run in CI: it is a measure of the tests, read by people (docs/testing.md).
import { spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import {
  cp,
  mkdtemp,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MUTANTS } from './mutants.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const COPIED = [
  'src',
  '__tests__',
  'jest.config.js',
  'tsconfig.json',
  'package.json',
  'action.yml'
]
/** A mutant whose tests run longer than this counts as killed (a hang is caught). */
const TIMEOUT_MS = 180_000

const args = process.argv.slice(2)
/** @param {string} name */
const flag = (name) => args.includes(name)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null
const selected = MUTANTS.filter((m) => !only || m.name.includes(only))

if (flag('--list')) {
  for (const m of selected)
    console.log(`${m.name}\n  ${m.file}\n  ${testArgs(m).join(' ')}`)
  process.exit(0)
}
if (selected.length === 0) {
  console.error(`No mutant matches ${JSON.stringify(only)}.`)
  process.exit(2)
}

const work = await mkdtemp(join(tmpdir(), 'cmh-mutate-'))
/** @type {import('node:child_process').ChildProcess | null} */
let running = null
// Stopped midway (Ctrl-C): end the tests it started and remove the copy.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
  process.on(signal, () => {
    if (running?.pid !== undefined) process.kill(-running.pid, 'SIGKILL')
    rmSync(work, { recursive: true, force: true })
    process.exit(130)
  })
try {
  process.exitCode = await main(work)
} finally {
  await rm(work, { recursive: true, force: true })
}

/** @param {string} dir */
async function main(dir) {
  for (const entry of COPIED)
    await cp(join(ROOT, entry), join(dir, entry), { recursive: true })
  await symlink(
    await realpath(join(ROOT, 'node_modules')),
    join(dir, 'node_modules')
  )

  // A stale mutant (its text no longer in the source) is an error, not a kill.
  const originals = new Map()
  for (const m of selected) {
    const text = await readFile(join(dir, m.file), 'utf8')
    originals.set(m.file, text)
    const count = text.split(m.find).length - 1
    if (count !== 1) {
      console.error(
        `Mutant ${m.name}: the text to replace occurs ${count} times in ${m.file}; update scripts/mutants.mjs.`
      )
      return 2
    }
  }

  if (flag('--check')) {
    console.log('Unmutated run of every test set:')
    const sets = new Map(selected.map((m) => [testArgs(m).join(' '), m]))
    for (const [key, m] of sets) {
      if (needsBundle(m)) await bundle(dir)
      const run = await jest(dir, testArgs(m))
      console.log(`  ${run.code === 0 ? 'pass' : 'FAIL'}  ${key}`)
      if (run.code !== 0) {
        console.log(run.output)
        return 2
      }
    }
  }

  const started = Date.now()
  const results = []
  let bundled = null
  for (const [index, m] of selected.entries()) {
    const original = originals.get(m.file)
    await writeFile(join(dir, m.file), original.replace(m.find, m.replace))
    const t0 = Date.now()
    try {
      if (needsBundle(m)) {
        await bundle(dir)
        bundled = m.name
      }
      const run = await jest(dir, testArgs(m))
      const status = run.timedOut
        ? 'killed (timeout)'
        : run.code === 0
          ? 'SURVIVED'
          : 'killed'
      results.push({ m, status })
      const seconds = ((Date.now() - t0) / 1000).toFixed(0)
      console.log(
        `[${index + 1}/${selected.length}] ${status.padEnd(16)} ${m.name} (${seconds} s)`
      )
      if (flag('--verbose') && status === 'killed') console.log(run.output)
    } finally {
      await writeFile(join(dir, m.file), original)
    }
  }
  if (bundled !== null)
    await rm(join(dir, 'dist'), { recursive: true, force: true })

  const survived = results.filter((r) => r.status === 'SURVIVED')
  const killed = results.length - survived.length
  console.log('')
  if (survived.length > 0) {
    console.log('Survived (a test should fail on each):')
    for (const { m } of survived)
      console.log(`  ${m.name}: ${m.file}\n    ${m.why}`)
  }
  const score = ((100 * killed) / results.length).toFixed(1)
  console.log(
    `Mutation score: ${score}% (${killed} killed, ${survived.length} survived of ${results.length}) in ${Math.round((Date.now() - started) / 1000)} s`
  )
  return survived.length > 0 ? 1 : 0
}

/**
 * The jest arguments of a mutant: its test files, and a test-name filter when it has one.
 * @param {import('./mutants.mjs').Mutant} m
 */
function testArgs(m) {
  return [...m.tests, ...(m.grep ? ['-t', m.grep] : [])]
}

/**
 * End-to-end tests run dist/index.js, so the mutated source is bundled first.
 * @param {import('./mutants.mjs').Mutant} m
 */
function needsBundle(m) {
  return m.tests.some((path) => path.startsWith('__tests__/e2e/'))
}

/**
 * esbuild (a dev-dependency of the toolchain) bundles in a second where ncc
 * takes a minute; the bundle behaves the same for the tests. ncc otherwise.
 * @param {string} dir
 */
async function bundle(dir) {
  const esbuild = join(dir, 'node_modules', '.bin', 'esbuild')
  const command = existsSync(esbuild)
    ? [
        esbuild,
        'src/index.ts',
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--target=node22',
        '--outfile=dist/index.js',
        '--log-level=error',
        "--banner:js=import { createRequire as __mutateRequire } from 'node:module'; const require = __mutateRequire(import.meta.url);"
      ]
    : [
        join(dir, 'node_modules', '.bin', 'ncc'),
        'build',
        'src/index.ts',
        '-o',
        'dist',
        '--quiet'
      ]
  const run = await exec(command[0], command.slice(1), dir, TIMEOUT_MS)
  if (run.code !== 0) throw new Error(`bundling failed:\n${run.output}`)
}

/** @param {string} dir @param {string[]} testPaths */
function jest(dir, testPaths) {
  return exec(
    process.execPath,
    [
      join(dir, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--ci',
      '--bail',
      ...testPaths
    ],
    dir,
    TIMEOUT_MS,
    { NODE_OPTIONS: '--experimental-vm-modules', NODE_NO_WARNINGS: '1' }
  )
}

/**
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {string} cwd
 * @param {number} timeoutMs
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ code: number | null, timedOut: boolean, output: string }>}
 */
function exec(command, commandArgs, cwd, timeoutMs, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    let output = ''
    running = child
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      // The whole process group: jest's workers and the Action runs it started.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      running = null
      clearTimeout(timer)
      resolve({ code, timedOut, output })
    })
  })
}
