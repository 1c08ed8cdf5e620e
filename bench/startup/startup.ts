/**
 * Startup from the local store: prints figures, asserts nothing.
 * `npm run bench:startup -- [--rooms 50] [--messages 10000] [--runs 5] [--dir <folder>]
 *   [--profile <file.cpuprofile>]`
 *
 * A profile holds `rooms` joined rooms with `messages` each. Each run is a fresh process (as an
 * app start is): the real chat service starts on the profile with a saved sign-in whose server
 * does not answer (a refused port), so everything on screen comes from the store: time from
 * `start()` to the first rooms event, and from there to the open room's history event
 * (`openRoom` called when the rooms arrive). Then the main-process heap with every room restored
 * (their newest windows held, the rest paged from the store). The median of the runs is printed.
 *
 * `--dir` keeps the filled profile in that folder (filled only when it holds no store yet), so
 * repeated runs skip the fill. `--cold` drops the store file from the OS page cache before each
 * run (Linux: `dd … oflag=nocache`), as after a reboot; by default the file is warm. `--profile` records a CPU profile of the measured part of the
 * first run only (from `start()` to the history event); open it in Chrome DevTools or VS Code.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { Session as Inspector } from 'node:inspector/promises'
import v8 from 'node:v8'
import vm from 'node:vm'
import { createChatService } from '../../src/main/core/chat/chat-service'
import { systemClock } from '../../src/main/core/clock'
import type { SocketLike } from '../../src/main/core/ports'
import { accountFor, createMemorySecretStore } from '../../src/main/core/session/secret-store'
import { openAccountStore } from '../../src/main/core/store/account-store'
import { SOURCE_WRITER_ENTRY } from '../../src/main/core/test-support/writer-entry'
import { createMemoryProfileCache } from '../../src/main/core/store/profile-cache'
import { preloadSqlEngine } from '../../src/main/core/store/sqlite'
import { storeFileOf } from '../../src/main/core/store/store-files'
import {
  messageAt,
  openOrThrow,
  roomFixture,
  tempDir,
} from '../../src/main/core/store/store-fixtures'

function textArg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? null) : null
}

function arg(name: string, fallback: number): number {
  const value = Number(textArg(name) ?? NaN)
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const ROOMS = arg('rooms', 50)
const PER_ROOM = arg('messages', 10_000)
const RUNS = arg('runs', 5)
/** Nothing listens on the discard port: every request is refused at once, as when offline. */
const ORIGIN = 'http://127.0.0.1:9'
const EMAIL = 'alice@example.com'
const MiB = 1024 * 1024
const TARGET_MS = 150

