// GitHub's refusals on the data branch, as the errors a user reads: each says
// which input or setting to change.
import { describe, expect, it } from '@jest/globals'
import { branchRefusal } from '../../../src/history/branch-refusal.js'
import { ActionError } from '../../../src/common/errors.js'

/** An error shaped like Octokit's RequestError. */
const refused = (status: number | undefined, message: string) =>
  Object.assign(new Error(`${message} - https://docs.github.com`), {
    ...(status === undefined ? {} : { status }),
    response: { data: { message } }
  })

const target = { repository: 'octo/metrics', branch: 'copilot-metrics' }
const explain = (status: number | undefined, message: string) =>
  branchRefusal('write to the data branch', refused(status, message), target)

describe('branchRefusal', () => {
  it.each([
    [
      401,
      'Bad credentials',
      /input 'github-token' was rejected \(401 Bad credentials\)/
    ],
    [
      403,
      'Resource not accessible by integration',
      /may not write to octo\/metrics \(403 .*\)\. Give the job "permissions: contents: write"/
    ],
    [
      404,
      'Not Found',
      /repository octo\/metrics was not found, .*Check the repository input\./
    ],
    [
      409,
      'Git Repository is empty.',
      /repository octo\/metrics is empty\. Push a first commit/
    ],
    [
      422,
      'Repository rule violations found ',
      /branch copilot-metrics of octo\/metrics is protected by a rule \(422 Repository rule violations found\)\. Use an unprotected data branch \(input data-branch\)/
    ],
    [409, 'Protected branch update failed', /is protected by a rule \(409 /]
  ])('explains %i %s', (status, message, expected) => {
    const error = explain(status, message)
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toMatch(/^Could not write to the data branch: /)
    expect(error.message).toMatch(expected)
  })

  it('names the status and GitHub’s words otherwise, keeping the cause', () => {
    const cause = refused(422, 'Validation Failed')
    const error = branchRefusal('update the data branch', cause, target)
    expect(error.message).toBe(
      'Could not update the data branch (422: Validation Failed).'
    )
    expect(error.cause).toBe(cause)
    expect(explain(409, 'Conflict').message).toBe(
      'Could not write to the data branch (409: Conflict).'
    )
  })

  it('says network error when no answer came', () => {
    const error = branchRefusal(
      'read the data branch',
      new Error('socket hang up'),
      target
    )
    expect(error.message).toBe(
      'Could not read the data branch (network error: socket hang up).'
    )
  })
})
