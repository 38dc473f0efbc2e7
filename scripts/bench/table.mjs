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

/**
 * Whether a figure meets its target: true or false where the target is a
 * plain comparison with a number ("< 1000", "≤ 1.5"), undefined otherwise
 * ("report it", "independent of size").
 * @param {Pick<Row, 'value' | 'target'>} row
 * @returns {boolean | undefined}
 */
export function meetsTarget(row) {
  const target = /^(<|≤|<=|>|≥|>=)\s*(-?[\d,]*\.?\d+)$/.exec(row.target.trim())
  const value = Number(row.value.replace(/,/g, ''))
  if (!target || row.value.trim() === '' || !Number.isFinite(value))
    return undefined
  const limit = Number(target[2].replace(/,/g, ''))
  switch (target[1]) {
    case '<':
      return value < limit
    case '≤':
    case '<=':
      return value <= limit
    case '>':
      return value > limit
    default:
      return value >= limit
  }
}

/** @param {boolean | undefined} met */
const mark = (met) => (met === undefined ? '' : met ? '✓' : '✗')

/**
 * The closing lines: how many figures missed their target. A miss is
 * reported, never a failure (machines differ; CI runs --quick sizes).
 * @param {Row[]} rows
 */
export function verdict(rows) {
  const judged = rows.filter((row) => meetsTarget(row) !== undefined)
  const missed = judged.filter((row) => meetsTarget(row) === false)
  if (missed.length === 0)
    return `All ${judged.length} figures with a numeric target meet it (✓).`
  return [
    `✗ ${missed.length} of ${judged.length} figures with a numeric target missed it (reported, not a failure):`,
    ...missed.map(
      (row) => `  ✗ ${row.name}: ${row.value} ${row.unit}, target ${row.target}`
    )
  ].join('\n')
}

/** @param {Row[]} rows */
export function renderTable(rows) {
  const header = ['Figure', 'Value', 'Unit', 'Target', 'Met']
  const cells = rows.map((row) => [
    row.name,
    row.value,
    row.unit,
    row.target,
    mark(meetsTarget(row))
  ])
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