interface RunFigures {
  engineMs: number
  roomsMs: number
  historyMs: number
  /** CPU time of the process from start() to the history event (steadier on a busy machine). */
  cpuMs: number
  shown: number
  heapMiB: number
  heapOverMiB: number
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

function fill(dir: string): void {
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
  const seconds = ((performance.now() - fillStart) / 1000).toFixed(1)
  console.log(`filled ${ROOMS} rooms × ${PER_ROOM} messages in ${seconds} s`)
}

/** One app start on the filled profile, in this (fresh) process. */
async function measure(dir: string, profileFile: string | null): Promise<RunFigures> {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  const heapMiB = (): number => {
    gc()
    gc()
    return process.memoryUsage().heapUsed / MiB
  }
  // The shell loads the engine while Electron gets ready, before the core starts (index.ts).
  const engineStart = performance.now()
  preloadSqlEngine()
  const engineMs = performance.now() - engineStart

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
    openStore: (account) => openAccountStore({ dir, ...account, writerEntry: SOURCE_WRITER_ENTRY }),
    profiles,
  })
  const openKey = 'alice/room-0'
  let roomsAt: number | null = null
  let historyAt: number | null = null
  let shown = 0
  const inspector = profileFile ? new Inspector() : null
  if (inspector) {
    inspector.connect()
    await inspector.post('Profiler.enable')
    await inspector.post('Profiler.setSamplingInterval', { interval: 100 })
    await inspector.post('Profiler.start')
  }
  const cpuAt = (): number => {
    const { user, system } = process.cpuUsage()
    return (user + system) / 1000
  }
  let cpuMs = NaN
  const cpu0 = cpuAt()
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
          cpuMs = cpuAt() - cpu0
          shown = e.messages.length
          resolve()
        }
      }
    })
  })
  // The core's timers are unref'd (they never hold the app open); this run must wait for them.
  const keepAlive = setInterval(() => undefined, 1000)
  void service.start()
  await done
  clearInterval(keepAlive)
  if (inspector && profileFile) {
    const { profile } = await inspector.post('Profiler.stop')
    fs.writeFileSync(profileFile, JSON.stringify(profile))
    inspector.disconnect()
  }
  const heapAfter = heapMiB()
  await service.dispose()
  return {
    engineMs,
    roomsMs: roomsAt ?? NaN,
    historyMs: historyAt ?? NaN,
    cpuMs,
    shown,
    heapMiB: heapAfter,
    heapOverMiB: heapAfter - heapBefore,
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

/** Fills (unless the folder has a store), then runs each measurement in a child process. */
async function main(): Promise<void> {
  const kept = textArg('dir')
  const temp = kept ? null : tempDir('edusphere-bench-startup-')
  const dir = kept ?? temp?.dir ?? ''
  try {
    if (fs.existsSync(storeFileOf(dir, { origin: ORIGIN, username: 'alice' })))
      console.log(`using the profile in ${dir} (not filled again)`)
    else fill(dir)
    const profileFile = textArg('profile')
    const cold = process.argv.includes('--cold')
    const storeFile = storeFileOf(dir, { origin: ORIGIN, username: 'alice' })
    if (cold) console.log('cold: the store file leaves the OS page cache before each run')
    const runs: RunFigures[] = []
    for (let run = 0; run < RUNS; run++) {
      if (cold)
        execFileSync(
          'dd',
          [`of=${storeFile}`, 'oflag=nocache', 'conv=notrunc,fdatasync', 'count=0'],
          {
            stdio: 'ignore',
          },
        )
      const args = [
        '--measure',
        dir,
        ...(run === 0 && profileFile ? ['--profile', profileFile] : []),
      ]
      const out = execFileSync(process.execPath, [...process.execArgv, __filename, ...args], {
        encoding: 'utf8',
      })
      const figures = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as RunFigures
      runs.push(figures)
      console.log(
        `run ${run + 1}: rooms ${figures.roomsMs.toFixed(1)} ms, history ${figures.historyMs.toFixed(1)} ms (CPU ${figures.cpuMs.toFixed(1)} ms)`,
      )
    }
    if (profileFile) console.log(`CPU profile of the first run's measured part: ${profileFile}`)
    const pick = (f: (r: RunFigures) => number) => median(runs.map(f))
    const history = pick((r) => r.historyMs)
    console.log(`median of ${RUNS} fresh processes:`)
    console.log(
      `database engine load (by the shell, before core start): ${pick((r) => r.engineMs).toFixed(1)} ms`,
    )
    console.log(`core start → first rooms event:         ${pick((r) => r.roomsMs).toFixed(1)} ms`)
    console.log(
      `core start → open room's history event: ${history.toFixed(1)} ms (${runs[0]?.shown ?? 0} messages; target ≤ ${TARGET_MS} ms, ratio ${(history / TARGET_MS).toFixed(2)}); CPU time ${pick((r) => r.cpuMs).toFixed(1)} ms`,
    )
    const heap = pick((r) => r.heapMiB)
    console.log(
      `main heap with ${ROOMS} rooms × ${PER_ROOM} restored: ${heap.toFixed(1)} MiB (${pick((r) => r.heapOverMiB).toFixed(1)} MiB over the empty process; target ≤ 80 MB, ratio ${(heap / 80).toFixed(2)})`,
    )
  } finally {
    temp?.cleanup()
  }
}

const measureDir = textArg('measure')
const entry = measureDir
  ? measure(measureDir, textArg('profile')).then((f) => console.log(JSON.stringify(f)))
  : main()
entry.catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
