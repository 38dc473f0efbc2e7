import { ActionError } from '../common/errors.js'
import { apiMessage, httpStatus } from '../sources/github-client.js'

/** The data branch a request was about. */
export interface BranchTarget {
  /** `owner/name` */
  repository: string
  branch: string
}

/**
 * GitHub's refusal of a request on the data branch as an error that says what
 * to change: the token, the job's permissions, the repository or the branch.
 * `action` says what the run was doing ("write to the data branch").
 */
export function branchRefusal(
  action: string,
  error: unknown,
  { repository, branch }: BranchTarget
): ActionError {
  const status = httpStatus(error)
  const text = apiMessage(error)
  if (status === 401)
    return new ActionError(
      `Could not ${action}: the token in input 'github-token' was rejected (401 ${text}).`
    )
  if (status === 403)
    return new ActionError(
      `Could not ${action}: the token in input 'github-token' may not write to ${repository} (403 ${text}). ` +
        'Give the job "permissions: contents: write", or pass a token that can push to the repository.'
    )
  if (status === 404)
    return new ActionError(
      `Could not ${action}: repository ${repository} was not found, or the token in input 'github-token' cannot see it (404). Check the repository input.`
    )
  if (status === 409 && /empty/i.test(text))
    return new ActionError(
      `Could not ${action}: repository ${repository} is empty. Push a first commit to it, then run again.`
    )
  if ((status === 409 || status === 422) && /rule|protected/i.test(text))
    return new ActionError(
      `Could not ${action}: branch ${branch} of ${repository} is protected by a rule (${status} ${text.trim()}). ` +
        'Use an unprotected data branch (input data-branch) or let the token bypass the rule.'
    )
  return new ActionError(
    `Could not ${action} (${status ?? 'network error'}: ${text}).`,
    { cause: error }
  )
}
