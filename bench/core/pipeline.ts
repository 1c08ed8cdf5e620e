/**
 * Core pipeline benchmark (not a test): what receiving costs us. N chat_message `new` frames go
 * through socket -> decode+validate -> room state -> batched events, compared with a bare `ws`
 * client that only JSON.parses the same frames, both measured in the same run.
 *
 *   node --import tsx bench/core/pipeline.ts [N]        (N defaults to 100000)
 *
 * The figure is receive-side CPU time per message of the main thread, the one the app's main
 * process receives on: its on-CPU nanoseconds from /proc/self/task/<pid>/schedstat, from the
 * moment the receiver starts reading until the Nth message is through. CPU time rather than wall
 * time or performance.eventLoopUtilization(): both of those count the time the OS had the thread
 * descheduled, which on a shared machine can be most of it; CPU time does not. The whole
 * process's CPU (process.cpuUsage(), which adds V8's GC helper threads) is printed too, as a
 * second ratio. The sender is a child process (bench/core/sender.ts), so none of its work is
 * counted here. The frames are pre-sent: the receiver pauses its socket on open, the sender
 * writes all N frames, and only then the receiver resumes and the clock starts, so neither side
 * is paced by the sender and both read the same bytes in the same chunks.
 *
 * The pipeline runs from one bundle of the project's code, dependencies external, as the app's
 * main process runs (bench/core/receiver-bundle.ts; BENCH_UNBUNDLED=1 runs the modules under tsx).
 *
 * Memory: heap held by the room state after N messages, after GC (uses --expose-gc when given,
 * else enables it at runtime). The room is open, with no store behind it: main holds its window
 * (MEMORY_ONLY_WINDOW, up to TRIM_SLACK times it between trims), not all N messages.
 */
import type { ChildProcess } from 'node:child_process'
import { fork } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import WebSocket from 'ws'
import type { SenderCommand, SenderReport } from './sender'
import { loadReceiver } from './receiver-bundle'

const N = Number(process.argv[2] ?? process.env.BENCH_N ?? 100_000)
const ROUNDS = 5
/** Pipeline CPU per message at most this many times the bare ws + JSON.parse cost. */
const TARGET = 1.5
function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing) return existing
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
const gc = gcFunction()

/** The sender child: listening, and able to write all frames to the newest connection. */
interface Sender {
  url: string
  /** Writes every frame to the newest connection; resolves once all are handed to its socket. */
  sendAll(): Promise<void>
  stop(): Promise<void>
}

async function startSender(n: number): Promise<Sender> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./sender.ts', import.meta.url)),
    [String(n)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const next = () =>
    new Promise<SenderReport>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`sender exited (${code})`))
      child.once('exit', onExit)
      child.once('message', (m: SenderReport) => {
        child.off('exit', onExit)
        resolve(m)
      })
    })
  const first = await next()
  if (typeof first !== 'object') throw new Error(`sender said ${String(first)}`)
  const command = (c: SenderCommand) => child.send(c)
  return {
    url: `http://127.0.0.1:${first.port}`,
    sendAll: async () => {
      const reply = next()
      command('send')
      if ((await reply) !== 'written') throw new Error('sender did not write the frames')
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        command('stop')
      }),
  }
}

/** On-CPU time of this process's main thread so far, in µs (Linux schedstat, ns precision). */
function mainThreadMicros(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8')
  return Number(stat.split(' ')[0]) / 1000
}

/** One measured receive: CPU microseconds of this process and wall milliseconds. */
interface Cost {
  /** The main thread's CPU time. */
  cpuMicros: number
  /** The whole process's (main thread plus V8's helper threads). */
  processMicros: number
  wallMs: number
}

/**
 * Opens a receiver (which calls `opened` with its ws once open), pauses it, has the sender write
 * everything, then resumes it and measures until `finished` resolves.
 */
async function measure<T>(
  sender: Sender,
  start: (opened: (ws: WebSocket) => void) => Promise<T>,
): Promise<Cost & { result: T }> {
  gc()
  let ws: WebSocket | undefined
  let cpu0 = process.cpuUsage()
  let thread0 = 0
  let t0 = 0
  let resumed!: () => void
  const ready = new Promise<void>((resolve) => (resumed = resolve))
  const finished = start((socket) => {
    socket.pause()
    ws = socket
    resumed()
  })
  await ready
  await sender.sendAll()
  gc()
  cpu0 = process.cpuUsage()
  thread0 = mainThreadMicros()
  t0 = performance.now()
  ws!.resume()
  const result = await finished
  const thread = mainThreadMicros() - thread0
  const cpu = process.cpuUsage(cpu0)
  const processMicros = cpu.user + cpu.system
  return { cpuMicros: thread, processMicros, wallMs: performance.now() - t0, result }
}

