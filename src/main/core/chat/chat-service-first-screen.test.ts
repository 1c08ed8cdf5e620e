/**
 * A start from the local store puts the rooms and the open room's history on screen before the
 * first GraphQL request (the first request of the process loads Node's HTTP client, a long
 * block of the main thread), and before the rooms' sockets start connecting.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../../../shared/ipc-contract'
import { systemClock } from '../clock'
import type { SocketLike } from '../ports'
import { accountFor, createMemorySecretStore } from '../session/secret-store'
import { openAccountStore } from '../store/account-store'
import { createMemoryProfileCache } from '../store/profile-cache'
import { messages, openOrThrow, roomFixture, tempDir } from '../store/store-fixtures'
import { waitUntil } from '../test-support/wait'
import { createChatService } from './chat-service'

const ORIGIN = 'http://127.0.0.1:9'
const EMAIL = 'alice@example.com'

function savedToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) + 3600
  return `${part({ alg: 'HS256' })}.${part({ email: EMAIL, exp, origIat: exp - 60 })}.sig`
}

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
  vi.unstubAllGlobals()
})

describe('a start from the local store', () => {
  it('delivers the rooms and the open history before any request or socket', async () => {
    const { dir, cleanup } = tempDir('edusphere-first-screen-')
    cleanups.push(cleanup)
    const seeded = openOrThrow({ dir, origin: ORIGIN, username: 'alice' }).store
    seeded.rooms.replaceAll([roomFixture('general'), roomFixture('maths')])
    seeded.history.replaceAll('alice/general', messages(0, 30))
    seeded.close()

    const log: string[] = []
    vi.stubGlobal('fetch', async () => {
      log.push('request')
      throw new TypeError('fetch failed')
    })
    const secretStore = createMemorySecretStore()
    await secretStore.set(accountFor(ORIGIN, EMAIL), savedToken())
    const profiles = createMemoryProfileCache()
    profiles.set(ORIGIN, EMAIL, { id: '1', username: 'alice', name: 'Alice', avatarUrl: null })
    const socket = (): SocketLike => {
      log.push('socket')
      const s: SocketLike = {
        readyState: 0,
        send: () => undefined,
        ping: () => undefined,
        close: () => undefined,
        terminate: () => undefined,
        on: () => s,
        removeAllListeners: () => s,
      }
      return s
    }
    const service = createChatService({
      secretStore,
      keychainUnavailableReason: 'test',
      notifier: { error: () => undefined, message: () => undefined },
      createWebSocket: socket,
      clock: systemClock,
      openStore: (account) => openAccountStore({ dir, ...account }),
      profiles,
    })
    cleanups.push(() => service.dispose())
    service.onEvents((events: ChatEvent[]) => {
      for (const e of events) {
        if (e.kind === 'rooms-reset' && e.rooms.length > 0) {
          log.push('rooms')
          void service.openRoom('alice/general')
        }
        if (e.kind === 'messages-reset') log.push(`history ${e.messages.length}`)
      }
    })
    void service.start()
    await waitUntil(() => log.includes('request') && log.includes('socket'), 'the network')
    expect(log.slice(0, 2)).toEqual(['rooms', 'history 30'])
  })
})
