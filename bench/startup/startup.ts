/**
 * Startup from the local store: prints figures, asserts nothing.
 * `npm run bench:startup -- [--rooms 50] [--messages 10000]`
 *
 * A profile holds `rooms` joined rooms with `messages` each. The real chat service starts on it
 * with a saved sign-in whose server does not answer (a refused port), so everything on screen
 * comes from the store: time from `start()` to the first rooms event, and from there to the
 * open room's history event (`openRoom` called when the rooms arrive). Then the main-process
 * heap with every room restored (their newest windows held, the rest paged from the store).
 */
import v8 from 'node:v8'
import vm from 'node:vm'
import { createChatService } from '../../src/main/core/chat/chat-service'
import { systemClock } from '../../src/main/core/clock'
import type { SocketLike } from '../../src/main/core/ports'
import { accountFor, createMemorySecretStore } from '../../src/main/core/session/secret-store'
import { openAccountStore } from '../../src/main/core/store/account-store'
import { createMemoryProfileCache } from '../../src/main/core/store/profile-cache'
import {
  messageAt,
  openOrThrow,
  roomFixture,
  tempDir,
} from '../../src/main/core/store/store-fixtures'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const ROOMS = arg('rooms', 50)
const PER_ROOM = arg('messages', 10_000)
/** Nothing listens on the discard port: every request is refused at once, as when offline. */
const ORIGIN = 'http://127.0.0.1:9'
const EMAIL = 'alice@example.com'
const MiB = 1024 * 1024

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const heapMiB = (): number => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / MiB
}

function fakeJwt(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) + 3600
  return `${part({ alg: 'HS256' })}.${part({ email: EMAIL, exp, origIat: exp - 60 })}.sig`
}

/** A socket that never opens (the server is away): rooms stay "connecting". */
function deadSocket(): SocketLike {
  const socket: SocketLike = {
    readyState: 0,
    send: () => undefined,
    ping: () => undefined,
    close: () => undefined,
    terminate: () => undefined,
    on: () => socket,
    removeAllListeners: () => socket,
  }
  return socket
}

async function main(): Promise<void> {
  const { dir, cleanup } = tempDir('edusphere-bench-startup-')
  try {
    const fillStart = performance.now()
    const { store } = openOrThrow({ dir, origin: ORIGIN, username: 'alice' })
    const rooms = Array.from({ length: ROOMS }, (_, r) => roomFixture(`room-${r}`))
    store.rooms.replaceAll(rooms)
    for (const room of rooms) {
      const key = `${room.host.username}/${room.slug}`
      for (let from = 0; from < PER_ROOM; from += 5000)
        store.history.upsertMany(
          key,
          Array.from({ length: Math.min(5000, PER_ROOM - from) }, (_, k) => messageAt(from + k)),
        )
    }
    store.close()
    console.log(
      `filled ${ROOMS} rooms × ${PER_ROOM} messages in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
    )

    const secretStore = createMemorySecretStore()
    await secretStore.set(accountFor(ORIGIN, EMAIL), fakeJwt())
    const profiles = createMemoryProfileCache()
    profiles.set(ORIGIN, EMAIL, { id: '1', username: 'alice', name: 'Alice', avatarUrl: null })
    const heapBefore = heapMiB()

    const service = createChatService({
      secretStore,
      keychainUnavailableReason: 'benchmark',
      notifier: { error: () => undefined, message: () => undefined },
      createWebSocket: () => deadSocket(),
      clock: systemClock,
      openStore: (account) => openAccountStore({ dir, ...account }),
      profiles,
    })
    const openKey = `alice/${rooms[0]?.slug ?? 'room-0'}`
    let roomsAt: number | null = null
    let historyAt: number | null = null
    let shown = 0
    const t0 = performance.now()
    const done = new Promise<void>((resolve) => {
      service.onEvents((events) => {
        for (const e of events) {
          if (e.kind === 'rooms-reset' && e.rooms.length > 0 && roomsAt === null) {
            roomsAt = performance.now() - t0
            void service.openRoom(openKey)
          }
          if (e.kind === 'messages-reset' && e.roomKey === openKey && historyAt === null) {
            historyAt = performance.now() - t0
            shown = e.messages.length
            resolve()
          }
        }
      })
    })
    // The core's timers are unref'd (they never hold the app open); this run must wait for them.
    const keepAlive = setInterval(() => undefined, 1000)
    await service.start()
    await done
    clearInterval(keepAlive)
    const heapAfter = heapMiB()
    console.log(
      `core start → first rooms event:         ${roomsAt === null ? '-' : (roomsAt as number).toFixed(1)} ms`,
    )
    console.log(
      `core start → open room's history event: ${historyAt === null ? '-' : (historyAt as number).toFixed(1)} ms (${shown} messages; target ≤ 150 ms, ratio ${((historyAt ?? 0) / 150).toFixed(2)})`,
    )
    console.log(
      `main heap with ${ROOMS} rooms × ${PER_ROOM} restored: ${heapAfter.toFixed(1)} MiB (${(heapAfter - heapBefore).toFixed(1)} MiB over the empty process; target ≤ 80 MB, ratio ${(heapAfter / 80).toFixed(2)})`,
    )
    await service.dispose()
  } finally {
    cleanup()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
