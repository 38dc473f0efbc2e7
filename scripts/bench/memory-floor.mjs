// Where the Action's peak memory goes, measured as VmHWM (max-rss.mjs) of
// separate node processes:
// - node itself (`node -e ''`);
// - the dependencies every run needs (@actions/core, @actions/github, zod),
//   bundled with ncc the same way as dist/ and loaded, doing nothing;
// - dist/index.js, stopping at its first input check;
// - the nightly run, and the same run with V8's young generation capped
//   (--max-semi-space-size=1). An Action cannot pass that flag: `runs.using:
//   node24` starts `node dist/index.js` with no options, and
//   v8.setFlagsFromString() after start-up leaves the young generation as it is.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nightly } from './action-runs.mjs'

/** @typedef {import('./table.mjs').Row} Row */

const root = new URL('../..', import.meta.url).pathname
const MAX_RSS = new URL('./max-rss.mjs', import.meta.url).pathname

/** Peak RSS in MiB of `node ...args` (an empty environment of inputs). */
function peakOf(/** @type {string[]} */ args, cwd = root) {
  const dir = mkdtempSync(join(tmpdir(), 'cmh-rss-'))
  try {
    const file = join(dir, 'rss')
    spawnSync(process.execPath, args, {
      cwd,
      env: {
        PATH: process.env.PATH,
        NODE_OPTIONS: `--import=${MAX_RSS}`,
        BENCH_MAX_RSS_FILE: file
      },
      stdio: 'ignore'
    })
    return Number(readFileSync(file, 'utf8')) / 1024
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The median peak of `repeats` runs.
 * @param {string[]} args @param {number} repeats
 */
function medianPeak(args, repeats, cwd = root) {
  const peaks = Array.from({ length: repeats }, () => peakOf(args, cwd))
  return peaks.sort((a, b) => a - b)[Math.floor(repeats / 2)]
}

/** The mandated dependencies alone, bundled by ncc into a temporary folder. */
function dependenciesBundle() {
  const dir = mkdtempSync(join(root, 'node_modules', '.cmh-deps-'))
  writeFileSync(
    join(dir, 'entry.mjs'),
    [
      "import * as core from '@actions/core'",
      "import * as github from '@actions/github'",
      "import { z } from 'zod'",
      "const octokit = github.getOctokit('unused')",
      'const ok = z.object({ a: z.string() }).safeParse({ a: "" }).success',
      'core.debug(String(typeof octokit.request) + ok)'
    ].join('\n')
  )
  const built = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      join(dir, 'entry.mjs'),
      '-o',
      join(dir, 'out'),
      '--minify',
      '--quiet'
    ],
    { cwd: root, encoding: 'utf8' }
  )
  if (built.status !== 0)
    throw new Error(`bundling the dependencies failed: ${built.stderr}`)
  return { dir, entry: join(dir, 'out', 'index.mjs') }
}

/**
 * @param {import('../../__tests__/support/fake-github.js').FakeGitHub} gh
 * @param {{ stored: number, repeats: number }} options
 * @returns {Promise<Row[]>}
 */
export async function memoryFloor(gh, { stored, repeats }) {
  const node = medianPeak(['-e', ''], repeats)
  const deps = dependenciesBundle()
  let dependencies
  try {
    dependencies = medianPeak([deps.entry], repeats)
  } finally {
    rmSync(deps.dir, { recursive: true, force: true })
  }
  const loaded = medianPeak([join(root, 'dist/index.js')], repeats)

  const peakOfNight = async (/** @type {string} */ options) => {
    const before = process.env.BENCH_NODE_OPTIONS
    process.env.BENCH_NODE_OPTIONS = options
    try {
      const rows = await nightly(
        gh,
        stored,
        `bench-memory${options ? '-capped' : ''}`
      )
      return Number(rows.find((row) => row.unit === 'MiB')?.value)
    } finally {
      if (before === undefined) delete process.env.BENCH_NODE_OPTIONS
      else process.env.BENCH_NODE_OPTIONS = before
    }
  }
  const night = await peakOfNight('')
  const capped = await peakOfNight('--max-semi-space-size=1')
  const row = (
    /** @type {string} */ name,
    /** @type {number} */ mib,
    note = ''
  ) => ({
    name: `Peak memory: ${name}`,
    value: mib.toFixed(0),
    unit: 'MiB',
    target: 'report it',
    ...(note ? { note } : {})
  })
  return [
    row("node alone (node -e '')", node),
    row(
      'node + @actions/core, @actions/github and zod bundled, doing nothing',
      dependencies,
      'the dependencies every run loads, before any work'
    ),
    row('dist/index.js, stopped at its input check', loaded),
    row(`nightly run (${stored} days stored)`, night),
    row(
      `nightly run, young generation capped (--max-semi-space-size=1)`,
      capped,
      'an Action cannot pass this flag: runs.using node24 starts node with no options'
    )
  ]
}
