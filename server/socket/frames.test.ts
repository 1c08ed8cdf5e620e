/** The consumer logic without sockets: exact frame bytes and every branch of docs/protocol.md §4. */
import { beforeEach, describe, expect, it } from 'vitest'
import { decodeServerFrame, ServerErrorText } from '../../src/shared/frames'
import { PasswordHasher } from '../auth/passwords'
import { SignInThrottle } from '../auth/sign-in-throttle'
import { createMicrosClock } from '../clock'
import type { ServerContext } from '../context'
import type { RoomRow, UserRow } from '../store/db'
import { openDatabase, Store } from '../store/db'
import { Directory } from '../store/db-directory'
import { MediaStore } from '../store/media-store'
import { InlineMessageWriter } from '../store/message-writer'
import type { ChatSession, FrameOutcome } from './frames'
import {
  deleteMessageFrame,
  errorFrame,
  handleClientFrame,
  newMessageFrame,
  updateMessageFrame,
} from './frames'

const T0 = Date.UTC(2026, 10, 25, 17, 58, 0) * 1000

function user(username: string, avatar = ''): UserRow {
  return {
    id: `00000000-0000-4000-8000-${username.padStart(12, '0')}`,
    email: `${username}@example.com`,
    username,
    name: username,
    password: 'scrypt$x',
    avatar,
    bio: '',
  }
}

let ctx: ServerContext
let alice: ChatSession
let bob: ChatSession

beforeEach(() => {
  const store = new Store(openDatabase(':memory:'))
  const a = store.insertUser(user('alice'))
  const b = store.insertUser(user('bob', 'avatars/bob.png'))
  const room: RoomRow = {
    id: '11111111-1111-4111-8111-111111111111',
    host_id: a.id,
    topic_id: null,
    name: 'General',
    slug: 'general',
    description: null,
    created: T0,
    updated: T0,
  }
  store.insertRoom(room)
  ctx = {
    store,
    directory: new Directory(store.db),
    media: new MediaStore('/nonexistent/edusphere-media'),
    writer: new InlineMessageWriter(store),
    passwords: new PasswordHasher({ cost: 2 ** 10 }),
    signIns: new SignInThrottle(Date.now),
    secret: 'k',
    tokenTtl: 600,
    refreshTtl: 3600,
    nowMs: Date.now,
    micros: createMicrosClock(),
  }
  alice = { user: a, room }
  bob = { user: b, room }
})

function run(session: ChatSession, frame: unknown): Promise<FrameOutcome> {
  return Promise.resolve(
    handleClientFrame(ctx, session, typeof frame === 'string' ? frame : JSON.stringify(frame)),
  )
}

async function broadcastOf(pending: Promise<FrameOutcome>): Promise<Record<string, unknown>> {
  const outcome = await pending
  if (outcome.kind !== 'broadcast')
    throw new Error(`expected a broadcast, got ${JSON.stringify(outcome)}`)
  return JSON.parse(outcome.frame) as Record<string, unknown>
}

describe('frame text, byte for byte', () => {
  it('new', async () => {
    const text = newMessageFrame(
      {
        id: 'm1',
        room_id: 'r',
        user_id: 'u1',
        body: 'héllo',
        edited: 0,
        created: T0 + 657039,
        updated: T0 + 657036,
      },
      user('bob', 'avatars/bob.png'),
    )
    expect(text).toBe(
      '{"type": "chat_message", "action": "new", "id": "m1", "user": "bob", "user_id": "00000000-0000-4000-8000-000000000bob", ' +
        '"body": "h\\u00e9llo", "created": "2026-11-25T17:58:00.657039+00:00", "edited": false, ' +
        '"updated": "2026-11-25T17:58:00.657036+00:00", "userAvatar": "avatars/bob.png"}',
    )
    expect(decodeServerFrame(text).ok).toBe(true)
  })
  it('new without an avatar has userAvatar null', async () => {
    const text = newMessageFrame(
      { id: 'm', room_id: 'r', user_id: 'u', body: 'x', edited: 0, created: T0, updated: T0 },
      user('alice'),
    )
    expect(text).toContain('"created": "2026-11-25T17:58:00+00:00"')
    expect(text.endsWith('"userAvatar": null}')).toBe(true)
  })
  it('update, delete and error', async () => {
    expect(updateMessageFrame('ABC', 'x', T0 + 1)).toBe(
      '{"type": "chat_message", "action": "update", "id": "ABC", "body": "x", "edited": true, "updated": "2026-11-25T17:58:00.000001+00:00"}',
    )
    expect(deleteMessageFrame('ABC')).toBe(
      '{"type": "chat_message", "action": "delete", "id": "ABC"}',
    )
    expect(errorFrame(ServerErrorText.notFound)).toBe('{"error": "Message not found."}')
  })
})

