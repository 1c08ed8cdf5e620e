import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setChatApi } from '../api/bridge'
import { createFakeChatApi, signedInSession } from '../test-support/fake-chat-api'
import { makeConnection, makeMessage, makeRoom } from '../test-support/messages'
import { applyEvents, applyEventsSafely } from './event-router'
import { useConnectionStore } from './connection'
import { useMessagesStore } from './messages'
import { useNoticesStore } from './notices'
import { useRoomsStore } from './rooms'
import { useSessionStore } from './session'

describe('applyEvents', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setChatApi(createFakeChatApi({ session: signedInSession }))
  })

  it('applies session, rooms and connection events', () => {
    const room = makeRoom()
    applyEvents([
      { kind: 'session-changed', session: signedInSession },
      { kind: 'rooms-reset', rooms: [room] },
      {
        kind: 'connection-changed',
        roomKey: room.key,
        connection: makeConnection({ state: 'reconnecting', attempt: 2 }),
      },
      { kind: 'room-updated', room: { ...room, unread: 3 } },
    ])
    expect(useSessionStore().signedIn).toBe(true)
    expect(useRoomsStore().rooms[0]!.unread).toBe(3)
    // Connection state has one carrier: a room update does not restate it.
    expect(useConnectionStore().of(room.key)).toMatchObject({ state: 'reconnecting', attempt: 2 })
  })

  it('groups a batch of message events into one revision per room', () => {
    const messages = useMessagesStore()
    const [a, b] = [makeMessage(), makeMessage()]
    applyEvents([
      { kind: 'message-upserted', roomKey: 'alice/general', message: a, replaces: null },
      { kind: 'message-upserted', roomKey: 'alice/general', message: b, replaces: null },
      { kind: 'message-removed', roomKey: 'alice/general', id: a.id },
    ])
    expect(messages.changeOf('alice/general')).toMatchObject({ revision: 1, appended: 2 })
    expect(messages.timeline('alice/general').messages).toEqual([b])
  })

  it('keeps order across kinds: a reset after upserts wins', () => {
    const messages = useMessagesStore()
    const fresh = makeMessage()
    applyEvents([
      { kind: 'message-upserted', roomKey: 'r/x', message: makeMessage(), replaces: null },
      { kind: 'messages-reset', roomKey: 'r/x', messages: [fresh] },
    ])
    expect(messages.timeline('r/x').messages).toEqual([fresh])
  })

  it('turns every error event into a toast titled with the room name', () => {
    applyEvents([
      { kind: 'rooms-reset', rooms: [makeRoom()] },
      {
        kind: 'error',
        roomKey: 'alice/general',
        code: 'server',
        message: 'Message exceeds 500 characters.',
      },
      {
        kind: 'error',
        roomKey: null,
        code: 'connection',
        message: 'Connection failed after 5 attempts',
      },
    ])
    expect(useNoticesStore().notices.map((n) => [n.title, n.message])).toEqual([
      ['General', 'Message exceeds 500 characters.'],
      [null, 'Connection failed after 5 attempts'],
    ])
  })

  it('clears rooms and messages when the session ends', () => {
    applyEvents([
      { kind: 'session-changed', session: signedInSession },
      { kind: 'rooms-reset', rooms: [makeRoom()] },
      { kind: 'messages-reset', roomKey: 'alice/general', messages: [makeMessage()] },
      {
        kind: 'session-changed',
        session: { ...signedInSession, status: 'expired', user: null, reason: 'Session expired' },
      },
    ])
    expect(useRoomsStore().rooms).toEqual([])
    expect(useMessagesStore().timeline('alice/general').size).toBe(0)
  })

  it('opens the room main asks for', async () => {
    const fake = createFakeChatApi({
      session: signedInSession,
      history: { 'alice/general': [makeMessage()] },
    })
    setChatApi(fake)
    applyEvents([{ kind: 'open-room-requested', roomKey: 'alice/general' }])
    expect(useRoomsStore().activeKey).toBe('alice/general')
    await Promise.resolve()
    expect(fake.callsOf('openRoom')).toEqual([['alice/general']])
  })

  it('reports a malformed batch instead of throwing', () => {
    applyEventsSafely({ not: 'a list' })
    applyEventsSafely([{ kind: 'nonsense' }])
    expect(useNoticesStore().notices).toHaveLength(2)
  })
})
