import type { IsoDate } from '../../common/dates.js'

/** Names from report data are cut to this many characters: a summary row must stay a row. */
export const MAX_NAME_LENGTH = 60

/**
 * Text for markdown, inline or in a table cell. Report data (language, model,
 * IDE names) could hold anything; after this it can form no markup, HTML,
 * link, autolink, mention, emoji shortcode, math or table cell boundary, and
 * no line break. Letters, digits, spaces and "-" stay readable in the source.
 */
export function escapeText(text: string, maxLength = Infinity): string {
  const oneLine = text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g,
    ' '
  )
  const cut =
    oneLine.length > maxLength
      ? `${[...oneLine].slice(0, maxLength - 1).join('')}…`
      : oneLine
  return cut.replace(
    /[\\`*_{}[\]()<>#+.!|~:@&$=^"']/g,
    (c) => `&#${c.charCodeAt(0)};`
  )
}

/** A code span: nothing inside is interpreted, so paths and branch names are shown as they are. */
export function codeSpan(text: string): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = text.replace(/[\u0000-\u001f\u007f]+/g, ' ')
  const longestRun = Math.max(
    0,
    ...(oneLine.match(/`+/g) ?? []).map((run) => run.length)
  )
  const fence = '`'.repeat(longestRun + 1)
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${oneLine}${pad}${fence}`
}

/**
 * As `value.toLocaleString('en-US', { maximumFractionDigits: 2 })`, without
 * Intl: its first call costs about 12 ms, more than all JSON work of a night.
 * Rounds half away from zero on the shortest decimal form, as Intl does.
 */
export function formatNumber(value: number): string {
  const text = String(Math.abs(value))
  if (!Number.isFinite(value) || text.includes('e') || Math.abs(value) >= 1e13)
    return value.toLocaleString('en-US', { maximumFractionDigits: 2 })
  const [whole, fraction = ''] = text.split('.')
  const cents =
    Number(whole) * 100 +
    Number(fraction.slice(0, 2).padEnd(2, '0')) +
    (fraction.charCodeAt(2) >= 53 ? 1 : 0)
  const digits = String(Math.floor(cents / 100)).replace(
    /\B(?=(\d{3})+(?!\d))/g,
    ','
  )
  const decimals = String(cents % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  const sign = value < 0 || Object.is(value, -0) ? '-' : ''
  return `${sign}${digits}${decimals ? `.${decimals}` : ''}`
}

/** Glues an arrow to its number: a table cell never breaks between them. */
export const NBSP = '\u00a0'

/** ▲/▼ and the change in percent; "–" when there is nothing to compare with. */
export const formatChange = (pct: number | null): string =>
  pct === null
    ? '–'
    : pct > 0
      ? `▲${NBSP}${formatNumber(pct)}%`
      : pct < 0
        ? `▼${NBSP}${formatNumber(-pct)}%`
        : '0%'

/** A 0..1 ratio as a percentage. */
export const formatShare = (value: number | null): string =>
  value === null ? '–' : `${formatNumber(value * 100)}%`

export const formatOptional = (value: number | null): string =>
  value === null ? '–' : formatNumber(value)

/** Volumes (lines, prompts) read better whole: 3,529 rather than 3,529.43. */
export const formatWhole = (value: number | null): string =>
  value === null
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: 0 })

export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec'
]

/** `Nov 9` */
export const shortDate = (day: IsoDate): string =>
  `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`

/** `Nov 9 – Nov 15, 2026`, or `Dec 28, 2026 – Jan 3, 2027` across New Year. */
export function dateRange(from: IsoDate, to: IsoDate): string {
  const [fromYear, toYear] = [from.slice(0, 4), to.slice(0, 4)]
  return fromYear === toYear
    ? `${shortDate(from)} – ${shortDate(to)}, ${toYear}`
    : `${shortDate(from)}, ${fromYear} – ${shortDate(to)}, ${toYear}`
}

/** A markdown table: header cells, alignment per column (`l` or `r`), rows of cell text (already escaped). */
export function table(
  header: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly (readonly string[])[]
): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [
    line(header),
    `|${align.map((a) => (a === 'r' ? '--:' : '---')).join('|')}|`,
    ...rows.map(line)
  ]
}

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']

/** A footnote marker that renders the same everywhere (GitHub does not render markdown footnotes in every view). */
export const footnoteMarker = (n: number): string =>
  [...String(n)].map((digit) => SUPERSCRIPT[Number(digit)]).join('')
