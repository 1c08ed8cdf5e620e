/** Python-compatible formatting, so the local server's output is byte-for-byte like the real one's. */

/** Formats epoch microseconds the way Python's `datetime.isoformat()` does for UTC values. */
export function toPythonIsoformat(epochMicros: number): string {
  const ms = Math.floor(epochMicros / 1000)
  const micros = epochMicros - Math.floor(epochMicros / 1_000_000) * 1_000_000
  const base = new Date(ms).toISOString().slice(0, 19)
  const frac = micros === 0 ? '' : '.' + String(micros).padStart(6, '0')
  return `${base}${frac}+00:00`
}

/**
 * Serialises like Python's `json.dumps` default (", " and ": " separators), keeping key order.
 * Used by the local server so its frames are byte-for-byte like the real one's.
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string')
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
    )
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value)
  if (Array.isArray(value)) return '[' + value.map(pythonJson).join(', ') + ']'
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  )
  return '{' + entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ') + '}'
}
