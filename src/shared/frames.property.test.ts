/**
 * Property tests of the wire decoders and encoder: on random and mutated frames they
 * never throw, accept exactly the frames docs/protocol.md §4 calls valid (checked against an oracle
 * written here from the spec, not from the schemas), and valid frames round-trip.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeServerFrame, decodeServerValue, encodeClientFrame } from './frames'
import { pythonJson, toPythonIsoformat } from '../../server/python-format'
import type { ClientFrame } from './frames'

// A failure shrinks within a time limit, so a real bug cannot stall CI on huge strings.
const RUNS = { numRuns: 400, interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true }

// ---------------------------------------------------------------------------------------------
// The oracle: docs/protocol.md §4 restated as plain checks.

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/

/** A Python isoformat / ISO 8601 timestamp with real calendar fields (years 1000-9999 here). */
function isIso(v: unknown): boolean {
  if (typeof v !== 'string') return false
  const m = ISO.exec(v)
  if (!m) return false
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  if (mo < 1 || mo > 12 || d < 1) return false
  if (d > DAYS[mo - 1]! + (mo === 2 && leap ? 1 : 0)) return false
  return h <= 23 && mi <= 59 && s <= 59
}

const isStr = (v: unknown): v is string => typeof v === 'string'
const isId = (v: unknown): boolean => isStr(v) && v.length > 0

/** Every field of each server frame, in the order the spec writes them. */
const SPEC_KEYS: Record<'new' | 'update' | 'delete' | 'error', string[]> = {
  error: ['error'],
  delete: ['type', 'action', 'id'],
  update: ['type', 'action', 'id', 'body', 'edited', 'updated'],
  new: [
    'type',
    'action',
    'id',
    'user',
    'user_id',
    'body',
    'created',
    'edited',
    'updated',
    'userAvatar',
  ],
}

