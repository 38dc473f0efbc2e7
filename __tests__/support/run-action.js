/**
 * Runs the bundled Action the way the Actions runner does: a separate node
 * process, inputs as INPUT_* variables, outputs and the job summary through
 * files. The child is spawned asynchronously because the fake GitHub server
 * usually lives in this same process and must keep answering.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string | number | boolean | undefined>} [inputs]
 *   action inputs by name as in action.yml (`data-branch`, not data_branch)
 * @property {Record<string, string | undefined>} [env] extra variables;
 *   undefined removes a default (e.g. GITHUB_REPOSITORY)
 * @property {string} [cwd] GITHUB_WORKSPACE and the child's cwd; default a
 *   fresh temp dir
 * @property {number} [timeoutMs] kill the child after this long; default 30000
 * @property {string} [script] entry point, absolute or relative to the repo
 *   root; default dist/index.js
 * @property {boolean} [keepTemp] keep RUNNER_TEMP and the temp workspace
 * @property {(child: import('node:child_process').ChildProcess) => void} [onSpawn]
 *   called with the child process as soon as it is started, e.g. to kill it
 *   midway from a fake GitHub hook
 */

/**
 * @typedef {object} RunResult
 * @property {number | null} code exit code; null when killed
 * @property {NodeJS.Signals | null} signal
 * @property {boolean} timedOut
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs parsed from GITHUB_OUTPUT
 * @property {string} summary contents of GITHUB_STEP_SUMMARY
 * @property {string[]} errors messages of ::error:: commands
 * @property {string[]} warnings messages of ::warning:: commands
 * @property {string[]} notices messages of ::notice:: commands
 * @property {string} workspace
 * @property {string} runnerTemp
 */

/**
 * @param {string} name an input name as written in action.yml
 * @returns {string} the variable @actions/core reads: spaces become `_`,
 *   hyphens stay
 */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Parses the GITHUB_OUTPUT file: `name<<DELIM\nvalue\nDELIM` blocks (what
 * @actions/core writes) and plain `name=value` lines.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const end = lines.indexOf(delimiter, i + 1)
      if (end === -1) throw new Error(`unterminated output ${name}`)
      outputs[name] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      outputs[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return outputs
}

/** @param {string} value workflow-command escaping, reversed */
function unescapeCommand(value) {
  return value
    .replace(/%0D/gi, '\r')
    .replace(/%0A/gi, '\n')
    .replace(/%25/g, '%')
}

/**
 * Messages of `::<command> [properties]::message` lines on stdout.
 * @param {string} stdout
 * @param {string} command error | warning | notice
 */
export function workflowMessages(stdout, command) {
  const pattern = new RegExp(`^::${command}(?: [^:]*)?::(.*)$`)
  return stdout
    .split(/\r?\n/)
    .map((line) => pattern.exec(line)?.[1])
    .filter((message) => message !== undefined)
    .map(unescapeCommand)
}

/**
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export async function runAction(options = {}) {
  const script = resolve(REPO_ROOT, options.script ?? 'dist/index.js')
  const runnerTemp = await mkdtemp(join(tmpdir(), 'cmh-runner-'))
  const workspace = resolve(
    options.cwd ?? (await mkdtemp(join(tmpdir(), 'cmh-workspace-')))
  )
  const outputFile = join(runnerTemp, 'github_output')
  const summaryFile = join(runnerTemp, 'step_summary.md')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')

  /** @type {Record<string, string | undefined>} */
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo/data',
    GITHUB_REPOSITORY_OWNER: 'octo'
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (value !== undefined) env[inputVariable(name)] = String(value)
  }
  Object.assign(env, options.env)
  /** @type {NodeJS.ProcessEnv} */
  const childEnv = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined)
  )

  try {
    const run = await spawnNode(script, {
      cwd: workspace,
      env: childEnv,
      timeoutMs: options.timeoutMs ?? 30_000,
      onSpawn: options.onSpawn
    })
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
    return {
      ...run,
      outputs,
      summary: await readFile(summaryFile, 'utf8'),
      errors: workflowMessages(run.stdout, 'error'),
      warnings: workflowMessages(run.stdout, 'warning'),
      notices: workflowMessages(run.stdout, 'notice'),
      workspace,
      runnerTemp
    }
  } finally {
    if (!options.keepTemp) {
      await rm(runnerTemp, { recursive: true, force: true })
      if (options.cwd === undefined) {
        await rm(workspace, { recursive: true, force: true })
      }
    }
  }
}

/**
 * @param {string} script
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number,
 *   onSpawn?: (child: import('node:child_process').ChildProcess) => void }} options
 */
function spawnNode(script, { cwd, env, timeoutMs, onSpawn }) {
  return new Promise(
    /**
     * @param {(run: { code: number | null, signal: NodeJS.Signals | null,
     *   timedOut: boolean, stdout: string, stderr: string }) => void} done
     */
    (done, fail) => {
      const child = spawn(process.execPath, [script], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      onSpawn?.(child)
      let stdout = ''
      let stderr = ''
      let timedOut = false
      child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk))
      child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
      const timer = setTimeout(() => {
        timedOut = true
        child.kill('SIGKILL')
      }, timeoutMs)
      child.on('error', (error) => {
        clearTimeout(timer)
        fail(error)
      })
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        done({ code, signal, timedOut, stdout, stderr })
      })
    }
  )
}
