import { describe, expect, it } from 'vitest'
import type { KeytarModule } from './secret-store'
import {
  accountFor,
  createKeytarSecretStore,
  createMemorySecretStore,
  KEYCHAIN_SERVICE,
  KeychainUnavailableError,
  openSecretStore,
  parseAccount,
} from './secret-store'

// Keytar modules are injected here to reach the failure paths (missing build, broken D-Bus)
// deterministically; secret-store.int.test.ts uses the real keytar and gnome-keyring.

function recordingKeytar(failRead?: Error): KeytarModule & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  const key = (s: string, a: string) => `${s}\n${a}`
  return {
    entries,
    getPassword: async (s, a) => {
      if (failRead) throw failRead
      return entries.get(key(s, a)) ?? null
    },
    setPassword: async (s, a, p) => {
      entries.set(key(s, a), p)
    },
    deletePassword: async (s, a) => entries.delete(key(s, a)),
    findCredentials: async (s) =>
      [...entries]
        .filter(([k]) => k.startsWith(`${s}\n`))
        .map(([k, password]) => ({ account: k.slice(s.length + 1), password })),
  }
}

describe('accounts', () => {
  it('are `${origin}|${email}` and parse back', () => {
    expect(KEYCHAIN_SERVICE).toBe('EduSphere Desktop')
    const account = accountFor('http://localhost:8000', 'alice@example.com')
    expect(account).toBe('http://localhost:8000|alice@example.com')
    expect(parseAccount(account)).toEqual({
      origin: 'http://localhost:8000',
      email: 'alice@example.com',
    })
    expect(parseAccount('no-bar')).toBeNull()
    expect(parseAccount('|x')).toBeNull()
    expect(parseAccount('x|')).toBeNull()
  })
})

describe('memory store', () => {
  it('sets, gets, lists and deletes', async () => {
    const store = createMemorySecretStore()
    expect(store.kind).toBe('memory')
    await store.set('a', '1')
    expect(await store.get('a')).toBe('1')
    expect(await store.get('b')).toBeNull()
    expect(await store.accounts()).toEqual(['a'])
    expect(await store.delete('a')).toBe(true)
    expect(await store.delete('a')).toBe(false)
  })
})

describe('keytar store with an injected module', () => {
  it('uses the service, probes with a read, and hides the probe account', async () => {
    const keytar = recordingKeytar()
    const store = await createKeytarSecretStore('svc', async () => keytar)
    expect(store.kind).toBe('keychain')
    await store.set('acc', 'secret')
    expect(keytar.entries.get('svc\nacc')).toBe('secret')
    expect(await store.accounts()).toEqual(['acc'])
  })

  it('a keytar that cannot load gives memory + the reason', async () => {
    const result = await openSecretStore({
      loadKeytar: async () => {
        throw new Error("Cannot find module 'keytar'")
      },
    })
    expect(result.store.kind).toBe('memory')
    expect(result.unavailableReason).toBe(
      "keytar could not be loaded (Cannot find module 'keytar')",
    )
  })

  it('a failing Secret Service read gives memory + the reason', async () => {
    const keytar = recordingKeytar(
      new Error('The name org.freedesktop.secrets was not provided by any .service files'),
    )
    const result = await openSecretStore({ loadKeytar: async () => keytar })
    expect(result.store.kind).toBe('memory')
    expect(result.unavailableReason).toMatch(
      /^no usable Secret Service \(The name org\.freedesktop/,
    )
    await expect(createKeytarSecretStore('svc', async () => keytar)).rejects.toBeInstanceOf(
      KeychainUnavailableError,
    )
  })
})
