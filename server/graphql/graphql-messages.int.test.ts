/**
 * docs/protocol.md §3: updateMessage and deleteMessage over GraphQL — owner only, they change the
 * database (and set `edited`), but no open socket hears about them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'
import type { TestServer } from '../test-support'
import { ProtocolClient, startTestServer } from '../test-support'
import type { SocketProbe } from '../test-support/socket-probe'
import { mustOpen, signedIn, uniqueBody } from '../test-support/fixtures'
import { freshRoom } from '../test-support/graphql-ops'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const UPDATE = `mutation ($id: UUID!, $body: String!) {
  updateMessage(messageId: $id, body: $body) { message { id body edited user { username } room { slug } } }
}`
const DELETE = 'mutation ($id: UUID!) { deleteMessage(messageId: $id) { success } }'
const HISTORY = `query ($h: String!, $r: String!) { messages(hostSlug: $h, roomSlug: $r) { id body edited } }`
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

/** Sends a text frame and returns the id from its echo. */
async function say(probe: SocketProbe, body: string): Promise<string> {
  probe.send({ type: 'text', message: body })
  const echo = await probe.nextMatching((f) => f.body === body, `the echo of "${body}"`)
  return String(echo.id)
}

/** A room of alice's that bob joined, with both sockets open. */
async function chatRoom() {
  const { room, client, token } = await freshRoom(ts.url, 'alice', { join: ['bob'] })
  const bob = await signedIn(ts.url, 'bob')
  const aliceSocket = await mustOpen(ts.url, 'alice', room.slug, token)
  const bobSocket = await mustOpen(ts.url, 'alice', room.slug, bob.token)
  return { room, alice: client, bob: bob.client, aliceSocket, bobSocket }
}

async function history(client: ProtocolClient, slug: string) {
  const r = await client.graphql<{ messages: { id: string; body: string; edited: boolean }[] }>(
    HISTORY,
    { h: 'alice', r: slug },
  )
  return r.data!.messages
}

describe('updateMessage(messageId, body)', () => {
  it('the owner edits: the history has the new body and edited true; no socket hears of it', async () => {
    const { room, alice, aliceSocket, bobSocket } = await chatRoom()
    const id = await say(aliceSocket, uniqueBody('first'))
    await bobSocket.nextMatching((f) => f.id === id, 'bob sees the message')
    const body = uniqueBody('edited over GraphQL')
    const r = await alice.graphql<{ updateMessage: { message: unknown } }>(UPDATE, {
      id: id.toUpperCase(),
      body,
    })
    expect(r.errors).toBeUndefined()
    expect(r.data?.updateMessage.message).toEqual({
      id,
      body,
      edited: true,
      user: { username: 'alice' },
      room: { slug: room.slug },
    })
    expect((await history(alice, room.slug)).find((m) => m.id === id)).toEqual({
      id,
      body,
      edited: true,
    })
    // The next frame either socket receives is the next chat message, not an update event.
    const marker = uniqueBody('after the edit')
    await say(aliceSocket, marker)
    expect((await bobSocket.next()).body).toBe(marker)
    await aliceSocket.close()
    await bobSocket.close()
  })

  it('someone else\'s message: "Permission denied", PERMISSION_DENIED; unknown: "Message not found", NOT_FOUND', async () => {
    const { room, bob, aliceSocket, bobSocket } = await chatRoom()
    const body = uniqueBody('mine')
    const id = await say(aliceSocket, body)
    const denied = await bob.graphql(UPDATE, { id, body: 'hijack' })
    expect(denied.errors?.[0]?.message).toBe('Permission denied')
    expect(denied.errors?.[0]?.extensions?.code).toBe('PERMISSION_DENIED')
    const missing = await bob.graphql(UPDATE, { id: UNKNOWN_ID, body: 'x' })
    expect(missing.errors?.[0]?.message).toBe('Message not found')
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    expect((await history(bob, room.slug)).find((m) => m.id === id)).toEqual({
      id,
      body,
      edited: false,
    })
    await aliceSocket.close()
    await bobSocket.close()
  })

  it('needs auth; a messageId that is not a UUID is rejected before any resolver (HTTP 400)', async () => {
    const anon = await new ProtocolClient(ts.url).graphql(UPDATE, { id: UNKNOWN_ID, body: 'x' })
    expect(anon.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
    const { client } = await signedIn(ts.url, 'alice')
    const bad = await client.graphql(UPDATE, { id: 'not-a-uuid', body: 'x' })
    expect(bad.status).toBe(400)
    expect(bad.errors?.[0]?.message).toMatch(/UUID/)
  })
})

describe('deleteMessage(messageId)', () => {
  it('the owner deletes: gone from the history; no socket hears of it', async () => {
    const { room, alice, aliceSocket, bobSocket } = await chatRoom()
    const id = await say(aliceSocket, uniqueBody('to delete'))
    await bobSocket.nextMatching((f) => f.id === id, 'bob sees the message')
    const r = await alice.graphql<{ deleteMessage: { success: boolean } }>(DELETE, { id })
    expect(r.data?.deleteMessage).toEqual({ success: true })
    expect((await history(alice, room.slug)).map((m) => m.id)).not.toContain(id)
    const marker = uniqueBody('after the delete')
    await say(aliceSocket, marker)
    expect((await bobSocket.next()).body).toBe(marker)
    const again = await alice.graphql(DELETE, { id })
    expect(again.errors?.[0]?.message).toBe('Message not found')
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    await aliceSocket.close()
    await bobSocket.close()
  })

  it('someone else\'s message: "Permission denied"; it stays', async () => {
    const { room, bob, aliceSocket, bobSocket } = await chatRoom()
    const id = await say(aliceSocket, uniqueBody('keep'))
    const denied = await bob.graphql(DELETE, { id })
    expect(denied.errors?.[0]?.message).toBe('Permission denied')
    expect(denied.errors?.[0]?.extensions?.code).toBe('PERMISSION_DENIED')
    expect((await history(bob, room.slug)).map((m) => m.id)).toContain(id)
    const anon = await new ProtocolClient(ts.url).graphql(DELETE, { id })
    expect(anon.errors?.[0]?.message).toBe(GraphQLErrorText.permissionDenied)
    await aliceSocket.close()
    await bobSocket.close()
  })
})
