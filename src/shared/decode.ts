/** Decoder results: a value, or the precise reason it was rejected. Decoders never throw. */
import type { z } from 'zod'

/** A decoded value, or the precise reason it was rejected. Decoders never throw. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string }

function describePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}

/** Turns the first zod issue into a short, specific reason ("missing field body"). */
export function reasonFromZod(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid value'
  const field = describePath(issue.path)
  if (issue.code === 'invalid_type') {
    let value: unknown = input
    for (const key of issue.path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined
    }
    if (value === undefined && field) return `missing field ${field}`
    const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
    return field
      ? `field ${field} must be ${issue.expected}, got ${got}`
      : `expected ${issue.expected}, got ${got}`
  }
  return field ? `field ${field}: ${issue.message}` : issue.message
}

/** Validates `input` against `schema`, never throwing. */
export function decodeWith<T>(schema: z.ZodType<T>, input: unknown): Decoded<T> {
  const result = schema.safeParse(input)
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, reason: reasonFromZod(result.error, input) }
}
