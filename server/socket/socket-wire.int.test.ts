/**
 * docs/protocol.md §4 and §4b, the socket's wire details: the order of checks of update/delete, how a
 * crash looks to the client, permessage-deflate, and the exact HTTP answers to refused upgrades.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerErrorText } from '../../src/shared/frames'
import type { TestServer } from '../test-support'
import { EXTERNAL_SKIP_REASON, startTestServer } from '../test-support'
import {
  CRASH_CLOSE_CODES,
  mustOpen,
  signedIn,
  skipBecause,
  uniqueBody,
} from '../test-support/fixtures'
import { rawUpgrade } from '../test-support/raw-upgrade'
import type { SocketProbe } from '../test-support/socket-probe'

let ts: TestServer
let aliceToken: string
let bobToken: string
beforeAll(async () => {
  ts = await startTestServer()
  aliceToken = (await signedIn(ts.url, 'alice')).token
  bobToken = (await signedIn(ts.url, 'bob')).token
})
afterAll(async () => {
  await ts.dispose()
})

/** Posts a message as `who` and returns its id. */
async function post(who: SocketProbe): Promise<string> {
  const body = uniqueBody('wire')
  who.send({ type: 'text', message: body })
  const event = await who.nextMatching((f) => f.action === 'new' && f.body === body, body)
  return String(event.id)
}

describe('order of checks (update: lookup, owner, body; delete: lookup, owner)', () => {
  it('regression: {"type":"update","messageId":""} drops the socket, with no "exceeds" answer', async () => {
    const alice = await mustOpen(ts.url, 'alice', 'general', aliceToken)
    alice.send({ type: 'update', messageId: '' })
    const closed = await alice.waitClose()
    expect(CRASH_CLOSE_CODES).toContain(closed.code)
    expect(alice.frames).toEqual([])
  })

  it('{"type":"update"} answers "Message not found." (the lookup comes before the body)', async () => {
    const alice = await mustOpen(ts.url, 'alice', 'general', aliceToken)
    alice.send({ type: 'update' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.notFound })
    alice.send({ type: 'update', messageId: randomUUID(), message: '' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.notFound })
    await alice.close()
  })

  it('a non-UUID messageId with a valid body drops the socket', async () => {
    const alice = await mustOpen(ts.url, 'alice', 'general', aliceToken)
    alice.send({ type: 'update', messageId: 'nope', message: 'fine' })
    expect(CRASH_CLOSE_CODES).toContain((await alice.waitClose()).code)
  })

  it("someone else's message: the owner check comes before the body", async () => {
    const bob = await mustOpen(ts.url, 'alice', 'general', bobToken)
    const alice = await mustOpen(ts.url, 'alice', 'general', aliceToken)
    const id = await post(bob)
    alice.send({ type: 'update', messageId: id, message: '' })
    expect(await alice.nextMatching((f) => 'error' in f)).toEqual({
      error: ServerErrorText.notYourEdit,
    })
    alice.send({ type: 'delete', messageId: id })
    expect(await alice.nextMatching((f) => 'error' in f)).toEqual({
      error: ServerErrorText.notYourDelete,
    })
    // Own message, bad body: only now does the body count.
    bob.send({ type: 'update', messageId: id, message: '' })
    expect(await bob.nextMatching((f) => 'error' in f)).toEqual({
      error: ServerErrorText.tooLong,
    })
    await Promise.all([alice.close(), bob.close()])
  })
})

describe('a crash drops the connection', () => {
  it('without a close frame (1006), after the replies to earlier frames', async (ctx) => {
    // daphne would close with 1011: this pins the uvicorn behaviour of the local server only.
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const alice = await mustOpen(ts.url, 'alice', 'general', aliceToken)
    alice.send({ message: '' })
    alice.send('not json')
    expect(await alice.next()).toEqual({ error: ServerErrorText.tooLong })
    expect((await alice.waitClose()).code).toBe(1006)
  })
})

describe('permessage-deflate', () => {
  it('is negotiated when the client offers it, and frames still flow', async () => {
    const alice = await mustOpen(ts.url, 'alice', 'general', aliceToken, {
      perMessageDeflate: true,
    })
    expect(alice.ws.extensions).toMatch(/^permessage-deflate/)
    await post(alice)
    await alice.close()
  })

  it('is not used when the client does not offer it', async () => {
    const alice = await mustOpen(ts.url, 'alice', 'general', aliceToken)
    expect(alice.ws.extensions).toBe('')
    await alice.close()
  })
})

describe('refused upgrades, byte for byte', () => {
  it('a rejected handshake is 403, content-type text/plain, empty body', async () => {
    const reply = await rawUpgrade(ts.url, '/ws/chat/alice/general')
    expect(reply.status).toBe(403)
    expect(reply.headers['content-type']).toBe('text/plain')
    expect(reply.body).toBe('')
  })

  it('an unknown socket path is 500 "Internal Server Error" (text/plain; charset=utf-8)', async () => {
    const reply = await rawUpgrade(ts.url, '/ws/chat/alice/general/', {
      Cookie: `JWT=${aliceToken}`,
    })
    expect(reply.status).toBe(500)
    expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(reply.body).toBe('Internal Server Error')
  })

  it("a Host outside ALLOWED_HOSTS gets Django's HTML 400 page", async () => {
    const reply = await rawUpgrade(ts.url, '/ws/chat/alice/general', {
      Host: 'not-allowed.example',
      Cookie: `JWT=${aliceToken}`,
    })
    expect(reply.status).toBe(400)
    expect(reply.headers['content-type']).toMatch(/^text\/html/)
    expect(reply.body).toContain('<h1>Bad Request (400)</h1>')
  })
})