/** What a server frame is, by the spec, or null when a client must drop it. */
function serverOracle(v: unknown): 'new' | 'update' | 'delete' | 'error' | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null
  const r = v as Record<string, unknown>
  if (Object.hasOwn(r, 'error')) return isStr(r.error) ? 'error' : null
  if (r.type !== 'chat_message') return null
  switch (Object.hasOwn(r, 'action') ? r.action : undefined) {
    case 'new':
      return isId(r.id) &&
        isStr(r.user) &&
        isStr(r.user_id) &&
        isStr(r.body) &&
        isIso(r.created) &&
        typeof r.edited === 'boolean' &&
        isIso(r.updated) &&
        (r.userAvatar === null || isStr(r.userAvatar))
        ? 'new'
        : null
    case 'update':
      return isId(r.id) && isStr(r.body) && typeof r.edited === 'boolean' && isIso(r.updated)
        ? 'update'
        : null
    case 'delete':
      return isId(r.id) ? 'delete' : null
    default:
      return null
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a client frame may be sent (a bad one kills the server's consumer). */
function clientOracle(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const r = v as Record<string, unknown>
  const body = () => isStr(r.message) && [...r.message].length >= 1 && [...r.message].length <= 500
  const id = () => isStr(r.messageId) && UUID.test(r.messageId)
  if (r.timestamp !== undefined && !isIso(r.timestamp)) return false
  if (r.type === 'text') return body()
  if (r.type === 'update') return id() && body()
  if (r.type === 'delete') return id()
  return false
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Strings that trip naive code: lone surrogates, astral, RTL, NUL, BOM, huge. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('\ud800', '\udfff', '\u0000', '\ufeff', '\u202e', '😀', 'e\u0301', '', ' '),
  fc.constantFrom('x'.repeat(100_000), '😀'.repeat(30_000)),
)
/** Years 1000-9999, in every shape the server or a JavaScript peer writes. */
const isoTimestamp = fc.oneof(
  // Epoch microseconds stay exact only within ±2^53 (years 1685-2255).
  fc
    .integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
    .map(toPythonIsoformat),
  fc
    .date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-11-25T17:58:00', '2026-11-25T17:58:00.5-05:30', '2024-02-29T23:59:59Z'),
)
const messageId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
)
const uniqueId = fc.oneof(messageId, fc.string({ minLength: 1, maxLength: 12 }))

const newFrame = fc.record({
  type: fc.constant('chat_message' as const),
  action: fc.constant('new' as const),
  id: uniqueId,
  user: nastyString,
  user_id: fc.string({ maxLength: 36 }),
  body: nastyString,
  created: isoTimestamp,
  edited: fc.boolean(),
  updated: isoTimestamp,
  userAvatar: fc.option(fc.string({ maxLength: 30 }), { nil: null }),
})
const updateFrame = fc.record({
  type: fc.constant('chat_message' as const),
  action: fc.constant('update' as const),
  id: uniqueId,
  body: nastyString,
  edited: fc.boolean(),
  updated: isoTimestamp,
})
const deleteFrame = fc.record({
  type: fc.constant('chat_message' as const),
  action: fc.constant('delete' as const),
  id: uniqueId,
})
const errorFrame = fc.record({ error: nastyString })
const validServerFrame = fc.oneof(newFrame, updateFrame, deleteFrame, errorFrame)

/** Wrong-typed values, including the ones that look almost right. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    'new',
    'chat_message',
    '2026-02-30T00:00:00',
    '2026-11-25 17:58:00',
    0,
    1,
    true,
  ),
  fc.constantFrom('2026-11-25T24:00:00', '2026-11-25T17:58:00.1234567', '2026-13-01T00:00:00Z'),
  nastyString,
)
const keyOf = fc.constantFrom(
  ...new Set(Object.values(SPEC_KEYS).flat()),
  'message',
  'messageId',
  'timestamp',
  '__proto__',
  'constructor',
  'toString',
)

/** A valid timestamp with one character replaced: mostly near misses (Feb 30, 24:00, 7 digits). */
const nearMissIso = fc
  .tuple(isoTimestamp, fc.nat(), fc.constantFrom(...'0123456789:-+.TZ '))
  .map(([t, n, c]) => {
    const at = n % t.length
    return t.slice(0, at) + c + t.slice(at + 1)
  })
const nearMissId = fc.oneof(
  fc.constant(''),
  fc.uuid().map((u) => u.slice(1)),
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => `{${u}}`),
  fc.uuid().map((u) => u.replace(/[0-9]/, 'g')),
)

type Mutation = (r: Record<string, unknown>) => void
/** One random change to a frame: drop a key, retype one, add one, swap the action. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.constantFrom('created', 'updated', 'timestamp'), nearMissIso).map(
    ([k, v]) =>
      (r: Record<string, unknown>) =>
        void (r[k] = v),
  ),
  fc.tuple(fc.constantFrom('id', 'messageId'), nearMissId).map(
    ([k, v]) =>
      (r: Record<string, unknown>) =>
        void (r[k] = v),
  ),
  fc
    .string({ unit: 'grapheme', minLength: 499, maxLength: 502 })
    .map((m) => (r: Record<string, unknown>) => void (r.message = m)),
  keyOf.map((k) => (r: Record<string, unknown>) => void delete r[k]),
  fc.tuple(keyOf, wrongValue).map(([k, v]) => (r: Record<string, unknown>) => {
    Object.defineProperty(r, k, { value: v, enumerable: true, writable: true, configurable: true })
  }),
  fc.string({ maxLength: 10 }).map((a) => (r: Record<string, unknown>) => void (r.action = a)),
)
const mutated = <T extends object>(frame: fc.Arbitrary<T>) =>
  fc.tuple(frame, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([f, ms]) => {
    const r = { ...f } as Record<string, unknown>
    for (const m of ms) m(r)
    return r
  })

/** Every field of the spec's frame, and nothing else (decoders strip unknown keys). */
function specFields(v: Record<string, unknown>): Record<string, unknown> {
  const kind = serverOracle(v)
  return Object.fromEntries((kind ? SPEC_KEYS[kind] : []).map((k) => [k, v[k]]))
}

// ---------------------------------------------------------------------------------------------

