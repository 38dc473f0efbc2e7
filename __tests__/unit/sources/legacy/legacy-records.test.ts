import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { LegacyDaySchema } from '../../../../src/sources/legacy/records.js'

// GitHub's official `copilot-usage-metrics-day` JSON schema and example
// response (from its OpenAPI description), copied verbatim as fixtures.
interface JsonSchema {
  type?: string
  required?: string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  nullable?: boolean
}
const official = JSON.parse(
  readFileSync('__tests__/fixtures/legacy-metrics-day.schema.json', 'utf8')
) as JsonSchema
const example = JSON.parse(
  readFileSync('__tests__/fixtures/legacy-metrics-example.json', 'utf8')
) as Record<string, unknown>[]

/** Every leaf of the example with the type the official schema gives it. */
function leaves(
  schema: JsonSchema,
  value: unknown,
  path: (string | number)[] = []
): Array<{ path: (string | number)[]; type: string }> {
  if (schema.type === 'object' && value && typeof value === 'object')
    return Object.entries(schema.properties ?? {}).flatMap(([key, child]) =>
      key in value
        ? leaves(child, (value as Record<string, unknown>)[key], [...path, key])
        : []
    )
  if (schema.type === 'array' && Array.isArray(value) && schema.items)
    return value.flatMap((item, index) =>
      leaves(schema.items!, item, [...path, index])
    )
  return schema.type && value !== null ? [{ path, type: schema.type }] : []
}

function withValue(
  root: unknown,
  path: (string | number)[],
  value: unknown
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1))
    node = node[key] as Record<string | number, unknown>
  node[path[path.length - 1]] = value
  return copy
}

describe("LegacyDaySchema agrees with GitHub's official schema", () => {
  it('accepts the official example', () => {
    expect(example.length).toBeGreaterThan(0)
    for (const day of example)
      expect(LegacyDaySchema.safeParse(day).success).toBe(true)
  })

  it('requires what the official schema requires', () => {
    expect(official.required).toEqual(['date'])
    const withoutDate = { ...example[0] }
    delete withoutDate.date
    expect(LegacyDaySchema.safeParse(withoutDate).success).toBe(false)
  })

  const paths = leaves(official, example[0])
  it('checks the type of every field of the example that the official schema types', () => {
    expect(paths.length).toBeGreaterThan(30)
    for (const { path, type } of paths) {
      const wrong = type === 'string' ? 12 : 'not-a-number'
      const result = LegacyDaySchema.safeParse(
        withValue(example[0], path, wrong)
      )
      expect([path.join('.'), result.success]).toEqual([path.join('.'), false])
    }
  })

  it('keeps fields it does not know (the schema allows additional properties)', () => {
    const parsed = LegacyDaySchema.parse({
      ...example[0],
      future_field: { a: 1 }
    })
    expect(parsed.future_field).toEqual({ a: 1 })
  })

  it('accepts the nullable sections as null', () => {
    const nulls = {
      ...example[0],
      copilot_ide_chat: null,
      copilot_dotcom_chat: null,
      copilot_dotcom_pull_requests: null,
      copilot_ide_code_completions: null
    }
    expect(LegacyDaySchema.safeParse(nulls).success).toBe(true)
  })
})
