/**
 * Deterministic, realistic Copilot usage report records for tests and demos.
 *
 * Every number is derived from per-user "activities" and then summed, so a
 * record is internally consistent (top-level counters = sum of
 * totals_by_feature; an aggregate = sum of its users). Tests can then assert
 * on totals without caring how they were drawn. Shapes follow
 * __tests__/fixtures/*.ndjson.
 */

/** @typedef {'organization' | 'enterprise'} Scope */

/**
 * @typedef {{
 *   day: string, user_id: number, user_login: string,
 *   user_initiated_interaction_count: number,
 *   code_acceptance_activity_count: number,
 *   [field: string]: unknown
 * }} UserRecord
 */

/**
 * @typedef {{
 *   day: string, daily_active_users: number, weekly_active_users: number,
 *   monthly_active_users: number, [field: string]: unknown
 * }} AggregateRecord
 */

const COUNTERS = /** @type {const} */ ([
  'user_initiated_interaction_count',
  'code_generation_activity_count',
  'code_acceptance_activity_count',
  'loc_suggested_to_add_sum',
  'loc_suggested_to_delete_sum',
  'loc_added_sum',
  'loc_deleted_sum'
])

/** @typedef {Record<(typeof COUNTERS)[number], number>} Counters */
/** @typedef {{ feature: string, language: string, model: string | null, counts: Counters }} Activity */

const FEATURE_ORDER = [
  'code_completion',
  'chat_inline',
  'chat_panel_ask_mode',
  'chat_panel_edit_mode',
  'chat_panel_agent_mode',
  'chat_panel_plan_mode',
  'chat_panel_custom_mode',
  'chat_panel_unknown_mode',
  'agent_edit',
  'copilot_cli',
  'copilot_app',
  'others'
]
// CLI and app activity count in the top-level totals but not per IDE.
const NON_IDE_FEATURES = new Set(['copilot_cli', 'copilot_app'])

/** @type {Array<[string, number, { ide: string, plugin: string, version: string }]>} */
const IDES = [
  ['vscode', 60, { ide: '1.139.1', plugin: 'copilot-chat', version: '0.43.2' }],
  [
    'intellij',
    20,
    { ide: '2026.2.3', plugin: 'copilot-intellij', version: '1.7.4-243' }
  ],
  [
    'visualstudio',
    10,
    { ide: '17.14.21', plugin: 'copilot-vs', version: '1.405.0' }
  ],
  ['xcode', 4, { ide: '26.1', plugin: 'copilot-xcode', version: '0.44.0' }],
  ['eclipse', 3, { ide: '4.37', plugin: 'copilot-eclipse', version: '0.12.0' }],
  ['neovim', 3, { ide: '0.11.4', plugin: 'copilot.vim', version: '1.52.0' }]
]
/** @type {Array<[string, number]>} */
const LANGUAGES = [
  ['typescript', 30],
  ['python', 25],
  ['java', 15],
  ['go', 8],
  ['csharp', 8],
  ['javascript', 7],
  ['kotlin', 4],
  ['ruby', 3]
]
/** @type {Array<[string, number]>} */
const MODELS = [
  ['claude-sonnet-4.6', 40],
  ['gpt-5.4', 30],
  ['auto', 20],
  ['gpt-5-mini', 10]
]
/** @type {Array<[string, number]>} */
const ARCHETYPES = [
  ['completion', 35],
  ['chat', 30],
  ['agent', 25],
  ['power', 10]
]
const PHASES = ['No Cohort', 'Phase 1', 'Phase 2', 'Phase 3']
const COMMENT_TYPES = [
  'bug_risk',
  'security',
  'maintainability',
  'documentation'
]
const ADJECTIVES = [
  'brave',
  'calm',
  'eager',
  'fuzzy',
  'jolly',
  'lucky',
  'quiet',
  'swift'
]
const NOUNS = [
  'otter',
  'falcon',
  'panda',
  'lynx',
  'heron',
  'koala',
  'badger',
  'gecko'
]
const TEAMS = [
  { teamId: 4401, slug: 'payments' },
  { teamId: 4402, slug: 'platform' },
  { teamId: 4403, slug: 'mobile' },
  { teamId: 4404, slug: 'data-science' }
]

// ---------------------------------------------------------------------------
// Seeded randomness

/**
 * mulberry32: tiny, fast, good enough for test data.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A generator keyed by any parts, so e.g. (seed, day, user) always draws the
 * same numbers whatever else was generated before.
 * @param {...(string | number)} parts
 */
function rngFor(...parts) {
  let hash = 0x811c9dc5
  for (const char of parts.join('\u0000')) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
  }
  const next = mulberry32(hash)
  const rng = {
    next,
    /** @param {number} min @param {number} max inclusive */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** @param {number} p */
    chance: (p) => next() < p,
    /**
     * @template T
     * @param {Array<[T, number, ...unknown[]]> | Array<[T, number]>} items
     * @returns {T}
     */
    weighted(items) {
      const total = items.reduce((sum, item) => sum + item[1], 0)
      let roll = next() * total
      for (const item of items) {
        roll -= item[1]
        if (roll < 0) return item[0]
      }
      return items[items.length - 1][0]
    },
    /** @template T @param {T[]} items @returns {T[]} a shuffled copy */
    shuffle(items) {
      const copy = [...items]
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j], copy[i]]
      }
      return copy
    }
  }
  return rng
}

/** @typedef {ReturnType<typeof rngFor>} Rng */

/** @param {number} value */
const round1 = (value) => Math.round(value * 10) / 10
/** @param {number} value */
const round2 = (value) => Math.round(value * 100) / 100

// ---------------------------------------------------------------------------
// Identities

