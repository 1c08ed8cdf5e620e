/** docs/protocol.md §4 frames: every client frame, every server event and error text, malformed input. */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest'
import { ServerErrorText } from '../../src/shared/frames'
import type { SocketProbe, TestServer } from '../test-support'
import { openSocket, startTestServer } from '../test-support'
import { CRASH_CLOSE_CODES, mustOpen, signedIn, uniqueBody } from '../test-support/fixtures'

let ts: TestServer
let aliceToken: string
let bobToken: string
let alice: SocketProbe
let bob: SocketProbe

beforeAll(async () => {
  ts = await startTestServer()
  aliceToken = (await signedIn(ts.url, 'alice')).token
  bobToken = (await signedIn(ts.url, 'bob')).token
})
afterAll(async () => {
  await ts.dispose()
})
beforeEach(async () => {
  alice = await mustOpen(ts.url, 'alice', 'general', aliceToken)
  bob = await mustOpen(ts.url, 'alice', 'general', bobToken)
})
afterEach(async () => {
  await Promise.all([alice.close(), bob.close()])
})

/** Sends a text message as `who` and returns its `new` event as seen by the sender. */
async function post(who: SocketProbe, body = uniqueBody('msg')) {
  who.send({ type: 'text', message: body })
  return who.nextMatching((f) => f.action === 'new' && f.body === body, `echo of ${body}`)
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/

describe('text', () => {
  it('broadcasts new to the whole room, the sender included, with the exact keys in order', async () => {
    const body = uniqueBody('hello')
    alice.send({ type: 'text', message: body, timestamp: new Date().toISOString() })
    const mine = await alice.next()
    const theirs = await bob.next()
    expect(Object.keys(mine)).toEqual([
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
    ])
    expect(mine).toEqual(theirs)
    expect(mine).toMatchObject({
      type: 'chat_message',
      action: 'new',
      user: 'alice',
      body,
      edited: false,
      userAvatar: null,
    })
    expect(mine.created).toMatch(ISO)
    expect(mine.updated).toMatch(ISO)
  })

  it('writes JSON with ", " and ": " separators (raw frame text)', async () => {
    const raw = new Promise<string>((resolve) =>
      bob.ws.once('message', (d) => resolve(d.toString())),
    )
    const body = uniqueBody('raw')
    alice.send({ type: 'text', message: body })
    const text = await raw
    expect(text.startsWith('{"type": "chat_message", "action": "new", "id": "')).toBe(true)
    expect(text).toContain(`"body": "${body}", "created": "`)
    expect(text.endsWith('"userAvatar": null}')).toBe(true)
  })

  it('a missing type is treated as text', async () => {
    const body = uniqueBody('untyped')
    alice.send({ message: body })
    expect(await alice.next()).toMatchObject({ action: 'new', body })
  })

  it('userAvatar is the storage path for a user with an avatar', async () => {
    const event = await post(bob)
    expect(event.userAvatar).toBe('avatars/bob.png')
  })

  it('the new message appears in GraphQL history', async () => {
    const event = await post(alice)
    const { client } = await signedIn(ts.url, 'alice')
    const r = await client.graphql<{ messages: { id: string; body: string }[] }>(
      '{ messages(hostSlug: "alice", roomSlug: "general") { id body } }',
    )
    expect(r.data?.messages.at(-1)).toEqual({ id: event.id, body: event.body })
  })

  it('500 code points are accepted (emoji count as one)', async () => {
    const body = '😀'.repeat(499) + 'x'
    expect((await post(alice, body)).body).toBe(body)
  })

  it('whitespace-only bodies are accepted', async () => {
    expect((await post(alice, '   ')).body).toBe('   ')
  })

  it('a number is stored as its string', async () => {
    const n = Math.floor(Math.random() * 1e9) + 1
    alice.send({ type: 'text', message: n })
    expect(await alice.nextMatching((f) => f.action === 'new')).toMatchObject({ body: String(n) })
  })

  it('501 code points: "Message exceeds 500 characters." to the sender only', async () => {
    alice.send({ type: 'text', message: '😀'.repeat(501) })
    expect(await alice.next()).toEqual({ error: ServerErrorText.tooLong })
    // Bob's next frame is the following broadcast, not the error.
    const body = uniqueBody('after error')
    alice.send({ type: 'text', message: body })
    expect(await bob.next()).toMatchObject({ action: 'new', body })
  })

  it('an empty body also gets "Message exceeds 500 characters."', async () => {
    alice.send({ type: 'text', message: '' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.tooLong })
  })

  it('a missing body also gets "Message exceeds 500 characters."', async () => {
    alice.send({ type: 'text' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.tooLong })
  })
})

describe('update', () => {
  it('broadcasts update with the exact keys and echoes the messageId verbatim (upper-case stays)', async () => {
    const event = await post(alice)
    const upper = String(event.id).toUpperCase()
    const body = uniqueBody('edited')
    alice.send({ type: 'update', messageId: upper, message: body })
    const mine = await alice.next()
    expect(Object.keys(mine)).toEqual(['type', 'action', 'id', 'body', 'edited', 'updated'])
    expect(mine).toMatchObject({
      type: 'chat_message',
      action: 'update',
      id: upper,
      body,
      edited: true,
    })
    expect(mine.updated).toMatch(ISO)
    expect(await bob.nextMatching((f) => f.action === 'update')).toEqual(mine)
  })

  it('someone else\'s message: "You can only edit your own messages." (sender only)', async () => {
    const event = await post(alice)
    bob.send({ type: 'update', messageId: event.id, message: 'hijack' })
    expect(await bob.nextMatching((f) => 'error' in f)).toEqual({
      error: ServerErrorText.notYourEdit,
    })
    const body = uniqueBody('marker')
    bob.send({ message: body })
    expect(await alice.nextMatching((f) => 'error' in f || f.body === body)).toMatchObject({ body })
  })

  it('an unknown well-formed UUID: "Message not found."', async () => {
    alice.send({ type: 'update', messageId: randomUUID(), message: 'x' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.notFound })
  })

  it('a missing messageId: "Message not found."', async () => {
    alice.send({ type: 'update', message: 'x' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.notFound })
  })

  it('a numeric messageId: "Message not found."', async () => {
    alice.send({ type: 'update', messageId: 42, message: 'x' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.notFound })
  })

  it('an over-long or empty body: "Message exceeds 500 characters."', async () => {
    const event = await post(alice)
    alice.send({ type: 'update', messageId: event.id, message: 'y'.repeat(501) })
    expect(await alice.next()).toEqual({ error: ServerErrorText.tooLong })
    alice.send({ type: 'update', messageId: event.id, message: '' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.tooLong })
  })

  it('history shows the edit', async () => {
    const event = await post(alice)
    const body = uniqueBody('edited in history')
    alice.send({ type: 'update', messageId: event.id, message: body })
    await alice.nextMatching((f) => f.action === 'update')
    const { client } = await signedIn(ts.url, 'bob')
    const r = await client.graphql<{ messages: { id: string; body: string; edited: boolean }[] }>(
      '{ messages(hostSlug: "alice", roomSlug: "general") { id body edited } }',
    )
    expect(r.data?.messages.find((m) => m.id === event.id)).toEqual({
      id: event.id,
      body,
      edited: true,
    })
  })
})

describe('delete', () => {
  it('broadcasts delete {type, action, id} echoing the messageId verbatim', async () => {
    const event = await post(alice)
    const upper = String(event.id).toUpperCase()
    alice.send({ type: 'delete', messageId: upper })
    const mine = await alice.next()
    expect(mine).toEqual({ type: 'chat_message', action: 'delete', id: upper })
    expect(Object.keys(mine)).toEqual(['type', 'action', 'id'])
    expect(await bob.nextMatching((f) => f.action === 'delete')).toEqual(mine)
    // Deleting again: gone.
    alice.send({ type: 'delete', messageId: event.id })
    expect(await alice.next()).toEqual({ error: ServerErrorText.notFound })
  })

  it('someone else\'s message: "You can only delete your own messages."', async () => {
    const event = await post(bob)
    alice.send({ type: 'delete', messageId: event.id })
    expect(await alice.nextMatching((f) => 'error' in f)).toEqual({
      error: ServerErrorText.notYourDelete,
    })
  })

  it('unknown UUID, missing or numeric messageId: "Message not found."', async () => {
    for (const messageId of [randomUUID(), undefined, 7]) {
      alice.send({ type: 'delete', messageId })
      expect(await alice.next()).toEqual({ error: ServerErrorText.notFound })
    }
  })
})

describe('ignored and malformed input', () => {
  it('an unknown type is ignored silently (no reply at all)', async () => {
    alice.send({ type: 'typing', message: 'x' })
    // Frames are handled in order: the next reply belongs to the next request.
    alice.send({ type: 'text', message: '' })
    expect(await alice.next()).toEqual({ error: ServerErrorText.tooLong })
  })

  it.each([
    ['invalid JSON', '{"type": "text", "message": '],
    ['a JSON array', '["text", "hi"]'],
    ['a JSON string', '"hello"'],
    ['JSON null', 'null'],
    [
      'a non-UUID messageId (update)',
      JSON.stringify({ type: 'update', messageId: 'abc', message: 'x' }),
    ],
    ['a non-UUID messageId (delete)', JSON.stringify({ type: 'delete', messageId: '1234' })],
  ])('%s crashes that connection (1006 or 1011); others keep chatting', async (_what, text) => {
    bob.send(text)
    expect(CRASH_CLOSE_CODES).toContain((await bob.waitClose()).code)
    const body = uniqueBody('still alive')
    alice.send({ message: body })
    expect(await alice.next()).toMatchObject({ action: 'new', body })
  })

  it('a binary frame crashes that connection (1006 or 1011)', async () => {
    bob.ws.send(Buffer.from('{"message": "hi"}'), { binary: true })
    expect(CRASH_CLOSE_CODES).toContain((await bob.waitClose()).code)
    expect((await post(alice)).action).toBe('new')
  })

  it('the server process survives and accepts new connections after malformed input', async () => {
    bob.send('not json')
    await bob.waitClose()
    const again = await openSocket(ts.url, 'alice', 'general', bobToken)
    expect(again.ok).toBe(true)
    if (again.ok) {
      const body = uniqueBody('reconnected')
      again.probe.send({ message: body })
      expect(await again.probe.next()).toMatchObject({ body })
      await again.probe.close()
    }
  })

  it('events stay inside their room', async () => {
    const { token } = await signedIn(ts.url, 'bob')
    const priv = await mustOpen(ts.url, 'bob', 'private', token)
    const body = uniqueBody('private only')
    priv.send({ message: body })
    expect(await priv.next()).toMatchObject({ body })
    const marker = uniqueBody('general marker')
    alice.send({ message: marker })
    expect(await bob.next()).toMatchObject({ body: marker })
    await priv.close()
  })
})
