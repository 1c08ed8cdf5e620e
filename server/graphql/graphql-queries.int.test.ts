/** docs/protocol.md §3: every query of the real schema, read anonymously unless it needs auth. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  GraphQLErrorText,
  HistoryMessageSchema,
  MeSchema,
  ROOM_FIELDS,
  RoomSchema,
  TopicSchema,
} from '../../src/shared/graphql-shapes'
import type { TestServer } from '../test-support'
import { ProtocolClient, startTestServer } from '../test-support'
import { signedIn, uniqueName } from '../test-support/fixtures'
import { freshRoom, keys, ROOM, Rooms, UUID_RE } from '../test-support/graphql-ops'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const USER_FIELDS = 'id username name bio avatar'
const MESSAGES_Q = `query ($h: String!, $r: String!) {
  messages(hostSlug: $h, roomSlug: $r) { id user { id username avatar } body edited created updated }
}`
const UserSchema = z.object({
  id: z.string().regex(UUID_RE),
  username: z.string(),
  name: z.string(),
  bio: z.string(),
  avatar: z.string().nullable(),
})

async function anon<T>(query: string, variables?: Record<string, unknown>) {
  return new ProtocolClient(ts.url).graphql<T>(query, variables)
}

async function rooms(args: string): Promise<z.infer<typeof Rooms>> {
  const r = await anon<{ rooms: unknown }>(`{ rooms${args} { ${ROOM_FIELDS} } }`)
  expect(r.errors).toBeUndefined()
  return Rooms.parse(r.data?.rooms)
}

function expectNotFound(r: { errors?: { message: string; extensions?: unknown }[] }, text: string) {
  expect(r.errors?.[0]?.message).toBe(text)
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' })
}

describe('me and authStatus', () => {
  it('me { id username name avatar }: a UUID id, avatar "" when a user has none', async () => {
    const { token } = await signedIn(ts.url, 'alice')
    const r = await new ProtocolClient(ts.url).graphql<{ me: unknown }>(
      '{ me { id username name avatar } }',
      {},
      { token },
    )
    const me = MeSchema.parse(r.data?.me)
    expect(me).toMatchObject({ username: 'alice', name: 'Alice', avatar: '' })
    expect(me.id).toMatch(UUID_RE)
  })

  it('authStatus: isAuthenticated false and no user when anonymous; the user when signed in', async () => {
    const q = `{ authStatus { isAuthenticated user { ${USER_FIELDS} } } }`
    const anonymous = await anon<{ authStatus: unknown }>(q)
    expect(anonymous.data?.authStatus).toEqual({ isAuthenticated: false, user: null })
    const { client } = await signedIn(ts.url, 'bob')
    const r = await client.graphql<{ authStatus: { isAuthenticated: boolean; user: unknown } }>(q)
    expect(r.data?.authStatus.isAuthenticated).toBe(true)
    expect(UserSchema.parse(r.data?.authStatus.user)).toMatchObject({
      username: 'bob',
      avatar: 'avatars/bob.png',
    })
  })
})

describe('users and user', () => {
  it('user(userSlug): id, username, name, bio, avatar; UserType has no email', async () => {
    const r = await anon<{ user: unknown }>(`{ user(userSlug: "bob") { ${USER_FIELDS} } }`)
    expect(UserSchema.parse(r.data?.user)).toMatchObject({
      username: 'bob',
      name: 'Bob',
      avatar: 'avatars/bob.png',
    })
    const email = await anon('{ user(userSlug: "bob") { email } }')
    expect(email.status).toBe(400)
    expect(email.errors?.[0]?.message).toMatch(/email/)
  })

  it('user of an unknown username: "User not found", NOT_FOUND', async () => {
    const r = await anon<{ user: unknown }>('query ($u: String!) { user(userSlug: $u) { id } }', {
      u: uniqueName('ghost'),
    })
    expectNotFound(r, 'User not found')
    expect(r.data?.user).toBeNull()
  })

  it('users(search) matches username or name, case-insensitively; without search: everyone', async () => {
    const all = await anon<{ users: { username: string }[] }>('{ users { username } }')
    const names = all.data!.users.map((u) => u.username)
    expect(names).toEqual(expect.arrayContaining(['alice', 'bob', 'carol']))
    const found = await anon<{ users: unknown[] }>(`{ users(search: "ALIC") { ${USER_FIELDS} } }`)
    const users = z.array(UserSchema).parse(found.data?.users)
    expect(users.map((u) => u.username)).toContain('alice')
    expect(users.map((u) => u.username)).not.toContain('bob')
    const byName = await anon<{ users: { username: string }[] }>(
      '{ users(search: "aro") { username } }',
    )
    expect(byName.data!.users.map((u) => u.username)).toContain('carol')
  })
})

describe('rooms', () => {
  it('room(hostSlug, roomSlug): one room with a UUID id; unknown → "Room not found", NOT_FOUND', async () => {
    const r = await anon<{ room: unknown }>(ROOM, { h: 'bob', r: 'private' })
    const room = RoomSchema.parse(r.data?.room)
    expect(room).toMatchObject({ name: 'Private', slug: 'private', host: { username: 'bob' } })
    expect(room.id).toMatch(UUID_RE)
    expect(room.participants.map((p) => p.username)).toEqual(['bob'])
    const missing = await anon<{ room: unknown }>(ROOM, { h: 'alice', r: 'no-such-room' })
    expectNotFound(missing, GraphQLErrorText.roomNotFound)
    expect(missing.data?.room).toBeNull()
  })

  it('rooms(): all rooms, most participants first', async () => {
    const all = await rooms('')
    const counts = all.map((x) => x.participants.length)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    expect(keys(all)).toEqual(expect.arrayContaining(['alice/general', 'bob/private']))
    const byHost = await rooms('(hostSlug: "bob")')
    expect(byHost.length).toBeGreaterThan(0)
    expect(byHost.every((x) => x.host.username === 'bob')).toBe(true)
  })

  it('rooms(topic: [..]) keeps rooms of any named topic; ties: newest first; search: name or description', async () => {
    const tag = uniqueName('t')
    const [t1, t2] = [`${tag}a`, `${tag}b`]
    const a = await freshRoom(ts.url, 'bob', { topicName: t1, join: ['alice'] })
    const b = await freshRoom(ts.url, 'carol', { topicName: t2, description: `About ${tag}X` })
    const c = await freshRoom(ts.url, 'carol', { topicName: t2, name: `Named ${tag}Y` })
    const ka = keys([a.room])[0]
    const [kb, kc] = keys([b.room, c.room])
    expect(keys(await rooms(`(topic: ["${t1}", "${t2}"])`))).toEqual([ka, kc, kb])
    expect(keys(await rooms(`(topic: ["${t2}"])`))).toEqual([kc, kb])
    expect(keys(await rooms(`(topic: ["${t1.toUpperCase()}"])`))).toEqual([ka])
    expect(keys(await rooms(`(search: "${tag.toUpperCase()}")`))).toEqual([kc, kb])
    expect(keys(await rooms(`(search: "${tag}x")`))).toEqual([kb])
    expect(keys(await rooms(`(hostSlug: "carol", search: "${tag}")`))).toEqual([kc, kb])
    expect(await rooms(`(hostSlug: "alice", search: "${tag}")`)).toEqual([])
  })

  it('roomsParticipatedByUser(userSlug): the rooms a user joined, newest first', async () => {
    const r = await anon<{ roomsParticipatedByUser: unknown }>(
      `query ($u: String!) { roomsParticipatedByUser(userSlug: $u) { ${ROOM_FIELDS} } }`,
      { u: 'bob' },
    )
    const joined = Rooms.parse(r.data?.roomsParticipatedByUser)
    expect(keys(joined)).toEqual(expect.arrayContaining(['alice/general', 'bob/private']))
    const created = joined.map((x) => x.created)
    expect([...created].sort().reverse()).toEqual(created)
    const general = joined.find((x) => x.slug === 'general')!
    expect(general).toMatchObject({ name: 'General', topic: { name: 'Math' } })
  })

  it('roomsParticipatedByUser of an unknown user: "User not found", NOT_FOUND', async () => {
    const r = await anon('query ($u: String!) { roomsParticipatedByUser(userSlug: $u) { id } }', {
      u: uniqueName('ghost'),
    })
    expectNotFound(r, 'User not found')
  })

  it('roomsNotParticipatedByUser(userSlug): every room the user has not joined', async () => {
    const q = `query ($u: String!) { roomsNotParticipatedByUser(userSlug: $u) { ${ROOM_FIELDS} } }`
    const r = await anon<{ roomsNotParticipatedByUser: unknown }>(q, { u: 'alice' })
    const others = Rooms.parse(r.data?.roomsNotParticipatedByUser)
    expect(keys(others)).toContain('bob/private')
    expect(keys(others)).not.toContain('alice/general')
    expect(others.every((x) => !x.participants.some((p) => p.username === 'alice'))).toBe(true)
    const counts = others.map((x) => x.participants.length)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    expectNotFound(await anon(q, { u: uniqueName('ghost') }), 'User not found')
  })
})

describe('topics', () => {
  it('topics { name } lists Math; search filters by name; most rooms first; minRooms', async () => {
    const all = await anon<{ topics: unknown }>('{ topics { id name } }')
    const topics = z.array(TopicSchema.extend({ id: z.string() })).parse(all.data?.topics)
    expect(topics.map((t) => t.name)).toContain('Math')
    const tag = uniqueName('topic')
    await freshRoom(ts.url, 'alice', { topicName: `${tag} one` })
    await freshRoom(ts.url, 'alice', { topicName: `${tag} two` })
    await freshRoom(ts.url, 'bob', { topicName: `${tag} two` })
    const names = async (args: string) =>
      (await anon<{ topics: { name: string }[] }>(`{ topics${args} { name } }`)).data!.topics.map(
        (t) => t.name,
      )
    expect(await names(`(search: "${tag.toUpperCase()}")`)).toEqual([`${tag} two`, `${tag} one`])
    expect(await names(`(search: "${tag}", minRooms: 2)`)).toEqual([`${tag} two`])
  })
})

describe('messages and messagesByUser', () => {
  it('messages(hostSlug, roomSlug): the whole history, oldest first, readable without auth', async () => {
    const r = await anon<{ messages: unknown }>(MESSAGES_Q, { h: 'alice', r: 'general' })
    const messages = z.array(HistoryMessageSchema).parse(r.data?.messages)
    expect(messages.length).toBeGreaterThanOrEqual(1)
    const created = messages.map((m) => m.created)
    expect([...created].sort()).toEqual(created)
    for (const m of messages) {
      expect(m.id).toMatch(UUID_RE)
      expect(m.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/)
    }
    const bobs = messages.find((m) => m.user.username === 'bob')
    if (bobs) expect(bobs.user.avatar).toBe('avatars/bob.png')
    const alices = messages.find((m) => m.user.username === 'alice')
    if (alices) expect(alices.user.avatar).toBe('')
    expectNotFound(
      await anon(MESSAGES_Q, { h: 'alice', r: uniqueName('nope') }),
      GraphQLErrorText.roomNotFound,
    )
  })

  it("messagesByUser(userSlug): that user's messages in every room, newest first, with their room", async () => {
    const q = `query ($u: String!) {
      messagesByUser(userSlug: $u) { id body created user { username } room { slug host { username } } }
    }`
    const r = await anon<{
      messagesByUser: { created: string; user: { username: string } }[]
    }>(q, { u: 'bob' })
    const messages = r.data!.messagesByUser
    expect(messages.every((m) => m.user.username === 'bob')).toBe(true)
    const created = messages.map((m) => m.created)
    expect([...created].sort().reverse()).toEqual(created)
    expectNotFound(await anon(q, { u: uniqueName('ghost') }), 'User not found')
  })
})
