import { describe, expect, it } from '@jest/globals'
import type { UserDay } from '../../../../src/sources/reports/records.js'
import { TeamDayAggregator } from '../../../../src/sources/reports/team-aggregate.js'

const user = (id: number, fields: Record<string, unknown>): UserDay => ({
  day: '2026-11-20',
  user_id: id,
  ...fields
})

describe('TeamDayAggregator', () => {
  it('sums counters in total and per dimension, counts flags as users, and keeps no user', () => {
    const team = new TeamDayAggregator('platform', 11, 6)
    team.add(
      user(1, {
        user_login: 'mona',
        user_initiated_interaction_count: 3,
        code_generation_activity_count: 10,
        code_acceptance_activity_count: 2,
        loc_added_sum: 40,
        ai_credits_used: 1.25,
        used_chat: true,
        used_copilot_code_review_active: true,
        totals_by_ide: [
          {
            ide: 'vscode',
            code_generation_activity_count: 10,
            last_known_ide_version: { ide_version: '1.1' }
          }
        ],
        totals_by_language_feature: [
          {
            language: 'go',
            feature: 'code_completion',
            code_generation_activity_count: 10
          }
        ]
      })
    )
    team.add(
      user(2, {
        user_initiated_interaction_count: 0,
        code_generation_activity_count: 5,
        code_acceptance_activity_count: 0,
        loc_added_sum: 1,
        ai_credits_used: 0.5,
        used_chat: false,
        totals_by_ide: [
          { ide: 'vscode', code_generation_activity_count: 2 },
          { ide: 'intellij', code_generation_activity_count: 3 }
        ],
        totals_by_language_feature: [
          {
            feature: 'code_completion',
            language: 'go',
            code_generation_activity_count: 5
          }
        ]
      })
    )
    const record = team.record('2026-11-20')
    expect(record).toMatchObject({
      day: '2026-11-20',
      team_slug: 'platform',
      team_id: 11,
      team_members_in_user_teams_report: 6,
      daily_active_users: 2,
      daily_engaged_users: 1,
      daily_active_chat_users: 1,
      daily_active_copilot_code_review_users: 1,
      user_initiated_interaction_count: 3,
      code_generation_activity_count: 15,
      code_acceptance_activity_count: 2,
      loc_added_sum: 41,
      ai_credits_used: 1.75,
      totals_by_ide: [
        { ide: 'vscode', code_generation_activity_count: 12 },
        { ide: 'intellij', code_generation_activity_count: 3 }
      ],
      // Same dimensions in another key order are one entry.
      totals_by_language_feature: [
        {
          language: 'go',
          feature: 'code_completion',
          code_generation_activity_count: 15
        }
      ]
    })
    expect(team.engagedUsers).toBe(1)
    expect(JSON.stringify(record)).not.toMatch(/mona|user_id|ide_version/)
  })

  it('counts a user once, however many shards or retries repeat the row', () => {
    const team = new TeamDayAggregator('platform', 11, 5)
    const row = user(7, {
      code_generation_activity_count: 4,
      user_initiated_interaction_count: 1
    })
    team.add(row)
    team.add(row)
    expect(team.record('2026-11-20')).toMatchObject({
      daily_active_users: 1,
      code_generation_activity_count: 4
    })
    expect(team.engagedUsers).toBe(1)
  })

  it('gives zeros, not nothing, for a team listed in user-teams with no active member', () => {
    expect(
      new TeamDayAggregator('quiet', 3, 5).record('2026-11-20')
    ).toMatchObject({
      daily_active_users: 0,
      loc_added_sum: 0,
      totals_by_ide: []
    })
  })
})
