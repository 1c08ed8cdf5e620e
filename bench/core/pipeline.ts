/**
 * Core pipeline benchmark (not a test): pushes N chat_message `new` frames from a local `ws`
 * server through socket -> decode+validate -> room state -> batched events, and compares with a
 * bare `ws` client that only JSON.parses the same frames, measured in the same run.
 *
 *   node --import tsx bench/core/pipeline.ts [N]        (N defaults to 100000)
 *
 * The sender runs in a worker thread so it does not compete with the receiver's event loop.
 * Memory: heap held by the room state per 100,000 messages, after GC (uses --expose-gc when
 * given, else enables it at runtime).
 */
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Worker } from 'node:worker_threads'
import WebSocket from 'ws'
import type { ChatEvent } from '../../src/shared/ipc-contract'
import type { Room } from '../../src/shared/graphql-shapes'
import { pythonJson, toPythonIsoformat } from '../../server/python-format'
import { systemClock } from '../../src/main/core/clock'
import { createEventBatcher } from '../../src/main/core/chat/event-batcher'
import { defaultReconnectPolicy } from '../../src/main/core/ports'
import { RoomController } from '../../src/main/core/chat/room-controller'
import { createRoomConnection } from '../../src/main/core/chat/connection/room-connection'
import { toRoomSummary } from '../../src/main/core/chat/room-summary'
import { createWsSocket } from '../../src/main/core/chat/connection/ws-factory'

const N = Number(process.argv[2] ?? process.env.BENCH_N ?? 100_000)
const ROUNDS = 5
const TARGET = 0.6

function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing) return existing
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
const gc = gcFunction()

/** N frames exactly as the real server writes them (Python json.dumps separators, key order). */
function makeFrames(n: number): string[] {
  const frames: string[] = []
  const start = Date.UTC(2026, 10, 25, 17, 0, 0) * 1000
  for (let i = 0; i < n; i++) {
    const created = toPythonIsoformat(start + i * 1537)
    frames.push(
      pythonJson({
        type: 'chat_message',
        action: 'new',
        id: randomUUID(),
        user: i % 3 === 0 ? 'carol' : 'bob',
        user_id: i % 3 === 0 ? '3' : '2',
        body: `Message ${i}: the quick brown fox jumps over the lazy dog ✓`,
        created,
        edited: false,
        updated: created,
        userAvatar: i % 3 === 0 ? null : 'avatars/bob.png',
      }),
    )
  }
  return frames
}

/** A worker-thread `ws` server that sends every frame to each new connection. */
async function startSender(frames: string[]): Promise<{ url: string; stop(): Promise<number> }> {
  const wsPath = createRequire(import.meta.url).resolve('ws')
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { WebSocketServer } = require(workerData.wsPath)
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    wss.on('listening', () => parentPort.postMessage(wss.address().port))
    wss.on('connection', (ws) => { for (const f of workerData.frames) ws.send(f) })
    parentPort.on('message', () => wss.close(() => process.exit(0)))
  `
  const worker = new Worker(code, { eval: true, workerData: { frames, wsPath } })
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      worker.postMessage('stop')
      return new Promise((resolve) => worker.once('exit', resolve))
    },
  }
}

/** Baseline: a bare ws client that only JSON.parses each frame. Returns msgs/s. */
function runBaseline(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws/chat/bob/bench`)
    let count = 0
    let started = 0
    let sink = 0
    ws.on('message', (data: Buffer) => {
      if (count === 0) started = performance.now()
      const value = JSON.parse(data.toString('utf8')) as { id: string }
      sink += value.id.length
      if (++count === N) {
        const seconds = (performance.now() - started) / 1000
        ws.terminate()
        resolve(sink > 0 ? N / seconds : 0)
      }
    })
    ws.on('error', reject)
  })
}

const room: Room = {
  id: randomUUID(),
  name: 'Bench',
  slug: 'bench',
  description: null,
  created: '2026-11-25T17:00:00+00:00',
  topic: null,
  host: { username: 'bob' },
  participants: [
    { id: '1', username: 'alice' },
    { id: '2', username: 'bob' },
  ],
}

