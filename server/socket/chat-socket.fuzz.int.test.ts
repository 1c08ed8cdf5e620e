/**
 * The local server on random frames over real sockets: whatever an attacker sends, the
 * process keeps serving, only the offending connection is closed (exactly when docs/protocol.md §4
 * says the consumer crashes), and the bystanders in the same room keep chatting.
 */
import fc from 'fast-check'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isUuid } from '../../src/shared/frames'
import type { SocketProbe, TestServer } from '../test-support'
import { EXTERNAL_SKIP_REASON, startTestServer } from '../test-support'
import { CRASH_CLOSE_CODES, mustOpen, signedIn, uniqueBody } from '../test-support/fixtures'

const external = Boolean(process.env.EDUSPHERE_URL)
if (external) console.warn(`chat-socket fuzz: ${EXTERNAL_SKIP_REASON}`)

/** One frame as it goes on the wire. */
type WireFrame = { binary: false; text: string } | { binary: true; bytes: Uint8Array }

/**
 * What the spec makes of a frame: `close` when the consumer crashes (invalid JSON, not an object,
 * binary, a messageId string that is not a UUID), `stay` when it is answered or ignored, and
 * `either` where docs/protocol.md does not pin the behaviour (a body that is an object, a float id).
 */
function verdict(frame: WireFrame): 'close' | 'stay' | 'either' {
  if (frame.binary) return 'close'
  let value: unknown
  try {
    value = JSON.parse(frame.text)
  } catch {
    return 'close'
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'close'
  const r = value as Record<string, unknown>
  const type = 'type' in r ? r.type : 'text'
  if (type !== 'text' && type !== 'update' && type !== 'delete') return 'stay'
  const bodyOk = ['string', 'number', 'undefined'].includes(typeof r.message) || r.message === null
  if (type === 'text') return bodyOk && Number.isFinite(r.message ?? 0) ? 'stay' : 'either'
  const id = r.messageId
  if (typeof id === 'string') {
    if (!isUuid(id)) return 'close'
  } else if (!(id === undefined || id === null || (Number.isInteger(id) && (id as number) >= 0)))
    return 'either'
  return bodyOk && Number.isFinite(r.message ?? 0) ? 'stay' : 'either'
}

// ---------------------------------------------------------------------------------------------
// Generators

const anyId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constantFrom('', 'not-a-uuid', '00000000-0000-0000-0000-00000000000g', 42, -1, 1.5, true),
  fc.jsonValue({ maxDepth: 1 }),
)
const anyBody = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', 'x'.repeat(501), '😀'.repeat(500), '\u0000', 7, 1.5, null, true),
  fc.jsonValue({ maxDepth: 1 }),
)
const objectFrame = fc
  .record(
    {
      type: fc.oneof(fc.constantFrom('text', 'update', 'delete', 'typing', 'TEXT', ''), anyBody),
      message: anyBody,
      messageId: anyId,
      timestamp: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        anyBody,
      ),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.stringify(o))
const wireFrame: fc.Arbitrary<WireFrame> = fc.oneof(
  { arbitrary: objectFrame.map((text) => ({ binary: false as const, text })), weight: 6 },
  fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.json(),
      objectFrame.chain((t) => fc.nat(t.length).map((n) => t.slice(0, n))),
      fc.constantFrom(
        '',
        '{',
        'null',
        '[]',
        '"text"',
        '{"type":"text","message":"a"}}',
        '\ufeff{}',
      ),
    )
    .map((text) => ({ binary: false as const, text })),
  fc.uint8Array({ maxLength: 20 }).map((bytes) => ({ binary: true as const, bytes })),
)

// ---------------------------------------------------------------------------------------------

