import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setChatApi } from '../api/bridge'
import { type FakeChatApi, createFakeChatApi, signedInSession } from '../test-support/fake-chat-api'
import { makeConnection, makeMessage, makeRoom } from '../test-support/messages'
import { applyEvents } from './event-router'
import { useConnectionStore } from './connection'
import { MAX_NOTICES, NOTICE_TIMEOUT_MS, useNoticesStore } from './notices'
import { useMessagesStore } from './messages'
import { useRoomsStore } from './rooms'
import { useSessionStore } from './session'
import { useSettingsStore } from './settings'
import { bootstrap } from './bootstrap'

let fake: FakeChatApi

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeChatApi()
  setChatApi(fake)
})
afterEach(() => {
  setChatApi(null)
  vi.useRealTimers()
})

describe('session store', () => {
  it('signs in and reports each failure against its field', async () => {
    const session = useSessionStore()
    fake.failNext('signIn', {
      code: 'invalid-credentials',
      message: 'Please enter valid credentials',
    })
    const problem = await session.signIn({
      server: 'http://localhost:8000',
      email: 'a@x',
      password: 'p',
    })
    expect(problem?.field).toBe('credentials')
    expect(
      await session.signIn({ server: 'ftp://localhost', email: 'a@x', password: 'p' }),
    ).toMatchObject({ field: 'server' })
    expect(fake.callsOf('signIn')).toHaveLength(1)
    expect(
      await session.signIn({ server: ' http://localhost:8000 ', email: 'a@x', password: 'p' }),
    ).toBeNull()
    expect(fake.callsOf('signIn')[1]).toEqual([
      { server: 'http://localhost:8000', email: 'a@x', password: 'p' },
    ])
    expect(session.signedIn).toBe(true)
    await session.signOut()
    expect(session.signedIn).toBe(false)
    expect(session.lastServer).toBe('http://localhost:8000')
  })

  it('treats a broken bridge as a failed call, not a crash', async () => {
    setChatApi(null)
    const problem = await useSessionStore().signIn({
      server: 'http://x',
      email: 'a',
      password: 'b',
    })
    expect(problem?.message).toMatch(/bridge/)
  })
})

describe('bootstrap', () => {
  it('subscribes first, then loads the session, rooms and settings', async () => {
    fake.session = signedInSession
    fake.rooms = [makeRoom()]
    const stop = await bootstrap()
    expect(fake.listenerCount()).toBe(1)
    await vi.waitFor(() => expect(useRoomsStore().rooms).toHaveLength(1))
    expect(fake.callsOf('getSettings')).toHaveLength(1)
    stop()
    expect(fake.listenerCount()).toBe(0)
  })
})

describe('rooms store', () => {
  it("opens a room: the history arrives as main's event; reading it is left to main", async () => {
    const m = makeMessage()
    fake.history['alice/general'] = [m]
    fake.onEvents((events) => applyEvents(events))
    const rooms = useRoomsStore()
    rooms.reset([makeRoom({ unread: 2 })])
    const opening = rooms.open('alice/general')
    expect(rooms.opening).toBe('alice/general')
    expect(await opening).toBe(true)
    expect(rooms.active?.name).toBe('General')
    expect(rooms.opening).toBeNull()
    expect(useMessagesStore().timeline('alice/general').messages).toEqual([m])
    expect(fake.calls.map((c) => c.method)).toEqual(['openRoom'])
  })

  it('a fresh window reads rooms and connection states once; events keep them current', async () => {
    fake.rooms = [makeRoom()]
    fake.connections = { 'alice/general': makeConnection({ state: 'reconnecting', attempt: 1 }) }
    const rooms = useRoomsStore()
    await rooms.load()
    expect(useConnectionStore().of('alice/general').state).toBe('reconnecting')
    applyEvents([
      { kind: 'connection-changed', roomKey: 'alice/general', connection: makeConnection() },
      { kind: 'room-updated', room: makeRoom({ unread: 4 }) },
    ])
    expect(useConnectionStore().of('alice/general').state).toBe('connected')
    expect(rooms.rooms[0]!.unread).toBe(4)
    applyEvents([{ kind: 'rooms-reset', rooms: [] }])
    expect(useConnectionStore().byRoom).toEqual({})
  })

  it('shows a toast when a room will not open', async () => {
    fake.failNext('openRoom', { code: 'not-found', message: 'Room not found' })
    expect(await useRoomsStore().open('x/y')).toBe(false)
    expect(useNoticesStore().notices[0]!.message).toContain('Room not found')
  })

  it('browses and joins, then opens the joined room', async () => {
    const other = makeRoom({ host: 'carol', slug: 'algebra', name: 'Algebra', joined: false })
    fake.browsable = [other]
    const rooms = useRoomsStore()
    expect(await rooms.browse('alg')).toEqual([other])
    expect(await rooms.join(other)).toBeNull()
    expect(rooms.activeKey).toBe('carol/algebra')
    expect(rooms.joined.map((r) => r.key)).toEqual(['carol/algebra'])
    fake.failNext('joinRoom', { code: 'forbidden', message: 'nope' })
    expect(await rooms.join(other)).toBe('nope')
  })

  it('forgets a removed room and closes it if open', () => {
    const rooms = useRoomsStore()
    rooms.reset([makeRoom()])
    rooms.activeKey = 'alice/general'
    rooms.removeRoom('alice/general')
    expect(rooms.activeKey).toBeNull()
    expect(rooms.rooms).toEqual([])
  })
})

