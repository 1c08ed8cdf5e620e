/**
 * Offline first, with the real local server as a child process (stopped and started again on the
 * same port and data): sign in, the server goes away, the app quits, starts again on the same
 * profile: the session goes on offline, rooms and the last-seen history are shown from the store
 * before any network answer, three messages are queued; the server comes back and each arrives
 * exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoUsers } from '../../../../server/test-support'
import type { ServerProcess } from '../../../../soak/server-process'
import { createServerProcess, freePort } from '../../../../soak/server-process'
import { EduSphereApi } from '../session/edusphere-api'
import { createMemorySecretStore } from '../session/secret-store'
import { offlineText } from '../session/session'
import { openAccountStore } from '../store/account-store'
import { createProfileCache } from '../store/profile-cache'
import { createTestClient } from '../test-support/chat-harness'

const GENERAL = 'alice/general'
const { alice } = demoUsers
const REPO = fileURLToPath(new URL('../../../../', import.meta.url))

let server: ServerProcess
let dataDir: string
let profile: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'edusphere-offline-server-'))
  profile = mkdtempSync(join(tmpdir(), 'edusphere-offline-profile-'))
  server = createServerProcess({ repoRoot: REPO, port: await freePort(), dataDir })
  await server.start()
}, 60_000)
afterAll(async () => {
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(profile, { recursive: true, force: true })
})

describe('offline first', () => {
  it('shows rooms and history from the store offline, queues, and delivers each once when back', async () => {
    const secretStore = createMemorySecretStore()
    const deps = {
      secretStore,
      openStore: (account: { origin: string; username: string }) =>
        openAccountStore({ dir: profile, ...account }),
      profiles: createProfileCache(profile),
    }
    // First run, online: sign in and read General.
    const first = createTestClient(server.url, deps)
    await first.service.signIn({ server: server.url, email: alice.email, password: alice.password })
    await first.service.openRoom(GENERAL)
    await first.waitFor(
      () => first.events.some((e) => e.kind === 'messages-reset' && e.roomKey === GENERAL),
      'the history of General',
    )
    const online = first.messages(GENERAL).filter((m) => m.status === 'confirmed')
    expect(online.length).toBeGreaterThan(0)
    await first.dispose()

    // The server goes away; the app starts again on the same profile.
    await server.kill()
    const second = createTestClient(server.url, deps)
    try {
      await second.service.start()
      expect(second.session()).toMatchObject({ status: 'signed-in', user: { username: 'alice' } })
      // The background confirmation finds no server: the session says it is offline.
      await second.waitFor(() => second.session()?.reason === offlineText(), 'the offline notice')
      const rooms = second.events.find((e) => e.kind === 'rooms-reset' && e.rooms.length > 0)
      expect(rooms?.kind === 'rooms-reset' && rooms.rooms.map((r) => r.key)).toContain(GENERAL)
      await second.service.openRoom(GENERAL)
      await second.waitFor(
        () => second.events.some((e) => e.kind === 'messages-reset' && e.roomKey === GENERAL),
        'the stored history of General',
      )
      expect(second.messages(GENERAL).map((m) => m.id)).toEqual(online.map((m) => m.id))

      const tag = randomUUID()
      const bodies = [1, 2, 3].map((n) => `offline ${n} ${tag}`)
      for (const body of bodies) await second.service.sendMessage(GENERAL, body)
      await second.waitFor(
        () => second.messages(GENERAL).filter((m) => m.status === 'pending').length === 3,
        'three pending messages',
      )
      const pending = second.messages(GENERAL).filter((m) => m.status === 'pending')
      expect(pending.map((m) => m.body)).toEqual(bodies)

      // The server comes back: each queued message arrives exactly once.
      await server.start()
      second.service.nudge()
      await second.waitFor(
        () =>
          bodies.every((b) =>
            second.messages(GENERAL).some((m) => m.body === b && m.status === 'confirmed'),
          ),
        'the three queued messages confirmed',
      )
      const stored = await new EduSphereApi(server.url).history(null, 'alice', 'general')
      expect(bodies.map((b) => stored.filter((r) => r.body === b).length)).toEqual([1, 1, 1])
    } finally {
      await second.dispose()
    }
  }, 120_000)
})
