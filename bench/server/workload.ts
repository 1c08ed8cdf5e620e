/**
 * The broadcast workload, against any EduSphere server with the demo data (docs/protocol.md §5): it only
 * signs in the demo users alice and bob and uses the room alice/general, so it needs no setup
 * mutation and runs unchanged against a real deployment. 50 sockets (alice and bob alternately,
 * several sockets per user, as a user with many windows would have) join the room; alice sends.
 *
 * Phase 1, latency: one message at a time, time from send until all 50 sockets have it.
 * Phase 2, throughput: a window of messages in flight; deliveries/s = messages × 50 / s.
 * Both run in rounds; the figures are medians over rounds (this machine is shared).
 */
import { randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import WebSocket from 'ws'
import { demoUsers } from '../../server/store/seed'
import { ProtocolClient } from '../../server/test-support/protocol-client'
import { cpuSeconds, percentile, Tracker } from './measure'

/** How much work one run does. */
export interface WorkloadOptions {
  clients: number
  rounds: number
  warmup: number
  latencyMessages: number
  throughputMessages: number
  window: number
  /** The server's pid when it runs on this machine (for its CPU use), else undefined. */
  serverPid?: number
  /** Progress lines go here. */
  log: (line: string) => void
}

/** Medians over rounds. */
export interface Figures {
  medianMs: number
  p99Ms: number
  deliveriesPerSec: number
  loadedMedianMs: number
  loadedP99Ms: number
  /** Fraction of one core the server used during throughput, when measurable. */
  serverBusy: number | null
  clientBusy: number
}

const BODY_KEY = Buffer.from('"body": "')
const ERROR_KEY = Buffer.from('"error": ')
const HOST = 'alice'
const ROOM = 'general'

function connect(url: string, token: string): Promise<WebSocket> {
  const base = new URL(url)
  const scheme = base.protocol === 'https:' ? 'wss' : 'ws'
  const ws = new WebSocket(`${scheme}://${base.host}/ws/chat/${HOST}/${ROOM}`, {
    headers: { Cookie: `JWT=${token}` },
    origin: base.origin,
    perMessageDeflate: false,
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_q, res) =>
      reject(new Error(`${HOST}/${ROOM} refused the socket: HTTP ${res.statusCode}`)),
    )
    ws.once('error', reject)
  })
}

const mid = <T>(items: T[], key: (t: T) => number): number => {
  const sorted = items.map(key).sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Runs the workload against `url` and returns its figures. */
export async function runWorkload(url: string, opts: WorkloadOptions): Promise<Figures> {
  const tokens = await Promise.all(
    [demoUsers.alice, demoUsers.bob].map((u) =>
      new ProtocolClient(url).signIn(u.email, u.password),
    ),
  )
  const sockets: WebSocket[] = []
  // Opened in small batches: a real server handles each handshake with database reads.
  for (let i = 0; i < opts.clients; i += 10) {
    const batch = Array.from({ length: Math.min(10, opts.clients - i) }, (_, k) =>
      connect(url, tokens[(i + k) % 2]!),
    )
    sockets.push(...(await Promise.all(batch)))
  }
  // Bodies unique to this run, ~40 characters like the real measurement's.
  const tag = randomUUID().slice(0, 8)
  const bodyFor = (seq: number) => `bench ${tag} ${String(seq).padStart(7, '0')} quick brown fox`
  const tracker = new Tracker(opts.clients, bodyFor)
  let serverError: string | null = null
  for (const ws of sockets)
    ws.on('message', (data: Buffer) => {
      // The clients share the cores with the server: find the body without a full JSON.parse
      // (every server writes `"body": "…"` with these separators; bench bodies need no escapes).
      const at = data.indexOf(BODY_KEY)
      if (at >= 0) {
        const start = at + BODY_KEY.length
        tracker.received(data.toString('latin1', start, data.indexOf(0x22, start)))
      } else if (data.indexOf(ERROR_KEY) >= 0) {
        serverError ??= (JSON.parse(data.toString()) as { error: string }).error
      }
    })
  const sender = sockets[0]!
  let seq = 0
  const send = () => {
    tracker.sent(seq)
    sender.send(JSON.stringify({ type: 'text', message: bodyFor(seq++) }))
  }
  const check = () => {
    if (serverError) throw new Error(`the server answered an error: ${serverError}`)
  }
  opts.log(
    `clients: ${opts.clients} sockets in ${HOST}/${ROOM} (alice and bob), sender alice, ${opts.rounds} rounds`,
  )

  const latencyRound = async (count: number): Promise<number[]> => {
    tracker.latencies = []
    for (let i = 0; i < count; i++) {
      const done = tracker.done(seq)
      send()
      await done
      check()
    }
    return [...tracker.latencies].sort((a, b) => a - b)
  }

  const throughputRound = async () => {
    tracker.latencies = []
    const start = performance.now()
    const serverCpu0 = cpuSeconds(opts.serverPid)
    const benchCpu0 = process.cpuUsage()
    const target = tracker.completed + opts.throughputMessages
    let sent = 0
    await new Promise<void>((resolve) => {
      let inFlight = 0
      const pump = () => {
        while (inFlight < opts.window && sent < opts.throughputMessages) {
          inFlight++
          sent++
          send()
        }
      }
      tracker.onComplete = () => {
        inFlight--
        if (tracker.completed >= target) resolve()
        else pump()
      }
      pump()
    })
    tracker.onComplete = null
    check()
    const seconds = (performance.now() - start) / 1000
    const serverCpu1 = cpuSeconds(opts.serverPid)
    const benchCpu = process.cpuUsage(benchCpu0)
    return {
      deliveriesPerSec: (opts.throughputMessages * opts.clients) / seconds,
      serverBusy:
        serverCpu0 === null || serverCpu1 === null ? null : (serverCpu1 - serverCpu0) / seconds,
      clientBusy: (benchCpu.user + benchCpu.system) / 1e6 / seconds,
      loaded: [...tracker.latencies].sort((a, b) => a - b),
    }
  }

  try {
    await latencyRound(opts.warmup)
    const rounds = []
    for (let r = 1; r <= opts.rounds; r++) {
      const latency = await latencyRound(opts.latencyMessages)
      const load = await throughputRound()
      const round = { median: percentile(latency, 50), p99: percentile(latency, 99), ...load }
      rounds.push(round)
      opts.log(
        `round ${r}: latency median ${round.median.toFixed(2)} ms, p99 ${round.p99.toFixed(2)} ms; ` +
          `${round.deliveriesPerSec.toFixed(0)} deliveries/s (load avg ${loadavg()[0]!.toFixed(1)})`,
      )
    }
    return {
      medianMs: mid(rounds, (r) => r.median),
      p99Ms: mid(rounds, (r) => r.p99),
      deliveriesPerSec: mid(rounds, (r) => r.deliveriesPerSec),
      loadedMedianMs: mid(rounds, (r) => percentile(r.loaded, 50)),
      loadedP99Ms: mid(rounds, (r) => percentile(r.loaded, 99)),
      serverBusy: rounds.every((r) => r.serverBusy !== null)
        ? mid(rounds, (r) => r.serverBusy!)
        : null,
      clientBusy: mid(rounds, (r) => r.clientBusy),
    }
  } finally {
    for (const ws of sockets) ws.close(1000)
  }
}
