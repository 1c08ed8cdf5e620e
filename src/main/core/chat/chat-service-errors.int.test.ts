/**
 * Every server error path of docs/protocol.md §4, surfacing as error events, failed messages and
 * reverted edits. The service validates before sending, so a well-behaved client never provokes
 * these; to reach the real server's error paths the test rewrites frames on a real `ws` socket
 * just before they leave (a server that disagrees with our checks, e.g. a different limit).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../../../../server/test-support'
import { demoUsers, startTestServer } from '../../../../server/test-support'
import { ServerErrorText } from '../../../shared/frames'
import type { WebSocketFactory } from '../ports'
import type { TestClient } from '../test-support/chat-harness'
import { signedInClient } from '../test-support/chat-harness'
import { createWsSocket } from './connection/ws-factory'

const GENERAL = 'alice/general'
const { alice, bob } = demoUsers

type Frame = Record<string, unknown>
/** A real socket factory whose outgoing frames pass through `rewrite.next` once. */
function tamperingFactory(rewrite: { next: ((f: Frame) => Frame) | null }): WebSocketFactory {
  return (url, options) => {
    const socket = createWsSocket(url, options)
    const send = socket.send.bind(socket)
    socket.send = (data: string) => {
      const fn = rewrite.next
      rewrite.next = null
      send(fn ? JSON.stringify(fn(JSON.parse(data) as Frame)) : data)
    }
    return socket
  }
}

let server: TestServer
let a: TestClient
let b: TestClient
const rewrite: { next: ((f: Frame) => Frame) | null } = { next: null }
let bobsMessageId = ''

beforeAll(async () => {
  server = await startTestServer()
  a = await signedInClient(server.url, alice.email, alice.password, GENERAL, {
    createWebSocket: tamperingFactory(rewrite),
  })
  b = await signedInClient(server.url, bob.email, bob.password, GENERAL)
  const body = `bob's own ${randomUUID()}`
  b.service.sendMessage(GENERAL, body)
  const seen = await a.waitFor(
    () => a.messages(GENERAL).find((m) => m.body === body),
    'bob message',
  )
  bobsMessageId = seen.id
})
afterEach(() => {
  rewrite.next = null
})
afterAll(async () => {
  await Promise.all([a?.dispose(), b?.dispose()])
  await server.dispose()
})

/** Sends one of alice's messages and waits for its confirmation. */
async function aliceMessage(): Promise<string> {
  const body = `alice ${randomUUID()}`
  const { clientId } = await a.service.sendMessage(GENERAL, body)
  const m = await a.waitFor(
    () => a.messages(GENERAL).find((x) => x.clientId === clientId && x.status === 'confirmed'),
    'alice confirmed',
  )
  return m.id
}

function errorEvents(text: string) {
  return a.events.filter((e) => e.kind === 'error' && e.message === text && e.code === 'server')
}

describe('chat service: server error paths', () => {
  it('"Message exceeds 500 characters." fails the text, which keeps its body, and retry delivers it', async () => {
    const before = errorEvents(ServerErrorText.tooLong).length
    rewrite.next = (f) => ({ ...f, message: '' })
    const body = `will fail ${randomUUID()}`
    const { clientId } = await a.service.sendMessage(GENERAL, body)
    const failed = await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.id === clientId && m.status === 'failed'),
      'failed message',
    )
    expect(failed).toMatchObject({ body, error: ServerErrorText.tooLong, own: true })
    expect(errorEvents(ServerErrorText.tooLong).length).toBe(before + 1)
    expect(a.notified).toContainEqual(
      expect.objectContaining({ kind: 'error', body: ServerErrorText.tooLong }),
    )

    a.service.retryMessage(GENERAL, clientId)
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.clientId === clientId && m.status === 'confirmed'),
      'retried message confirmed',
    )
    expect(a.messages(GENERAL).filter((m) => m.body === body)).toHaveLength(1)
  })

  it('a failed text can be discarded', async () => {
    rewrite.next = (f) => ({ ...f, message: '' })
    const { clientId } = await a.service.sendMessage(GENERAL, `discard me ${randomUUID()}`)
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.id === clientId && m.status === 'failed'),
      'failed',
    )
    a.service.discardMessage(GENERAL, clientId)
    await a.waitFor(() => !a.messages(GENERAL).some((m) => m.id === clientId), 'discarded')
  })

  it('"Message not found." reverts an edit of a message the server does not have', async () => {
    const id = await aliceMessage()
    rewrite.next = (f) => ({ ...f, messageId: randomUUID() })
    a.service.editMessage(GENERAL, id, 'edited?')
    await a.waitFor(() => errorEvents(ServerErrorText.notFound).length > 0, 'not-found error')
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.id === id && m.pendingAction === null && !m.edited),
      'edit reverted',
    )
  })

  it('"Message not found." reverts a delete too', async () => {
    const id = await aliceMessage()
    const before = errorEvents(ServerErrorText.notFound).length
    rewrite.next = (f) => ({ ...f, messageId: randomUUID() })
    a.service.deleteMessage(GENERAL, id)
    await a.waitFor(() => errorEvents(ServerErrorText.notFound).length > before, 'not-found error')
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.id === id && m.pendingAction === null),
      'delete reverted, message still there',
    )
  })

  it('"You can only edit your own messages." reverts the edit', async () => {
    const id = await aliceMessage()
    rewrite.next = (f) => ({ ...f, messageId: bobsMessageId })
    a.service.editMessage(GENERAL, id, 'hijack')
    await a.waitFor(
      () => errorEvents(ServerErrorText.notYourEdit).length > 0,
      'not-your-edit error',
    )
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.id === id && m.pendingAction === null),
      'reverted',
    )
    expect(b.messages(GENERAL).find((m) => m.id === bobsMessageId)?.body).not.toBe('hijack')
  })

  it('"You can only delete your own messages." reverts the delete', async () => {
    const id = await aliceMessage()
    rewrite.next = (f) => ({ ...f, messageId: bobsMessageId })
    a.service.deleteMessage(GENERAL, id)
    await a.waitFor(
      () => errorEvents(ServerErrorText.notYourDelete).length > 0,
      'not-your-delete error',
    )
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.id === id && m.pendingAction === null),
      'reverted',
    )
    expect(b.messages(GENERAL).some((m) => m.id === bobsMessageId)).toBe(true)
  })

  it('an error that overtakes an earlier broadcast is still attributed by meaning', async () => {
    const id = await aliceMessage()
    const body = `request N ${randomUUID()}`
    const { clientId } = await a.service.sendMessage(GENERAL, body)
    rewrite.next = (f) => ({ ...f, messageId: randomUUID() })
    a.service.editMessage(GENERAL, id, 'request N+1')
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.clientId === clientId && m.status === 'confirmed'),
      'text confirmed',
    )
    await a.waitFor(
      () => a.messages(GENERAL).find((m) => m.id === id && m.pendingAction === null),
      'edit reverted',
    )
    expect(a.messages(GENERAL).some((m) => m.status === 'failed' && m.body === body)).toBe(false)
  })
})
