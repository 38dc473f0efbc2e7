import { describe, expect, it, jest } from '@jest/globals'
import { seedReports } from '../support/sample-data.js'
import {
  FIXED_NOW,
  day,
  freshNames,
  inputs,
  readHistory,
  runAction,
  useFakeGitHub
} from './helpers.js'

jest.setTimeout(60_000)

const gh = useFakeGitHub()
const billing = (total: number, active: number) => ({
  seat_breakdown: {
    total,
    added_this_cycle: 2,
    pending_invitation: 1,
    pending_cancellation: 0,
    active_this_cycle: active,
    inactive_this_cycle: total - active
  },
  seat_management_setting: 'assign_selected',
  public_code_suggestions: 'block',
  plan_type: 'business'
})
/** An HTTP date `offset` days from the run's moment: GitHub's clock dates the seats. */
const httpDate = (offset: number) =>
  new Date(Date.parse(FIXED_NOW) + offset * 86_400_000).toUTCString()

describe('seats, recorded nightly beside the metrics', () => {
  it('records one entry per night, and a rerun on the same date replaces and duplicates nothing', async () => {
    const names = freshNames('seats')
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-20),
      to: day(-3),
      seed: 9
    })
    const path = `copilot-metrics/organization-${names.org}.json`

    gh.billing.set(names.org, billing(60, 41), httpDate(-1))
    const first = await runAction({ inputs: inputs(gh, names) })
    expect(first.errors).toEqual([])
    gh.billing.set(names.org, billing(64, 45), httpDate(0))
    const second = await runAction({ inputs: inputs(gh, names) })
    expect(second.code).toBe(0)
    expect(second.outputs['days-added']).toBe('0')
    expect(second.outputs['history-commit']).not.toBe('')

    const history = readHistory(gh, names.repo, path) as unknown as {
      seats: Array<{ date: string; summary: Record<string, number> }>
    }
    expect(
      history.seats.map((entry) => [
        entry.date,
        entry.summary.total,
        entry.summary.activeThisCycle
      ])
    ).toEqual([
      [day(-1), 60, 41],
      [day(0), 64, 45]
    ])
    expect(gh.repo(names.repo).log('copilot-metrics')[0].message).toContain(
      `record the seats of ${day(0)}`
    )

    // Same date again, different numbers: the first record of the day stands, nothing is committed.
    gh.billing.set(names.org, billing(99, 99), httpDate(0))
    const rerun = await runAction({ inputs: inputs(gh, names) })
    expect(rerun.outputs['history-commit']).toBe('')
    const after = readHistory(gh, names.repo, path) as unknown as {
      seats: Array<{ summary: Record<string, number> }>
    }
    expect(after.seats.map((entry) => entry.summary.total)).toEqual([60, 64])
  })

  it('keeps the metrics when the token may not read the seats, and says which permission would add them', async () => {
    const names = freshNames('noseats')
    seedReports(gh, `orgs/${names.org}`, {
      from: day(-20),
      to: day(-3),
      seed: 9
    })
    gh.billing.setStatus(names.org, 403, {
      message: 'Must have admin rights to Repository.'
    })
    const result = await runAction({
      inputs: { ...inputs(gh, names), 'backfill-days': '5' }
    })
    expect(result.code).toBe(0)
    expect(result.errors).toEqual([])
    expect(result.outputs['days-added']).toBe('3')
    expect(result.warnings.join('\n')).toContain(
      `Seats not recorded: the token in input 'token' may not read the Copilot seats of organization ${names.org} (403`
    )
    expect(result.warnings.join('\n')).toContain(
      'manage_billing:copilot or read:org'
    )
    expect(result.summary).toContain('Seats not recorded')
    const history = readHistory(
      gh,
      names.repo,
      result.outputs['history-path']
    ) as unknown as Record<string, unknown>
    expect(history.seats).toBeUndefined()
  })

  it('skips seats with a notice for an enterprise', async () => {
    const names = freshNames('entseats')
    seedReports(gh, `enterprises/${names.org}`, {
      from: day(-20),
      to: day(-3),
      seed: 9
    })
    const result = await runAction({
      inputs: {
        ...inputs(gh, names),
        scope: 'enterprise',
        enterprise: names.org,
        'backfill-days': '4'
      }
    })
    expect(result.code).toBe(0)
    expect(result.notices.join('\n')).toContain(
      'Seats are recorded for scope organization only'
    )
    expect(
      gh.requests.some(
        (r) => r.path.includes('/copilot/billing') && r.path.includes(names.org)
      )
    ).toBe(false)
  })
})
