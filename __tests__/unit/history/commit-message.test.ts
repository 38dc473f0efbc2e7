// The data branch's log is read by people: each commit says, per history,
// which days it added or revised and which seats it recorded.
import { describe, expect, it } from '@jest/globals'
import {
  commitMessage,
  type ChangedHistory
} from '../../../src/history/commit-message.js'
import { seatsEntry } from '../days.js'

const org = { kind: 'organization' as const, organization: 'octo' }
const team = (slug: string) => ({
  kind: 'team' as const,
  organization: 'octo',
  team: slug
})
const changed = (over: Partial<ChangedHistory>): ChangedHistory => ({
  target: { scope: org },
  added: [],
  updated: [],
  seats: null,
  seatsAdded: false,
  ...over
})
const seats = (date: string): ChangedHistory['seats'] => ({
  status: 'recorded',
  entry: seatsEntry(date, 5, `${date}T06:00:00Z`)
})

describe('commitMessage', () => {
  it('names the days added and revised as ranges, and the seats recorded', () => {
    expect(
      commitMessage([
        changed({
          added: ['2026-11-20', '2026-11-21', '2026-11-22'],
          updated: ['2026-11-18'],
          seats: seats('2026-11-23'),
          seatsAdded: true
        })
      ])
    ).toBe(
      'Copilot metrics of the organization octo: add 3 day(s) 2026-11-20..2026-11-22, ' +
        'update 1 revised day(s) 2026-11-18, record the seats of 2026-11-23'
    )
  })

  it('leaves out seats read but not added', () => {
    expect(
      commitMessage([
        changed({ added: ['2026-11-22'], seats: seats('2026-11-22') })
      ])
    ).toBe('Copilot metrics of the organization octo: add 1 day(s) 2026-11-22')
  })

  it('says the stored days were rewritten when no day or seat changed', () => {
    expect(commitMessage([changed({})])).toBe(
      'Copilot metrics of the organization octo: rewrite the stored days (monthly shards, distinct counts)'
    )
  })

  it('gives one line per team under a heading when several histories changed', () => {
    expect(
      commitMessage([
        changed({ target: { scope: team('web') }, added: ['2026-11-22'] }),
        changed({ target: { scope: team('api') }, updated: ['2026-11-20'] })
      ])
    ).toBe(
      'Copilot metrics of 2 teams\n\n' +
        'team octo/web: add 1 day(s) 2026-11-22\n' +
        'team octo/api: update 1 revised day(s) 2026-11-20'
    )
  })
})
