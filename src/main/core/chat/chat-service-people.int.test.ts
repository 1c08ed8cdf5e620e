/**
 * Rooms and people through the chat service, against the real local server: creating a room
 * (joined and connected at once), the host's rename and delete, what another participant sees
 * (the server tells no socket: the room-list sync finds it), room info with avatars, the profile
 * with an avatar upload, and creating an account that is then signed in.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { demoUsers, startTestServer } from '../../../../server/test-support'
import type { TestServer } from '../../../../server/test-support'
import type { ChatEvent } from '../../../shared/ipc-contract'
import { AppError } from '../../../shared/errors'
import type { TestClient } from '../test-support/chat-harness'
import { createTestClient } from '../test-support/chat-harness'
import { TINY_PNG } from '../test-support/tiny-png'
import { roomGoneText } from './service/room-sync'

let ts: TestServer
const clients: TestClient[] = []
beforeAll(async () => {
  ts = await startTestServer()
})
afterEach(async () => {
  for (const c of clients.splice(0)) await c.dispose()
})
afterAll(async () => {
  await ts.dispose()
})

async function client(who: 'alice' | 'bob'): Promise<TestClient> {
  const c = createTestClient(ts.url)
  clients.push(c)
  await c.service.signIn({
    server: ts.url,
    email: demoUsers[who].email,
    password: demoUsers[who].password,
  })
  return c
}

const of = <K extends ChatEvent['kind']>(c: TestClient, kind: K) =>
  c.events.filter((e): e is Extract<ChatEvent, { kind: K }> => e.kind === kind)

async function failure(p: unknown): Promise<AppError> {
  const e = await Promise.resolve(p).then(
    () => null,
    (error: unknown) => error,
  )
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

describe('rooms and people through the chat service', () => {
  it('creates a room: joined, listed, connected, and its info names the host', async () => {
    const alice = await client('alice')
    const name = `Algebra ${randomUUID().slice(0, 6)}`
    const room = await alice.service.createRoom({ name, topic: 'Math', description: 'Proofs' })
    expect(room).toMatchObject({ name, host: 'alice', topic: 'Math', joined: true })
    expect((await alice.service.listRooms()).map((r) => r.key)).toContain(room.key)
    await alice.waitFor(
      () => of(alice, 'room-updated').find((e) => e.room.key === room.key),
      'the new room reaches the renderer',
    )
    await alice.service.openRoom(room.key)
    await alice.waitFor(() => alice.connection(room.key) === 'connected', 'the new room connects')
    const details = await alice.service.getRoomDetails(room.key)
    expect(details).toMatchObject({
      name,
      topic: 'Math',
      description: 'Proofs',
      isHost: true,
      host: { username: 'alice', name: 'Alice', avatarUrl: null },
    })
    expect(details.participants.map((p) => p.username)).toEqual(['alice'])
  })

  it("room info shows participants with the app's avatar URLs", async () => {
    const alice = await client('alice')
    const details = await alice.service.getRoomDetails('alice/general')
    expect(details.isHost).toBe(true)
    const bob = details.participants.find((p) => p.username === 'bob')
    expect(bob).toEqual({
      id: expect.any(String),
      username: 'bob',
      name: 'Bob',
      avatarUrl: '/avatar/avatars%2Fbob.png',
    })
  })

  it('the host renames and deletes; the other participant sees both at the next sync', async () => {
    const bob = await client('bob')
    const room = await bob.service.createRoom({
      name: `Chess ${randomUUID().slice(0, 6)}`,
      topic: 'Games',
      description: '',
    })
    const alice = await client('alice')
    await alice.service.joinRoom(room.key)
    expect((await alice.service.getRoomDetails(room.key)).isHost).toBe(false)
    const denied = await failure(alice.service.updateRoom(room.key, { name: 'Taken over' }))
    expect(denied.code).toBe('forbidden')

    const renamed = await bob.service.updateRoom(room.key, {
      name: 'Chess Club',
      description: 'Wednesdays',
    })
    expect(renamed).toMatchObject({ key: room.key, name: 'Chess Club', description: 'Wednesdays' })
    // The server tells no socket; the window getting focus back syncs the room list.
    alice.service.setWindowFocused(true)
    await alice.waitFor(
      () =>
        of(alice, 'room-updated').find(
          (e) => e.room.key === room.key && e.room.name === 'Chess Club',
        ),
      'alice sees the rename',
    )

    await bob.service.deleteRoom(room.key)
    expect((await bob.service.listRooms()).map((r) => r.key)).not.toContain(room.key)
    await bob.waitFor(() => of(bob, 'room-removed').length > 0 || null, 'the room goes for bob')
    expect(of(bob, 'room-removed').map((e) => e.roomKey)).toEqual([room.key])
    expect(of(bob, 'error')).toEqual([]) // the host did it: no "was deleted" notice for them
    alice.service.setWindowFocused(true)
    await alice.waitFor(
      () => of(alice, 'room-removed').find((e) => e.roomKey === room.key),
      'alice sees the room go',
    )
    expect((await alice.service.listRooms()).map((r) => r.key)).not.toContain(room.key)
    expect(of(alice, 'error').map((e) => e.message)).toContain(roomGoneText('Chess Club'))
  })

  it('opening the info of a room deleted meanwhile removes it and says so', async () => {
    const bob = await client('bob')
    const room = await bob.service.createRoom({
      name: `Gone ${randomUUID().slice(0, 6)}`,
      topic: 'Math',
      description: '',
    })
    const alice = await client('alice')
    await alice.service.joinRoom(room.key)
    await bob.service.deleteRoom(room.key)
    const e = await failure(alice.service.getRoomDetails(room.key))
    expect(e).toMatchObject({ code: 'not-found', message: 'This room was deleted by its host.' })
    await alice.waitFor(() => of(alice, 'room-removed').length > 0 || null, 'the room goes')
    expect(of(alice, 'room-removed').map((r) => r.roomKey)).toEqual([room.key])
  })

  it('registers an account and signs in with it; the profile changes name, bio and avatar', async () => {
    const c = createTestClient(ts.url)
    clients.push(c)
    const username = `dora${randomUUID().slice(0, 6)}`
    const bad = await failure(
      c.service.register({
        server: ts.url,
        username,
        name: 'Dora',
        email: `${username}@example.com`,
        password1: 'pw-long-1',
        password2: 'pw-long-2',
      }),
    )
    expect(bad.fields).toEqual({ password2: ['The two password fields didn\u2019t match.'] })
    const session = await c.service.register({
      server: ts.url,
      username,
      name: 'Dora',
      email: `${username}@example.com`,
      password1: 'pw-long-1',
      password2: 'pw-long-1',
    })
    expect(session).toMatchObject({ status: 'signed-in', user: { username, name: 'Dora' } })
    expect(await c.service.getProfile()).toMatchObject({ username, name: 'Dora', bio: '' })

    const notImage = await failure(
      c.service.updateProfile({ avatar: { fileName: 'a.png', bytes: new Uint8Array([1, 2, 3]) } }),
    )
    expect(notImage.code).toBe('invalid-argument')
    expect(notImage.fields?.avatar?.[0]).toMatch(/not a PNG or JPEG/)

    const profile = await c.service.updateProfile({
      name: 'Dora E.',
      bio: 'Explorer',
      avatar: { fileName: 'dora.png', bytes: new Uint8Array(TINY_PNG) },
    })
    expect(profile).toMatchObject({ name: 'Dora E.', bio: 'Explorer' })
    expect(profile.avatarUrl).toMatch(/^\/avatar\/avatars%2F.+\.png$/)
    // The session (sidebar, own messages) follows.
    expect((await c.service.getSession()).user).toMatchObject({
      name: 'Dora E.',
      avatarUrl: profile.avatarUrl,
    })
    const avatar = await c.service.avatars.get(decodeURIComponent(profile.avatarUrl!.slice(8)))
    expect(avatar.ok).toBe(true)
  })
})
