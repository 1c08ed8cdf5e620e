/**
 * Electron's safeStorage as the SafeStorageLike port of core/session/safe-storage-store.ts, and
 * the shell's choice of where the token lives (keytar, else safeStorage, else memory).
 */
import { join } from 'node:path'
import { app, safeStorage } from 'electron'
import type { SecretStore } from './core/ports'
import type { SafeStorageLike } from './core/session/safe-storage-store'
import { createMemorySecretStore, openSecretStore } from './core/session/secret-store'

const electronSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  encryptString: (plain) => safeStorage.encryptString(plain),
  decryptString: (data) => safeStorage.decryptString(data),
  // Only Linux has a choice of backends; elsewhere the OS keeps the key.
  getSelectedStorageBackend: () =>
    process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os',
}

/** Words for the start-up log line saying which store is used. */
const STORE_NAMES: Record<SecretStore['kind'], string> = {
  keychain: 'the system keychain',
  'safe-storage': "Electron's safeStorage (encrypted file in the profile)",
  memory: 'memory only (sign in again next time)',
}

/** Picks the secret store at start (after app ready: safeStorage needs it) and says which. */
export async function chooseSecretStore(
  mode: 'keychain' | 'memory',
): Promise<{ store: SecretStore; unavailableReason: string | null }> {
  const chosen =
    mode === 'memory'
      ? { store: createMemorySecretStore(), unavailableReason: null }
      : await openSecretStore({
          safeStorage: {
            api: electronSafeStorage,
            filePath: join(app.getPath('userData'), 'secrets.json'),
            platform: process.platform,
          },
        })
  const why = chosen.unavailableReason ? ` (${chosen.unavailableReason})` : ''
  console.info(`EduSphere: the sign-in is kept in ${STORE_NAMES[chosen.store.kind]}${why}`)
  return chosen
}
