/** The chat service against the real local server (or EDUSPHERE_URL) with real sockets. */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../../../../server/test-support'
import { demoUsers, startTestServer } from '../../../../server/test-support'
import { AppError } from '../../../shared/errors'
import { EduSphereApi } from '../session/edusphere-api'
import type { TestClient } from '../test-support/chat-harness'
import { createTestClient, signedInClient } from '../test-support/chat-harness'

const GENERAL = 'alice/general'
const { alice, bob, carol } = demoUsers

let server: TestServer
const clients: TestClient[] = []
const track = (c: TestClient) => (clients.push(c), c)

beforeAll(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()))
})
afterAll(async () => {
  await server.dispose()
})

describe('chat service: sign in, rooms, history', () => {
  it('signs in, lists joined rooms and connects each of them', async () => {
    const c = track(createTestClient(server.url))
    expect(c.service.getSession()).toMatchObject({ status: 'signed-out', server: server.url })
    const session = await c.service.signIn({ server: server.url, ...pick(alice) })
    expect(session).toMatchObject({ status: 'signed-in', user: { username: 'alice' } })
    expect(JSON.stringify(session)).not.toMatch(/eyJ/) // no token ever reaches the renderer
    const rooms = await c.service.listRooms()
    expect(rooms.map((r) => r.key)).toContain(GENERAL)
    expect(rooms.map((r) => r.key)).not.toContain('bob/private')
    const general = rooms.find((r) => r.key === GENERAL)
    expect(general).toMatchObject({ name: 'General', host: 'alice', topic: 'Math', joined: true })
    expect(general?.participants).toEqual(expect.arrayContaining(['alice', 'bob']))
    await c.waitFor(() => c.service.trayState().connection === 'connected', 'every room connected')
    // The renderer's events come in batches on a timer, and a busy machine can connect every
    // socket before that timer fires: wait for what the renderer sees instead of assuming it.
    await c.waitFor(
      () => c.events.some((e) => e.kind === 'rooms-reset' && e.rooms.length > 0),
      'the rooms reaching the renderer',
    )
    await c.waitFor(() => c.session()?.status === 'signed-in', 'the session reaching the renderer')
    expect(c.service.trayState()).toMatchObject({ signedIn: true, unreadTotal: 0 })

    c.service.requestOpenRoom(GENERAL)
    c.service.requestOpenRoom('nobody/nowhere') // not joined: ignored
    await c.waitFor(
      () => c.events.filter((e) => e.kind === 'open-room-requested').length === 1,
      'open-room-requested',
    )
    expect(c.events.filter((e) => e.kind === 'open-room-requested')).toEqual([
      { kind: 'open-room-requested', roomKey: GENERAL },
    ])
  })

  it('rejects wrong credentials with a typed error and stays signed out', async () => {
    const c = track(createTestClient(server.url))
    await expect(
      c.service.signIn({ server: server.url, email: alice.email, password: 'wrong' }),
    ).rejects.toMatchObject({ code: 'invalid-credentials' })
    expect((await c.service.getSession()).status).toBe('signed-out')
  })

  it('opens a room with its whole history, oldest first, with avatars as media URLs', async () => {
    const c = track(createTestClient(server.url))
    await c.service.signIn({ server: server.url, ...pick(alice) })
    await c.waitFor(() => c.service.trayState().connection === 'connected', 'rooms connected')
    // Joined rooms that nobody opened send no history and no message events.
    expect(c.events.filter((e) => e.kind.startsWith('message'))).toEqual([])
    expect(await c.service.openRoom(GENERAL)).toBeNull()
    const reset = await c.waitFor(
      () => c.events.find((e) => e.kind === 'messages-reset' && e.roomKey === GENERAL),
      'the history of General, as an event',
    )
    if (reset.kind !== 'messages-reset') throw new Error('expected a reset')
    const messages = reset.messages
    expect(c.events.filter((e) => e.kind === 'messages-reset')).toHaveLength(1)
    const fromServer = await new EduSphereApi(server.url).history(null, 'alice', 'general')
    expect(messages.filter((m) => m.status === 'confirmed').map((m) => m.id)).toEqual(
      fromServer.map((m) => m.id),
    )
    const byBob = messages.find((m) => m.author.username === 'bob')
    if (byBob) expect(byBob.author.avatarUrl).toBe('/avatar/avatars%2Fbob.png')
    const byAlice = messages.find((m) => m.author.username === 'alice')
    if (byAlice) expect(byAlice).toMatchObject({ own: true, author: { avatarUrl: null } })
    await expect(c.service.openRoom('bob/private')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('browses rooms with a joined flag and joins one, which then connects', async () => {
    const c = track(createTestClient(server.url))
    await c.service.signIn({ server: server.url, ...pick(carol) })
    const found = await c.service.browseRooms({ search: '' })
    const priv = found.find((r) => r.key === 'bob/private')
    if (!priv) throw new Error('bob/private missing from browse')
    // An external server keeps carol's membership from an earlier run.
    if (!server.external) expect(priv.joined).toBe(false)
    const joined = await c.service.joinRoom(priv.key)
    expect(joined).toMatchObject({ key: 'bob/private', joined: true })
    expect((await c.service.listRooms()).map((r) => r.key)).toContain('bob/private')
    await c.waitFor(() => c.connection('bob/private') === 'connected', 'joined room connected')
  })

  it('signing out closes every socket and clears rooms and messages', async () => {
    const c = track(await signedInClient(server.url, alice.email, alice.password, GENERAL))
    await c.service.signOut()
    expect((await c.service.getSession()).status).toBe('signed-out')
    expect(await c.service.listRooms()).toEqual([])
    expect(c.service.trayState()).toMatchObject({
      signedIn: false,
      rooms: [],
      connection: 'disconnected',
    })
    await c.waitFor(() => c.connection(GENERAL) === 'disconnected', 'socket closed')
    await expect(c.service.openRoom(GENERAL)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('reports a room list that failed to load, and loads it again on nudge', async () => {
    let failures = 1
    class FlakyApi extends EduSphereApi {
      override async joinedRooms(token: string, username: string) {
        if (failures-- > 0) throw new AppError('unreachable', 'Cannot reach the server (test).')
        return super.joinedRooms(token, username)
      }
    }
    const c = track(createTestClient(server.url, { createApi: (base) => new FlakyApi(base) }))
    await c.service.signIn({ server: server.url, ...pick(alice) })
    expect(await c.service.listRooms()).toEqual([])
    await c.waitFor(
      () => c.events.find((e) => e.kind === 'error' && e.code === 'unreachable'),
      'the room list error',
    )
    c.service.nudge()
    await c.waitFor(() => c.service.trayState().rooms.length > 0, 'rooms loaded after nudge')
  })

  it('switching accounts drops the old rooms and loads the new ones', async () => {
    const c = track(await signedInClient(server.url, alice.email, alice.password, GENERAL))
    await c.service.signIn({ server: server.url, ...pick(bob) })
    const keys = (await c.service.listRooms()).map((r) => r.key)
    expect(keys).toEqual(expect.arrayContaining([GENERAL, 'bob/private']))
    expect(c.service.trayState().activeRoomKey).toBeNull()
    await c.waitFor(() => c.service.trayState().connection === 'connected', 'bob connected')
  })

  it('keeps settings in memory and opens only http(s) links', async () => {
    const c = track(createTestClient(server.url))
    expect(await c.service.getSettings()).toEqual({
      messageNotifications: true,
      mentionNotifications: true,
      locale: 'system',
      systemLocale: 'en',
      logLevel: 'info',
    })
    expect(await c.service.updateSettings({ messageNotifications: false })).toEqual({
      messageNotifications: false,
      mentionNotifications: true,
      locale: 'system',
      systemLocale: 'en',
      logLevel: 'info',
    })
    expect(await c.service.updateSettings({ logLevel: 'debug' })).toMatchObject({
      logLevel: 'debug',
    })
    await c.service.openExternal('https://example.org/a?b=1')
    expect(() => c.service.openExternal('file:///etc/passwd')).toThrow(/http/)
    expect(() => c.service.openExternal('javascript:alert(1)')).toThrow(/http/)
    expect(c.opened).toEqual(['https://example.org/a?b=1'])
  })
})

describe('chat service: two clients', () => {
  it('sends, edits and deletes with both sides updating, and unread/notifications for the other', async () => {
    const a = track(await signedInClient(server.url, alice.email, alice.password, GENERAL))
    const b = track(await signedInClient(server.url, bob.email, bob.password, GENERAL))
    await b.service.openRoom('bob/private') // general is no longer bob's active room

    const body = `hello bob ${randomUUID()}`
    const { clientId } = await a.service.sendMessage(GENERAL, body)
    await a.waitFor(
      () =>
        a.events.some(
          (e) =>
            e.kind === 'message-upserted' &&
            e.message.id === clientId &&
            e.message.status === 'pending',
        ),
      'the pending message',
    )
    const seenByBob = await b.waitFor(
      () => b.messages(GENERAL).find((m) => m.body === body),
      'bob sees it',
    )
    expect(seenByBob).toMatchObject({
      own: false,
      author: { username: 'alice' },
      status: 'confirmed',
    })
    const confirmed = await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.clientId === clientId && m.status === 'confirmed'),
      'alice sees her echo',
    )
    expect(confirmed.id).toBe(seenByBob.id)
    expect(a.messages(GENERAL).filter((m) => m.body === body)).toHaveLength(1)
    await b.waitFor(
      () => (b.service.trayState().rooms.find((r) => r.key === GENERAL)?.unread ?? 0) > 0,
      'unread',
    )
    // The service hands the policy its one copy of the setting and the signed-in user.
    expect(b.notified).toContainEqual(
      expect.objectContaining({
        kind: 'message',
        body,
        chat: {
          activeRoom: 'bob/private',
          messageNotifications: true,
          mentionNotifications: true,
          selfUsername: 'bob',
        },
      }),
    )
    expect(a.notified.filter((n) => n.kind === 'message' && n.body === body)).toEqual([])

    await a.service.editMessage(GENERAL, confirmed.id, `${body} (edited)`)
    await b.waitFor(
      () =>
        b
          .messages(GENERAL)
          .find((m) => m.id === confirmed.id && m.edited && m.body.endsWith('(edited)')),
      'bob sees the edit',
    )
    await a.waitFor(
      () =>
        a
          .messages(GENERAL)
          .find((m) => m.id === confirmed.id && m.edited && m.pendingAction === null),
      'alice sees her edit confirmed',
    )

    expect(() => b.service.editMessage(GENERAL, confirmed.id, 'not mine')).toThrow(
      'You can only edit your own messages.',
    )

    await a.service.deleteMessage(GENERAL, confirmed.id.toUpperCase())
    await b.waitFor(
      () => !b.messages(GENERAL).some((m) => m.id === confirmed.id),
      'bob sees the delete',
    )
    await a.waitFor(
      () => !a.messages(GENERAL).some((m) => m.id === confirmed.id),
      'alice sees the delete',
    )

    // Opening the room in a focused window reads it (main decides; the renderer only opens).
    await b.service.openRoom(GENERAL)
    expect(b.service.trayState().rooms.find((r) => r.key === GENERAL)?.unread).toBe(0)

    // The active room collects unread only while bob's window is unfocused.
    await a.service.sendMessage(GENERAL, `seen at once ${randomUUID()}`)
    const hiddenBody = `while hidden ${randomUUID()}`
    await b.waitFor(
      () => b.messages(GENERAL).some((m) => m.body.startsWith('seen at once')),
      'seen',
    )
    expect(b.service.trayState().unreadTotal).toBe(0)
    b.service.setWindowFocused(false)
    await a.service.sendMessage(GENERAL, hiddenBody)
    await b.waitFor(() => b.service.trayState().unreadTotal === 1, 'unread while unfocused')
    // Focus back on the active room: main clears its unread.
    b.service.setWindowFocused(true)
    expect(b.service.trayState().unreadTotal).toBe(0)
  })

  it("rejects a body over 500 code points locally with the server's text", async () => {
    const a = track(await signedInClient(server.url, alice.email, alice.password, GENERAL))
    expect(() => a.service.sendMessage(GENERAL, 'x'.repeat(501))).toThrow(
      'Message exceeds 500 characters.',
    )
    const ok = await a.service.sendMessage(GENERAL, '😀'.repeat(500))
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.clientId === ok.clientId && m.status === 'confirmed'),
      '500 emoji confirmed',
    )
  })
})

function pick(user: { email: string; password: string }) {
  return { email: user.email, password: user.password }
}
