import { z } from 'zod'
import type { InputReader } from './reader.js'

export interface AlertSettings {
  /** null: off */
  dropPercent: number | null
  /** A ratio (0.5 = 50%); null: off. */
  minUtilization: number | null
  /** Fail the step when an alert fires. */
  fail: boolean
}

const PERCENT = z
  .string()
  .regex(/^\d+(\.\d+)?%?$/)
  .transform((text) => Number(text.replace('%', '')))
  .pipe(z.number().gt(0).max(100))

const RATIO = z
  .string()
  .regex(/^\d+(\.\d+)?%?$/)
  .transform((text) =>
    text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text)
  )
  .pipe(z.number().gt(0).max(1))

export function parseAlerts(inputs: InputReader): AlertSettings {
  return {
    dropPercent: optional(
      inputs,
      'alert-drop-percent',
      PERCENT,
      'must be a percentage above 0 and up to 100 (e.g. 20), or empty for no alert'
    ),
    minUtilization: optional(
      inputs,
      'alert-min-utilization',
      RATIO,
      'must be a ratio above 0 and up to 1 (e.g. 0.5) or a percentage (e.g. 50%), or empty for no alert'
    ),
    fail: inputs.boolean('alert-fail')
  }
}

/** An empty input switches the alert off. */
function optional(
  inputs: InputReader,
  name: 'alert-drop-percent' | 'alert-min-utilization',
  schema: z.ZodType<number, string>,
  rule: string
): number | null {
  const text = inputs.text(name)
  if (text === '') return null
  const parsed = schema.safeParse(text)
  if (parsed.success) return parsed.data
  inputs.fail(name, text, rule)
  return null
}
