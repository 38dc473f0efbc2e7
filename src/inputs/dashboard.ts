import type { InputReader } from './reader.js'

/** Where the static dashboard is written on the data branch; null when switched off. */
export interface DashboardSettings {
  /** A folder relative to the branch root; '' is the root itself. */
  dir: string
}

/** A folder inside the branch, given without leading or trailing '/'. */
export function dashboardPathProblem(path: string): string | null {
  if (path === '') return null
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return 'is absolute; give a folder relative to the branch root, or leave it empty for the root'
  if (path.includes('\\')) return 'contains "\\"; use "/" between folders'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f%?#]/.test(path))
    return 'contains a control character, "%", "?" or "#"'
  const segments = path.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    return 'has an empty, "." or ".." segment (it must stay inside the branch)'
  if (segments.some((s) => s.toLowerCase() === '.git'))
    return 'points into .git'
  if (segments[0].toLowerCase() === '.github')
    return 'points into .github (writing there needs the workflow permission)'
  return null
}

export function parseDashboard(inputs: InputReader): DashboardSettings | null {
  const enabled = inputs.boolean('dashboard')
  const dir = inputs.text('dashboard-path').replace(/^\.\/|\/+$/g, '')
  const problem = dashboardPathProblem(dir)
  if (problem)
    inputs.fail('dashboard-path', dir, `is not allowed: it ${problem}`)
  return enabled ? { dir } : null
}