/**
 * A stable fake login for a user id (EMU-style `_acme` suffix).
 * @param {number} userId
 */
export function loginFor(userId) {
  const adjective = ADJECTIVES[userId % ADJECTIVES.length]
  const noun = NOUNS[Math.floor(userId / ADJECTIVES.length) % NOUNS.length]
  return `${adjective}-${noun}-${userId}_acme`
}

/**
 * @param {Scope} scope
 * @param {{ organizationId?: string, enterpriseId?: string }} ids
 */
function scopeFields(scope, ids) {
  const enterpriseId = ids.enterpriseId ?? '4567'
  const organizationId = ids.organizationId ?? '1234567'
  return {
    ids:
      scope === 'organization'
        ? { enterprise_id: enterpriseId, organization_id: organizationId }
        : { enterprise_id: enterpriseId },
    partition: Number(scope === 'organization' ? organizationId : enterpriseId)
  }
}

// ---------------------------------------------------------------------------
// Activities: one feature x language x model slice of a user's day

/** @returns {Counters} */
function zeroCounts() {
  return /** @type {Counters} */ (
    Object.fromEntries(COUNTERS.map((c) => [c, 0]))
  )
}

/**
 * @param {Rng} rng
 * @param {string} language
 * @param {boolean} accepts false: suggestions shown, none accepted
 * @returns {Activity}
 */
function completion(rng, language, accepts) {
  const generated = accepts ? rng.int(8, 90) : rng.int(2, 15)
  const accepted = accepts
    ? Math.max(1, Math.round(generated * (0.18 + rng.next() * 0.17)))
    : 0
  return {
    feature: 'code_completion',
    language,
    model: null,
    counts: {
      ...zeroCounts(),
      code_generation_activity_count: generated,
      code_acceptance_activity_count: accepted,
      loc_suggested_to_add_sum: Math.round(generated * (1.5 + rng.next())),
      loc_added_sum: Math.round(accepted * (1.4 + rng.next()))
    }
  }
}

/**
 * @param {Rng} rng
 * @param {string} feature a chat_* mode
 * @param {string} language
 * @param {string} model
 * @param {number} maxPrompts
 * @returns {Activity}
 */
function chat(rng, feature, language, model, maxPrompts) {
  const prompts = rng.int(1, maxPrompts)
  const generated = prompts + rng.int(0, prompts)
  const accepted = Math.round(generated * (0.2 + rng.next() * 0.2))
  return {
    feature,
    language,
    model,
    counts: {
      user_initiated_interaction_count: prompts,
      code_generation_activity_count: generated,
      code_acceptance_activity_count: accepted,
      loc_suggested_to_add_sum: generated * rng.int(2, 6),
      loc_suggested_to_delete_sum: rng.int(0, generated),
      loc_added_sum: accepted * rng.int(2, 5),
      loc_deleted_sum: rng.int(0, accepted)
    }
  }
}

/**
 * Lines the agent wrote itself: no prompts, no suggestions, no accepts.
 * @param {Rng} rng
 * @param {string} language
 * @param {string} model
 * @param {number} prompts the agent-mode prompts that drove it
 * @returns {Activity}
 */
function agentEdit(rng, language, model, prompts) {
  const edits = rng.int(prompts, prompts * 3)
  const added = edits * rng.int(5, 20)
  return {
    feature: 'agent_edit',
    language,
    model,
    counts: {
      ...zeroCounts(),
      code_generation_activity_count: edits,
      loc_added_sum: added,
      loc_deleted_sum: Math.round(added * 0.15)
    }
  }
}

/**
 * @param {Rng} rng
 * @param {'copilot_cli' | 'copilot_app'} feature
 * @returns {Activity}
 */
function tool(rng, feature) {
  const prompts = rng.int(1, 6)
  const generated = prompts * 2
  return {
    feature,
    language: 'unknown',
    model: null,
    counts: {
      ...zeroCounts(),
      user_initiated_interaction_count: prompts,
      code_generation_activity_count: generated,
      code_acceptance_activity_count: Math.round(generated * 0.8),
      loc_added_sum: rng.int(10, 80),
      loc_deleted_sum: rng.int(0, 15)
    }
  }
}

/**
 * @typedef {object} Persona stable traits of one user across days
 * @property {string} ide
 * @property {string[]} languages
 * @property {string} model
 * @property {string} archetype completion | chat | agent | power
 * @property {number} phase 1-3, the 28-day adoption cohort
 * @property {'server-only' | 'suggestions-only'} idle how a non-engaged day looks
 * @property {number} propensity how likely the user is active on a given day
 * @property {boolean} reviewer gets Copilot code review signals
 * @property {boolean} appUser also uses the Copilot app
 */

/** @param {number | string} seed @param {number} userId @returns {Persona} */
function personaFor(seed, userId) {
  const rng = rngFor(seed, 'persona', userId)
  const ide = rng.weighted(IDES)
  const first = rng.weighted(LANGUAGES)
  const second = rng.weighted(LANGUAGES)
  const archetype = rng.weighted(ARCHETYPES)
  /** @type {Record<string, number>} */
  const phases = { completion: 1, chat: rng.int(1, 2), agent: 2, power: 3 }
  return {
    ide,
    languages: first === second ? [first] : [first, second],
    model: rng.weighted(MODELS),
    archetype,
    phase: rng.chance(0.15) ? 0 : phases[archetype],
    idle: rng.chance(0.5) ? 'server-only' : 'suggestions-only',
    // Half the users work with Copilot nearly every day, the rest now and
    // then; that gives WAU/DAU ~1.5 and MAU/DAU ~2 as in real orgs.
    propensity: rng.chance(0.5)
      ? 0.8 + rng.next() * 0.2
      : 0.05 + rng.next() * 0.15,
    reviewer: rng.chance(0.35),
    appUser: archetype === 'power' && rng.chance(0.4)
  }
}

