import { createHash } from 'node:crypto'
import { DASHBOARD_ASSETS } from './assets.generated.js'
import { INDEX_FILE, type HistoryIndex } from './history-index.js'
import { REPORTS_FIELDS } from '../day/day-summary.js'
import { ACTIVITY_FIELDS, BREAKDOWN_SOURCES } from '../trend/breakdowns.js'
import { DEFINITION_BREAKS } from '../trend/definition-breaks.js'

export interface BranchFile {
  /** From the branch root. */
  path: string
  text: string
}

/**
 * What the page needs to read a history the way the job summary does: where
 * each figure and breakdown is in a stored record, and GitHub's changes of
 * definition. Rendered into index.html, so the page and the summary never disagree.
 */
export function pageConfig(): Record<string, unknown> {
  return {
    reportsFields: REPORTS_FIELDS,
    breakdowns: BREAKDOWN_SOURCES,
    activityFields: ACTIVITY_FIELDS,
    definitionBreaks: DEFINITION_BREAKS
  }
}

/** `dir/name`, or `name` at the branch root. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`
}

/** The way back from the dashboard's folder to the branch root, for the page's fetches. */
function rootFrom(dir: string): string {
  return dir === '' ? '' : '../'.repeat(dir.split('/').length)
}

/** Every file of the dashboard, for the given index of histories. Pure: the same inputs give the same bytes. */
export function dashboardFiles(dir: string, index: HistoryIndex): BranchFile[] {
  // "</" cannot close the inline script: JSON allows "\/" for "/".
  const config = JSON.stringify(pageConfig()).replaceAll('</', '<\\/')
  const files: BranchFile[] = Object.entries(DASHBOARD_ASSETS).map(
    ([name, text]) => ({
      path: joinPath(dir, name),
      text:
        name === 'index.html' ? text.replace('{{CONFIG}}', () => config) : text
    })
  )
  files.push({
    path: joinPath(dir, INDEX_FILE),
    text: `${JSON.stringify({ ...index, root: rootFrom(dir) }, null, 2)}\n`
  })
  return files
}

/** Git's object id of a file's content: what the tree lists, so unchanged files are recognised without reading them. */
export function gitBlobSha(text: string): string {
  const content = Buffer.from(text, 'utf8')
  return createHash('sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex')
}

/** The files whose content differs from the branch's (path → blob sha): only these are committed. */
export function changedFiles(
  files: readonly BranchFile[],
  tree: ReadonlyMap<string, string>
): BranchFile[] {
  return files.filter((file) => tree.get(file.path) !== gitBlobSha(file.text))
}
