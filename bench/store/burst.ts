/**
 * Store write throughput during an inbound burst, through the real chat service on a real store:
 * prints figures, asserts nothing. `npm run bench:burst -- [--rate 2000] [--seconds 5] [--inline]`
 *
 * The local server (a child process) signs alice in and serves GraphQL; General's socket is
 * pointed at a sender child (burst-sender.ts) that writes `rate` new messages per second for
 * `seconds`. Everything else is the app's main process as it runs: socket, decoding, room
 * timeline, the 16 ms event batches, and the store following the live frames (one batch per
 * batch interval, committed by the store's writer thread as in the app; `--inline` commits on
 * the main thread instead, for comparison). Printed:
 * - the main thread's time per store batch (rows per batch, p50/p99/max, share of the wall
 *   time), and the idle checkpoint after the burst;
 * - latency from the sender writing a frame to its event leaving the core, against the batch
 *   interval (events wait up to one interval by design);
 * - backlog: at each batch, the frames sent more than one interval earlier and still not
 *   delivered (0 means the core keeps up), and the drain time after the last frame.
 */
import type { ChildProcess } from 'node:child_process'
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { demoUsers } from '../../server/test-support'
import type { ChatEvent } from '../../src/shared/ipc-contract'
import { createChatService } from '../../src/main/core/chat/chat-service'
import { createWsSocket } from '../../src/main/core/chat/connection/ws-factory'
import { STORE_FLUSH_MS } from '../../src/main/core/chat/service/account-data'
import { DEFAULT_BATCH_INTERVAL_MS } from '../../src/main/core/chat/event-batcher'
import { systemClock } from '../../src/main/core/clock'
import { createMemorySecretStore } from '../../src/main/core/session/secret-store'
import type { AccountStore } from '../../src/main/core/store/account-store'
import { openAccountStore } from '../../src/main/core/store/account-store'
import { waitUntil } from '../../src/main/core/test-support/wait'
import { SOURCE_WRITER_ENTRY } from '../../src/main/core/test-support/writer-entry'
import { createServerProcess, freePort } from '../../soak/server-process'
import { percentile } from '../server/measure'
import type { BurstCommand, BurstReport } from './burst-sender'
import { epochNow, parseBurstBody } from './burst-sender'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const RATE = arg('rate', 2000)
/** `--inline`: commit on the main thread, as without a writer thread (for comparison). */
const INLINE = process.argv.includes('--inline')
const SECONDS = arg('seconds', 5)
const INTERVAL = DEFAULT_BATCH_INTERVAL_MS
const GENERAL = 'alice/general'
const REPO = fileURLToPath(new URL('../../', import.meta.url))

const f1 = (n: number) => n.toFixed(1)
const f2 = (n: number) => n.toFixed(2)
function stats(list: number[]) {
  const sorted = [...list].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 }
}

async function startSender(): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(
    fileURLToPath(new URL('./burst-sender.ts', import.meta.url)),
    [String(RATE), String(SECONDS)],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  )
  const first = await new Promise<BurstReport>((resolve) => child.once('message', resolve))
  if (!('port' in first)) throw new Error('the sender did not report its port')
  return { port: first.port, child }
}

interface StoreWrite {
  ms: number
  rows: number
}

/**
 * The account's real store, with what the main thread spends handing live writes over timed
 * (the writer thread commits them; its time is not the main thread's), and the checkpoint.
 */