/**
 * Engaged means user_initiated_interaction_count > 0 or
 * code_acceptance_activity_count > 0; every archetype guarantees one.
 * @param {Rng} rng
 * @param {Persona} p
 * @returns {Activity[]}
 */
function engagedActivities(rng, p) {
  const [lang] = p.languages
  const activities = p.languages.map((l) => completion(rng, l, true))
  if (p.archetype === 'completion') return activities
  activities.push(chat(rng, 'chat_panel_ask_mode', 'markdown', p.model, 6))
  if (rng.chance(0.4))
    activities.push(chat(rng, 'chat_inline', lang, p.model, 3))
  if (p.archetype === 'chat') return activities
  const agent = chat(rng, 'chat_panel_agent_mode', lang, p.model, 14)
  activities.push(
    agent,
    agentEdit(rng, lang, p.model, agent.counts.user_initiated_interaction_count)
  )
  if (p.archetype === 'agent') return activities
  if (rng.chance(0.5))
    activities.push(chat(rng, 'chat_panel_plan_mode', lang, p.model, 3))
  activities.push(tool(rng, 'copilot_cli'))
  if (p.appUser) activities.push(tool(rng, 'copilot_app'))
  return activities
}

// ---------------------------------------------------------------------------
// Breakdown arrays

/**
 * Group and sum counters; the first keys of each row are the dimensions.
 * @param {Array<{ dims: Record<string, string>, counts: Counters }>} rows
 * @param {boolean} withInteractions totals_by_language_* omit prompts
 */
function groupCounts(rows, withInteractions) {
  /** @type {Map<string, Record<string, string | number>>} */
  const groups = new Map()
  for (const { dims, counts } of rows) {
    const key = JSON.stringify(dims)
    let group = groups.get(key)
    if (!group) {
      group = { ...dims }
      for (const c of COUNTERS) {
        if (withInteractions || c !== 'user_initiated_interaction_count') {
          group[c] = 0
        }
      }
      groups.set(key, group)
    }
    for (const c of COUNTERS) {
      if (c in group) group[c] = Number(group[c]) + counts[c]
    }
  }
  return [...groups.values()]
}

/** @param {Activity[]} activities */
function breakdowns(activities) {
  const chatty = activities.filter((a) => a.model !== null)
  const byFeature = groupCounts(
    activities.map((a) => ({ dims: { feature: a.feature }, counts: a.counts })),
    true
  ).sort(
    (a, b) =>
      FEATURE_ORDER.indexOf(String(a.feature)) -
      FEATURE_ORDER.indexOf(String(b.feature))
  )
  return {
    totals_by_feature: byFeature,
    totals_by_language_feature: groupCounts(
      activities.map((a) => ({
        dims: { language: a.language, feature: a.feature },
        counts: a.counts
      })),
      false
    ),
    totals_by_language_model: groupCounts(
      chatty.map((a) => ({
        dims: { language: a.language, model: String(a.model) },
        counts: a.counts
      })),
      false
    ),
    totals_by_model_feature: groupCounts(
      chatty.map((a) => ({
        dims: { model: String(a.model), feature: a.feature },
        counts: a.counts
      })),
      true
    )
  }
}

/** @param {Array<{ counts: Counters }>} items @returns {Counters} */
function sumCounts(items) {
  const total = zeroCounts()
  for (const { counts } of items) {
    for (const c of COUNTERS) total[c] += counts[c]
  }
  return total
}

/** @param {Record<string, unknown>} row @returns {Counters} */
function countsOf(row) {
  return /** @type {Counters} */ (
    Object.fromEntries(COUNTERS.map((c) => [c, Number(row[c] ?? 0)]))
  )
}

// ---------------------------------------------------------------------------
// Per-user records

/**
 * @param {object} args
 * @param {string} args.day
 * @param {Scope} args.scope
 * @param {number} args.userId
 * @param {boolean} args.engaged
 * @param {number | string} args.seed
 * @param {Persona} args.persona
 * @param {string} [args.organizationId]
 * @param {string} [args.enterpriseId]
 * @returns {UserRecord}
 */