describe('server frame decoders', () => {
  it('accept exactly the valid frames among random and mutated values, never throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(validServerFrame, mutated(validServerFrame), fc.jsonValue(), fc.anything()),
        (value) => {
          const decoded = decodeServerValue(value)
          expect(decoded.ok).toBe(serverOracle(value) !== null)
          if (decoded.ok)
            expect(decoded.value).toEqual(specFields(value as Record<string, unknown>))
          else expect(decoded.reason).toMatch(/\S/)
        },
      ),
      RUNS,
    )
  })

  it("valid frames round-trip through the server's Python-style JSON and plain JSON", () => {
    fc.assert(
      fc.property(validServerFrame, fc.boolean(), (frame, python) => {
        const text = python ? pythonJson(frame) : JSON.stringify(frame)
        expect(decodeServerFrame(text)).toEqual({ ok: true, value: frame })
      }),
      RUNS,
    )
  })

  it('unknown keys are ignored, unknown actions and types are refused with a reason', () => {
    fc.assert(
      fc.property(
        validServerFrame,
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        (frame, extra) => {
          const value = JSON.parse(JSON.stringify({ ...extra, ...frame })) as Record<
            string,
            unknown
          >
          expect(decodeServerValue(value)).toEqual({ ok: true, value: frame })
        },
      ),
      RUNS,
    )
    expect(decodeServerValue({ type: 'chat_message', action: 'typing', id: 'x' })).toEqual({
      ok: false,
      reason: 'unknown action typing',
    })
  })

  it('truncated, spliced and garbage texts never throw and decode only when valid JSON frames', () => {
    const text = fc.oneof(
      fc.tuple(validServerFrame, fc.nat()).map(([f, n]) => {
        const t = pythonJson(f)
        return t.slice(0, n % (t.length + 1))
      }),
      fc.tuple(validServerFrame, fc.nat(), nastyString).map(([f, n, s]) => {
        const t = JSON.stringify(f)
        const at = n % (t.length + 1)
        return t.slice(0, at) + s + t.slice(at)
      }),
      fc.string({ unit: 'binary' }),
      fc.json(),
      fc.constantFrom('', 'null', '[]', '"x"', '{', '{"error":', '\ufeff{}', '{"error":"a"}x'),
    )
    fc.assert(
      fc.property(text, (t) => {
        let parsed: unknown
        let parses = true
        try {
          parsed = JSON.parse(t)
        } catch {
          parses = false
        }
        const decoded = decodeServerFrame(t)
        expect(decoded.ok).toBe(parses && serverOracle(parsed) !== null)
        if (!parses) expect(decoded).toMatchObject({ ok: false, reason: /^invalid JSON/ })
      }),
      RUNS,
    )
  })
})

// ---------------------------------------------------------------------------------------------

const body = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.constantFrom('😀'.repeat(500), 'a'.repeat(500), ' ', '\u0000', 'e\u0301'),
)
const validClientFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), message: body }),
  fc.record(
    { type: fc.constant('update' as const), messageId, message: body, timestamp: isoTimestamp },
    { requiredKeys: ['type', 'messageId', 'message'] },
  ),
  fc.record({ type: fc.constant('delete' as const), messageId }),
)

describe('client frame encoder', () => {
  it('encodes exactly the frames the server can take, never throwing', () => {
    fc.assert(
      fc.property(fc.oneof(validClientFrame, mutated(validClientFrame), fc.anything()), (v) => {
        const encoded = encodeClientFrame(v as ClientFrame)
        expect(encoded.ok).toBe(clientOracle(v))
        if (!encoded.ok) expect(encoded.reason).toMatch(/\S/)
      }),
      RUNS,
    )
  })

  it('a valid frame round-trips: what goes on the wire parses back to the same frame', () => {
    fc.assert(
      fc.property(validClientFrame, (frame) => {
        const encoded = encodeClientFrame(frame)
        expect(encoded.ok).toBe(true)
        if (encoded.ok) expect(JSON.parse(encoded.value)).toEqual(frame)
      }),
      RUNS,
    )
  })
})