function timedStore(store: AccountStore, writes: StoreWrite[], checkpoints: number[]) {
  const background: AccountStore['background'] = {
    ...store.background,
    write: (ops) => {
      const t = performance.now()
      store.background.write(ops)
      const rows = ops.reduce((n, op) => n + (op.op === 'upsert' ? op.messages.length : 0), 0)
      if (rows > 0) writes.push({ ms: performance.now() - t, rows })
    },
  }
  return {
    ...store,
    background,
    checkpoint: () => {
      const t = performance.now()
      store.checkpoint()
      checkpoints.push(performance.now() - t)
    },
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edusphere-burst-server-'))
  const profile = mkdtempSync(join(tmpdir(), 'edusphere-burst-profile-'))
  const server = createServerProcess({ repoRoot: REPO, port: await freePort(), dataDir })
  await server.start()
  const sender = await startSender()
  const writes: StoreWrite[] = []
  const checkpoints: number[] = []
  const service = createChatService({
    secretStore: createMemorySecretStore(),
    keychainUnavailableReason: 'benchmark',
    notifier: { error: () => undefined, message: () => undefined },
    // General's socket goes to the sender; every other room to the real server.
    createWebSocket: (url, options) =>
      createWsSocket(
        url.endsWith(`/ws/chat/${GENERAL}`)
          ? `ws://127.0.0.1:${sender.port}/ws/chat/${GENERAL}`
          : url,
        options,
      ),
    clock: systemClock,
    openStore: (account) => {
      const opened = openAccountStore({
        dir: profile,
        ...account,
        ...(INLINE ? {} : { writerEntry: SOURCE_WRITER_ENTRY }),
      })
      return opened.store
        ? { store: timedStore(opened.store, writes, checkpoints), notice: opened.notice }
        : opened
    },
  })
  const delivered = new Map<number, { sentAt: number; at: number }>()
  const emits: number[] = []
  let connected = false
  let historyShown = false
  service.onEvents((events: ChatEvent[]) => {
    const at = epochNow()
    let burst = 0
    for (const e of events) {
      if (e.kind === 'connection-changed' && e.roomKey === GENERAL)
        connected = e.connection.state === 'connected'
      if (e.kind === 'messages-reset' && e.roomKey === GENERAL) historyShown = true
      if (e.kind !== 'message-upserted' || e.roomKey !== GENERAL) continue
      const parsed = parseBurstBody(e.message.body)
      if (!parsed || delivered.has(parsed.i)) continue
      delivered.set(parsed.i, { sentAt: parsed.sentAt, at })
      burst++
    }
    if (burst > 0) emits.push(at)
  })
  const { alice } = demoUsers
  await service.signIn({ server: server.url, email: alice.email, password: alice.password })
  await service.openRoom(GENERAL)
  await waitUntil(() => connected && historyShown, 'General connected and shown')

  const loop = monitorEventLoopDelay({ resolution: 1 })
  const writesBefore = writes.length
  const done = new Promise<BurstReport>((resolve) => sender.child.once('message', resolve))
  const cpu0 = process.cpuUsage()
  const wall0 = performance.now()
  loop.enable()
  sender.child.send('go' satisfies BurstCommand)
  const report = await done
  if (!('sent' in report)) throw new Error('the sender did not report its burst')
  await waitUntil(() => delivered.size >= report.sent, 'every burst frame delivered', 60_000)
  loop.disable()
  const wallMs = performance.now() - wall0
  const cpu = process.cpuUsage(cpu0)
  await waitUntil(() => checkpoints.length > 0, 'the idle checkpoint', 10_000)

  const burstWrites = writes.slice(writesBefore)
  const writeStats = stats(burstWrites.map((w) => w.ms))
  const rows = stats(burstWrites.map((w) => w.rows))
  const writeTotal = burstWrites.reduce((a, w) => a + w.ms, 0)
  const frames = [...delivered.values()]
  const latency = stats(frames.map((d) => d.at - d.sentAt))
  const within = (ms: number) => frames.filter((d) => d.at - d.sentAt <= ms).length / frames.length
  const backlog = emits.map(
    (t) => frames.filter((d) => d.sentAt <= t - INTERVAL && d.at > t).length,
  )
  const last = delivered.get(report.sent - 1)
  const gaps = stats(emits.slice(1).map((t, i) => t - (emits[i] ?? t)))
  const actualRate = report.sent / ((report.endedAt - report.startedAt) / 1000)

  console.log(
    `burst: ${report.sent} messages at ${f1(actualRate)} msgs/s for ${SECONDS} s into General ` +
      `(real chat service, real store); load average ${loadavg()[0]?.toFixed(1)} on this machine`,
  )
  console.log(
    `store writes (${INLINE ? 'committed on the main thread' : 'handed to the writer thread'}): ` +
      `${burstWrites.length} batches (one per ${STORE_FLUSH_MS} ms with frames), ` +
      `rows p50 ${rows.p50} max ${rows.max}; main-thread time p50 ${f2(writeStats.p50)} ms, ` +
      `p99 ${f2(writeStats.p99)} ms, max ${f2(writeStats.max)} ms; ${f1((100 * writeTotal) / wallMs)}% of the wall time; ` +
      `${burstWrites.filter((w) => w.ms > INTERVAL).length} over one batch interval`,
  )
  console.log(
    `checkpoint after the burst (idle), main-thread time: ${f2(checkpoints[0] ?? NaN)} ms`,
  )
  console.log(
    `event batches: ${emits.length}, gap between batches p50 ${f1(gaps.p50)} ms (interval ${INTERVAL} ms)`,
  )
  console.log(
    `latency, sender write → event out of the core: p50 ${f1(latency.p50)} ms, p99 ${f1(latency.p99)} ms, ` +
      `max ${f1(latency.max)} ms; within one interval ${f1(100 * within(INTERVAL))}%, ` +
      `within two ${f1(100 * within(2 * INTERVAL))}%`,
  )
  console.log(
    `backlog (frames sent over one interval before a batch and not in it or earlier): ` +
      `max ${Math.max(0, ...backlog)}, at the last batch ${backlog.at(-1) ?? 0}; ` +
      `last frame delivered ${f1((last?.at ?? NaN) - report.endedAt)} ms after the sender finished`,
  )
  console.log(
    `main process: CPU ${f1((cpu.user + cpu.system) / 1000 / (wallMs / 1000))} ms per second of burst; ` +
      `event-loop delay p99 ${f1(loop.percentile(99) / 1e6)} ms, max ${f1(loop.max / 1e6)} ms`,
  )

  await service.dispose()
  sender.child.send('stop' satisfies BurstCommand)
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(profile, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