function userRecord(args) {
  const { day, userId, persona: p } = args
  const rng = rngFor(args.seed, day, userId)
  const activities = args.engaged
    ? engagedActivities(rng, p)
    : p.idle === 'suggestions-only'
      ? [completion(rng, p.languages[0], false)]
      : []
  const features = new Set(activities.map((a) => a.feature))
  const usedAgent = features.has('chat_panel_agent_mode')
  const usedCli = features.has('copilot_cli')
  const cloudAgent = args.engaged && p.archetype === 'power' && rng.chance(0.3)
  const reviewActive = p.reviewer ? args.engaged && rng.chance(0.45) : null
  const reviewPassive = p.reviewer ? !reviewActive && rng.chance(0.6) : null
  const sampledAt = `${day}T${String(rng.int(7, 19)).padStart(2, '0')}:${String(rng.int(10, 59))}:${String(rng.int(10, 59))}.000Z`
  const prompts = (/** @type {string} */ feature) =>
    activities
      .filter((a) => a.feature === feature)
      .reduce((sum, a) => sum + a.counts.user_initiated_interaction_count, 0)
  const credits = args.engaged
    ? prompts('chat_panel_ask_mode') * 0.25 +
      prompts('chat_panel_agent_mode') * 0.9 +
      prompts('copilot_cli') * 1.6
    : rng.chance(0.3)
      ? rng.int(1, 6) * 0.5
      : 0
  const { ids, partition } = scopeFields(args.scope, args)
  const ideActivities = activities.filter(
    (a) => !NON_IDE_FEATURES.has(a.feature)
  )
  const versions = IDES.find(([name]) => name === p.ide)?.[2]

  /** @type {UserRecord} */
  const record = {
    day,
    ...ids,
    user_id: userId,
    user_login: loginFor(userId),
    ...sumCounts(activities),
    used_agent: usedAgent,
    used_chat: [...features].some((f) => f.startsWith('chat_')),
    used_cli: usedCli,
    used_copilot_app: features.has('copilot_app'),
    used_copilot_coding_agent: cloudAgent,
    used_copilot_cloud_agent: cloudAgent,
    used_copilot_code_review_active: reviewActive,
    used_copilot_code_review_passive: reviewPassive,
    used_vscode_agent: usedAgent && p.ide === 'vscode' && rng.chance(0.4),
    ai_credits_used: round2(credits),
    ai_adoption_phase: {
      phase_number: p.phase,
      phase: PHASES[p.phase],
      version: 'v1'
    }
  }
  if (usedCli)
    Object.assign(record, cliFields(rng, prompts('copilot_cli'), sampledAt))
  Object.assign(record, {
    totals_by_ide: ideActivities.length
      ? [
          {
            ide: p.ide,
            ...sumCounts(ideActivities),
            last_known_ide_version: {
              ide_version: versions?.ide ?? 'unknown',
              sampled_at: sampledAt
            },
            last_known_plugin_version: {
              plugin: versions?.plugin ?? 'unknown',
              plugin_version: versions?.version ?? 'unknown',
              sampled_at: sampledAt
            }
          }
        ]
      : [],
    ...breakdowns(activities),
    etl_id: 'green',
    day_partition: day,
    entity_id_partition: partition
  })
  return record
}

/**
 * @param {Rng} rng
 * @param {number} prompts
 * @param {string} sampledAt
 */
function cliFields(rng, prompts, sampledAt) {
  const requests = prompts * rng.int(5, 12)
  const output = requests * rng.int(400, 700)
  const input = requests * rng.int(9000, 15000)
  const mcp = rng.chance(0.5)
  return {
    totals_by_cli: {
      session_count: rng.int(1, Math.max(1, prompts)),
      request_count: requests,
      prompt_count: prompts,
      token_usage: {
        output_tokens_sum: output,
        prompt_tokens_sum: input,
        avg_tokens_per_request: round1((output + input) / requests)
      },
      last_known_cli_version: {
        cli_version: rng.weighted([
          ['1.0.96', 5],
          ['1.0.94', 3],
          ['1.0.91', 2]
        ]),
        sampled_at: sampledAt
      }
    },
    distinct_skill_use_count: 1,
    totals_by_skill: [{ skill: 'other', interaction_count: rng.int(1, 3) }],
    distinct_mcp_use_count: mcp ? 1 : 0,
    totals_by_mcp: mcp
      ? [{ mcp: 'github-mcp-server', interaction_count: rng.int(1, 4) }]
      : [],
    distinct_slash_cmd_use_count: 1,
    totals_by_slash_cmd: [{ slash_cmd: '/plan', interaction_count: 1 }],
    distinct_custom_agent_use_count: 0,
    totals_by_custom_agent: [],
    distinct_plugin_use_count: 0,
    totals_by_plugin: []
  }
}

/**
 * `count` per-user records (users-1-day lines). Exactly `engagedCount` of
 * them have user_initiated_interaction_count > 0 or
 * code_acceptance_activity_count > 0; the rest have both at zero (either
 * server-side-only users with empty breakdowns, or users who were shown
 * completions and accepted none). Ids are idOffset-based and distinct.
 * @param {object} args
 * @param {string} args.day
 * @param {Scope} args.scope
 * @param {number} args.count
 * @param {number} args.engagedCount
 * @param {number | string} [args.seed]
 * @param {number} [args.idOffset] user_id = 100000 + idOffset + i
 * @param {string} [args.organizationId] default '1234567'
 * @param {string} [args.enterpriseId] default '4567'
 * @returns {UserRecord[]}
 */
export function userRecords(args) {
  const { count, engagedCount, seed = 1, idOffset = 0 } = args
  if (engagedCount > count || engagedCount < 0) {
    throw new Error('engagedCount must be between 0 and count')
  }
  const order = rngFor(seed, args.day, 'engaged').shuffle(
    Array.from({ length: count }, (_, i) => i)
  )
  const engaged = new Set(order.slice(0, engagedCount))
  return Array.from({ length: count }, (_, i) => {
    const userId = 100000 + idOffset + i
    return userRecord({
      ...args,
      seed,
      userId,
      engaged: engaged.has(i),
      persona: personaFor(seed, userId)
    })
  })
}

/**
 * A users-1-day report of `count` users, generated line by line so that a
 * report of hundreds of megabytes is never held in memory (for the fake's
 * `usersGenerated`). Each line is one of `templates` realistic records of
 * userRecords, restamped with its own user_id and user_login; user k lands
 * in shard k % shards. About 3.2 KB a line.
 * @param {object} args
 * @param {string} args.day
 * @param {Scope} args.scope
 * @param {number} args.count
 * @param {number} [args.shards] default 4
 * @param {number | string} [args.seed]
 * @param {number} [args.templates] distinct records to restamp; default 256
 * @returns {{ shards: number, lines: (shard: number) => Generator<string>, engagedUsers: number }}
 */