/** Baseline: a bare ws client that only JSON.parses each frame. */
function runBaseline(url: string, opened: (ws: WebSocket) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws/chat/bob/bench`, {
      perMessageDeflate: false,
    })
    let count = 0
    let sink = 0
    ws.once('open', () => opened(ws))
    ws.on('message', (data: Buffer) => {
      const value = JSON.parse(data.toString('utf8')) as { id: string }
      sink += value.id.length
      if (++count === N) {
        ws.terminate()
        if (sink > 0) resolve()
      }
    })
    ws.on('error', reject)
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')
const micros = (c: Cost): number => c.cpuMicros / N
const list = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ')

async function main(): Promise<void> {
  const { receiver, how } = await loadReceiver()
  const { runPipeline, MEMORY_ONLY_WINDOW, TRIM_SLACK } = receiver
  /** The room's window without a store behind it: main lets older messages go beyond it. */
  const MAX_HELD = MEMORY_ONLY_WINDOW * TRIM_SLACK
  console.log(
    `core pipeline benchmark: ${fmt(N)} pre-sent chat_message/new frames over loopback ws, ${ROUNDS} rounds`,
  )
  // Figures from a busy machine are not comparable with a quiet one: say which it was.
  const load = loadavg().map((x) => x.toFixed(2))
  console.log(`machine   ${cpus().length} cores, load average ${load.join(' ')} at start`)
  console.log(`pipeline code: ${how}`)
  const sender = await startSender(N)
  const baseline: Cost[] = []
  const pipeline: Cost[] = []
  // One unmeasured round of each first: the app receives for hours, so the figure is the
  // optimised code's, not the first pass through the interpreter.
  await measure(sender, (opened) => runBaseline(sender.url, opened))
  ;(await measure(sender, (opened) => runPipeline(sender.url, N, opened))).result.dispose()
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(await measure(sender, (opened) => runBaseline(sender.url, opened)))
    const run = await measure(sender, (opened) => runPipeline(sender.url, N, opened))
    // Every message went out as an event (the sink counted N); main held only its window.
    const held = run.result.held()
    if (held > MAX_HELD) throw new Error(`room state holds ${held}, more than ${MAX_HELD}`)
    run.result.dispose()
    pipeline.push(run)
  }

  // Memory: the heap a room holding N messages keeps, after GC, socket closed.
  gc()
  const before = process.memoryUsage().heapUsed
  const { result: last } = await measure(sender, (opened) => runPipeline(sender.url, N, opened))
  last.dispose()
  await new Promise((r) => setImmediate(r))
  gc()
  const held = process.memoryUsage().heapUsed - before
  const kept = last.held()
  await sender.stop()

  const b = baseline.map(micros)
  const p = pipeline.map(micros)
  // Each round measures both back to back, so its ratio is steadier than a ratio of medians
  // when other work shares the machine.
  const ratio = median(p.map((x, i) => x / b[i]!))
  const processRatio = median(pipeline.map((c, i) => c.processMicros / baseline[i]!.processMicros))
  const rate = (costs: Cost[]) => fmt(median(costs.map((c) => (N / c.wallMs) * 1000)))
  const perMessage = held / kept
  console.log(
    `baseline  (ws + JSON.parse only):                      ${median(b).toFixed(2)} µs main-thread CPU/message  [${list(b)}]  (${rate(baseline)} msgs/s wall)`,
  )
  console.log(
    `pipeline  (socket, decode+validate, room state, batch): ${median(p).toFixed(2)} µs main-thread CPU/message  [${list(p)}]  (${rate(pipeline)} msgs/s wall)`,
  )
  console.log(
    `ratio     pipeline / baseline main-thread CPU = ${ratio.toFixed(2)} (target <= ${TARGET}) ${ratio <= TARGET ? 'OK' : 'ABOVE TARGET'}`,
  )
  console.log(
    `          whole process (with V8's GC helper threads) = ${processRatio.toFixed(2)}`,
  )
  console.log(
    `memory    room state after ${fmt(N)} messages: ${(held / 1024 / 1024).toFixed(1)} MB, ${fmt(kept)} held (the window, at most ${fmt(MAX_HELD)}; ${fmt(perMessage)} bytes/message)`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