describe.skipIf(external)('chat socket under random frames', () => {
  let ts: TestServer
  let aliceToken: string
  let bobToken: string
  /** Bystanders: open for the whole suite, never the target of anything. */
  let alice: SocketProbe
  let bob: SocketProbe

  beforeAll(async () => {
    ts = await startTestServer()
    aliceToken = (await signedIn(ts.url, 'alice')).token
    bobToken = (await signedIn(ts.url, 'bob')).token
    alice = await mustOpen(ts.url, 'alice', 'general', aliceToken)
    bob = await mustOpen(ts.url, 'alice', 'general', bobToken)
  })
  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close()])
    await ts?.dispose()
  })

  /** The bystanders still talk to each other, and neither was ever closed. */
  async function bystandersChat(): Promise<void> {
    const body = uniqueBody('bystander')
    alice.send({ type: 'text', message: body })
    const match = (f: Record<string, unknown>) => f.action === 'new' && f.body === body
    await Promise.all([
      alice.nextMatching(match, `alice's echo of ${body}`),
      bob.nextMatching(match, `bob receiving ${body}`),
    ])
    expect(alice.closed).toBeNull()
    expect(bob.closed).toBeNull()
  }

  function send(probe: SocketProbe, frame: WireFrame): void {
    if (frame.binary) probe.ws.send(frame.bytes, { binary: true })
    else probe.ws.send(frame.text)
  }

  it('closes exactly the offending connection; everyone else keeps chatting', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(wireFrame, { minLength: 1, maxLength: 6 }), async (frames) => {
        const attacker = await mustOpen(ts.url, 'alice', 'general', bobToken)
        const verdicts = frames.map(verdict)
        const firstClose = verdicts.indexOf('close')
        const before = verdicts.slice(0, firstClose < 0 ? undefined : firstClose)
        for (const frame of frames) send(attacker, frame)
        if (firstClose >= 0 && before.every((v) => v === 'stay')) {
          const closed = await attacker.waitClose()
          expect(CRASH_CLOSE_CODES).toContain(closed.code)
        } else if (firstClose < 0 && verdicts.every((v) => v === 'stay')) {
          // Still served: its own next message comes back.
          const probe = uniqueBody('after fuzz')
          attacker.send({ type: 'text', message: probe })
          await attacker.nextMatching((f) => f.body === probe, `the attacker's echo of ${probe}`)
          expect(attacker.closed).toBeNull()
        }
        await bystandersChat()
        await attacker.close()
      }),
      { numRuns: 60, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    )
  })

  it('survives a flood of 20,000 junk frames on one connection, then closes it on garbage', async () => {
    const attacker = await mustOpen(ts.url, 'alice', 'general', bobToken)
    const junk = [
      JSON.stringify({ type: 'typing' }),
      JSON.stringify({ type: 'text', message: 'x'.repeat(501) }),
      JSON.stringify({ type: 'delete', messageId: '00000000-0000-4000-8000-000000000000' }),
      JSON.stringify({ type: 'update', messageId: 7, message: 'a' }),
    ]
    for (let i = 0; i < 20_000; i++) attacker.ws.send(junk[i % junk.length]!)
    attacker.ws.send('{not json')
    expect(CRASH_CLOSE_CODES).toContain((await attacker.waitClose(30_000)).code)
    await bystandersChat()
  })

  it('closes a connection that sends an oversized frame with 1009', async () => {
    const attacker = await mustOpen(ts.url, 'alice', 'general', bobToken)
    attacker.ws.send('x'.repeat(1024 * 1024 + 1))
    expect((await attacker.waitClose()).code).toBe(1009)
    await bystandersChat()
  })

  it('answers raw garbage on the port without disturbing the room', async () => {
    const port = new URL(ts.url).port
    const replies = await Promise.all(
      [
        '\u0000\u0001garbage\r\n\r\n',
        'GET /ws/chat/alice/general HTTP/1.1\r\nUpgrade: \r\n\r\n',
      ].map(
        (bytes) =>
          new Promise<string>((resolve) => {
            const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes))
            let text = ''
            socket.on('data', (d: Buffer) => (text += d.toString('latin1')))
            socket.on('error', () => resolve(text))
            socket.on('close', () => resolve(text))
          }),
      ),
    )
    for (const reply of replies) expect(reply).toMatch(/^HTTP\/1\.1 (400|403|500) /)
    await bystandersChat()
  })
})
