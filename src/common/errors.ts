/**
 * An error whose message is complete and actionable on its own: the run fails
 * with exactly this text. Anything else is reported as an unexpected error.
 */
export class ActionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ActionError'
  }
}

/** A bad input: raised before any request is made. */
export class InputError extends ActionError {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
