import { describe, expect, it } from '@jest/globals'
import {
  DistinctUsers,
  UserEngagementSchema
} from '../../../../src/sources/reports/engaged-users.js'

describe('DistinctUsers', () => {
  it('counts a user once, whether its id comes as a number or a decimal string', () => {
    const users = new DistinctUsers()
    for (const id of [123, '123', 124, '0124', 'abc', 'abc', 0, '0'])
      users.add(id)
    // 123, 124, "0124" (not a canonical number), "abc", 0
    expect(users.size).toBe(5)
  })
})

describe('UserEngagementSchema', () => {
  it('keeps only what the engaged count needs, and still checks it', () => {
    const line = {
      day: '2026-11-20',
      user_id: 7,
      user_login: 'someone',
      user_initiated_interaction_count: 2,
      totals_by_ide: [{ ide: 'vscode' }]
    }
    expect(UserEngagementSchema.parse(line)).toEqual({
      day: '2026-11-20',
      user_id: 7,
      user_initiated_interaction_count: 2
    })
    expect(
      UserEngagementSchema.safeParse({
        ...line,
        code_acceptance_activity_count: -1
      }).success
    ).toBe(false)
    expect(UserEngagementSchema.safeParse({ day: '2026-11-20' }).success).toBe(
      false
    )
  })
})
