// Prints the CHANGELOG.md section of one version (the notes of its GitHub
// release): `node scripts/changelog-section.mjs v1.2.3`. Fails when the
// changelog has no section for that version, or an empty one.
import { readFileSync } from 'node:fs'

/**
 * The body of the `## [version]` section of a Keep a Changelog file, without
 * its heading and trimmed; undefined when there is no such section.
 * @param {string} changelog @param {string} version e.g. "1.2.3" or "v1.2.3"
 * @returns {string | undefined}
 */
export function changelogSection(changelog, version) {
  const wanted = version.replace(/^v/, '')
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex((line) => {
    const heading = /^## \[([^\]]+)\]/.exec(line)
    return heading !== null && heading[1] === wanted
  })
  if (start === -1) return undefined
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => /^## /.test(line))
  // Link reference definitions ([1.0.0]: https://…) close the file, not a section.
  const body = (end === -1 ? rest : rest.slice(0, end)).filter(
    (line) => !/^\[[^\]]+\]: \S+$/.test(line)
  )
  return body.join('\n').trim()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const version = process.argv[2]
  if (!version) {
    console.error('usage: node scripts/changelog-section.mjs <version>')
    process.exit(2)
  }
  const section = changelogSection(
    readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8'),
    version
  )
  if (!section) {
    console.error(`CHANGELOG.md has no notes for ${version}.`)
    process.exit(1)
  }
  console.log(section)
}
