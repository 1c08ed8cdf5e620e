/** Creates a room for a test over GraphQL (createRoom, then joinRoom for each member). */
import { randomUUID } from 'node:crypto'
import { demoUsers } from '../../../../server/test-support'
import { signedIn } from '../../../../server/test-support/fixtures'
import type { DemoName } from '../../../../server/test-support/fixtures'

/** A room created for one test: its key (`host/slug`), id and slug. */
export interface SharedRoom {
  key: string
  id: string
  slug: string
}

interface CreateRoomReply {
  createRoom: { room: { id: string; slug: string } } | null
}

/** `host` creates a uniquely named room and every member joins it. */
export async function createSharedRoom(
  url: string,
  label: string,
  host: DemoName,
  members: DemoName[],
): Promise<SharedRoom> {
  const owner = await signedIn(url, host)
  const name = `${label} ${randomUUID().slice(0, 8)}`
  const created = await owner.client.graphql<CreateRoomReply>(
    'mutation ($n: String!, $t: String!) { createRoom(name: $n, topicName: $t) { room { id slug } } }',
    { n: name, t: 'Math' },
    { token: owner.token },
  )
  const room = created.data?.createRoom?.room
  if (!room) throw new Error(`createRoom failed: ${created.errors?.[0]?.message ?? created.status}`)
  for (const member of members) {
    const m = await signedIn(url, member)
    const joined = await m.client.graphql(
      'mutation ($h: String!, $r: String!) { joinRoom(hostSlug: $h, roomSlug: $r) { room { id } } }',
      { h: demoUsers[host].username, r: room.slug },
      { token: m.token },
    )
    if (joined.errors?.length) throw new Error(`joinRoom failed: ${joined.errors[0]!.message}`)
  }
  return { key: `${demoUsers[host].username}/${room.slug}`, id: room.id, slug: room.slug }
}
