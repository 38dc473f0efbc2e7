// Enterprise-sized history days for the merge benchmark: aggregated records
// of about 15 KB with breakdowns over 40 languages, 8 IDEs and 10 models, in
// the shape of enterprise-1-day (see __tests__/fixtures). Deterministic.
import { mulberry32 } from '../../__tests__/support/sample-data.js'

const IDES = [
  'vscode',
  'intellij',
  'visualstudio',
  'xcode',
  'eclipse',
  'neovim',
  'zed',
  'others'
]
const LANGUAGES = [
  'typescript',
  'python',
  'java',
  'go',
  'csharp',
  'javascript',
  'kotlin',
  'ruby',
  'rust',
  'cpp',
  'c',
  'php',
  'swift',
  'scala',
  'sql',
  'shellscript',
  'powershell',
  'yaml',
  'json',
  'markdown',
  'html',
  'css',
  'scss',
  'dart',
  'lua',
  'r',
  'perl',
  'haskell',
  'elixir',
  'erlang',
  'clojure',
  'fsharp',
  'groovy',
  'terraform',
  'dockerfile',
  'vue',
  'svelte',
  'objective-c',
  'unknown',
  'others'
]
const MODELS = [
  'claude-sonnet-4.6',
  'gpt-5.4',
  'auto',
  'gpt-5-mini',
  'claude-opus-4.5',
  'gemini-3-pro',
  'gpt-5.4-codex',
  'claude-haiku-4.5',
  'unknown',
  'others'
]
const FEATURES = [
  'code_completion',
  'chat_inline',
  'chat_panel_ask_mode',
  'chat_panel_edit_mode',
  'chat_panel_agent_mode',
  'chat_panel_plan_mode',
  'chat_panel_custom_mode',
  'agent_edit',
  'copilot_cli',
  'others'
]
const CHAT_FEATURES = [
  'chat_panel_ask_mode',
  'chat_panel_agent_mode',
  'chat_inline',
  'chat_panel_plan_mode'
]

/** @param {() => number} next */
function counters(next, scale = 1, interactions = true) {
  const generated = Math.round((2000 + next() * 60000) * scale)
  const accepted = Math.round(generated * (0.2 + next() * 0.15))
  return {
    ...(interactions
      ? { user_initiated_interaction_count: Math.round(generated * 0.3) }
      : {}),
    code_generation_activity_count: generated,
    code_acceptance_activity_count: accepted,
    loc_suggested_to_add_sum: Math.round(generated * 1.8),
    loc_suggested_to_delete_sum: Math.round(generated * 0.05),
    loc_added_sum: Math.round(accepted * 2.1),
    loc_deleted_sum: Math.round(accepted * 0.3)
  }
}

/**
 * One enterprise-1-day record.
 * @param {string} day
 * @param {number} seed
 */
export function largeDayRecord(day, seed) {
  let hash = seed >>> 0
  for (const char of day) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  const next = mulberry32(hash)
  const dau = 18000 + Math.round(next() * 4000)
  const weight = (/** @type {number} */ rank) => 1 / (1 + rank) ** 2
  return {
    day,
    enterprise_id: '4567',
    daily_active_users: dau,
    weekly_active_users: Math.round(dau * 1.45),
    monthly_active_users: Math.round(dau * 1.9),
    monthly_active_chat_users: Math.round(dau * 1.3),
    monthly_active_agent_users: Math.round(dau * 0.9),
    daily_active_cli_users: Math.round(dau * 0.08),
    daily_active_copilot_cloud_agent_users: Math.round(dau * 0.03),
    daily_active_copilot_code_review_users: Math.round(dau * 0.2),
    daily_passive_copilot_code_review_users: Math.round(dau * 0.25),
    ...counters(next, 10),
    totals_by_ide: IDES.map((ide, rank) => ({
      ide,
      ...counters(next, weight(rank))
    })),
    totals_by_feature: FEATURES.map((feature, rank) => ({
      feature,
      ...counters(next, weight(rank))
    })),
    // Every language has completions; the biggest one chat too.
    totals_by_language_feature: LANGUAGES.flatMap((language, rank) =>
      FEATURES.slice(0, rank === 0 ? 2 : 1).map((feature) => ({
        language,
        feature,
        ...counters(next, weight(rank), false)
      }))
    ),
    totals_by_language_model: LANGUAGES.slice(0, 3).flatMap((language, l) =>
      MODELS.slice(0, 2).map((model, m) => ({
        language,
        model,
        ...counters(next, weight(l + m), false)
      }))
    ),
    totals_by_model_feature: MODELS.flatMap((model, rank) =>
      CHAT_FEATURES.slice(0, 1).map((feature) => ({
        model,
        feature,
        ...counters(next, weight(rank))
      }))
    ),
    totals_by_cli: {
      session_count: Math.round(dau * 0.2),
      request_count: Math.round(dau * 3.1),
      prompt_count: Math.round(dau * 0.6),
      token_usage: {
        output_tokens_sum: Math.round(dau * 1700),
        prompt_tokens_sum: Math.round(dau * 37000),
        avg_tokens_per_request: 12480.4
      }
    },
    pull_requests: {
      total_created: Math.round(dau * 0.5),
      total_reviewed: Math.round(dau * 0.65),
      total_merged: Math.round(dau * 0.42),
      median_minutes_to_merge: 812.25,
      total_suggestions: Math.round(dau * 0.9),
      total_applied_suggestions: Math.round(dau * 0.26)
    },
    etl_id: 'green',
    day_partition: day,
    entity_id_partition: 4567
  }
}

/** @param {string} day @param {number} delta */
export function addDays(day, delta) {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + delta)
  return date.toISOString().slice(0, 10)
}

/**
 * A history of the enterprise `acme`, one stored day per date, as the Action
 * keeps it (before serialization).
 * @param {{ to: string, days: number, seed: number }} options
 */
export function largeHistory({ to, days, seed }) {
  const from = addDays(to, 1 - days)
  const stored = []
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const record = largeDayRecord(day, seed)
    stored.push({
      date: day,
      source: 'reports',
      fetchedAt: `${addDays(day, 2)}T06:00:00.000Z`,
      summary: {
        activeUsers: record.daily_active_users,
        engagedUsers: Math.round(record.daily_active_users * 0.8),
        weeklyActiveUsers: record.weekly_active_users
      },
      record
    })
  }
  return {
    schemaVersion: 1,
    scope: { kind: 'enterprise', enterprise: 'acme' },
    source: 'reports',
    days: stored
  }
}
