import { z } from 'zod'
import { DEFAULTS, type InputName } from './names.js'

export type ReadInput = (name: InputName) => string

const BOOLEAN = z.enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])

/**
 * Reads inputs and collects every problem, so one run reports all bad inputs
 * at once, each naming the input, the value and what is allowed.
 */
export class InputReader {
  readonly problems: string[] = []

  constructor(
    private readonly read: ReadInput,
    readonly env: NodeJS.ProcessEnv
  ) {}

  text(name: InputName): string {
    return this.read(name).trim()
  }

  /** Outside a runner action.yml defaults are not applied: the same default in code. */
  withDefault(name: keyof typeof DEFAULTS): string {
    return this.text(name) || DEFAULTS[name]
  }

  fail(name: InputName, value: string, rule: string): void {
    this.problems.push(
      value === ''
        ? `Input '${name}' is empty: ${rule}.`
        : `Input '${name}' ${JSON.stringify(value)} ${rule}.`
    )
  }

  /** A list separated by commas or white space, empty items dropped. */
  list(name: InputName): string[] {
    return this.text(name)
      .split(/[\s,]+/)
      .filter((item) => item !== '')
  }

  wholeNumber(
    name: keyof typeof DEFAULTS,
    limits: { min: number; max: number }
  ): number {
    const text = this.withDefault(name)
    const parsed = z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .pipe(z.number().int().min(limits.min).max(limits.max))
      .safeParse(text)
    if (parsed.success) return parsed.data
    this.fail(
      name,
      text,
      `must be a whole number from ${limits.min} to ${limits.max}`
    )
    return limits.min
  }

  boolean(name: keyof typeof DEFAULTS): boolean {
    const text = this.withDefault(name)
    const parsed = BOOLEAN.safeParse(text)
    if (!parsed.success) this.fail(name, text, 'must be true or false')
    return parsed.success && parsed.data.toLowerCase() === 'true'
  }

  /** One of `values`, or undefined (with a problem recorded). */
  choice<T extends string>(
    name: keyof typeof DEFAULTS,
    values: readonly [T, ...T[]],
    normalize: (text: string) => string = (text) => text
  ): T | undefined {
    const text = this.withDefault(name)
    const parsed = z.enum(values).safeParse(normalize(text))
    if (parsed.success) return parsed.data
    this.fail(name, text, `is not one of ${values.join(', ')}`)
    return undefined
  }
}
