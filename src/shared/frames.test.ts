/** Unit tests of the shared wire contract: helpers, decoders, encoders, Python-style JSON. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bodyError,
  codePointLength,
  decodeServerFrame,
  decodeServerValue,
  encodeClientFrame,
  idKey,
  isUuid,
  MAX_BODY_CODE_POINTS,
  sameId,
  ServerErrorText,
} from './frames'
import { parseIsoMicros, parseIsoTimestamp } from './iso-time'
import { pythonJson, toPythonIsoformat } from '../../server/python-format'
import { roomKeyOf } from './graphql-shapes'
import type { ClientFrame } from './frames'

const ID = '123e4567-e89b-42d3-a456-426614174000'
const TS = '2026-11-25T17:58:00.657039+00:00'

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['😀', 1],
    ['😀😀x', 3],
    ['e\u0301', 2], // e + combining acute: two code points, like Python len
    ['👨‍👩‍👧', 5], // three emoji joined by two ZWJ
    ['🇫🇷', 2], // regional indicators
    ['\ud83d', 1], // a lone surrogate still counts once
    ['\ude00x', 2],
  ])('%j has %i code points', (text, n) => {
    expect(codePointLength(text)).toBe(n)
  })

  it('agrees with [...text].length for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => codePointLength(s) === [...s].length),
      { numRuns: 300 },
    )
  })
})

describe('bodyError', () => {
  it('an empty body gets the "exceeds" text, as the server answers it', () => {
    expect(bodyError('')).toBe(ServerErrorText.tooLong)
  })
  it('500 code points pass, 501 fail', () => {
    expect(bodyError('a'.repeat(MAX_BODY_CODE_POINTS))).toBeNull()
    expect(bodyError('a'.repeat(MAX_BODY_CODE_POINTS + 1))).toBe(ServerErrorText.tooLong)
  })
  it('counts emoji as one each (500 emoji = 1000 UTF-16 units pass)', () => {
    expect(bodyError('😀'.repeat(500))).toBeNull()
    expect(bodyError('😀'.repeat(501))).toBe(ServerErrorText.tooLong)
  })
  it('accepts whitespace-only bodies', () => {
    expect(bodyError(' \n\t')).toBeNull()
  })
  it("the text is exactly the server's", () => {
    expect(ServerErrorText.tooLong).toBe('Message exceeds 500 characters.')
  })
})

describe('isUuid / sameId / idKey', () => {
  it.each([ID, ID.toUpperCase(), '00000000-0000-0000-0000-000000000000'])('accepts %s', (v) => {
    expect(isUuid(v)).toBe(true)
  })
  it.each([
    ['no dashes', ID.replace(/-/g, '')],
    ['braces', `{${ID}}`],
    ['urn prefix', `urn:uuid:${ID}`],
    ['trailing newline', `${ID}\n`],
    ['too short', ID.slice(1)],
    ['non-hex', ID.replace('a', 'g')],
    ['a number', 42],
    ['null', null],
  ])('rejects %s', (_what, v) => {
    expect(isUuid(v)).toBe(false)
  })
  it('compares ids case-insensitively and keys them in lower case', () => {
    expect(sameId(ID, ID.toUpperCase())).toBe(true)
    expect(sameId(ID, ID.replace('1', '2'))).toBe(false)
    expect(idKey(ID.toUpperCase())).toBe(ID)
  })
  it('roomKeyOf is host/slug', () => {
    expect(roomKeyOf({ host: { username: 'alice' }, slug: 'general' })).toBe('alice/general')
  })
})

describe('parseIsoMicros / parseIsoTimestamp', () => {
  const base = Date.UTC(2026, 10, 25, 17, 58, 0)
  it('keeps years 0000-0099 as written (Date.UTC would map them to 1900-1999)', () => {
    const year50 = new Date(Date.UTC(2000, 0, 1))
    year50.setUTCFullYear(50)
    expect(parseIsoMicros('0050-01-01T00:00:00')).toBe(year50.getTime() * 1000)
    expect(parseIsoTimestamp('0050-01-01T00:00:00+00:00')).toBe(year50.getTime())
  })
  it('parses a Python isoformat with microseconds', () => {
    expect(parseIsoMicros(TS)).toBe(base * 1000 + 657039)
  })
  it('parses one without a fraction', () => {
    expect(parseIsoMicros('2026-11-25T17:58:00+00:00')).toBe(base * 1000)
  })
  it('parses Z and milliseconds (JavaScript toISOString)', () => {
    expect(parseIsoMicros('2026-11-25T17:58:00.657Z')).toBe(base * 1000 + 657000)
  })
  it('applies offsets', () => {
    expect(parseIsoMicros('2026-11-25T19:58:00+02:00')).toBe(base * 1000)
    expect(parseIsoMicros('2026-11-25T12:28:00-05:30')).toBe(base * 1000)
  })
  it('treats a missing offset as UTC', () => {
    expect(parseIsoMicros('2026-11-25T17:58:00')).toBe(base * 1000)
  })
  it.each([
    '',
    'yesterday',
    '2026-11-25',
    '2026-11-25 17:58:00',
    '2026-02-31T00:00:00+00:00',
    '2026-11-25T25:00:00+00:00',
    '2026-11-25T17:60:00+00:00',
    '2026-11-25T17:58:60+00:00',
    '2026-11-25T17:58:00.1234567+00:00',
    '2026-11-25T17:58:00+0000',
  ])('rejects %j', (text) => {
    expect(parseIsoMicros(text)).toBeNull()
    expect(parseIsoTimestamp(text)).toBeNull()
  })
  it('parseIsoTimestamp gives epoch milliseconds (floored)', () => {
    expect(parseIsoTimestamp(TS)).toBe(base + 657)
  })
})

describe('toPythonIsoformat', () => {
  it('writes +00:00 and six fraction digits', () => {
    expect(toPythonIsoformat(Date.UTC(2026, 10, 25, 17, 58, 0) * 1000 + 657039)).toBe(TS)
    expect(toPythonIsoformat(Date.UTC(2026, 0, 1) * 1000 + 5)).toBe(
      '2026-01-01T00:00:00.000005+00:00',
    )
  })
  it('omits the fraction when it is zero, like Python', () => {
    expect(toPythonIsoformat(Date.UTC(2026, 10, 25, 17, 58, 0) * 1000)).toBe(
      '2026-11-25T17:58:00+00:00',
    )
  })
  it('round-trips through parseIsoMicros', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000_000 }), (micros) => {
        return parseIsoMicros(toPythonIsoformat(micros)) === micros
      }),
    )
  })
})

const newEvent = {
  type: 'chat_message',
  action: 'new',
  id: ID,
  user: 'alice',
  user_id: 'a1',
  body: 'hi',
  created: TS,
  edited: false,
  updated: TS,
  userAvatar: null,
}

describe('decodeServerFrame', () => {
  it('decodes new, update, delete and error frames', () => {
    expect(decodeServerFrame(JSON.stringify(newEvent))).toEqual({ ok: true, value: newEvent })
    const update = {
      type: 'chat_message',
      action: 'update',
      id: ID,
      body: 'x',
      edited: true,
      updated: TS,
    }
    expect(decodeServerFrame(JSON.stringify(update))).toEqual({ ok: true, value: update })
    const del = { type: 'chat_message', action: 'delete', id: ID.toUpperCase() }
    expect(decodeServerFrame(JSON.stringify(del))).toEqual({ ok: true, value: del })
    expect(decodeServerFrame('{"error": "Message not found."}')).toEqual({
      ok: true,
      value: { error: 'Message not found.' },
    })
  })
  it('accepts a userAvatar path and timestamps without a fraction', () => {
    const frame = {
      ...newEvent,
      userAvatar: 'avatars/bob.png',
      created: '2026-11-25T17:58:00+00:00',
    }
    expect(decodeServerFrame(JSON.stringify(frame)).ok).toBe(true)
  })
  it.each([
    ['missing body', { ...newEvent, body: undefined }, 'missing field body'],
    ['missing id', { ...newEvent, id: undefined }, 'missing field id'],
    [
      'edited as a string',
      { ...newEvent, edited: 'no' },
      'field edited must be boolean, got string',
    ],
    [
      'userAvatar as a number',
      { ...newEvent, userAvatar: 3 },
      'field userAvatar must be string, got number',
    ],
    ['unknown action', { ...newEvent, action: 'foo' }, 'unknown action foo'],
    ['missing action', { type: 'chat_message', id: ID }, 'missing field action'],
    ['missing type', { action: 'new', id: ID }, 'missing field type'],
    ['unknown type', { type: 'presence' }, 'unknown type presence'],
    ['error not a string', { error: 5 }, 'field error must be string, got number'],
  ])('%s -> %j', (_what, frame, reason) => {
    expect(decodeServerFrame(JSON.stringify(frame))).toEqual({ ok: false, reason })
  })
  it('a bad timestamp names the field', () => {
    const r = decodeServerFrame(JSON.stringify({ ...newEvent, created: 'yesterday' }))
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('created') })
  })
  it('invalid JSON and non-objects get precise reasons', () => {
    expect(decodeServerFrame('{nope')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^invalid JSON/),
    })
    expect(decodeServerFrame('[1]')).toEqual({
      ok: false,
      reason: 'frame is not an object (got array)',
    })
    expect(decodeServerFrame('null')).toEqual({
      ok: false,
      reason: 'frame is not an object (got null)',
    })
    expect(decodeServerValue('x')).toEqual({
      ok: false,
      reason: 'frame is not an object (got string)',
    })
  })
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = decodeServerFrame(text)
        return typeof r.ok === 'boolean'
      }),
    )
  })
})

describe('encodeClientFrame', () => {
  it('serialises valid frames', () => {
    const text: ClientFrame = { type: 'text', message: 'hi', timestamp: new Date(0).toISOString() }
    expect(encodeClientFrame(text)).toEqual({ ok: true, value: JSON.stringify(text) })
    expect(encodeClientFrame({ type: 'delete', messageId: ID.toUpperCase() }).ok).toBe(true)
    expect(encodeClientFrame({ type: 'update', messageId: ID, message: 'x' }).ok).toBe(true)
  })
  it('refuses a messageId that is not a UUID (it would kill the connection)', () => {
    expect(encodeClientFrame({ type: 'delete', messageId: 'abc' })).toEqual({
      ok: false,
      reason: 'field messageId: not a UUID',
    })
  })
  it('refuses empty and over-long bodies with the server text', () => {
    expect(encodeClientFrame({ type: 'text', message: '' })).toEqual({
      ok: false,
      reason: `field message: ${ServerErrorText.tooLong}`,
    })
    expect(encodeClientFrame({ type: 'update', messageId: ID, message: 'x'.repeat(501) }).ok).toBe(
      false,
    )
  })
})

describe('pythonJson', () => {
  it('uses ", " and ": " separators and keeps key order', () => {
    expect(pythonJson({ b: 1, a: [1, 2, { c: true }], n: null })).toBe(
      '{"b": 1, "a": [1, 2, {"c": true}], "n": null}',
    )
    expect(pythonJson([])).toBe('[]')
    expect(pythonJson({})).toBe('{}')
  })
  it('drops undefined keys', () => {
    expect(pythonJson({ a: undefined, b: 'x' })).toBe('{"b": "x"}')
  })
  it('escapes like ensure_ascii: non-ASCII as \\uXXXX, astral as surrogate pairs, DEL too', () => {
    expect(pythonJson('é')).toBe('"\\u00e9"')
    expect(pythonJson('😀')).toBe('"\\ud83d\\ude00"')
    expect(pythonJson('\u007f')).toBe('"\\u007f"')
    expect(pythonJson('\u2028')).toBe('"\\u2028"')
  })
  it('escapes control characters and quotes as Python does', () => {
    expect(pythonJson('a"b\\c\n\t\r\b\f\u0001')).toBe('"a\\"b\\\\c\\n\\t\\r\\b\\f\\u0001"')
  })
  it('round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const normalized = JSON.parse(JSON.stringify(v)) as unknown
        expect(JSON.parse(pythonJson(normalized))).toEqual(normalized)
      }),
    )
  })
})
