/** docs/protocol.md §3: createRoom, updateRoom, deleteRoom and joinRoom against a running server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GraphQLErrorText, ROOM_FIELDS, RoomSchema } from '../../src/shared/graphql-shapes'
import type { TestServer } from '../test-support'
import { ProtocolClient, startTestServer } from '../test-support'
import { mustOpen, signedIn, uniqueBody, uniqueName } from '../test-support/fixtures'
import {
  CREATE_ROOM,
  expectCode,
  expectInvalid,
  freshRoom,
  JOIN_ROOM,
  ROOM,
  UUID_RE,
} from '../test-support/graphql-ops'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const UPDATE_ROOM = `mutation ($h: String!, $r: String!, $name: String, $topicName: String, $description: String) {
  updateRoom(hostSlug: $h, roomSlug: $r, name: $name, topicName: $topicName, description: $description) {
    room { ${ROOM_FIELDS} updated }
  }
}`
const DELETE_ROOM =
  'mutation ($h: String!, $r: String!) { deleteRoom(hostSlug: $h, roomSlug: $r) { success } }'

describe('createRoom(name, topicName, description)', () => {
  it('needs auth: "You do not have permission to perform this action"', async () => {
    const r = await new ProtocolClient(ts.url).graphql(CREATE_ROOM, {
      name: 'Nope',
      topicName: 'Math',
    })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
  })

  it('the creator hosts and participates; slug from the name; the topic is created on demand', async () => {
    const { client } = await signedIn(ts.url, 'bob')
    const suffix = uniqueName('x').slice(2)
    const topicName = `Topic ${suffix}`
    const r = await client.graphql<{ createRoom: { room: unknown } }>(CREATE_ROOM, {
      name: `Linear Algebra ${suffix}!`,
      topicName,
      description: 'Vectors',
    })
    expect(r.errors).toBeUndefined()
    const room = RoomSchema.parse(r.data?.createRoom.room)
    expect(room.id).toMatch(UUID_RE)
    expect(room).toMatchObject({
      slug: `linear-algebra-${suffix.toLowerCase()}`,
      host: { username: 'bob' },
      topic: { name: topicName },
      description: 'Vectors',
    })
    expect(room.participants.map((p) => p.username)).toEqual(['bob'])
    const topics = await client.graphql<{ topics: { name: string }[] }>(
      `{ topics(search: "${suffix}") { name } }`,
    )
    expect(topics.data?.topics.map((t) => t.name)).toEqual([topicName])
  })

  it('form errors: "Invalid data" with Django-style details in extensions.errors', async () => {
    const { client } = await signedIn(ts.url, 'carol')
    const name = uniqueName('Dup room')
    const ok = await client.graphql(CREATE_ROOM, { name, topicName: 'Math' })
    expect(ok.errors).toBeUndefined()
    expectInvalid(await client.graphql(CREATE_ROOM, { name, topicName: 'Math' }), {
      __all__: ['You already have a room with this name.'],
    })
    expectInvalid(await client.graphql(CREATE_ROOM, { name: '   ', topicName: '' }), {
      name: ['This field is required.'],
      topic: ['This field is required.'],
    })
    expectInvalid(await client.graphql(CREATE_ROOM, { name: 'x'.repeat(201), topicName: 'Math' }), {
      name: ['Ensure this value has at most 200 characters (it has 201).'],
    })
    expectInvalid(await client.graphql(CREATE_ROOM, { name: '!!!', topicName: 'Math' }), {
      name: ['Room name must contain letters or digits.'],
    })
  })

  it('topicName is required by the schema (HTTP 400 without it)', async () => {
    const { client } = await signedIn(ts.url, 'carol')
    const r = await client.graphql('mutation { createRoom(name: "No topic") { room { id } } }')
    expect(r.status).toBe(400)
    expect(r.errors?.[0]?.message).toMatch(/topicName/)
  })
})

describe('joinRoom(hostSlug, roomSlug)', () => {
  it('needs auth', async () => {
    const r = await new ProtocolClient(ts.url).graphql(JOIN_ROOM, { h: 'bob', r: 'private' })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
  })

  it('adds the caller as a participant and returns the room; joining again changes nothing', async () => {
    const { room } = await freshRoom(ts.url, 'carol')
    const { client } = await signedIn(ts.url, 'alice')
    const r = await client.graphql<{ joinRoom: { room: unknown } }>(JOIN_ROOM, {
      h: 'carol',
      r: room.slug,
    })
    expect(r.errors).toBeUndefined()
    const joined = RoomSchema.parse(r.data?.joinRoom.room)
    expect(joined.id).toBe(room.id)
    expect(joined.participants.map((p) => p.username).sort()).toEqual(['alice', 'carol'])
    const again = await client.graphql<{ joinRoom: { room: unknown } }>(JOIN_ROOM, {
      h: 'carol',
      r: room.slug,
    })
    expect(RoomSchema.parse(again.data?.joinRoom.room).participants).toHaveLength(2)
  })

  it('an unknown room: "Room not found", NOT_FOUND; a roomId argument does not exist', async () => {
    const { client } = await signedIn(ts.url, 'alice')
    expectCode(
      await client.graphql(JOIN_ROOM, { h: 'alice', r: uniqueName('nope') }),
      GraphQLErrorText.roomNotFound,
      'NOT_FOUND',
    )
    const old = await client.graphql(
      'mutation { joinRoom(roomId: "00000000-0000-4000-8000-000000000000") { room { id } } }',
    )
    expect(old.status).toBe(400)
    expect(old.errors?.[0]?.message).toMatch(
      /Unknown argument .roomId. on field .Mutation\.joinRoom./,
    )
  })
})

describe('updateRoom', () => {
  it('the host renames, re-describes and re-topics a room; the slug stays; updated moves on', async () => {
    const { room, client } = await freshRoom(ts.url, 'alice', { description: 'before' })
    const before = await client.graphql<{ room: { updated: string } }>(
      'query ($h: String!, $r: String!) { room(hostSlug: $h, roomSlug: $r) { updated } }',
      { h: 'alice', r: room.slug },
    )
    const name = uniqueName('Renamed')
    const topicName = uniqueName('New topic')
    const r = await client.graphql<{ updateRoom: { room: { updated: string } } }>(UPDATE_ROOM, {
      h: 'alice',
      r: room.slug,
      name,
      topicName,
      description: 'after',
    })
    expect(r.errors).toBeUndefined()
    const updated = RoomSchema.parse(r.data?.updateRoom.room)
    expect(updated).toMatchObject({ id: room.id, slug: room.slug, name, description: 'after' })
    expect(updated.topic?.name).toBe(topicName)
    expect(r.data!.updateRoom.room.updated > before.data!.room.updated).toBe(true)
    // Omitted arguments keep their values.
    const partial = await client.graphql<{ updateRoom: { room: unknown } }>(UPDATE_ROOM, {
      h: 'alice',
      r: room.slug,
      description: 'only this',
    })
    expect(RoomSchema.parse(partial.data?.updateRoom.room)).toMatchObject({
      name,
      description: 'only this',
      topic: { name: topicName },
    })
  })

  it('anyone but the host: "Permission denied", PERMISSION_DENIED; unknown room: NOT_FOUND; anonymous refused', async () => {
    const { room } = await freshRoom(ts.url, 'alice', { join: ['bob'] })
    const bob = await signedIn(ts.url, 'bob')
    const vars = { h: 'alice', r: room.slug, name: 'Hijacked' }
    expectCode(
      await bob.client.graphql(UPDATE_ROOM, vars),
      'Permission denied',
      'PERMISSION_DENIED',
    )
    expectCode(
      await bob.client.graphql(UPDATE_ROOM, { ...vars, r: uniqueName('nope') }),
      GraphQLErrorText.roomNotFound,
      'NOT_FOUND',
    )
    const anon = await new ProtocolClient(ts.url).graphql(UPDATE_ROOM, vars)
    expect(anon.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
    const still = await bob.client.graphql<{ room: { name: string } }>(ROOM, {
      h: 'alice',
      r: room.slug,
    })
    expect(still.data?.room.name).toBe(room.name)
  })

  it('form errors as for createRoom', async () => {
    const { room, client } = await freshRoom(ts.url, 'carol')
    const other = await freshRoom(ts.url, 'carol')
    expectInvalid(await client.graphql(UPDATE_ROOM, { h: 'carol', r: room.slug, name: '' }), {
      name: ['This field is required.'],
    })
    expectInvalid(
      await client.graphql(UPDATE_ROOM, { h: 'carol', r: room.slug, name: other.room.name }),
      { __all__: ['You already have a room with this name.'] },
    )
  })
})

describe('deleteRoom', () => {
  it('the host deletes a room with its history; it is gone from every query', async () => {
    const { room, client, token } = await freshRoom(ts.url, 'alice')
    const probe = await mustOpen(ts.url, 'alice', room.slug, token)
    const body = uniqueBody('doomed')
    probe.send({ type: 'text', message: body })
    const echo = await probe.nextMatching((f) => f.body === body, 'the echo of the message')
    await probe.close()
    const bob = await signedIn(ts.url, 'bob')
    expectCode(
      await bob.client.graphql(DELETE_ROOM, { h: 'alice', r: room.slug }),
      'Permission denied',
      'PERMISSION_DENIED',
    )
    const r = await client.graphql<{ deleteRoom: { success: boolean } }>(DELETE_ROOM, {
      h: 'alice',
      r: room.slug,
    })
    expect(r.data?.deleteRoom).toEqual({ success: true })
    expectCode(
      await client.graphql(ROOM, { h: 'alice', r: room.slug }),
      'Room not found',
      'NOT_FOUND',
    )
    const mine = await client.graphql<{ messagesByUser: { id: string }[] }>(
      '{ messagesByUser(userSlug: "alice") { id } }',
    )
    expect(mine.data?.messagesByUser.map((m) => m.id)).not.toContain(echo.id)
    expectCode(
      await client.graphql(DELETE_ROOM, { h: 'alice', r: room.slug }),
      'Room not found',
      'NOT_FOUND',
    )
  })

  it('needs auth', async () => {
    const r = await new ProtocolClient(ts.url).graphql(DELETE_ROOM, { h: 'bob', r: 'private' })
    expect(r.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
  })
})
