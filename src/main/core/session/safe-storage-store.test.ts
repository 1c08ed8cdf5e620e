import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SafeStorageLike } from './safe-storage-store'
import { chooseSafeStorage, createSafeStorageSecretStore } from './safe-storage-store'
import { openSecretStore } from './secret-store'
import { Session } from './session'
import { FakeClock } from '../test-support/fake-clock'

/**
 * A STAND-IN for Electron's safeStorage (Electron cannot run here): it really encrypts, with
 * AES-256-GCM under a key that lives only in this object, the way safeStorage encrypts under a
 * key kept by the OS keychain. What the store writes can therefore be checked for plaintext.
 */
function standInSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const key = randomBytes(32)
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12))
      decipher.setAuthTag(data.subarray(12, 28))
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VybmFtZSI6ImFsaWNlIn0.c2lnbmF0dXJl'
const noKeytar = async () => {
  throw new Error("Cannot find module 'keytar'")
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'edusphere-secrets-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('safeStorage store (real files, stand-in encryption)', () => {
  it('keeps tokens encrypted in a 0600 file and reads them back after a restart', async () => {
    const safe = standInSafeStorage()
    const file = join(dir, 'profile', 'secrets.json')
    const store = await createSafeStorageSecretStore(safe, file)
    expect(store.kind).toBe('safe-storage')
    await store.set('http://h|alice@example.com', TOKEN)
    await store.set('http://h|bob@example.com', 'other')
    const raw = readFileSync(file, 'utf8')
    expect(raw).not.toContain(TOKEN)
    expect(raw).not.toContain('eyJ')
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(statSync(join(dir, 'profile')).mode & 0o777).toBe(0o700)
    }
    const again = await createSafeStorageSecretStore(safe, file)
    expect(await again.get('http://h|alice@example.com')).toBe(TOKEN)
    expect((await again.accounts()).sort()).toEqual([
      'http://h|alice@example.com',
      'http://h|bob@example.com',
    ])
    expect(await again.delete('http://h|bob@example.com')).toBe(true)
    expect(await again.delete('http://h|bob@example.com')).toBe(false)
    expect(await again.accounts()).toEqual(['http://h|alice@example.com'])
    expect(readdirSync(join(dir, 'profile'))).toEqual(['secrets.json'])
  })

  it('an entry that no longer decrypts reads as absent; a corrupt file is kept aside, not lost', async () => {
    const file = join(dir, 'secrets.json')
    const first = await createSafeStorageSecretStore(standInSafeStorage(), file)
    await first.set('a', TOKEN)
    // Another key (the OS keychain entry was reset): the old ciphertext cannot be read.
    const other = await createSafeStorageSecretStore(standInSafeStorage(), file)
    expect(await other.get('a')).toBeNull()

    writeFileSync(file, '{not json')
    const fresh = await createSafeStorageSecretStore(standInSafeStorage(), file)
    expect(await fresh.accounts()).toEqual([])
    const aside = readdirSync(dir).filter((f) => f.startsWith('secrets.json.unreadable-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{not json')
  })
})

describe('choosing safeStorage', () => {
  it("refuses Linux's basic_text backend (a hard-coded key: not secure) and unavailable encryption", () => {
    expect(chooseSafeStorage(standInSafeStorage('basic_text'), 'linux')).toEqual({
      usable: false,
      reason: "safeStorage would use Linux's basic_text backend, which is not secure",
    })
    expect(chooseSafeStorage(standInSafeStorage('unknown'), 'linux').usable).toBe(false)
    expect(chooseSafeStorage(standInSafeStorage('gnome_libsecret', false), 'linux')).toEqual({
      usable: false,
      reason: 'safeStorage encryption is not available',
    })
    expect(chooseSafeStorage(standInSafeStorage('kwallet5'), 'linux')).toEqual({
      usable: true,
      reason: null,
    })
    // Elsewhere the OS keeps the key (DPAPI, Keychain); there is no backend to ask about.
    expect(chooseSafeStorage(standInSafeStorage('basic_text'), 'win32').usable).toBe(true)
  })

  it('keytar first; without it safeStorage; memory last, with the reasons', async () => {
    const file = join(dir, 'secrets.json')
    const good = { api: standInSafeStorage(), filePath: file, platform: 'linux' as const }
    const viaSafe = await openSecretStore({ loadKeytar: noKeytar, safeStorage: good })
    expect(viaSafe.store.kind).toBe('safe-storage')
    expect(viaSafe.unavailableReason).toBe(
      "keytar could not be loaded (Cannot find module 'keytar')",
    )

    const basic = { ...good, api: standInSafeStorage('basic_text') }
    const viaMemory = await openSecretStore({ loadKeytar: noKeytar, safeStorage: basic })
    expect(viaMemory.store.kind).toBe('memory')
    expect(viaMemory.unavailableReason).toBe(
      "keytar could not be loaded (Cannot find module 'keytar'); " +
        "safeStorage would use Linux's basic_text backend, which is not secure",
    )
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('the session says which store keeps the sign-in', () => {
  it('safeStorage: available, with a message naming it and why the keychain is not used', async () => {
    const { store, unavailableReason } = await openSecretStore({
      loadKeytar: noKeytar,
      safeStorage: { api: standInSafeStorage(), filePath: join(dir, 's.json'), platform: 'linux' },
    })
    const session = new Session({
      secretStore: store,
      keychainUnavailableReason: unavailableReason,
      clock: new FakeClock(),
    })
    expect(session.snapshot()).toMatchObject({
      keychain: 'available',
      keychainMessage:
        "Your sign-in is kept encrypted with Electron's safeStorage, because the system keychain " +
        "is unavailable (keytar could not be loaded (Cannot find module 'keytar')).",
    })
  })
})