export function generatedUserLines(args) {
  const { count, shards = 4, seed = 1, templates = 256 } = args
  const size = Math.min(templates, count)
  const base = userRecords({
    day: args.day,
    scope: args.scope,
    seed,
    count: size,
    engagedCount: Math.round(size * 0.8)
  })
  // Each template split around its user_id and user_login values.
  const parts = base.map((record) => {
    const text = JSON.stringify({ ...record, user_id: 0, user_login: '@' })
    const [head, rest] = text.split('"user_id":0,"user_login":"@"')
    return { head: `${head}"user_id":`, tail: rest }
  })
  const engaged = base.map(
    (u) =>
      u.user_initiated_interaction_count > 0 ||
      u.code_acceptance_activity_count > 0
  )
  let engagedUsers = 0
  for (let k = 0; k < count; k++) if (engaged[k % size]) engagedUsers++
  return {
    shards,
    engagedUsers,
    *lines(shard) {
      for (let k = shard; k < count; k += shards) {
        const { head, tail } = parts[k % size]
        const userId = 1_000_000 + k
        yield `${head}${userId},"user_login":"${loginFor(userId)}"${tail}`
      }
    }
  }
}

/**
 * user-teams-1-day lines, one per membership.
 * @param {object} args
 * @param {string} args.day
 * @param {Scope} args.scope
 * @param {Array<{ userId: number, teamId: number, slug: string, login?: string }>} args.memberships
 * @param {string} [args.organizationId]
 * @param {string} [args.enterpriseId]
 */
export function userTeamRecords(args) {
  const { ids } = scopeFields(args.scope, args)
  const scopeId =
    args.scope === 'organization'
      ? { organization_id: ids.organization_id }
      : { enterprise_id: ids.enterprise_id }
  return args.memberships.map((m) => ({
    user_id: m.userId,
    user_login: m.login ?? loginFor(m.userId),
    day: args.day,
    ...scopeId,
    team_id: m.teamId,
    slug: m.slug
  }))
}

// ---------------------------------------------------------------------------
// Aggregated records

/**
 * @param {Array<Record<string, unknown>>} rows
 * @param {string[]} dims
 * @param {boolean} withInteractions
 */
function regroup(rows, dims, withInteractions) {
  return groupCounts(
    rows.map((row) => ({
      dims: Object.fromEntries(dims.map((d) => [d, String(row[d])])),
      counts: countsOf(row)
    })),
    withInteractions
  ).sort(
    (a, b) =>
      Number(b.code_generation_activity_count) -
      Number(a.code_generation_activity_count)
  )
}

/**
 * An aggregated 1-day record (organization-1-day / enterprise-1-day line).
 * Its counters and breakdowns are the sums of per-user records: `users` when
 * given, else freshly generated ones (dailyActiveUsers of them, ~82%
 * engaged), so aggregate and user data always agree.
 * @param {object} args
 * @param {string} args.day
 * @param {Scope} args.scope
 * @param {number} args.dailyActiveUsers
 * @param {number} [args.weeklyActiveUsers] default ~1.45 x daily
 * @param {number} [args.monthlyActiveUsers] default ~1.9 x daily
 * @param {number | string} [args.seed]
 * @param {UserRecord[]} [args.users]
 * @param {string} [args.organizationId]
 * @param {string} [args.enterpriseId]
 * @returns {AggregateRecord}
 */
export function aggregateRecord(args) {
  const { day, dailyActiveUsers: dau, seed = 1 } = args
  const users =
    args.users ??
    userRecords({
      ...args,
      seed,
      count: dau,
      engagedCount: Math.round(dau * 0.82)
    })
  const wau = args.weeklyActiveUsers ?? Math.round(dau * 1.45)
  const mau = args.monthlyActiveUsers ?? Math.max(wau, Math.round(dau * 1.9))
  const rng = rngFor(seed, day, 'aggregate')
  const { ids, partition } = scopeFields(args.scope, args)
  const count = (/** @type {string} */ flag) =>
    users.filter((u) => u[flag] === true).length
  const weekly = (/** @type {number} */ n) =>
    Math.min(wau, Math.round(n * (dau ? wau / dau : 1)))
  const monthly = (/** @type {number} */ n) =>
    Math.min(mau, Math.round(n * (dau ? mau / dau : 1)))
  /** @param {string} field */
  const rows = (field) =>
    users.flatMap(
      (u) => /** @type {Array<Record<string, unknown>>} */ (u[field] ?? [])
    )

  const cliUsers = count('used_cli')
  const appUsers = count('used_copilot_app')
  const cloud = count('used_copilot_cloud_agent')
  const reviewActive = count('used_copilot_code_review_active')
  const reviewPassive = count('used_copilot_code_review_passive')
  const features = regroup(rows('totals_by_feature'), ['feature'], true).sort(
    (a, b) =>
      FEATURE_ORDER.indexOf(String(a.feature)) -
      FEATURE_ORDER.indexOf(String(b.feature))
  )

  /** @type {AggregateRecord} */
  const record = {
    day,
    ...(args.scope === 'organization'
      ? { organization_id: ids.organization_id }
      : {}),
    enterprise_id: ids.enterprise_id,
    daily_active_users: dau,
    weekly_active_users: wau,
    monthly_active_users: mau,
    monthly_active_chat_users: monthly(count('used_chat')),
    monthly_active_agent_users: monthly(count('used_agent')),
    ...(cliUsers ? { daily_active_cli_users: cliUsers } : {}),
    daily_active_copilot_cloud_agent_users: cloud,
    weekly_active_copilot_cloud_agent_users: weekly(cloud),
    monthly_active_copilot_cloud_agent_users: monthly(cloud),
    daily_active_copilot_code_review_users: reviewActive,
    weekly_active_copilot_code_review_users: weekly(reviewActive),
    monthly_active_copilot_code_review_users: monthly(reviewActive),
    daily_passive_copilot_code_review_users: reviewPassive,
    weekly_passive_copilot_code_review_users: weekly(reviewPassive),
    monthly_passive_copilot_code_review_users: monthly(reviewPassive),
    daily_active_copilot_app_users: appUsers,
    daily_active_vscode_agent_users: count('used_vscode_agent'),
    ...sumCounts(users.map((u) => ({ counts: countsOf(u) }))),
    totals_by_ide: regroup(rows('totals_by_ide'), ['ide'], true),
    totals_by_feature: features,
    totals_by_language_feature: regroup(
      rows('totals_by_language_feature'),
      ['language', 'feature'],
      false
    ),
    totals_by_language_model: regroup(
      rows('totals_by_language_model'),
      ['language', 'model'],
      false
    ),
    totals_by_model_feature: regroup(
      rows('totals_by_model_feature'),
      ['model', 'feature'],
      true
    ),
    ...(cliUsers ? { totals_by_cli: sumCli(users) } : {}),
    ...(appUsers ? { totals_by_copilot_app: appTotals(rng, features) } : {}),
    totals_by_vscode_agent: {
      session_count: count('used_vscode_agent') * rng.int(1, 3),
      total_user_messages: count('used_vscode_agent') * rng.int(4, 9)
    },
    totals_by_3rd_party_agent: thirdPartyAgents(rng, dau),
    totals_by_ai_adoption_phase: adoptionPhases(
      rng,
      users,
      dau ? mau / dau : 1
    ),
    pull_requests: pullRequests(rng, dau),
    etl_id: 'green',
    day_partition: day,
    entity_id_partition: partition
  }
  return record
}

