/**
 * Nothing lost, nothing doubled: a server restart or a connection kill in the middle of sending,
 * and a session that expires while messages are queued. Each test gets its own server, since it
 * stops or breaks it.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { TestServer } from '../../../../server/test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, startTestServer } from '../../../../server/test-support'
import { EduSphereApi } from '../session/edusphere-api'
import { systemClock } from '../clock'
import type { Clock } from '../ports'
import type { TestClient } from '../test-support/chat-harness'
import { signedInClient } from '../test-support/chat-harness'
import { skipNote } from '../test-support/wait'

const GENERAL = 'alice/general'
const { alice } = demoUsers
const external = Boolean(process.env.EDUSPHERE_URL)
if (external) skipNote(`chat-service-resilience: ${EXTERNAL_SKIP_REASON}`)

let server: TestServer | null = null
let client: TestClient | null = null
afterEach(async () => {
  await client?.dispose()
  await server?.dispose()
  client = null
  server = null
})

/** How often each body appears in the server's own history. */
async function serverCounts(url: string, bodies: string[]): Promise<number[]> {
  const rows = await new EduSphereApi(url).history(null, 'alice', 'general')
  return bodies.map((b) => rows.filter((r) => r.body === b).length)
}

function allConfirmed(c: TestClient, bodies: string[]): boolean {
  const list = c.messages(GENERAL)
  return bodies.every((b) => list.some((m) => m.body === b && m.status === 'confirmed'))
}

describe.skipIf(external)('chat service: delivery across failures', () => {
  it('delivers a queue exactly once across a server restart in the middle of sending', async () => {
    server = await startTestServer()
    client = await signedInClient(server.url, alice.email, alice.password, GENERAL)
    const c = client
    const tag = randomUUID()
    const bodies = Array.from({ length: 30 }, (_, i) => `restart ${tag} #${i}`)
    for (const body of bodies.slice(0, 15)) c.service.sendMessage(GENERAL, body)
    const restarting = server.restart()
    for (const body of bodies.slice(15)) c.service.sendMessage(GENERAL, body)
    await restarting
    await c.waitFor(() => allConfirmed(c, bodies), 'every message confirmed after the restart')
    expect(await serverCounts(server.url, bodies)).toEqual(bodies.map(() => 1))
    expect(c.messages(GENERAL).filter((m) => m.status !== 'confirmed')).toEqual([])
    expect(
      c.events.some((e) => e.kind === 'connection-changed' && e.connection.state !== 'connected'),
    ).toBe(true)
  })

  it('delivers exactly once when every connection is killed abruptly mid-burst', async () => {
    server = await startTestServer()
    client = await signedInClient(server.url, alice.email, alice.password, GENERAL)
    const c = client
    const tag = randomUUID()
    const bodies = Array.from({ length: 40 }, (_, i) => `kill ${tag} #${i}`)
    // Same body twice: FIFO matching and history resolution must keep both, once each.
    bodies.push(bodies[0]!)
    for (const body of bodies.slice(0, 20)) c.service.sendMessage(GENERAL, body)
    server.server()?.killConnections()
    for (const body of bodies.slice(20)) c.service.sendMessage(GENERAL, body)
    const unique = [...new Set(bodies)]
    await c.waitFor(
      () =>
        c.messages(GENERAL).filter((m) => m.status === 'confirmed' && m.body.includes(tag))
          .length === bodies.length,
      'every message confirmed after the kill',
    )
    const counts = await serverCounts(server.url, unique)
    expect(counts).toEqual(unique.map((b) => (b === bodies[0] ? 2 : 1)))
  })

  it('keeps the queue when the session expires, and delivers it after signing in again', async () => {
    server = await startTestServer()
    const offset = { ms: 0 }
    const clock: Clock = {
      now: () => Date.now() + offset.ms,
      setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
      clearTimeout: (h) => systemClock.clearTimeout(h),
    }
    client = await signedInClient(server.url, alice.email, alice.password, GENERAL, { clock })
    const c = client
    await server.stop()
    await c.waitFor(() => c.connection(GENERAL) !== 'connected', 'socket dropped')
    const body = `queued while expired ${randomUUID()}`
    const { clientId } = await c.service.sendMessage(GENERAL, body)

    // Eight days later the refresh window (7 days) is over: the laptop wakes up expired.
    offset.ms = 8 * 24 * 3600 * 1000
    c.service.nudge()
    await c.waitFor(() => c.session()?.status === 'expired', 'session expired')
    offset.ms = 0
    expect(c.service.trayState().signedIn).toBe(false)
    expect(c.messages(GENERAL).find((m) => m.id === clientId)?.status).toBe('pending')

    await server.start()
    await c.service.signIn({ server: server.url, email: alice.email, password: alice.password })
    await c.waitFor(
      () => c.messages(GENERAL).find((m) => m.clientId === clientId && m.status === 'confirmed'),
      'queued message delivered after signing in again',
    )
    expect(await serverCounts(server.url, [body])).toEqual([1])
  })
})
