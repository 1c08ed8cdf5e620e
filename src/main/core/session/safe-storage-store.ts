/**
 * The token encrypted with Electron's safeStorage, in a 0600 file in userData: for where keytar
 * cannot load. safeStorage is injected (src/main/secret-backend.ts passes Electron's), so this
 * runs in plain Node. The key stays with the OS (DPAPI, macOS Keychain, libsecret/KWallet); the
 * file holds only ciphertext. Linux's `basic_text` backend encrypts with a hard-coded key, which
 * is plaintext in all but name, so it is refused (memory-only is used instead).
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { SecretStore } from '../ports'

/** The part of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only in Electron: 'basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', …, 'unknown'. */
  getSelectedStorageBackend(): string
}

/** Linux backends that do not keep the key in a real secret store. */
const INSECURE_LINUX_BACKENDS = new Set(['basic_text', 'unknown'])

/** Whether safeStorage may keep the token on this platform, and why not. Pure. */
export function chooseSafeStorage(
  safe: SafeStorageLike,
  platform: NodeJS.Platform,
): { usable: true; reason: null } | { usable: false; reason: string } {
  let available = false
  try {
    available = safe.isEncryptionAvailable()
  } catch {
    available = false
  }
  if (!available) return { usable: false, reason: 'safeStorage encryption is not available' }
  if (platform !== 'linux') return { usable: true, reason: null }
  let backend = 'unknown'
  try {
    backend = safe.getSelectedStorageBackend()
  } catch {
    backend = 'unknown'
  }
  if (INSECURE_LINUX_BACKENDS.has(backend))
    return {
      usable: false,
      reason:
        backend === 'basic_text'
          ? "safeStorage would use Linux's basic_text backend, which is not secure"
          : 'safeStorage found no secure backend on this Linux desktop',
    }
  return { usable: true, reason: null }
}

interface SecretsFile {
  version: 1
  /** account → base64 ciphertext */
  secrets: Record<string, string>
}

function parseFile(text: string): SecretsFile | null {
  try {
    const value = JSON.parse(text) as unknown
    if (typeof value !== 'object' || value === null) return null
    const { version, secrets } = value as Partial<SecretsFile>
    if (version !== 1 || typeof secrets !== 'object' || secrets === null) return null
    const clean: Record<string, string> = {}
    for (const [account, data] of Object.entries(secrets))
      if (typeof data === 'string') clean[account] = data
    return { version: 1, secrets: clean }
  } catch {
    return null
  }
}

/** Opens (or starts) the encrypted file; a file it cannot read is moved aside, never deleted. */
export async function createSafeStorageSecretStore(
  safe: SafeStorageLike,
  filePath: string,
  now: () => number = Date.now,
): Promise<SecretStore> {
  await mkdir(dirname(filePath), { recursive: true, mode: 0o700 })
  let secrets: Record<string, string> = {}
  let text: string | null = null
  try {
    text = await readFile(filePath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (text !== null) {
    const parsed = parseFile(text)
    if (parsed) secrets = parsed.secrets
    else await rename(filePath, `${filePath}.unreadable-${now()}`)
  }

  // Writes are serialized and atomic (temporary file, then rename), created 0600.
  let writing: Promise<void> = Promise.resolve()
  function persist(): Promise<void> {
    const body = JSON.stringify({ version: 1, secrets } satisfies SecretsFile)
    const next = writing.then(async () => {
      const temp = `${filePath}.${process.pid}.tmp`
      await writeFile(temp, body, { mode: 0o600 })
      await chmod(temp, 0o600)
      await rename(temp, filePath)
    })
    writing = next.catch(() => undefined)
    return next
  }

  return {
    kind: 'safe-storage',
    async get(account) {
      const data = secrets[account]
      if (data === undefined) return null
      try {
        return safe.decryptString(Buffer.from(data, 'base64'))
      } catch {
        // Encrypted under a key the OS no longer has: as good as signed out.
        return null
      }
    },
    async set(account, secret) {
      secrets = { ...secrets, [account]: safe.encryptString(secret).toString('base64') }
      await persist()
    },
    async delete(account) {
      if (!(account in secrets)) return false
      const { [account]: _removed, ...rest } = secrets
      secrets = rest
      await persist()
      return true
    },
    accounts: async () => Object.keys(secrets),
  }
}
