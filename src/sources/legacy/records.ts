import { z } from 'zod'
import { isIsoDate } from '../../common/dates.js'

// The `copilot-usage-metrics-day` schema of GitHub's OpenAPI description (the
// last version that had it), as zod: every object stays loose (the schema
// allows additional properties), and only `date` is required by GitHub.
// A test checks this against the official schema and example.

const count = z.number().int().nonnegative()
const name = z.string()
const model = {
  name: name.optional(),
  is_custom_model: z.boolean().optional(),
  custom_model_training_date: z.string().nullable().optional(),
  total_engaged_users: count.optional()
}

const CodeCompletions = z.looseObject({
  total_engaged_users: count.optional(),
  languages: z
    .array(
      z.looseObject({
        name: name.optional(),
        total_engaged_users: count.optional()
      })
    )
    .optional(),
  editors: z
    .array(
      z.looseObject({
        name: name.optional(),
        total_engaged_users: count.optional(),
        models: z
          .array(
            z.looseObject({
              ...model,
              languages: z
                .array(
                  z.looseObject({
                    name: name.optional(),
                    total_engaged_users: count.optional(),
                    total_code_suggestions: count.optional(),
                    total_code_acceptances: count.optional(),
                    total_code_lines_suggested: count.optional(),
                    total_code_lines_accepted: count.optional()
                  })
                )
                .optional()
            })
          )
          .optional()
      })
    )
    .optional()
})

const IdeChat = z.looseObject({
  total_engaged_users: count.optional(),
  editors: z
    .array(
      z.looseObject({
        name: name.optional(),
        total_engaged_users: count.optional(),
        models: z
          .array(
            z.looseObject({
              ...model,
              total_chats: count.optional(),
              total_chat_insertion_events: count.optional(),
              total_chat_copy_events: count.optional()
            })
          )
          .optional()
      })
    )
    .optional()
})

const DotcomChat = z.looseObject({
  total_engaged_users: count.optional(),
  models: z
    .array(z.looseObject({ ...model, total_chats: count.optional() }))
    .optional()
})

const DotcomPullRequests = z.looseObject({
  total_engaged_users: count.optional(),
  repositories: z
    .array(
      z.looseObject({
        name: name.optional(),
        total_engaged_users: count.optional(),
        models: z
          .array(
            z.looseObject({
              ...model,
              total_pr_summaries_created: count.optional()
            })
          )
          .optional()
      })
    )
    .optional()
})

export const LegacyDaySchema = z.looseObject({
  date: z.string().refine(isIsoDate, 'expected a YYYY-MM-DD date'),
  total_active_users: count.optional(),
  total_engaged_users: count.optional(),
  copilot_ide_code_completions: CodeCompletions.nullable().optional(),
  copilot_ide_chat: IdeChat.nullable().optional(),
  copilot_dotcom_chat: DotcomChat.nullable().optional(),
  copilot_dotcom_pull_requests: DotcomPullRequests.nullable().optional()
})
export type LegacyDay = z.infer<typeof LegacyDaySchema>

/**
 * A day this Action can store: GitHub's schema makes the user counts
 * optional, but a day without them has nothing to trend, so it is refused
 * rather than stored as zeros.
 */
export function legacyDayProblem(day: LegacyDay): string | null {
  if (day.total_active_users === undefined)
    return 'total_active_users is missing'
  if (day.total_engaged_users === undefined)
    return 'total_engaged_users is missing'
  return null
}
