/**
 * A hostile room member floods a room while the window is hidden: 2,000 messages with markup and
 * bidi tricks from bob's socket, and 2,000 error frames provoked on alice's own socket. Everything
 * is real (local server, sockets, the chat service) except the sink, which records what Electron
 * would be asked to show. The notification center's clock is frozen, so the rate limit's bound is
 * exact and the test does not depend on how fast the machine is.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../../../../server/test-support'
import {
  demoUsers,
  openSocket,
  ProtocolClient,
  startTestServer,
} from '../../../../server/test-support'
import type { SocketLike, WebSocketFactory } from '../ports'
import { createWsSocket } from '../chat/connection/ws-factory'
import type { TestClient } from '../test-support/chat-harness'
import { signedInClient } from '../test-support/chat-harness'
import { FakeClock } from '../test-support/fake-clock'
import type { NativeNotice } from './notification-center'
import { createNotificationCenter, DEFAULT_NOTIFICATION_LIMITS } from './notification-center'

const GENERAL = 'alice/general'
const FLOOD = 2000

let server: TestServer
let alice: TestClient
const sockets: SocketLike[] = []
const shown: NativeNotice[] = []
const clock = new FakeClock()

beforeAll(async () => {
  server = await startTestServer()
  const capture: WebSocketFactory = (url, options) => {
    const socket = createWsSocket(url, options)
    sockets.push(socket)
    return socket
  }
  const notifier = createNotificationCenter(
    {
      window: () => ({ windowVisible: false, windowFocused: false }),
      clock,
      platform: 'linux',
    },
    { show: (notice) => shown.push(notice) },
  )
  alice = await signedInClient(
    server.url,
    demoUsers.alice.email,
    demoUsers.alice.password,
    GENERAL,
    {
      notifier,
      createWebSocket: capture,
    },
  )
})
afterAll(async () => {
  await alice?.dispose()
  await server?.dispose()
})

describe('a flood while the window is hidden', () => {
  it('2,000 messages and 2,000 error frames give a bounded handful of inert notifications', async () => {
    const bob = new ProtocolClient(server.url)
    const token = await bob.signIn(demoUsers.bob.email, demoUsers.bob.password)
    const socket = await openSocket(server.url, 'alice', 'general', token)
    if (!socket.ok) throw new Error(`bob could not connect: ${socket.status}`)
    const hostile = (i: number) =>
      `<b>x</b> <a href="http://evil.example">sign in</a> \u202E${i}\u200B`
    for (let i = 0; i < FLOOD; i++) socket.probe.send({ type: 'text', message: hostile(i) })
    await alice.waitFor(
      () => alice.messages(GENERAL).some((m) => m.body === hostile(FLOOD - 1)),
      "bob's last flood message",
    )
    const bobsId = alice.messages(GENERAL).find((m) => m.body === hostile(0))!.id

    // Errors go only to the sender: provoke them on alice's own socket, four kinds in turn.
    const own = sockets.at(-1)!
    for (let i = 0; i < FLOOD; i++) {
      const frames = [
        { type: 'update', messageId: randomUUID(), message: 'x' },
        { type: 'delete', messageId: bobsId },
        { type: 'update', messageId: bobsId, message: 'x' },
        { type: 'update', messageId: bobsId, message: '' },
      ]
      own.send(JSON.stringify(frames[i % 4]))
    }
    await alice.waitFor(
      () => alice.events.filter((e) => e.kind === 'error').length >= FLOOD,
      `${FLOOD} error events`,
    )
    await socket.probe.close()

    // The frozen clock gives the rate limit no refill: exactly its burst, whatever arrived.
    expect(shown.length).toBeGreaterThanOrEqual(2)
    expect(shown.length).toBeLessThanOrEqual(DEFAULT_NOTIFICATION_LIMITS.burst)
    for (const notice of shown) {
      expect(notice.title + notice.body).not.toMatch(/[<>\u202E\u200B]/)
      expect([...notice.title].length).toBeLessThanOrEqual(100)
    }
    expect(shown[0]).toMatchObject({
      key: 'message:alice/general',
      title: 'bob in General',
      body: '&lt;b&gt;x&lt;/b&gt; &lt;a href=&quot;http://evil.example&quot;&gt;sign in&lt;/a&gt; 0',
    })
    // A minute later, what the rate limit held back is shown: the latest per room and kind.
    clock.advance(60_000)
    expect(shown.length).toBeLessThanOrEqual(DEFAULT_NOTIFICATION_LIMITS.burst + 2)
    expect(shown.at(-2)).toMatchObject({
      title: `${FLOOD.toLocaleString('en')} new messages in General`,
    })
    expect(shown.at(-1)).toMatchObject({ key: 'error:alice/general', title: 'General' })
    expect(shown.at(-1)!.body).toMatch(/\(and [\d,]+ more errors\)$/)
    // The window's toasts still get every error (and count them, see notices.test.ts).
    expect(alice.events.filter((e) => e.kind === 'error')).toHaveLength(FLOOD)
  })
})