/** @param {UserRecord[]} users */
function sumCli(users) {
  const cli = users
    .map(
      (u) => /** @type {Record<string, any> | undefined} */ (u.totals_by_cli)
    )
    .filter((c) => c !== undefined)
  /** @param {(c: Record<string, any>) => number} pick */
  const sum = (pick) => cli.reduce((total, c) => total + pick(c), 0)
  const requests = sum((c) => c.request_count)
  const output = sum((c) => c.token_usage.output_tokens_sum)
  const input = sum((c) => c.token_usage.prompt_tokens_sum)
  return {
    session_count: sum((c) => c.session_count),
    request_count: requests,
    prompt_count: sum((c) => c.prompt_count),
    token_usage: {
      output_tokens_sum: output,
      prompt_tokens_sum: input,
      avg_tokens_per_request: requests
        ? round1((output + input) / requests)
        : null
    }
  }
}

/** @param {Rng} rng @param {Array<Record<string, string | number>>} features */
function appTotals(rng, features) {
  const app = features.find((f) => f.feature === 'copilot_app')
  const prompts = Number(app?.user_initiated_interaction_count ?? 0)
  const requests = prompts * rng.int(4, 6)
  const output = requests * rng.int(450, 650)
  const input = requests * rng.int(9000, 13000)
  return {
    session_count: Math.max(1, Math.round(prompts / 3)),
    request_count: requests,
    prompt_count: prompts,
    token_usage: {
      output_tokens_sum: output,
      prompt_tokens_sum: input,
      avg_tokens_per_request: requests
        ? round1((output + input) / requests)
        : null
    }
  }
}

/** @param {Rng} rng @param {number} dau */
function thirdPartyAgents(rng, dau) {
  const claude = rng.int(0, Math.ceil(dau / 10))
  const codex = rng.int(0, Math.ceil(dau / 20))
  return [
    ['2246796', 'Claude (Anthropic)', claude],
    ['2248422', 'Codex (OpenAI)', codex]
  ]
    .filter(([, , n]) => Number(n) > 0)
    .map(([agentId, agentName, n]) => ({
      agent_id: agentId,
      agent_name: agentName,
      user_initiated_interaction_count: n,
      session_count: n
    }))
}

/**
 * @param {Rng} rng
 * @param {UserRecord[]} users
 * @param {number} monthlyRatio
 */
function adoptionPhases(rng, users, monthlyRatio) {
  return PHASES.map((phase, phaseNumber) => {
    const members = users.filter(
      (u) =>
        /** @type {any} */ (u.ai_adoption_phase)?.phase_number === phaseNumber
    )
    const n = members.length
    const avg = (/** @type {string} */ field) =>
      n ? round1(members.reduce((s, u) => s + Number(u[field] ?? 0), 0) / n) : 0
    const prs = (/** @type {number} */ base) =>
      n ? round2(base * (0.8 + rng.next() * 0.4)) : 0
    return {
      phase,
      phase_number: phaseNumber,
      total_engaged_users: n,
      users_in_phase_28d: Math.round(n * monthlyRatio),
      avg_user_initiated_interactions: avg('user_initiated_interaction_count'),
      avg_code_generation_activities: avg('code_generation_activity_count'),
      avg_code_acceptance_activities: avg('code_acceptance_activity_count'),
      avg_loc_added: avg('loc_added_sum'),
      avg_loc_deleted: avg('loc_deleted_sum'),
      avg_pull_requests_reviewed: prs(0.2 + phaseNumber * 0.25),
      avg_pull_requests_created: prs(0.12 + phaseNumber * 0.2),
      avg_pull_requests_merged: prs(0.09 + phaseNumber * 0.19),
      avg_pull_requests_median_minutes_to_merge: n
        ? round1(1300 - phaseNumber * 300 + rng.int(-60, 60))
        : 0
    }
  })
}

