/** The hot-path decoder must be indistinguishable from the zod schemas it shortcuts. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeServerValue, NewMessageEventSchema } from './frames'
import { decodeWith } from './decode'
import { fastIsoMicros, parseIsoMicros } from './iso-time'
import { toPythonIsoformat } from '../../server/python-format'

const digitString = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''))

/** Timestamps near the common shape, often subtly wrong (Feb 30, 24:00, 7 fraction digits...). */
const isoLike = fc.oneof(
  fc.integer({ min: -62_000_000_000_000_000, max: 253_000_000_000_000_000 }).map(toPythonIsoformat),
  fc
    .tuple(
      digitString(4),
      digitString(2),
      digitString(2),
      digitString(2),
      digitString(2),
      digitString(2),
      fc.constantFrom('', '.', '.1', '.123456', '.1234567', '.000000'),
      fc.constantFrom('', 'Z', '+00:00', '-05:30', '+99:99', '+0000', 'z', '+00:0x', ' '),
      fc.constantFrom('T', 't', ' '),
    )
    .map(
      ([y, mo, d, h, mi, s, frac, zone, t]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac}${zone}`,
    ),
  fc.string(),
)

describe('fastIsoMicros', () => {
  it('agrees with parseIsoMicros on every input', () => {
    fc.assert(
      fc.property(isoLike, (text) => {
        expect(fastIsoMicros(text)).toBe(parseIsoMicros(text))
      }),
      { numRuns: 20_000 },
    )
  })

  it('agrees on the known edge cases', () => {
    for (const text of [
      '2024-02-29T00:00:00+00:00',
      '2023-02-29T00:00:00+00:00',
      '1900-02-29T00:00:00Z',
      '0050-01-01T00:00:00Z',
      '2026-11-25T24:00:00Z',
      '2026-11-25T17:58:60Z',
      '2026-11-25T17:58:00.',
      '2026-13-01T00:00:00Z',
    ])
      expect(fastIsoMicros(text)).toBe(parseIsoMicros(text))
  })
})

const newFrame = {
  type: 'chat_message',
  action: 'new',
  id: '0b7e7bb4-5a0e-4d39-9a5b-4f0f6d0c1a11',
  user: 'bob',
  user_id: '2',
  body: 'hi',
  created: '2026-11-25T17:58:00.657039+00:00',
  edited: false,
  updated: '2026-11-25T17:58:00.657031+00:00',
  userAvatar: 'avatars/bob.png',
}

describe('decodeServerValue fast path for new frames', () => {
  it('returns exactly what the zod schema returns, value or reason', () => {
    const field = fc.constantFrom(
      ...Object.keys(newFrame).filter((k) => k !== 'type' && k !== 'action'),
    )
    const value = fc.oneof(fc.anything(), isoLike, fc.constant(undefined), fc.constant(''))
    fc.assert(
      fc.property(
        fc.array(fc.tuple(field, value), { maxLength: 3 }),
        fc.boolean(),
        (changes, extra) => {
          const record: Record<string, unknown> = { ...newFrame }
          for (const [k, v] of changes) {
            if (v === undefined) delete record[k]
            else record[k] = v
          }
          if (extra) record.unexpected = 1
          expect(decodeServerValue(record)).toEqual(decodeWith(NewMessageEventSchema, record))
        },
      ),
      { numRuns: 5_000 },
    )
  })

  it('strips unknown keys like zod does', () => {
    const decoded = decodeServerValue({ ...newFrame, extra: true })
    expect(decoded).toEqual({ ok: true, value: newFrame })
  })
})
