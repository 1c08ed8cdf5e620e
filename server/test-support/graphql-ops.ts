/** GraphQL operations and small helpers shared by the server's GraphQL conformance suites. */
import { expect } from 'vitest'
import { z } from 'zod'
import { ROOM_FIELDS, RoomSchema } from '../../src/shared/graphql-shapes'
import type { DemoName } from './fixtures'
import { signedIn, uniqueName } from './fixtures'
import type { GraphQLReply, ProtocolClient } from './protocol-client'

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export const CREATE_ROOM = `mutation ($name: String!, $topicName: String!, $description: String) {
  createRoom(name: $name, topicName: $topicName, description: $description) { room { ${ROOM_FIELDS} updated } }
}`
export const JOIN_ROOM = `mutation ($h: String!, $r: String!) {
  joinRoom(hostSlug: $h, roomSlug: $r) { room { ${ROOM_FIELDS} } }
}`
export const ROOM = `query ($h: String!, $r: String!) { room(hostSlug: $h, roomSlug: $r) { ${ROOM_FIELDS} } }`
export const REGISTER = `mutation ($username: String!, $name: String!, $email: String!, $password1: String!, $password2: String!) {
  registerUser(username: $username, name: $name, email: $email, password1: $password1, password2: $password2) {
    success user { id username name bio avatar }
  }
}`

export const Rooms = z.array(RoomSchema)
export type Room = z.infer<typeof RoomSchema>

/** A fresh room hosted by a demo user; `extra` demo users join it. */
export async function freshRoom(
  url: string,
  host: DemoName,
  opts: { name?: string; topicName?: string; description?: string; join?: DemoName[] } = {},
): Promise<{ room: Room; client: ProtocolClient; token: string }> {
  const { client, token } = await signedIn(url, host)
  const r = await client.graphql<{ createRoom: { room: unknown } | null }>(CREATE_ROOM, {
    name: opts.name ?? uniqueName('Room'),
    topicName: opts.topicName ?? 'Math',
    description: opts.description ?? null,
  })
  if (!r.data?.createRoom) throw new Error(`createRoom failed: ${JSON.stringify(r.errors)}`)
  const room = RoomSchema.parse(r.data.createRoom.room)
  for (const who of opts.join ?? []) {
    const member = await signedIn(url, who)
    const joined = await member.client.graphql(JOIN_ROOM, { h: room.host.username, r: room.slug })
    if (joined.errors) throw new Error(`joinRoom failed: ${joined.errors[0]!.message}`)
  }
  return { room, client, token }
}

/** `host/slug` of each room, for order assertions. */
export function keys(rooms: Room[]): string[] {
  return rooms.map((r) => `${r.host.username}/${r.slug}`)
}

/** A Django form failure: "Invalid data" with exactly these per-field messages. */
export function expectInvalid(r: GraphQLReply<unknown>, errors: Record<string, string[]>): void {
  expect(r.status).toBe(200)
  expect(r.errors?.[0]?.message).toBe('Invalid data')
  expect(r.errors?.[0]?.extensions?.errors).toEqual(errors)
}

/** A resolver error with this message and `extensions.code`. */
export function expectCode(r: GraphQLReply<unknown>, message: string, code: string): void {
  expect(r.errors?.[0]?.message).toBe(message)
  expect(r.errors?.[0]?.extensions?.code).toBe(code)
}
