/**
 * The redaction layer every log line goes through before it reaches a file. Two nets:
 * - structure: values under a sensitive key (password, token, cookie, authorization, a message
 *   body or draft...) are replaced whatever they hold;
 * - text: anything JWT-shaped, `Bearer`/`JWT` credentials, `Authorization:`/`Cookie:` header
 *   lines and `key=value` / `"key": "value"` pairs with a sensitive key are cut out of every string.
 * Message bodies cannot be recognised in free text, so the code that logs never puts them there:
 * chat events are logged through describeChatEvent (ids and states, never bodies).
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]'

/** Keys whose value is never logged, compared without case, `-` or `_`. */
const SENSITIVE_KEYS = new Set([
  'password',
  'passwd',
  'newpassword',
  'oldpassword',
  'password1',
  'password2',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'jwt',
  'secret',
  'authorization',
  'auth',
  'cookie',
  'setcookie',
  'cookies',
  'sessionid',
  'csrftoken',
  'csrfmiddlewaretoken',
  'xcsrftoken',
  'body',
  'text',
  'draft',
  'content',
  'messagebody',
])

/** True when values under `key` must never be logged. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''))
}

const KEY_ALTERNATION =
  'password|passwd|new_?password|old_?password|password[12]|token|access_?token|refresh_?token|id_?token|jwt|secret|sessionid|csrftoken|csrfmiddlewaretoken|x-csrftoken'

const TEXT_RULES: readonly [RegExp, string][] = [
  // Header lines first: they take the whole rest of the line, several cookies included.
  [/\b(authorization|proxy-authorization|cookie|set-cookie)(\s*:\s*)[^\r\n]*/gi, `$1$2${REDACTED}`],
  // A JWT is three base64url parts; the first two encode JSON objects, so they start with eyJ.
  [/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, REDACTED],
  [/\b(bearer|jwt)(\s+)[^\s"',;]+/gi, `$1$2${REDACTED}`],
  // "password": "..." / password=... / token: ... in JSON, query strings and prose alike.
  [
    new RegExp(
      `(["']?)\\b(${KEY_ALTERNATION})\\1(\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s,;&}\\]]+)`,
      'gi',
    ),
    `$1$2$1$3${REDACTED}`,
  ],
]

/** `text` with every credential pattern cut out. */
export function redactText(text: string): string {
  let out = text
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement)
  return out
}

const MAX_DEPTH = 6
const MAX_ITEMS = 50
const MAX_STRING = 2000

function clip(text: string): string {
  return text.length <= MAX_STRING ? text : `${text.slice(0, MAX_STRING)}… (${text.length} chars)`
}

/**
 * A JSON-safe copy of `value` for a log line: sensitive keys replaced, strings scanned and
 * clipped, errors reduced to name, message and stack, depth and breadth bounded, cycles cut.
 */
export function redactValue(value: unknown): unknown {
  const seen = new WeakSet<object>()
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return clip(redactText(v))
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v
    if (v === undefined) return null
    if (typeof v === 'bigint') return v.toString()
    if (typeof v !== 'object') return `[${typeof v}]`
    if (seen.has(v)) return '[cycle]'
    if (depth >= MAX_DEPTH) return '[too deep]'
    seen.add(v)
    if (v instanceof Error) {
      return {
        name: v.name,
        message: walk(v.message, depth + 1),
        ...(v.stack ? { stack: walk(v.stack, depth + 1) } : {}),
      }
    }
    if (Array.isArray(v)) {
      const items = v.slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1))
      return v.length > MAX_ITEMS ? [...items, `… ${v.length - MAX_ITEMS} more`] : items
    }
    const record = v as Record<string, unknown>
    // A chat frame ({type: 'text', message}) carries the body under `message`.
    const frameLike = typeof record.type === 'string'
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(record).slice(0, MAX_ITEMS)) {
      const sensitive = isSensitiveKey(key) || (frameLike && key === 'message')
      out[key] = sensitive ? REDACTED : walk(record[key], depth + 1)
    }
    return out
  }
  return walk(value, 0)
}
