/**
 * Where the JWT lives: the OS keychain through keytar; else encrypted by Electron's safeStorage
 * (safe-storage-store.ts); else process memory. A token is never written in plaintext.
 */
import type { SecretStore } from '../ports'
import type { SafeStorageLike } from './safe-storage-store'
import { chooseSafeStorage, createSafeStorageSecretStore } from './safe-storage-store'

/** The keychain service name every entry of this app is stored under. */
export const KEYCHAIN_SERVICE = 'EduSphere Desktop'

/** The keychain account for a user of a server: `${origin}|${email}`. */
export function accountFor(origin: string, email: string): string {
  return `${origin}|${email}`
}

/** Splits an account back into origin and email; null when it is not one of ours. */
export function parseAccount(account: string): { origin: string; email: string } | null {
  const bar = account.lastIndexOf('|')
  if (bar <= 0 || bar === account.length - 1) return null
  return { origin: account.slice(0, bar), email: account.slice(bar + 1) }
}

/** The keychain cannot be used; `reason` says why, in words fit for a status line. */
export class KeychainUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`The system keychain is unavailable: ${reason}`)
    this.name = 'KeychainUnavailableError'
  }
}

/** A process-lifetime store: the session works, but the user signs in again next time. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    kind: 'memory',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret)
    },
    delete: async (account) => secrets.delete(account),
    accounts: async () => [...secrets.keys()],
  }
}

/** The part of keytar this store uses (keytar's own typings, restated so keytar stays optional). */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

function isKeytarModule(value: unknown): value is KeytarModule {
  if (value === null || typeof value !== 'object') return false
  const m = value as Record<string, unknown>
  return ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'].every(
    (name) => typeof m[name] === 'function',
  )
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** keytar is an optional native dependency: load it without letting a missing build crash us. */
export async function loadKeytar(): Promise<KeytarModule> {
  let loaded: unknown
  try {
    loaded = await import('keytar')
  } catch (error) {
    throw new KeychainUnavailableError(`keytar could not be loaded (${messageOf(error)})`)
  }
  // A CommonJS module imported dynamically may sit behind `default`.
  const candidate = isKeytarModule(loaded)
    ? loaded
    : (loaded as { default?: unknown } | null)?.default
  if (!isKeytarModule(candidate)) throw new KeychainUnavailableError('keytar has an unknown shape')
  return candidate
}

const PROBE_ACCOUNT = '__edusphere-probe__'
const PROBE_TIMEOUT_MS = 10_000

/** Rejects if a D-Bus call never answers, so a wedged Secret Service cannot hang startup. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms)
    timer.unref?.()
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}

/**
 * loads keytar lazily (dynamic import in try), probes the Secret Service with a real read; throws
 * KeychainUnavailableError(reason) when keytar is missing, there is no Secret Service, or D-Bus fails.
 * `load` is injectable so tests can simulate a missing or broken keytar.
 */
export async function createKeytarSecretStore(
  service: string = KEYCHAIN_SERVICE,
  load: () => Promise<KeytarModule> = loadKeytar,
): Promise<SecretStore> {
  let keytar: KeytarModule
  try {
    keytar = await load()
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw error
    throw new KeychainUnavailableError(`keytar could not be loaded (${messageOf(error)})`)
  }
  try {
    await withTimeout(keytar.getPassword(service, PROBE_ACCOUNT), PROBE_TIMEOUT_MS, 'The keychain')
  } catch (error) {
    throw new KeychainUnavailableError(`no usable Secret Service (${messageOf(error)})`)
  }
  return {
    kind: 'keychain',
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    delete: (account) => keytar.deletePassword(service, account),
    accounts: async () =>
      (await keytar.findCredentials(service))
        .map((c) => c.account)
        .filter((a) => a !== PROBE_ACCOUNT),
  }
}

export interface OpenSecretStoreOptions {
  /** Injectable so tests can simulate a missing or broken keytar. */
  loadKeytar?: () => Promise<KeytarModule>
  /** Electron's safeStorage and where its file goes; absent outside Electron. */
  safeStorage?: { api: SafeStorageLike; filePath: string; platform: NodeJS.Platform }
}

/**
 * keytar if usable, else safeStorage if it is secure here, else memory. `unavailableReason` says
 * why the keychain (and, for memory, safeStorage too) could not be used; null with keytar.
 */
export async function openSecretStore(
  options: OpenSecretStoreOptions = {},
): Promise<{ store: SecretStore; unavailableReason: string | null }> {
  let reason: string
  try {
    return {
      store: await createKeytarSecretStore(KEYCHAIN_SERVICE, options.loadKeytar),
      unavailableReason: null,
    }
  } catch (error) {
    reason =
      error instanceof KeychainUnavailableError
        ? error.reason
        : `unexpected error (${messageOf(error)})`
  }
  const safe = options.safeStorage
  if (safe) {
    const choice = chooseSafeStorage(safe.api, safe.platform)
    if (choice.usable) {
      try {
        return {
          store: await createSafeStorageSecretStore(safe.api, safe.filePath),
          unavailableReason: reason,
        }
      } catch (error) {
        reason += `; safeStorage's file could not be used (${messageOf(error)})`
      }
    } else reason += `; ${choice.reason}`
  }
  return { store: createMemorySecretStore(), unavailableReason: reason }
}