describe('handleClientFrame', () => {
  it('text: stores and broadcasts; updated is a hair earlier than created, like Django', async () => {
    const event = await broadcastOf(run(alice, { type: 'text', message: 'hi' }))
    expect(event).toMatchObject({
      action: 'new',
      user: 'alice',
      body: 'hi',
      edited: false,
      userAvatar: null,
    })
    expect(String(event.updated) < String(event.created)).toBe(true)
    expect(ctx.store.messages(alice.room.id).map((m) => m.body)).toEqual(['hi'])
  })

  it('a missing type is text; null or unknown types are ignored', async () => {
    expect((await broadcastOf(run(alice, { message: 'x' }))).action).toBe('new')
    expect(await run(alice, { type: null, message: 'x' })).toEqual({ kind: 'ignore' })
    expect(await run(alice, { type: 'typing' })).toEqual({ kind: 'ignore' })
    expect(await run(alice, { type: 7 })).toEqual({ kind: 'ignore' })
  })

  it('bodies: numbers become strings; missing/null/empty/501 get "exceeds"', async () => {
    expect((await broadcastOf(run(alice, { message: 12.5 }))).body).toBe('12.5')
    for (const message of [undefined, null, '', 'x'.repeat(501)])
      expect(await run(alice, { message })).toEqual({
        kind: 'error',
        frame: errorFrame(ServerErrorText.tooLong),
      })
  })

  it.each([
    ['invalid JSON', '{'],
    ['an array', '[]'],
    ['a number', '5'],
    ['null', 'null'],
    ['a boolean body', { message: true }],
    ['an object body', { message: { a: 1 } }],
    ['a non-UUID messageId', { type: 'delete', messageId: 'nope' }],
    ['an object messageId', { type: 'delete', messageId: {} }],
    ['a negative messageId', { type: 'delete', messageId: -1 }],
  ])('%s is malformed', async (_what, frame) => {
    expect((await run(alice, frame)).kind).toBe('malformed')
  })

  it('update/delete: missing, numeric or unknown ids are "Message not found."', async () => {
    const notFound = { kind: 'error', frame: errorFrame(ServerErrorText.notFound) }
    for (const messageId of [undefined, null, 3, '00000000-0000-4000-8000-000000000000']) {
      expect(await run(alice, { type: 'update', messageId, message: 'x' })).toEqual(notFound)
      expect(await run(alice, { type: 'delete', messageId })).toEqual(notFound)
    }
  })

  it('update/delete of own message echo the id verbatim; of others are refused', async () => {
    const id = String((await broadcastOf(run(alice, { message: 'mine' }))).id)
    expect(await run(bob, { type: 'update', messageId: id, message: 'x' })).toEqual({
      kind: 'error',
      frame: errorFrame(ServerErrorText.notYourEdit),
    })
    expect(await run(bob, { type: 'delete', messageId: id })).toEqual({
      kind: 'error',
      frame: errorFrame(ServerErrorText.notYourDelete),
    })
    const updated = await broadcastOf(
      run(alice, { type: 'update', messageId: id.toUpperCase(), message: 'new' }),
    )
    expect(updated).toMatchObject({
      action: 'update',
      id: id.toUpperCase(),
      body: 'new',
      edited: true,
    })
    expect(ctx.store.messageInRoom(id, alice.room.id)).toMatchObject({ body: 'new', edited: 1 })
    expect(await broadcastOf(run(alice, { type: 'delete', messageId: id.toUpperCase() }))).toEqual({
      type: 'chat_message',
      action: 'delete',
      id: id.toUpperCase(),
    })
    expect(ctx.store.messages(alice.room.id)).toEqual([])
  })

  it('malformed input and errors are decided synchronously; writes settle after the commit', () => {
    expect(handleClientFrame(ctx, alice, '[]')).toEqual({
      kind: 'malformed',
      reason: 'frame is not a JSON object',
    })
    expect(handleClientFrame(ctx, alice, '{"message": ""}')).toMatchObject({ kind: 'error' })
    expect(handleClientFrame(ctx, alice, '{"message": "x"}')).toBeInstanceOf(Promise)
  })

  it('a delete queued before an update of the same message makes the update "Message not found."', async () => {
    const id = String((await broadcastOf(run(alice, { message: 'twice' }))).id)
    const del = run(alice, { type: 'delete', messageId: id })
    const upd = run(alice, { type: 'update', messageId: id, message: 'late' })
    expect((await del).kind).toBe('broadcast')
    expect(await upd).toEqual({ kind: 'error', frame: errorFrame(ServerErrorText.notFound) })
  })

  it('update checks the lookup first: a non-UUID id (the empty string too) is malformed whatever the body', async () => {
    for (const messageId of ['', 'nope'])
      for (const message of ['', undefined, 'x'.repeat(501), 'fine'])
        expect((await run(alice, { type: 'update', messageId, message })).kind).toBe('malformed')
  })

  it('update: a missing id is "Message not found." even with a bad body', async () => {
    expect(await run(alice, { type: 'update' })).toEqual({
      kind: 'error',
      frame: errorFrame(ServerErrorText.notFound),
    })
    expect(await run(alice, { type: 'update', message: 'x'.repeat(501) })).toEqual({
      kind: 'error',
      frame: errorFrame(ServerErrorText.notFound),
    })
  })

  it('update checks the owner before the body; the body last', async () => {
    const id = String((await broadcastOf(run(alice, { message: 'owned' }))).id)
    expect(await run(bob, { type: 'update', messageId: id, message: '' })).toEqual({
      kind: 'error',
      frame: errorFrame(ServerErrorText.notYourEdit),
    })
    expect(await run(alice, { type: 'update', messageId: id, message: '' })).toEqual({
      kind: 'error',
      frame: errorFrame(ServerErrorText.tooLong),
    })
  })
})
