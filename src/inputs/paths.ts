import type { InputReader } from './reader.js'
import type { Scope } from './scope.js'

/** One history file: several with a list of teams, which share one download of each report. */
export interface Target {
  scope: Scope
  historyPath: string
}

/** The team slugs of a run's targets, in order (none for a whole scope). */
export function teamSlugs(targets: readonly Target[]): string[] {
  return targets.flatMap((target) =>
    'team' in target.scope ? [target.scope.team] : []
  )
}

/** The rules of `git check-ref-format --branch`, plus a refusal of `refs/` prefixes (give the short name). */
export function branchNameProblem(name: string): string | null {
  if (name.startsWith('refs/'))
    return 'give the short branch name, without "refs/heads/"'
  if (name.length > 255) return 'is longer than 255 characters'
  if (name === 'HEAD' || name === '@') return 'is reserved by git'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name))
    return 'contains a space, a control character or one of ~ ^ : ? * [ \\'
  if (name.includes('..')) return 'contains ".."'
  if (name.includes('@{')) return 'contains "@{"'
  if (name.includes('//')) return 'contains "//"'
  if (name.startsWith('-') || name.startsWith('/'))
    return 'starts with "-" or "/"'
  if (name.endsWith('/') || name.endsWith('.')) return 'ends with "/" or "."'
  if (name.split('/').some((part) => part.startsWith('.')))
    return 'has a component starting with "."'
  if (name.split('/').some((part) => part.endsWith('.lock')))
    return 'has a component ending with ".lock"'
  return null
}

/** A relative POSIX path inside the repository, to a .json file, outside .git and .github. */
export function historyPathProblem(path: string): string | null {
  if (path.length > 1024) return 'is longer than 1024 characters'
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return 'is absolute; give a path relative to the repository root'
  if (path.includes('\\')) return 'contains "\\"; use "/" between folders'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f%]/.test(path))
    return 'contains a control character or "%"'
  const segments = path.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    return 'has an empty, "." or ".." segment (it must stay inside the repository)'
  if (segments.some((s) => s.toLowerCase() === '.git'))
    return 'points into .git'
  if (segments[0].toLowerCase() === '.github')
    return 'points into .github (writing there needs the workflow permission)'
  if (!path.endsWith('.json')) return 'does not end in ".json"'
  return null
}

/** A relative path inside the workspace (the import file is read from the checkout). */
export function workspacePathProblem(path: string): string | null {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return 'is absolute; give a path relative to the workspace'
  if (path.includes('\\')) return 'contains "\\"; use "/" between folders'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains a control character'
  if (path.split('/').some((s) => s === '..'))
    return 'has a ".." segment (it must stay inside the workspace)'
  if (path.split('/').some((s) => s.toLowerCase() === '.git'))
    return 'points into .git'
  return null
}

/** `{team}` in history-path stands for each team of a list. */
const TEAM_PLACEHOLDER = '{team}'

export function defaultHistoryPath(scope: Scope): string {
  switch (scope.kind) {
    case 'organization':
      return `copilot-metrics/organization-${scope.organization}.json`
    case 'enterprise':
      return `copilot-metrics/enterprise-${scope.enterprise}.json`
    case 'team':
      return `copilot-metrics/team-${scope.organization}-${scope.team}.json`
    case 'enterprise-team':
      return `copilot-metrics/enterprise-team-${scope.enterprise}-${scope.team}.json`
  }
}

export function parseDataBranch(inputs: InputReader): string {
  const dataBranch = inputs.withDefault('data-branch')
  const problem = branchNameProblem(dataBranch)
  if (problem)
    inputs.fail(
      'data-branch',
      dataBranch,
      `is not a valid branch name: it ${problem}`
    )
  return dataBranch
}

/** One history file per scope: history-path, with {team} for each team of a list. */
export function parseTargets(inputs: InputReader, scopes: Scope[]): Target[] {
  const pathInput = inputs.text('history-path')
  if (
    scopes.length > 1 &&
    pathInput !== '' &&
    !pathInput.includes(TEAM_PLACEHOLDER)
  )
    inputs.fail(
      'history-path',
      pathInput,
      `must contain ${TEAM_PLACEHOLDER} when 'team' lists several teams (one file per team), or be empty`
    )
  const targets = scopes.map((scope) => ({
    scope,
    historyPath:
      pathInput === ''
        ? defaultHistoryPath(scope)
        : pathInput.replaceAll(
            TEAM_PLACEHOLDER,
            'team' in scope ? scope.team : TEAM_PLACEHOLDER
          )
  }))
  for (const target of targets) {
    const problem = historyPathProblem(target.historyPath)
    if (problem)
      inputs.fail(
        'history-path',
        target.historyPath,
        `is not allowed: it ${problem}`
      )
  }
  return targets
}

export function parseImportPath(
  inputs: InputReader,
  targets: Target[]
): string | null {
  const importText = inputs.text('import-path')
  if (importText === '') return null
  const problem = workspacePathProblem(importText)
  if (problem)
    inputs.fail('import-path', importText, `is not allowed: it ${problem}`)
  if (targets.length > 1)
    inputs.fail(
      'import-path',
      importText,
      'imports into one history file: use it with a single team'
    )
  return importText
}