describe('messages store', () => {
  it('passes every action to main and toasts failures', async () => {
    const messages = useMessagesStore()
    expect(await messages.send('alice/general', 'hi')).toBe(true)
    await messages.edit('alice/general', 'id-1', 'new')
    await messages.retry('alice/general', 'c-1')
    await messages.discard('alice/general', 'c-1')
    fake.failNext('deleteMessage', { code: 'not-found', message: 'Message not found.' })
    expect(await messages.remove('alice/general', 'id-1')).toBe(false)
    expect(fake.calls.map((c) => c.method)).toEqual([
      'sendMessage',
      'editMessage',
      'retryMessage',
      'discardMessage',
      'deleteMessage',
    ])
    expect(useNoticesStore().notices[0]!.message).toBe("Couldn't delete: Message not found.")
  })

  it('reports appended own messages so the list follows them', () => {
    const messages = useMessagesStore()
    const pending = makeMessage({ id: 'c-9', clientId: 'c-9', own: true, status: 'pending' })
    messages.applyBatch('r/x', [{ kind: 'upsert', message: pending, replaces: null }])
    expect(messages.changeOf('r/x')).toMatchObject({ appended: 1, appendedOwn: true })
    const confirmed = makeMessage({ clientId: 'c-9', own: true, created: pending.created + 1 })
    messages.applyBatch('r/x', [{ kind: 'upsert', message: confirmed, replaces: 'c-9' }])
    expect(messages.changeOf('r/x')).toMatchObject({ revision: 2, appended: 0, appendedOwn: true })
    messages.applyBatch('r/x', [{ kind: 'remove', id: 'nope' }])
    expect(messages.changeOf('r/x').revision).toBe(2)
  })
})

describe('notices store', () => {
  it('dismisses itself, collapses repeats and caps the stack', () => {
    vi.useFakeTimers()
    const notices = useNoticesStore()
    notices.push('error', 'a')
    notices.push('error', 'a')
    expect(notices.notices).toEqual([expect.objectContaining({ message: 'a', repeat: 2 })])
    for (let i = 0; i < MAX_NOTICES + 2; i++) notices.push('error', `n${i}`)
    expect(notices.notices).toHaveLength(MAX_NOTICES)
    vi.advanceTimersByTime(NOTICE_TIMEOUT_MS)
    expect(notices.notices).toHaveLength(0)
  })

  it('holds a toast while it is hovered or focused', () => {
    vi.useFakeTimers()
    const notices = useNoticesStore()
    const id = notices.push('info', 'x')
    notices.hold(id)
    vi.advanceTimersByTime(NOTICE_TIMEOUT_MS * 2)
    expect(notices.notices).toHaveLength(1)
    notices.release(id)
    vi.advanceTimersByTime(NOTICE_TIMEOUT_MS)
    expect(notices.notices).toHaveLength(0)
  })
})

describe('settings store', () => {
  it('saves the notification switch and reverts it when main refuses', async () => {
    const settings = useSettingsStore()
    await settings.setMessageNotifications(false)
    expect(settings.settings.messageNotifications).toBe(false)
    fake.failNext('updateSettings', { code: 'internal', message: 'disk full' })
    await settings.setMessageNotifications(true)
    expect(settings.settings.messageNotifications).toBe(false)
    expect(useNoticesStore().notices[0]!.message).toContain('disk full')
  })
})
