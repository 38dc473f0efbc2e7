// The benchmark's output: a header naming the machine, then one row per figure.
import { readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

/**
 * @typedef {object} Row
 * @property {string} name
 * @property {string} value
 * @property {string} unit
 * @property {string} target
 * @property {string} [note]
 */

export function machine() {
  let model = cpus()[0]?.model ?? 'unknown CPU'
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(
      readFileSync('/proc/cpuinfo', 'utf8')
    )
    if (match) model = match[1].trim()
  } catch {
    // not Linux: os.cpus() names the model too
  }
  return `${model}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`
}

/** @param {Row[]} rows */
export function renderTable(rows) {
  const header = ['Figure', 'Value', 'Unit', 'Target']
  const cells = rows.map((row) => [row.name, row.value, row.unit, row.target])
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((cell) => cell[i].length))
  )
  /** @param {string[]} cell */
  const line = (cell) =>
    `| ${cell.map((text, i) => text.padEnd(widths[i])).join(' | ')} |`
  const notes = rows
    .filter((row) => row.note)
    .map((row) => `- ${row.name}: ${row.note}`)
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
    ...(notes.length ? ['', ...notes] : [])
  ].join('\n')
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2
}
