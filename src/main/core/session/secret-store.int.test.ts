import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoUsers, startTestServer } from '../../../../server/test-support'
import type { TestServer } from '../../../../server/test-support'
import { systemClock } from '../clock'
import type { KeytarModule } from './secret-store'
import {
  accountFor,
  createKeytarSecretStore,
  KEYCHAIN_SERVICE,
  loadKeytar,
  openSecretStore,
} from './secret-store'
import { Session } from './session'
import { skipNote } from '../test-support/wait'

// The real keytar against a real Secret Service (gnome-keyring under dbus-run-session, as
// tools/test.sh runs it). Without any D-Bus session the real-keychain cases cannot run at all.

const run = promisify(execFile)
const hasDbus = !!process.env.DBUS_SESSION_BUS_ADDRESS
if (!hasDbus)
  skipNote(
    'real keychain tests skipped: no D-Bus session (run under dbus-run-session with ' +
      'gnome-keyring-daemon unlocked, as tools/test.sh does)',
  )

describe.skipIf(!hasDbus)('real keychain (keytar + gnome-keyring)', () => {
  let keytar: KeytarModule
  let ts: TestServer
  beforeAll(async () => {
    keytar = await loadKeytar()
    ts = await startTestServer()
  })
  afterAll(async () => {
    await ts.dispose()
  })

  it('sets, gets, lists and deletes for real', async () => {
    const service = `${KEYCHAIN_SERVICE} test ${randomUUID()}`
    const store = await createKeytarSecretStore(service)
    expect(store.kind).toBe('keychain')
    const account = accountFor('http://127.0.0.1:1', `${randomUUID()}@example.com`)
    try {
      await store.set(account, 'secret-1')
      expect(await store.get(account)).toBe('secret-1')
      expect(await keytar.getPassword(service, account)).toBe('secret-1')
      expect(await store.accounts()).toEqual([account])
      await store.set(account, 'secret-2')
      expect(await store.get(account)).toBe('secret-2')
      expect(await store.delete(account)).toBe(true)
      expect(await store.get(account)).toBeNull()
      expect(await store.accounts()).toEqual([])
    } finally {
      await keytar.deletePassword(service, account)
    }
  })

  it('sign-in stores the token under "EduSphere Desktop", sign-out removes it', async () => {
    const { store, unavailableReason } = await openSecretStore()
    expect(unavailableReason).toBeNull()
    expect(store.kind).toBe('keychain')
    const session = new Session({
      secretStore: store,
      keychainUnavailableReason: null,
      clock: systemClock,
    })
    const account = accountFor(ts.url, demoUsers.alice.email)
    try {
      const snap = await session.signIn(ts.url, demoUsers.alice.email, demoUsers.alice.password)
      expect(snap).toMatchObject({ status: 'signed-in', keychain: 'available' })
      const token = await session.getToken()
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toBe(token)
      expect(JSON.stringify(snap)).not.toContain(token)

      // A fresh session (the next app start) restores from the keychain.
      // Only this test's entry: other suites may share the keyring concurrently.
      const scoped = {
        ...store,
        kind: store.kind,
        accounts: async () => (await store.accounts()).filter((a) => a === account),
      }
      const next = new Session({
        secretStore: scoped,
        keychainUnavailableReason: null,
        clock: systemClock,
      })
      expect((await next.restore()).status).toBe('signed-in')
      next.dispose()

      await session.signOut()
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toBeNull()
    } finally {
      session.dispose()
      await keytar.deletePassword(KEYCHAIN_SERVICE, account)
    }
  })
})

describe('no Secret Service: memory only, with the reason', () => {
  it('a D-Bus address that leads nowhere (child process) falls back to memory', async () => {
    const module = fileURLToPath(new URL('./secret-store.ts', import.meta.url))
    const script =
      `const m = await import(${JSON.stringify(module)});` +
      `const open = m.openSecretStore ?? m.default.openSecretStore;` +
      `const r = await open();` +
      `console.log(JSON.stringify({ kind: r.store.kind, reason: r.unavailableReason }))`
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } },
    )
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      kind: string
      reason: string | null
    }
    expect(result.kind).toBe('memory')
    expect(result.reason).toMatch(/^no usable Secret Service \(.+\)$/)
  })

  it('the session then works in memory and says the user must sign in again next time', async () => {
    const { store, unavailableReason } = await openSecretStore({
      loadKeytar: async () => {
        throw new Error("Cannot find module 'keytar'")
      },
    })
    const ts = await startTestServer()
    const session = new Session({
      secretStore: store,
      keychainUnavailableReason: unavailableReason,
      clock: systemClock,
    })
    try {
      const snap = await session.signIn(ts.url, demoUsers.alice.email, demoUsers.alice.password)
      expect(snap.status).toBe('signed-in')
      expect(snap.keychain).toBe('unavailable')
      expect(snap.keychainMessage).toContain(
        "keytar could not be loaded (Cannot find module 'keytar')",
      )
      expect(snap.keychainMessage).toContain('You will need to sign in again next time.')
    } finally {
      session.dispose()
      await ts.dispose()
    }
  })
})