/** @param {Rng} rng @param {number} dau */
function pullRequests(rng, dau) {
  const created = rng.int(Math.round(dau * 0.3), Math.round(dau * 0.7))
  const reviewed = Math.round(created * (1.1 + rng.next() * 0.4))
  const suggestions = rng.int(reviewed, reviewed * 2)
  const byCopilot = Math.round(created * 0.1)
  const reviewedByCopilot = Math.round(reviewed * 0.45)
  const copilotSuggestions = Math.round(suggestions * 0.7)
  const copilotApplied = Math.round(copilotSuggestions * 0.28)
  const shares = [0.38, 0.06, 0.34, 0.22]
  const median = () => Math.round((300 + rng.next() * 900) * 4) / 4
  return {
    total_created: created,
    total_reviewed: reviewed,
    total_merged: Math.round(created * 0.85),
    median_minutes_to_merge: created ? median() : null,
    total_suggestions: suggestions,
    total_applied_suggestions: Math.round(suggestions * 0.29),
    total_created_by_copilot: byCopilot,
    total_reviewed_by_copilot: reviewedByCopilot,
    total_merged_created_by_copilot: Math.round(byCopilot * 0.75),
    total_merged_reviewed_by_copilot: Math.round(reviewedByCopilot * 0.65),
    median_minutes_to_merge_copilot_authored: byCopilot ? median() : null,
    median_minutes_to_merge_copilot_reviewed: reviewedByCopilot
      ? median()
      : null,
    total_copilot_suggestions: copilotSuggestions,
    total_copilot_applied_suggestions: copilotApplied,
    copilot_suggestions_by_comment_type: COMMENT_TYPES.map((type, i) => ({
      comment_type: type,
      total_copilot_suggestions: Math.round(copilotSuggestions * shares[i]),
      total_copilot_applied_suggestions: Math.round(copilotApplied * shares[i])
    }))
  }
}

// ---------------------------------------------------------------------------
// Legacy metrics API day

/**
 * Split n into parts proportional to weights, summing exactly to n.
 * @param {number} n
 * @param {number[]} weights
 */
function split(n, weights) {
  const total = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (n * w) / total)
  const parts = exact.map(Math.floor)
  let left = n - parts.reduce((a, b) => a + b, 0)
  const byRemainder = exact
    .map((x, i) => [x - Math.floor(x), i])
    .sort((a, b) => b[0] - a[0])
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break
    parts[i] += 1
  }
  return parts
}

/** default model entry of the legacy schema */
const DEFAULT_MODEL = {
  name: 'default',
  is_custom_model: false,
  custom_model_training_date: null
}

/**
 * One day of the legacy `/copilot/metrics` response, shaped like
 * legacy-metrics-example.json; nested engaged counts add up.
 * @param {object} args
 * @param {string} args.date YYYY-MM-DD
 * @param {number} args.activeUsers
 * @param {number} args.engagedUsers
 * @param {number | string} [args.seed]
 */
export function legacyDay({ date, activeUsers, engagedUsers, seed = 1 }) {
  const rng = rngFor(seed, date, 'legacy')
  const completions = Math.round(engagedUsers * 0.85)
  const ideChat = Math.round(engagedUsers * 0.6)
  const dotcomChat = Math.round(engagedUsers * 0.3)
  const prUsers = Math.round(engagedUsers * 0.15)
  const editors = ['vscode', 'jetbrains', 'neovim']
  const languages = ['typescript', 'python', 'go']

  const completionEditors = split(completions, [60, 30, 10]).map((n, i) => {
    const perLanguage = split(n, [50, 35, 15])
    return {
      name: editors[i],
      total_engaged_users: n,
      models: [
        {
          ...DEFAULT_MODEL,
          total_engaged_users: n,
          languages: perLanguage.map((users, j) => {
            const suggestions = users * rng.int(15, 40)
            const acceptances = Math.round(
              suggestions * (0.25 + rng.next() * 0.15)
            )
            return {
              name: languages[j],
              total_engaged_users: users,
              total_code_suggestions: suggestions,
              total_code_acceptances: acceptances,
              total_code_lines_suggested: Math.round(suggestions * 1.2),
              total_code_lines_accepted: Math.round(acceptances * 1.1)
            }
          })
        }
      ]
    }
  })
  return {
    date,
    total_active_users: activeUsers,
    total_engaged_users: engagedUsers,
    copilot_ide_code_completions: {
      total_engaged_users: completions,
      languages: languages.map((name, j) => ({
        name,
        total_engaged_users: completionEditors.reduce(
          (sum, e) => sum + e.models[0].languages[j].total_engaged_users,
          0
        )
      })),
      editors: completionEditors
    },
    copilot_ide_chat: {
      total_engaged_users: ideChat,
      editors: split(ideChat, [70, 30]).map((n, i) => ({
        name: editors[i],
        total_engaged_users: n,
        models: [
          {
            ...DEFAULT_MODEL,
            total_engaged_users: n,
            total_chats: n * rng.int(2, 6),
            total_chat_insertion_events: n * rng.int(0, 2),
            total_chat_copy_events: n * rng.int(0, 2)
          }
        ]
      }))
    },
    copilot_dotcom_chat: {
      total_engaged_users: dotcomChat,
      models: [
        {
          ...DEFAULT_MODEL,
          total_engaged_users: dotcomChat,
          total_chats: dotcomChat * rng.int(1, 4)
        }
      ]
    },
    copilot_dotcom_pull_requests: {
      total_engaged_users: prUsers,
      repositories: split(prUsers, [2, 1]).map((n, i) => ({
        name: `octo/repo${i + 1}`,
        total_engaged_users: n,
        models: [
          {
            ...DEFAULT_MODEL,
            total_pr_summaries_created: n * rng.int(1, 3),
            total_engaged_users: n
          }
        ]
      }))
    }
  }
}

