import {
  BREAKDOWN_KINDS,
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

function displayName(kind: BreakdownKind, name: string): string {
  const known =
    kind === 'features' && Object.hasOwn(FEATURE_NAMES, name)
      ? FEATURE_NAMES[name]
      : name
  return escapeText(known, MAX_NAME_LENGTH)
}

const change = (item: BreakdownItem): string =>
  item.isNew ? 'new' : formatChange(item.changePct)

/**
 * The week's top names of each breakdown side by side, one rank per row.
 * Empty when no day of the week has any breakdown.
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
  const rows = Math.max(...shown.map((b) => b.items.length))
  const more = shown
    .filter((b) => b.more > 0)
    .map(
      (b) => `${b.more} more ${HEADERS[b.kind][b.more === 1 ? 'one' : 'many']}`
    )
  const has = (kind: BreakdownKind): boolean =>
    shown.some((b) => b.kind === kind)
  const notes = [
    "Share of the week's activity: code generation events plus prompts" +
      (has('languages')
        ? " (for languages, code generation events alone: GitHub's language breakdown has no prompt count)."
        : '.'),
    ...(has('models') ? ['Models: chat and agent activity only.'] : []),
    `Δ: activity per day against ${previousWeek}.`,
    ...(more.length ? [`Not shown: ${listOf(more)}.`] : [])
  ]
  return [
    `### Top ${listOf(shown.map((b) => HEADERS[b.kind].many))}, ${week}`,
    '',
    ...table(
      ['#', ...shown.flatMap((b) => [HEADERS[b.kind].header, 'Share', 'Δ'])],
      ['r', ...shown.flatMap(() => ['l', 'r', 'r'] as const)],
      Array.from({ length: rows }, (_, rank) => [
        String(rank + 1),
        ...shown.flatMap((b) => {
          const item = b.items.at(rank)
          return item
            ? [
                displayName(b.kind, item.name),
                formatShare(item.share),
                change(item)
              ]
            : ['', '', '']
        })
      ])
    ),
    '',
    `<sub>${notes.join(' ')}</sub>`
  ]
}
