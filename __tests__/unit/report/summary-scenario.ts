import { dayRange } from '../../../src/common/dates.js'
import type { StoredDay } from '../../../src/day/stored-day.js'
import { storedDay } from '../days.js'

const cg = 'code_generation_activity_count'
const ui = 'user_initiated_interaction_count'

/**
 * Three ISO weeks with round numbers, so every rendered figure can be checked
 * by hand: 2026-W45 (20 active, 10 engaged a day), 2026-W46 (22, 11) and
 * 2026-W47 (25, 12; 3 of 7 days). Every day: 100 code generations, 25
 * acceptances, 300 lines added, 40 prompts, 3 code review and 2 cloud agent
 * users; W46 doubles the lines added.
 */
export function threeWeeks(): StoredDay[] {
  const week = (
    from: string,
    to: string,
    active: number,
    engaged: number,
    wau: number,
    loc: number
  ) =>
    dayRange(from, to).map((date) =>
      storedDay(date, active, engaged, wau, {
        [cg]: 100,
        code_acceptance_activity_count: 25,
        loc_added_sum: loc,
        [ui]: 40,
        daily_active_copilot_code_review_users: 3,
        daily_active_copilot_cloud_agent_users: 2,
        totals_by_ide: [
          { ide: 'vscode', [cg]: 60, [ui]: 30 },
          { ide: 'intellij', [cg]: 40, [ui]: 10 }
        ],
        totals_by_feature: [
          { feature: 'code_completion', [cg]: 70, [ui]: 0 },
          { feature: 'chat_panel_agent_mode', [cg]: 30, [ui]: 40 }
        ],
        totals_by_language_feature: [
          { language: 'python', feature: 'code_completion', [cg]: 70 },
          { language: 'c++', feature: 'chat_panel_agent_mode', [cg]: 30 }
        ],
        totals_by_model_feature: [
          {
            model: 'gpt-5.4',
            feature: 'chat_panel_agent_mode',
            [cg]: 30,
            [ui]: 40
          }
        ]
      })
    )
  return [
    ...week('2026-11-02', '2026-11-08', 20, 10, 30, 300),
    ...week('2026-11-09', '2026-11-15', 22, 11, 33, 600),
    ...week('2026-11-16', '2026-11-18', 25, 12, 36, 300)
  ]
}