/** The core pipeline, wired like the chat service wires a joined room. */
function runPipeline(url: string): Promise<{ rate: number; controller: RoomController }> {
  return new Promise((resolve) => {
    let upserts = 0
    let started = 0
    let dirty = false
    let controller: RoomController | null = null
    const batcher = createEventBatcher({
      clock: systemClock,
      sink: (events: ChatEvent[]) => {
        for (const e of events) if (e.kind === 'message-upserted') upserts++
        if (upserts === N && controller) {
          const seconds = (performance.now() - started) / 1000
          batcher.dispose()
          resolve({ rate: N / seconds, controller })
        }
      },
      beforeFlush: () => {
        if (!dirty || !controller) return
        dirty = false
        batcher.push({
          kind: 'room-updated',
          room: toRoomSummary(room, 'alice', { joined: true, unread: controller.unread }),
        })
      },
    })
    controller = new RoomController({
      room,
      baseUrl: url,
      clock: systemClock,
      notifier: { error: () => undefined },
      me: () => ({ id: '1', username: 'alice', avatarUrl: null }),
      newClientId: () => `local-${randomUUID()}`,
      fetchHistory: () => Promise.resolve([]),
      isActive: () => false,
      messageFromOther: () => undefined,
      emit: (e) => {
        if (started === 0 && e.kind === 'message-upserted') started = performance.now()
        batcher.push(e)
      },
      summaryChanged: () => {
        dirty = true
        batcher.wake()
      },
      connect: (handlers) =>
        createRoomConnection({
          baseUrl: url,
          host: 'bob',
          slug: 'bench',
          getToken: () => Promise.resolve('bench-token'),
          refreshToken: () => Promise.resolve(),
          classifyRejection: () => Promise.resolve(null),
          createWebSocket: createWsSocket,
          clock: systemClock,
          random: () => 0.5,
          policy: { ...defaultReconnectPolicy, jitter: 0 },
          ...handlers,
        }),
    })
    // An open room: its message changes go to the renderer (an unopened one sends none).
    void controller.open()
    controller.start()
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')

async function main(): Promise<void> {
  console.log(
    `core pipeline benchmark: ${fmt(N)} chat_message/new frames over loopback ws, ${ROUNDS} rounds`,
  )
  // Figures from a busy machine are not comparable with a quiet one: say which it was.
  const load = loadavg().map((x) => x.toFixed(2))
  console.log(`machine   ${cpus().length} cores, load average ${load.join(' ')} at start`)
  const frames = makeFrames(N)
  const sender = await startSender(frames)
  const baseline: number[] = []
  const pipeline: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(await runBaseline(sender.url))
    const { rate, controller } = await runPipeline(sender.url)
    pipeline.push(rate)
    if (controller.timeline.messages.confirmedCount !== N)
      throw new Error(
        `room state holds ${controller.timeline.messages.confirmedCount}, expected ${N}`,
      )
    controller.dispose()
  }

  // Memory: the heap a room holding N messages keeps, after GC, socket closed.
  gc()
  const before = process.memoryUsage().heapUsed
  const { controller } = await runPipeline(sender.url)
  controller.dispose()
  await new Promise((r) => setImmediate(r))
  gc()
  const held = process.memoryUsage().heapUsed - before
  const kept = controller.timeline.messages.confirmedCount
  await sender.stop()

  const b = median(baseline)
  const p = median(pipeline)
  // Each round measures both back to back, so its ratio is steadier than a ratio of medians
  // when other work shares the machine.
  const ratio = median(pipeline.map((x, i) => x / baseline[i]!))
  const per100k = (held / kept) * 100_000
  console.log(
    `baseline  (ws + JSON.parse only):                      ${fmt(b)} msgs/s  [${baseline.map(fmt).join(', ')}]`,
  )
  console.log(
    `pipeline  (socket, decode+validate, room state, batch): ${fmt(p)} msgs/s  [${pipeline.map(fmt).join(', ')}]`,
  )
  console.log(
    `ratio     pipeline / baseline = ${ratio.toFixed(2)} (target >= ${TARGET}) ${ratio >= TARGET ? 'OK' : 'BELOW TARGET'}`,
  )
  console.log(
    `memory    room state: ${(per100k / 1024 / 1024).toFixed(1)} MB per 100,000 messages (${fmt(held / kept)} bytes/message, ${fmt(kept)} held)`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
