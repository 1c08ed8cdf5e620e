/** docs/protocol.md §3: every query and mutation the client uses, plus createRoom and registerUser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  GraphQLErrorText,
  HistoryMessageSchema,
  MeSchema,
  ROOM_FIELDS,
  RoomSchema,
  TopicSchema,
} from '../src/shared/graphql-shapes'
import type { TestServer } from './test-support'
import { demoUsers, ProtocolClient, startTestServer } from './test-support'
import { signedIn, uniqueName } from './testing/fixtures'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const Rooms = z.array(RoomSchema)
const ROOM_Q = `query ($h: String!, $r: String!) { room(hostSlug: $h, roomSlug: $r) { ${ROOM_FIELDS} } }`
const MESSAGES_Q = `query ($h: String!, $r: String!) {
  messages(hostSlug: $h, roomSlug: $r) { id user { id username avatar } body edited created updated }
}`
const JOIN = `mutation ($id: UUID!) { joinRoom(roomId: $id) { room { ${ROOM_FIELDS} } } }`
const CREATE = `mutation ($name: String!, $topic: String, $description: String) {
  createRoom(name: $name, topic: $topic, description: $description) { room { ${ROOM_FIELDS} } }
}`
const REGISTER = `mutation ($email: String!, $username: String!, $name: String, $password: String!) {
  registerUser(email: $email, username: $username, name: $name, password: $password) { user { id username name } }
}`

async function anon<T>(query: string, variables?: Record<string, unknown>) {
  return new ProtocolClient(ts.url).graphql<T>(query, variables)
}

describe('queries', () => {
  it('me { id username name avatar }: avatar is "" when a user has none', async () => {
    const { token } = await signedIn(ts.url, 'alice')
    const r = await new ProtocolClient(ts.url).graphql<{ me: unknown }>(
      '{ me { id username name avatar } }',
      {},
      { token },
    )
    expect(MeSchema.parse(r.data?.me)).toMatchObject({
      username: 'alice',
      name: 'Alice',
      avatar: '',
    })
  })

  it('roomsParticipatedByUser(userSlug): the rooms a user joined, newest first', async () => {
    const r = await anon<{ roomsParticipatedByUser: unknown }>(
      `query ($u: String!) { roomsParticipatedByUser(userSlug: $u) { ${ROOM_FIELDS} } }`,
      { u: 'bob' },
    )
    const rooms = Rooms.parse(r.data?.roomsParticipatedByUser)
    const keys = rooms.map((x) => `${x.host.username}/${x.slug}`)
    expect(keys).toContain('alice/general')
    expect(keys).toContain('bob/private')
    const created = rooms.map((x) => x.created)
    expect([...created].sort().reverse()).toEqual(created)
    const general = rooms.find((x) => x.slug === 'general')!
    expect(general.name).toBe('General')
    expect(general.topic?.name).toBe('Math')
    expect(general.participants.map((p) => p.username)).toEqual(
      expect.arrayContaining(['alice', 'bob']),
    )
  })

  it('roomsParticipatedByUser of an unknown user is an empty list', async () => {
    const r = await anon<{ roomsParticipatedByUser: unknown[] }>(
      'query ($u: String!) { roomsParticipatedByUser(userSlug: $u) { id } }',
      { u: uniqueName('ghost') },
    )
    expect(r.data?.roomsParticipatedByUser).toEqual([])
  })

  it('rooms(): all rooms, most participants first; filters by hostSlug, search and topic', async () => {
    const all = Rooms.parse(
      (await anon<{ rooms: unknown }>(`{ rooms { ${ROOM_FIELDS} } }`)).data?.rooms,
    )
    const counts = all.map((x) => x.participants.length)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    expect(all.some((x) => x.slug === 'private' && x.host.username === 'bob')).toBe(true)
    const byHost = Rooms.parse(
      (await anon<{ rooms: unknown }>(`query { rooms(hostSlug: "bob") { ${ROOM_FIELDS} } }`)).data
        ?.rooms,
    )
    expect(byHost.every((x) => x.host.username === 'bob')).toBe(true)
    const search = Rooms.parse(
      (await anon<{ rooms: unknown }>(`query { rooms(search: "gener") { ${ROOM_FIELDS} } }`)).data
        ?.rooms,
    )
    expect(search.some((x) => x.slug === 'general')).toBe(true)
    const math = Rooms.parse(
      (await anon<{ rooms: unknown }>(`query { rooms(topic: "Math") { ${ROOM_FIELDS} } }`)).data
        ?.rooms,
    )
    expect(math.every((x) => x.topic?.name === 'Math')).toBe(true)
  })

  it('room(hostSlug, roomSlug) returns one room', async () => {
    const r = await anon<{ room: unknown }>(ROOM_Q, { h: 'bob', r: 'private' })
    const room = RoomSchema.parse(r.data?.room)
    expect(room).toMatchObject({ name: 'Private', slug: 'private', host: { username: 'bob' } })
    expect(room.participants.map((p) => p.username)).toContain('bob')
  })

  it('room of an unknown slug: "Room not found", extensions.code NOT_FOUND', async () => {
    const r = await anon<{ room: unknown }>(ROOM_Q, { h: 'alice', r: 'no-such-room' })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.roomNotFound)
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    expect(r.data?.room ?? null).toBeNull()
  })

  it('messages(hostSlug, roomSlug): the whole history, oldest first, readable without auth', async () => {
    const r = await anon<{ messages: unknown }>(MESSAGES_Q, { h: 'alice', r: 'general' })
    const messages = z.array(HistoryMessageSchema).parse(r.data?.messages)
    expect(messages.length).toBeGreaterThanOrEqual(1)
    const created = messages.map((m) => m.created)
    expect([...created].sort()).toEqual(created)
    for (const m of messages) {
      expect(m.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/)
      expect(['alice', 'bob']).toContain(m.user.username)
    }
    const bobs = messages.find((m) => m.user.username === 'bob')
    if (bobs) expect(bobs.user.avatar).toBe('avatars/bob.png')
  })

  it('topics { name } lists Math', async () => {
    const r = await anon<{ topics: unknown }>('{ topics { name } }')
    expect(
      z
        .array(TopicSchema)
        .parse(r.data?.topics)
        .map((t) => t.name),
    ).toContain('Math')
  })
})

describe('joinRoom', () => {
  it('needs auth: "You do not have permission to perform this action"', async () => {
    const room = RoomSchema.parse(
      (await anon<{ room: unknown }>(ROOM_Q, { h: 'bob', r: 'private' })).data?.room,
    )
    const r = await anon(JOIN, { id: room.id })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
  })

  it('adds the caller as a participant and returns the room', async () => {
    const { client } = await signedIn(ts.url, 'alice')
    // Create a fresh room as carol so the test never depends on earlier runs.
    const carol = await signedIn(ts.url, 'carol')
    const name = uniqueName('Join test')
    const created = await carol.client.graphql<{ createRoom: { room: unknown } }>(CREATE, { name })
    const room = RoomSchema.parse(created.data?.createRoom.room)
    const r = await client.graphql<{ joinRoom: { room: unknown } }>(JOIN, {
      id: room.id.toUpperCase(),
    })
    expect(r.errors).toBeUndefined()
    const joined = RoomSchema.parse(r.data?.joinRoom.room)
    expect(joined.participants.map((p) => p.username).sort()).toEqual(['alice', 'carol'])
    // Idempotent.
    const again = await client.graphql<{ joinRoom: { room: unknown } }>(JOIN, { id: room.id })
    expect(RoomSchema.parse(again.data?.joinRoom.room).participants).toHaveLength(2)
  })

  it('an unknown room id: "Room not found"; a non-UUID is rejected', async () => {
    const { client } = await signedIn(ts.url, 'alice')
    const r = await client.graphql(JOIN, { id: '00000000-0000-4000-8000-000000000000' })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.roomNotFound)
    const bad = await client.graphql(JOIN, { id: 'not-a-uuid' })
    expect(bad.status).toBe(400)
    expect(bad.errors?.[0]?.message).toMatch(/UUID/)
  })
})

describe('createRoom and registerUser', () => {
  it('createRoom needs auth', async () => {
    const r = await anon(CREATE, { name: 'Nope' })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
  })

  it('createRoom: the creator hosts and participates, slug from the name, topic created on demand', async () => {
    const { client } = await signedIn(ts.url, 'bob')
    const suffix = uniqueName('x').slice(2)
    const r = await client.graphql<{ createRoom: { room: unknown } }>(CREATE, {
      name: `Linear Algebra ${suffix}!`,
      topic: `Topic ${suffix}`,
      description: 'Vectors',
    })
    expect(r.errors).toBeUndefined()
    const room = RoomSchema.parse(r.data?.createRoom.room)
    expect(room.slug).toBe(`linear-algebra-${suffix.toLowerCase()}`)
    expect(room.host.username).toBe('bob')
    expect(room.participants.map((p) => p.username)).toEqual(['bob'])
    expect(room.topic?.name).toBe(`Topic ${suffix}`)
    expect(room.description).toBe('Vectors')
    const dup = await client.graphql(CREATE, { name: `Linear Algebra ${suffix}!` })
    expect(dup.errors?.[0]?.message).toMatch(/already/)
    const empty = await client.graphql(CREATE, { name: '   ' })
    expect(empty.errors?.[0]?.message).toBeTruthy()
  })

  it('registerUser creates an account that can sign in; duplicates and bad input are refused', async () => {
    const username = uniqueName('reg')
    const email = `${username}@example.com`
    const client = new ProtocolClient(ts.url)
    const r = await client.graphql<{ registerUser: { user: { username: string; name: string } } }>(
      REGISTER,
      { email, username, name: 'Reg Tester', password: 'long-enough-pw' },
    )
    expect(r.errors).toBeUndefined()
    expect(r.data?.registerUser.user).toMatchObject({ username, name: 'Reg Tester' })
    expect(await client.signIn(email, 'long-enough-pw')).toBeTruthy()
    const dup = await client.graphql(REGISTER, {
      email: `o${email}`,
      username,
      password: 'long-enough-pw',
    })
    expect(dup.errors?.[0]?.message).toMatch(/already exists/)
    const dupEmail = await client.graphql(REGISTER, {
      email,
      username: `${username}2`,
      password: 'long-enough-pw',
    })
    expect(dupEmail.errors?.[0]?.message).toMatch(/already exists/)
    const short = await client.graphql(REGISTER, {
      email: `s${email}`,
      username: `s${username}`,
      password: 'short',
    })
    expect(short.errors?.[0]?.message).toMatch(/too short/)
    const badEmail = await client.graphql(REGISTER, {
      email: 'nope',
      username: `e${username}`,
      password: 'long-enough-pw',
    })
    expect(badEmail.errors?.[0]?.message).toMatch(/valid email/)
  })

  it('the demo accounts are untouched by registerUser attempts', async () => {
    const r = await new ProtocolClient(ts.url).graphql(REGISTER, {
      email: demoUsers.alice.email,
      username: 'alice',
      password: 'another-password',
    })
    expect(r.errors?.[0]?.message).toMatch(/already exists/)
    expect(
      await new ProtocolClient(ts.url).signIn(demoUsers.alice.email, demoUsers.alice.password),
    ).toBeTruthy()
  })
})
