/**
 * Main-process heap with many long rooms held: prints figures, asserts nothing.
 * `npm run bench:memory -- [--rooms 50] [--messages 10000]`
 *
 * Each room's whole history is fetched once (as after connecting: the server has no paging) and
 * merged by the real room controllers, then the heap is read after GC. Two runs in one process:
 * with the account's store (main keeps a window per room, the rest is in the store) and memory
 * only (no store: a larger, capped window). One room is open and paged back 5 pages, then left,
 * to show paged-in messages go back to the store.
 */
import v8 from 'node:v8'
import vm from 'node:vm'
import { AccountData } from '../../src/main/core/chat/service/account-data'
import { RoomController } from '../../src/main/core/chat/room-controller'
import type { ConnectionHandlers } from '../../src/main/core/chat/room-controller'
import { systemClock } from '../../src/main/core/clock'
import type { RoomConnection } from '../../src/main/core/ports'
import { openAccountStore } from '../../src/main/core/store/account-store'
import { messageAt, roomFixture, tempDir } from '../../src/main/core/store/store-fixtures'
import type { HistoryMessage } from '../../src/shared/graphql-shapes'
import type { ConnectionSnapshot } from '../../src/shared/ipc-contract'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const ROOMS = arg('rooms', 50)
const PER_ROOM = arg('messages', 10_000)
const TARGET_MB = 80
const MiB = 1024 * 1024
/** A typical chat line, so the held strings weigh what real ones do. */
const BODY = 'a message of about the length people write in a learning room chat, give or take'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const heapMiB = (): number => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / MiB
}

const connected: ConnectionSnapshot = {
  state: 'connected',
  attempt: 0,
  maxAttempts: 10,
  nextRetryAt: null,
  reason: null,
  terminal: null,
}

/** A connection that opens at once (the sync after connecting is what this measures). */
function openConnection(handlers: ConnectionHandlers): RoomConnection {
  return {
    snapshot: connected,
    open() {
      handlers.onStateChange(connected)
      handlers.onOpen()
    },
    close: () => undefined,
    send: () => ({ sent: false, reason: 'not-open' }),
    retryNow: () => undefined,
    nudge: () => undefined,
  }
}

/** A room's whole history as the server sends it (fresh objects per fetch, as parsed JSON). */
function history(): HistoryMessage[] {
  return Array.from({ length: PER_ROOM }, (_, i) => {
    const { clientId: _drop, ...row } = messageAt(i, { body: `${BODY} ${i}` })
    return row
  })
}

async function run(withStore: boolean): Promise<void> {
  const { dir, cleanup } = tempDir('edusphere-bench-memory-')
  const data = new AccountData({
    clock: systemClock,
    emit: () => undefined,
    ...(withStore ? { open: (a) => openAccountStore({ dir, ...a }) } : {}),
  })
  data.open('http://127.0.0.1:9', 'alice')
  const before = heapMiB()
  const started = performance.now()
  const controllers: RoomController[] = []
  for (let r = 0; r < ROOMS; r++) {
    const room = roomFixture(`room-${r}`)
    const key = `alice/${room.slug}`
    const c = new RoomController({
      room,
      baseUrl: 'http://127.0.0.1:9',
      clock: systemClock,
      notifier: { error: () => undefined },
      me: () => ({ id: '1', username: 'alice', avatarUrl: null }),
      newClientId: () => `local-${r}`,
      fetchHistory: () => Promise.resolve(history()),
      connect: openConnection,
      isActive: () => false,
      messageFromOther: () => undefined,
      emit: () => undefined,
      summaryChanged: () => undefined,
      persistence: data.forRoom(key),
    })
    controllers.push(c)
    c.start()
    await c.requestSync(false)
  }
  const fetchedIn = (performance.now() - started) / 1000
  // The reader opens one room and scrolls back 5 pages, then leaves it.
  const reader = controllers[0]!
  await reader.open()
  for (let p = 0; p < 5; p++) {
    const oldest = reader.timeline.messages.oldestConfirmed()
    if (oldest) await reader.loadOlder(oldest.id)
  }
  const whileReading = reader.timeline.messages.confirmedCount
  reader.close()
  const heap = heapMiB()
  const held = controllers.reduce((n, c) => n + c.timeline.messages.confirmedCount, 0)
  const label = withStore ? 'with the store' : 'memory only   '
  console.log(
    `${label}: ${ROOMS} rooms × ${PER_ROOM} fetched in ${fetchedIn.toFixed(1)} s; ${held} messages held ` +
      `(open room paged to ${whileReading}, back to its window when left); main heap ${heap.toFixed(1)} MiB ` +
      `(${(heap - before).toFixed(1)} MiB for the rooms); target ≤ ${TARGET_MB} MB, ratio ${((heap * MiB) / (TARGET_MB * 1e6)).toFixed(2)}`,
  )
  for (const c of controllers) c.dispose()
  data.close()
  cleanup()
}

async function main(): Promise<void> {
  const keepAlive = setInterval(() => undefined, 1000)
  await run(true)
  await run(false)
  clearInterval(keepAlive)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
