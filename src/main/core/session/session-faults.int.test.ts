/**
 * Session faults: the keychain's Secret Service dies mid-session, the token expires
 * while the machine sleeps (server and client clocks jump together), and the server starts
 * refusing one room's handshake with 403. Real server, real sockets, real keytar + gnome-keyring.
 */
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DB_FILE } from '../../../../server/store/db'
import type { TestServer } from '../../../../server/test-support'
import { demoUsers, EXTERNAL_SKIP_REASON, startTestServer } from '../../../../server/test-support'
import type { ConnectionSnapshot } from '../../../shared/ipc-contract'
import { systemClock } from '../clock'
import { EduSphereApi } from './edusphere-api'
import type { Clock } from '../ports'
import { accountFor, KEYCHAIN_SERVICE, loadKeytar, openSecretStore } from './secret-store'
import type { TestClient } from '../test-support/chat-harness'
import { signedInClient, TEST_POLICY } from '../test-support/chat-harness'
import { createSharedRoom } from '../test-support/shared-room'
import { skipNote, waitUntil } from '../test-support/wait'

const GENERAL = 'alice/general'
const { alice } = demoUsers
const external = Boolean(process.env.EDUSPHERE_URL)
if (external) skipNote(`session faults: ${EXTERNAL_SKIP_REASON}`)

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function serverFor(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(opts)
  cleanups.push(() => server.dispose())
  return server
}
function track(client: TestClient): TestClient {
  cleanups.push(() => client.dispose())
  return client
}

/** How often each body is stored on the server. */
async function stored(url: string, room: string, bodies: string[]): Promise<number[]> {
  const [host, slug] = room.split('/') as [string, string]
  const rows = await new EduSphereApi(url).history(null, host, slug)
  return bodies.map((b) => rows.filter((r) => r.body === b).length)
}

async function sendConfirmed(c: TestClient, room: string, body: string): Promise<void> {
  const { clientId } = await c.service.sendMessage(room, body)
  await c.waitFor(
    () => c.messages(room).find((m) => m.clientId === clientId && m.status === 'confirmed'),
    `"${body}" confirmed`,
  )
}

function lastConnection(c: TestClient, room: string): ConnectionSnapshot | null {
  for (let i = c.events.length - 1; i >= 0; i--) {
    const e = c.events[i]!
    if (e.kind === 'connection-changed' && e.roomKey === room) return e.connection
  }
  return null
}

/** Refresh calls counted, so a test can see the token really was refreshed. */
function countingApi(counter: { refreshes: number }) {
  return (baseUrl: string) => {
    const api = new EduSphereApi(baseUrl)
    const refresh = api.refresh.bind(api)
    api.refresh = (token) => {
      counter.refreshes++
      return refresh(token)
    }
    return api
  }
}

// ---------------------------------------------------------------------------------------------
// A private Secret Service: its own D-Bus daemon (no service files, so nothing re-activates a
// killed keyring) and its own gnome-keyring-daemon, so killing it disturbs no other suite.

const hasKeyring = ['/usr/bin/dbus-daemon', '/usr/bin/gnome-keyring-daemon'].every(existsSync)
if (!hasKeyring)
  skipNote('keychain-dies test skipped: dbus-daemon or gnome-keyring-daemon is not installed')

async function lineMatching(child: ChildProcess, re: RegExp, what: string): Promise<string> {
  let text = ''
  return waitUntil(
    () => {
      const chunk = child.stdout?.read() as Buffer | null
      if (chunk) text += chunk.toString()
      return re.exec(text)?.[1] ?? null
    },
    what,
    15_000,
  )
}

