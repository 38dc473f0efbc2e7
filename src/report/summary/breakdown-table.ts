import {
  BREAKDOWN_KINDS,
  type Breakdown,
  type BreakdownItem,
  type BreakdownKind,
  type WeekBreakdowns
} from '../../trend/breakdowns.js'
import {
  MAX_NAME_LENGTH,
  escapeText,
  formatChange,
  formatShare,
  table
} from './markdown.js'

const HEADERS: Record<
  BreakdownKind,
  { header: string; one: string; many: string }
> = {
  languages: { header: 'Language', one: 'language', many: 'languages' },
  ides: { header: 'IDE', one: 'IDE', many: 'IDEs' },
  features: { header: 'Feature', one: 'feature', many: 'features' },
  models: { header: 'Model', one: 'model', many: 'models' }
}

/** `a`, `a and b`, `a, b and c` */
const listOf = (items: readonly string[]): string =>
  items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`

/** GitHub's feature names, for people; an unknown one is shown as GitHub sends it. */
export const FEATURE_NAMES: Readonly<Record<string, string>> = {
  code_completion: 'Code completion',
  chat_inline: 'Inline chat',
  chat_panel_ask_mode: 'Chat: ask',
  chat_panel_edit_mode: 'Chat: edit',
  chat_panel_agent_mode: 'Chat: agent',
  chat_panel_plan_mode: 'Chat: plan',
  chat_panel_custom_mode: 'Chat: custom agent',
  chat_panel_unknown_mode: 'Chat: other',
  agent_edit: 'Agent edits',
  copilot_cli: 'Copilot CLI',
  copilot_app: 'Copilot app',
  others: 'Others'
}

/** Names longer than this are cut in the table, with the full name in a note under it. */
export const SHORT_NAME_LENGTH = 20

/** Markers of the cut names: letters, apart from the numbered footnotes of the data notes. */
const LETTERS = 'ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ'

function displayName(kind: BreakdownKind, name: string): string {
  return kind === 'features' && Object.hasOwn(FEATURE_NAMES, name)
    ? FEATURE_NAMES[name]
    : name
}

const change = (item: BreakdownItem): string =>
  item.isNew ? 'new' : formatChange(item.changePct)

/**
 * Two breakdowns side by side, one rank per row. A name longer than 20
 * characters is cut and marked; `cut` collects the full names for the note.
 */
function pairTable(pair: readonly Breakdown[], cut: string[]): string[] {
  const rows = Math.max(...pair.map((b) => b.items.length))
  const cell = (kind: BreakdownKind, name: string): string => {
    const full = displayName(kind, name)
    if ([...full].length <= SHORT_NAME_LENGTH) return escapeText(full)
    const marker = [...LETTERS][cut.length % LETTERS.length]
    cut.push(`${marker} ${escapeText(full, MAX_NAME_LENGTH)}`)
    return `${escapeText([...full].slice(0, SHORT_NAME_LENGTH - 1).join(''))}…${marker}`
  }
  return table(
    ['#', ...pair.flatMap((b) => [HEADERS[b.kind].header, 'Share', 'Δ'])],
    ['r', ...pair.flatMap(() => ['l', 'r', 'r'] as const)],
    Array.from({ length: rows }, (_, rank) => [
      String(rank + 1),
      ...pair.flatMap((b) => {
        const item = b.items.at(rank)
        return item
          ? [cell(b.kind, item.name), formatShare(item.share), change(item)]
          : ['', '', '']
      })
    ])
  )
}

/**
 * The week's top names of each breakdown, two breakdowns per table so each
 * fits GitHub's 1000 px column. Empty when no day of the week has any breakdown.
 */
export function breakdownSection(
  breakdowns: WeekBreakdowns,
  week: string,
  previousWeek: string
): string[] {
  const shown = BREAKDOWN_KINDS.flatMap((kind) => {
    const breakdown = breakdowns[kind]
    return breakdown && breakdown.items.length ? [breakdown] : []
  })
  if (shown.length === 0) return []
  const more = shown
    .filter((b) => b.more > 0)
    .map(
      (b) => `${b.more} more ${HEADERS[b.kind][b.more === 1 ? 'one' : 'many']}`
    )
  const has = (kind: BreakdownKind): boolean =>
    shown.some((b) => b.kind === kind)
  const cut: string[] = []
  const tables: string[] = []
  for (let i = 0; i < shown.length; i += 2)
    tables.push(...(i ? [''] : []), ...pairTable(shown.slice(i, i + 2), cut))
  const notes = [
    "Share of the week's activity: code generation events plus prompts" +
      (has('languages')
        ? " (for languages, code generation events alone: GitHub's language breakdown has no prompt count)."
        : '.'),
    ...(has('models') ? ['Models: chat and agent activity only.'] : []),
    `Δ: activity per day against ${previousWeek}.`,
    ...(more.length ? [`Not shown: ${listOf(more)}.`] : []),
    ...(cut.length ? [`Full names: ${cut.join(', ')}.`] : [])
  ]
  return [
    `### Top ${listOf(shown.map((b) => HEADERS[b.kind].many))}, ${week}`,
    '',
    ...tables,
    '',
    `<sub>${notes.join(' ')}</sub>`
  ]
}