// ---------------------------------------------------------------------------
// A whole series, loaded into the fake

/** @param {string} day @param {number} delta */
function addDays(day, delta) {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + delta)
  return date.toISOString().slice(0, 10)
}

/**
 * @typedef {object} SeededDay
 * @property {string} day
 * @property {number} dailyActiveUsers = users lines served for the day
 * @property {number} engagedUsers users with prompts or acceptances
 * @property {number} weeklyActiveUsers GitHub's field: distinct users week to date, weeks starting on Sunday (UTC)
 * @property {number} monthlyActiveUsers GitHub's field: distinct users calendar month to date
 */

/**
 * GitHub's `weekly_active_users` and `monthly_active_users` of `day`, as real
 * reports show them (not as the docs describe them): the distinct users of
 * the rows served from the Sunday (UTC) starting the week, and from the first
 * of the month, up to and including `day`.
 * @param {Map<string, Set<number>>} usersByDay user ids of each day's rows
 * @param {string} day
 */
export function githubActiveCounts(usersByDay, day) {
  const sunday = addDays(day, -new Date(`${day}T00:00:00Z`).getUTCDay())
  const firstOfMonth = `${day.slice(0, 8)}01`
  /** @param {string} from */
  const distinct = (from) => {
    const seen = new Set()
    for (let d = from; d <= day; d = addDays(d, 1))
      for (const id of usersByDay.get(d) ?? []) seen.add(id)
    return seen.size
  }
  return {
    weeklyActiveUsers: distinct(sunday),
    monthlyActiveUsers: distinct(firstOfMonth)
  }
}

/**
 * Fills the fake with a plausible series for every day in [from, to] except
 * `missing` (those answer 404): a stable population of 80 users, weekday
 * DAU ~30-60 with slow growth, weekends much quieter. Each day draws its
 * users on its own, so a missing day changes no other day. Weekly and monthly
 * active users are GitHub's (githubActiveCounts): exact distinct counts of the
 * rows served, starting at `from`. Each day also gets user-teams memberships.
 * @param {{ reports: { setDay: (scopeKey: string, day: string, spec: { aggregate: object | null, users: object[], userTeams?: object[], shards?: number }) => void } }} gh
 * @param {string} scopeKey `orgs/<org>` or `enterprises/<enterprise>`
 * @param {{ from: string, to: string, seed?: number | string, missing?: string[], shards?: number }} options
 * @returns {SeededDay[]}
 */
export function seedReports(gh, scopeKey, options) {
  const { from, to, seed = 1, missing = [], shards = 1 } = options
  if (from > to) throw new Error(`from ${from} is after to ${to}`)
  const scope = scopeKey.startsWith('enterprises/')
    ? 'enterprise'
    : 'organization'
  const idRng = rngFor(seed, scopeKey, 'ids')
  const ids = {
    organizationId: String(idRng.int(1_000_000, 9_999_999)),
    enterpriseId: String(idRng.int(1_000, 9_999))
  }
  const population = Array.from({ length: 80 }, (_, i) => {
    const userId = 200000 + i * 7
    return { userId, persona: personaFor(seed, userId) }
  })
  const teamRng = rngFor(seed, scopeKey, 'teams')
  const memberships = population.flatMap(({ userId }, i) => {
    const teams = [TEAMS[i % TEAMS.length]]
    if (teamRng.chance(0.3)) teams.push(TEAMS[(i + 1) % TEAMS.length])
    return teams.map((t) => ({ userId, ...t }))
  })

  /** Ids of the users rows served, per day: what GitHub's own counts are made of. */
  /** @type {Map<string, Set<number>>} */
  const servedByDay = new Map()
  const skip = new Set(missing)
  /** @type {SeededDay[]} */
  const seeded = []
  for (let day = from, t = 0; day <= to; day = addDays(day, 1), t++) {
    const rng = rngFor(seed, scopeKey, day)
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
    const weekend = weekday === 0 || weekday === 6
    const base = 34 + t * 0.06 + rng.int(-4, 4)
    const dau = Math.max(
      weekend ? 5 : 20,
      Math.min(60, Math.round(weekend ? base * 0.3 : base))
    )
    // Weighted sampling without replacement (Efraimidis-Spirakis).
    const active = population
      .map((u) => ({ u, key: rng.next() ** (1 / u.persona.propensity) }))
      .sort((a, b) => b.key - a.key)
      .slice(0, dau)
      .map(({ u }) => u)
    if (skip.has(day)) continue

    const engagedCount = Math.round(dau * (0.75 + rng.next() * 0.15))
    const users = active.map((u, i) =>
      userRecord({
        day,
        scope,
        seed,
        ...ids,
        userId: u.userId,
        persona: u.persona,
        engaged: i < engagedCount
      })
    )
    servedByDay.set(day, new Set(active.map((u) => u.userId)))
    const { weeklyActiveUsers, monthlyActiveUsers } = githubActiveCounts(
      servedByDay,
      day
    )
    gh.reports.setDay(scopeKey, day, {
      aggregate: aggregateRecord({
        day,
        scope,
        seed,
        ...ids,
        users,
        dailyActiveUsers: dau,
        weeklyActiveUsers,
        monthlyActiveUsers
      }),
      users,
      userTeams: userTeamRecords({ day, scope, memberships, ...ids }),
      shards
    })
    seeded.push({
      day,
      dailyActiveUsers: dau,
      engagedUsers: users.filter(
        (u) =>
          u.user_initiated_interaction_count > 0 ||
          u.code_acceptance_activity_count > 0
      ).length,
      weeklyActiveUsers,
      monthlyActiveUsers
    })
  }
  return seeded
}
