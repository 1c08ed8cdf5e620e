/**
 * Server -> client bad input at the core. The real chat service signs in to the local
 * server, but one room's socket is redirected to a fake `ws` server on loopback that plays a
 * broken or hostile EduSphere: garbage, binary and wrong-shaped frames, an oversized frame, and a
 * flood of 50,000 events. The core drops and reports what is invalid, stays responsive (a later
 * valid frame is applied, the real room keeps chatting) and its memory stays bounded.
 */
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import v8 from 'node:v8'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { WebSocketServer } from 'ws'
import type { TestServer } from '../../../../server/test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, startTestServer } from '../../../../server/test-support'
import { decodeInbound } from './connection/inbound-frame'
import type { WebSocketFactory } from '../ports'
import { newFrame } from '../test-support/chat-fixtures'
import type { TestClient } from '../test-support/chat-harness'
import { createTestClient } from '../test-support/chat-harness'
import { createSharedRoom } from '../test-support/shared-room'
import { skipNote, waitUntil } from '../test-support/wait'
import { createWsSocket } from './connection/ws-factory'

const external = Boolean(process.env.EDUSPHERE_URL)
if (external) skipNote(`inbound fuzz: ${EXTERNAL_SKIP_REASON}`)

const GENERAL = 'alice/general'
const { alice } = demoUsers

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
/** Heap in use after a full collection. */
function settledHeap(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** Text frames a client must drop: each fails to decode for its own reason. */
const invalidTexts = [
  'not json at all',
  '{"type": "chat_message", "action": "new"',
  '[1, 2, 3]',
  'null',
  '"chat_message"',
  '{"type": "presence", "user": "bob"}',
  '{"type": "chat_message", "action": "typing", "id": "x"}',
  '{"type": "chat_message", "action": "new", "id": 5}',
  '{"type": "chat_message", "action": "update", "id": "x", "body": 1}',
  '{"type": "chat_message", "action": "delete"}',
  '{"error": 42}',
  JSON.stringify({ ...newFrame('bad time', 'bob'), created: '2026-02-30T00:00:00+00:00' }),
  JSON.stringify({ ...newFrame('bad avatar', 'bob'), userAvatar: 7 }),
  '\ud800\udfff\u0000'.repeat(1000),
  'x'.repeat(512 * 1024),
]

describe.skipIf(external)('the core under bad server input', () => {
  let server: TestServer
  let fake: WebSocketServer
  /** The fake room's current socket on the fake server's side. */
  const peers: WebSocket[] = []
  let client: TestClient
  let fakeRoom: string

  beforeAll(async () => {
    server = await startTestServer()
    fakeRoom = (await createSharedRoom(server.url, 'Fuzz', 'alice', [])).key
    fake = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await once(fake, 'listening')
    const port = (fake.address() as { port: number }).port
    fake.on('connection', (ws) => peers.push(ws))
    const createWebSocket: WebSocketFactory = (url, options) =>
      url.endsWith(`/ws/chat/${fakeRoom}`)
        ? createWsSocket(`ws://127.0.0.1:${port}/ws/chat/${fakeRoom}`, options)
        : createWsSocket(url, options)
    client = createTestClient(server.url, { createWebSocket })
    await client.service.signIn({
      server: server.url,
      email: alice.email,
      password: alice.password,
    })
    await client.service.openRoom(GENERAL)
    await client.service.openRoom(fakeRoom)
    await client.waitFor(
      () =>
        client.connection(fakeRoom) === 'connected' && client.connection(GENERAL) === 'connected',
      'both rooms connected',
    )
  })
  afterAll(async () => {
    await client?.dispose()
    fake?.close()
    await server?.dispose()
  })

  const current = () => peers.at(-1)!
  const protocolErrors = () =>
    client.events.filter(
      (e) => e.kind === 'error' && e.code === 'protocol' && e.roomKey === fakeRoom,
    )

  /** Sends a valid `new` frame from bob on the fake socket and waits until the room shows it. */
  async function applied(label: string): Promise<void> {
    const frame = newFrame(`${label} ${randomUUID()}`, 'bob')
    current().send(JSON.stringify(frame))
    await client.waitFor(
      () => client.messages(fakeRoom).some((m) => m.id === frame.id && m.body === frame.body),
      `the valid frame "${label}" to be applied`,
    )
  }

  /** The real room still works end to end: a message is sent and confirmed. */
  async function realRoomChats(): Promise<void> {
    const body = `still chatting ${randomUUID()}`
    const { clientId } = await client.service.sendMessage(GENERAL, body)
    await client.waitFor(
      () =>
        client.messages(GENERAL).find((m) => m.clientId === clientId && m.status === 'confirmed'),
      'a message in the real room confirmed',
    )
  }

  it('drops garbage, binary and wrong-shaped frames, reports them, and applies the next valid one', async () => {
    const before = client.messages(fakeRoom).length
    for (const text of invalidTexts) current().send(text)
    current().send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true })
    current().send(Buffer.from(JSON.stringify(newFrame('as binary', 'bob'))), { binary: true })
    await applied('after garbage')
    expect(client.messages(fakeRoom)).toHaveLength(before + 1)
    const reports = protocolErrors()
    expect(reports.length).toBeGreaterThanOrEqual(1)
    // One report per burst, naming the first reason, not one per frame.
    expect(reports.length).toBeLessThanOrEqual(2)
    expect(reports[0]).toMatchObject({
      message: expect.stringMatching(/^Ignored a malformed message from the server \(invalid JSON/),
    })
    expect(client.connection(fakeRoom)).toBe('connected')
    expect(peers).toHaveLength(1)
    await realRoomChats()
  })

  it('an oversized frame closes that socket with the reason; the room reconnects and goes on', async () => {
    const states: string[] = []
    const stop = client.service.onEvents((batch) => {
      for (const e of batch)
        if (e.kind === 'connection-changed' && e.roomKey === fakeRoom)
          states.push(`${e.connection.state} ${e.connection.reason ?? ''}`)
    })
    current().send('y'.repeat(2 * 1024 * 1024))
    await client.waitFor(() => peers.length === 2, 'a new connection to the fake server')
    await client.waitFor(() => client.connection(fakeRoom) === 'connected', 'reconnected')
    stop()
    // ws refuses the frame (over maxPayload) and kills the socket; the reason must say why.
    expect(states).toContainEqual(
      expect.stringMatching(/^reconnecting .*Max payload size exceeded/),
    )
    await applied('after the oversized frame')
    await realRoomChats()
  })

  it('a flood of 50,000 events: invalid ones dropped with bounded reports and memory', async () => {
    const baseline = settledHeap()
    const reportsBefore = protocolErrors().length
    const before = client.messages(fakeRoom).length
    const valid = new Set<string>()
    const socket = current()
    for (let i = 0; i < 50_000; i++) {
      if (i % 10 === 0) {
        const frame = newFrame(`flood ${i}`, 'bob')
        valid.add(frame.id)
        socket.send(JSON.stringify(frame))
      } else socket.send(invalidTexts[i % (invalidTexts.length - 1)]!)
    }
    // One socket delivers in order: once the last frame is applied, the whole flood was handled.
    // Waiting for that event, not for a count within a deadline, keeps the test free of any
    // assumption about how fast a busy machine gets through 50,000 frames (the test's own timeout
    // is the only bound), and a wrong count fails as a wrong count.
    const last = newFrame('end of the flood', 'bob')
    valid.add(last.id)
    socket.send(JSON.stringify(last))
    await waitUntil(
      () => client.messages(fakeRoom).some((m) => m.id.toLowerCase() === last.id.toLowerCase()),
      'the last frame of the flood applied',
      Number.POSITIVE_INFINITY,
    )
    expect(client.messages(fakeRoom).length).toBe(before + valid.size)
    await applied('after the flood')
    await realRoomChats()
    const growth = settledHeap() - baseline
    console.log(
      `inbound flood: heap growth ${(growth / 1048576).toFixed(1)} MiB for 5,000 kept messages`,
    )
    // 5,000 messages kept in room state plus the harness's event log; 45,000 dropped frames
    // must leave nothing behind.
    expect(growth).toBeLessThan(32 * 1024 * 1024)
    expect(protocolErrors().length - reportsBefore).toBeLessThanOrEqual(2)
    expect(client.connection(fakeRoom)).toBe('connected')
  })

  it('decodeInbound never throws on random bytes, and binary frames are never chat frames', () => {
    const raw = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc.string({ unit: 'binary' }).map((s) => Buffer.from(s)),
      fc.array(
        fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)),
        { maxLength: 4 },
      ),
      fc.uint8Array({ maxLength: 50 }).map((a) => a.slice().buffer),
    )
    fc.assert(
      fc.property(raw, fc.boolean(), (data, isBinary) => {
        const decoded = decodeInbound(data, isBinary)
        if (isBinary) expect(decoded).toMatchObject({ ok: false, reason: /^binary frame/ })
      }),
      { numRuns: 500 },
    )
  })
})