async function privateSecretService(): Promise<{ address: string; keyring: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'edusphere-keyring-'))
  for (const sub of ['home', 'data', 'run']) mkdirSync(join(dir, sub), { mode: 0o700 })
  writeFileSync(
    join(dir, 'bus.conf'),
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=${dir}/bus</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>
<allow own="*"/></policy></busconfig>`,
  )
  const bus = spawn('dbus-daemon', [`--config-file=${dir}/bus.conf`, '--nofork', '--print-address'])
  const address = await lineMatching(bus, /^(unix:\S+)$/m, 'the private D-Bus address')
  const env = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: address,
    HOME: join(dir, 'home'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
  }
  const keyring = spawn(
    'gnome-keyring-daemon',
    ['--foreground', '--unlock', '--components=secrets'],
    { env, stdio: ['pipe', 'ignore', 'ignore'] },
  )
  keyring.stdin?.end('pw\n')
  cleanups.push(async () => {
    for (const p of [keyring, bus])
      if (p.exitCode === null && p.signalCode === null) {
        p.kill('SIGKILL')
        await once(p, 'exit')
      }
    rmSync(dir, { recursive: true, force: true })
  })
  return { address, keyring }
}

describe.skipIf(external || !hasKeyring)('the keychain disappears mid-session', () => {
  it('keeps working in memory and the session says so', async () => {
    const { address, keyring } = await privateSecretService()
    // libsecret connects on first use, from this variable: this file is the only keytar user
    // in its worker process, so it talks to the private bus.
    process.env.DBUS_SESSION_BUS_ADDRESS = address
    const keytar = await loadKeytar()
    await waitUntil(
      () =>
        keytar.getPassword(KEYCHAIN_SERVICE, 'probe').then(
          () => true,
          () => false,
        ),
      'the private Secret Service to answer',
    )
    const { store, unavailableReason } = await openSecretStore()
    expect(unavailableReason).toBeNull()

    // Tokens live 4 s, so the keeper refreshes (and saves to the keychain) every 2 s.
    const server = await serverFor({ tokenTtl: 4 })
    const counter = { refreshes: 0 }
    const c = track(
      await signedInClient(server.url, alice.email, alice.password, GENERAL, {
        secretStore: store,
        keychainUnavailableReason: null,
        createApi: countingApi(counter),
      }),
    )
    expect(c.session()).toMatchObject({ status: 'signed-in', keychain: 'available' })
    const account = accountFor(server.url, alice.email)
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toMatch(/^ey/)

    keyring.kill('SIGKILL')
    await once(keyring, 'exit')
    const session = await c.waitFor(
      () => (c.session()?.keychain === 'unavailable' ? c.session() : null),
      'the session to report the keychain gone',
    )
    expect(session).toMatchObject({ status: 'signed-in', keychain: 'unavailable' })
    expect(session.keychainMessage).toMatch(
      /^The system keychain is unavailable \(saving the sign-in failed: .+\), so your sign-in is kept in memory only\. You will need to sign in again next time\.$/,
    )

    // Still working: the next refreshes go to memory, a dropped socket reconnects, messages flow.
    const refreshed = counter.refreshes
    await c.waitFor(() => counter.refreshes >= refreshed + 2, 'two more refreshes')
    server.server()!.killConnections()
    await c.waitFor(() => c.connection(GENERAL) !== 'connected', 'the socket dropped')
    await c.waitFor(() => c.connection(GENERAL) === 'connected', 'reconnected')
    await sendConfirmed(c, GENERAL, `after the keychain died ${randomUUID()}`)
    expect(c.session()?.status).toBe('signed-in')
    expect((await c.service.signOut()).status).toBe('signed-out')
  })
})

// ---------------------------------------------------------------------------------------------

/** The same jump on the server's clock and the core's: a laptop lid closed, then opened. */
function sleepableClocks() {
  const offset = { ms: 0 }
  const clock: Clock = {
    now: () => Date.now() + offset.ms,
    setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
    clearTimeout: (h) => systemClock.clearTimeout(h),
  }
  return { offset, clock, serverNow: () => Date.now() + offset.ms }
}

/** Offline long enough that the room gave up fast retries: only nudge() brings it back now. */
const SLEEPY_POLICY = { ...TEST_POLICY, maxAttempts: 1, slowRetryMs: 600_000 }

describe.skipIf(external)('the token expires while the machine sleeps', () => {
  it('after nudge() it refreshes, reconnects and delivers what was queued, once', async () => {
    const { offset, clock, serverNow } = sleepableClocks()
    const server = await serverFor({ now: serverNow })
    const counter = { refreshes: 0 }
    const c = track(
      await signedInClient(server.url, alice.email, alice.password, GENERAL, {
        clock,
        policy: SLEEPY_POLICY,
        createApi: countingApi(counter),
      }),
    )
    await server.stop() // the network goes with the lid
    await c.waitFor(() => c.connection(GENERAL) === 'failed', 'the room gave up fast retries')
    const body = `queued before sleeping ${randomUUID()}`
    await c.service.sendMessage(GENERAL, body)

    // 9.5 minutes asleep: the 10-minute token is inside its refresh lead, its timer never fired.
    offset.ms = 9.5 * 60_000
    await server.start()
    const before = counter.refreshes
    c.service.nudge()
    await c.waitFor(() => c.connection(GENERAL) === 'connected', 'reconnected after nudge()')
    expect(counter.refreshes).toBeGreaterThan(before)
    expect(c.session()?.status).toBe('signed-in')
    await c.waitFor(
      () => c.messages(GENERAL).find((m) => m.body === body && m.status === 'confirmed'),
      'the queued message delivered',
    )
    expect(await stored(server.url, GENERAL, [body])).toEqual([1])
  })

  it.each([
    ['past the token (11 minutes: the server refuses to refresh it)', 11 * 60_000],
    ['past the refresh window (8 days)', 8 * 24 * 3600_000],
  ])(
    'asleep %s: asks to sign in again; queued messages in every room survive, delivered once',
    async (_label, asleepMs) => {
      const { offset, clock, serverNow } = sleepableClocks()
      const server = await serverFor({ now: serverNow })
      const second = await createSharedRoom(server.url, 'Sleep', 'alice', [])
      const c = track(
        await signedInClient(server.url, alice.email, alice.password, GENERAL, {
          clock,
          policy: SLEEPY_POLICY,
        }),
      )
      await c.service.openRoom(second.key)
      await c.waitFor(() => c.connection(second.key) === 'connected', 'second room connected')
      await server.stop()
      await c.waitFor(
        () => c.connection(GENERAL) === 'failed' && c.connection(second.key) === 'failed',
        'both rooms gave up fast retries',
      )
      const bodies = [GENERAL, second.key].map((room) => `queued in ${room} ${randomUUID()}`)
      await c.service.sendMessage(GENERAL, bodies[0]!)
      await c.service.sendMessage(second.key, bodies[1]!)

      offset.ms = asleepMs
      await server.start()
      c.service.nudge()
      await c.waitFor(() => c.session()?.status === 'expired', 'the session expired')
      expect(c.session()?.reason).toBe('Your session has expired. Sign in again to continue.')
      expect(c.service.trayState().signedIn).toBe(false)
      for (const [room, body] of [
        [GENERAL, bodies[0]!],
        [second.key, bodies[1]!],
      ] as const)
        expect(c.messages(room).find((m) => m.body === body)?.status).toBe('pending')

      await c.service.signIn({ server: server.url, email: alice.email, password: alice.password })
      for (const [room, body] of [
        [GENERAL, bodies[0]!],
        [second.key, bodies[1]!],
      ] as const) {
        await c.waitFor(
          () => c.messages(room).find((m) => m.body === body && m.status === 'confirmed'),
          `"${body}" delivered after signing in again`,
        )
        expect(await stored(server.url, room, [body])).toEqual([1])
      }
    },
  )
})

// ---------------------------------------------------------------------------------------------

describe.skipIf(external)('the server starts refusing one room with 403', () => {
  it('that room shows the classified reason and stops; the others keep working', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'edusphere-403-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const server = await serverFor({ dataDir })
    const room = await createSharedRoom(server.url, 'Leaving', 'bob', ['alice'])
    const c = track(await signedInClient(server.url, alice.email, alice.password, GENERAL))
    await c.service.openRoom(room.key)
    await c.waitFor(() => c.connection(room.key) === 'connected', 'the second room connected')

    // An admin removes alice from the room, straight in the server's database.
    const db = new Database(join(dataDir, DB_FILE))
    db.prepare(
      'DELETE FROM participants WHERE room_id = ? AND user_id = (SELECT id FROM users WHERE username = ?)',
    ).run(room.id, 'alice')
    db.close()
    server.server()!.killConnections()

    await c.waitFor(() => c.connection(room.key) === 'error', 'the room refused')
    expect(lastConnection(c, room.key)).toMatchObject({
      state: 'error',
      terminal: 'not-participant',
      reason: "You're not a participant of this room any more, so it can't connect.",
      nextRetryAt: null,
    })
    await c.waitFor(() => c.connection(GENERAL) === 'connected', 'general reconnected')
    await sendConfirmed(c, GENERAL, `general still works ${randomUUID()}`)
    expect(c.service.listRooms()).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: room.key })]),
    )
    expect((await c.service.listConnections())[room.key]).toMatchObject({
      terminal: 'not-participant',
    })
    expect(c.connection(room.key)).toBe('error')
  })
})
