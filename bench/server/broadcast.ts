/**
 * Broadcast benchmark (not a test): 50 WebSocket clients in one room, one sender, loopback.
 * The server runs as its own child process (`node --import tsx server/cli.ts`, SQLite WAL in a temp
 * dir), exactly one process like the real uvicorn measurement; the 50 clients run here.
 *
 * Phase 1, latency: one message at a time, time from send until all 50 clients have it.
 * Both phases run in rounds (default 3) and the figures are medians over rounds, because this
 * machine is shared and a single round can be hit by other work.
 * Phase 2, throughput: a pipelined window of messages in flight; deliveries/s = messages × 50 / s.
 * BENCH_PROFILE=1 writes a CPU profile of the server to /tmp/prof.
 * Baseline, docs/protocol.md §6 (real EduSphere, 2 cores): 12 ms median, 39 ms p99, ~4,100 deliveries/s.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { demoUsers } from '../../server/seed'
import { ProtocolClient } from '../../server/testing/protocol-client'
import { cpuSeconds, percentile, Tracker } from './measure'

const CLIENTS = 50
const WARMUP = 200
const LATENCY_MESSAGES = 1000
const THROUGHPUT_MESSAGES = 2000
const WINDOW = 16
/** Rounds of both phases; figures are medians over rounds (`-- --rounds N`). */
const ROUNDS = roundsFromArgv()
const BASELINE = { medianMs: 12, p99Ms: 39, deliveriesPerSec: 4100 }
const TARGET = { deliveriesPerSec: 10 * BASELINE.deliveriesPerSec, p99Ms: 10 }

function roundsFromArgv(): number {
  const i = process.argv.indexOf('--rounds')
  const n = i >= 0 ? Number(process.argv[i + 1]) : 3
  if (!Number.isInteger(n) || n < 1) {
    console.error('--rounds must be a positive integer')
    process.exit(2)
  }
  return n
}

/** A ~40-character body like the real measurement's. */
function bodyFor(seq: number): string {
  return `bench ${String(seq).padStart(7, '0')} the quick brown fox jumps over`.slice(0, 40)
}

function startServer(dataDir: string) {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      '--import',
      'tsx',
      'server/cli.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.on('exit', (code) => reject(new Error(`server exited early with code ${code}`)))
  })
  return { child, url }
}

async function prepareUsers(url: string): Promise<string[]> {
  const host = new ProtocolClient(url)
  const hostToken = await host.signIn(demoUsers.alice.email, demoUsers.alice.password)
  const created = await host.graphql<{ createRoom: { room: { id: string; slug: string } } }>(
    'mutation ($n: String!) { createRoom(name: $n) { room { id slug } } }',
    { n: `Bench ${Date.now()}` },
  )
  const room = created.data!.createRoom.room
  const tokens = [hostToken]
  // 49 more participants: bob plus registered bench users, each joining the room.
  const people: { email: string; password: string }[] = [demoUsers.bob]
  for (let i = people.length + 1; i < CLIENTS; i++) {
    const username = `bench${i}_${Date.now().toString(36)}`
    const r = await host.graphql(
      'mutation ($e: String!, $u: String!, $p: String!) { registerUser(email: $e, username: $u, password: $p) { user { id } } }',
      { e: `${username}@example.com`, u: username, p: 'bench-password' },
    )
    if (r.errors) throw new Error(`registerUser failed: ${r.errors[0]!.message}`)
    people.push({ email: `${username}@example.com`, password: 'bench-password' })
  }
  for (const p of people) {
    const client = new ProtocolClient(url)
    const token = await client.signIn(p.email, p.password)
    const joined = await client.graphql(
      'mutation ($id: UUID!) { joinRoom(roomId: $id) { room { id } } }',
      {
        id: room.id,
      },
    )
    if (joined.errors) throw new Error(`joinRoom failed: ${joined.errors[0]!.message}`)
    tokens.push(token)
  }
  process.env.BENCH_ROOM = room.slug
  return tokens
}

function connect(url: string, slug: string, token: string): Promise<WebSocket> {
  const base = new URL(url)
  const ws = new WebSocket(`ws://${base.host}/ws/chat/alice/${slug}`, {
    headers: { Cookie: `JWT=${token}` },
    origin: base.origin,
    perMessageDeflate: false,
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_q, res) =>
      reject(new Error(`handshake refused: ${res.statusCode}`)),
    )
    ws.once('error', reject)
  })
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edusphere-bench-'))
  const server = startServer(dataDir)
  try {
    const url = await server.url
    console.log(`server: child process at ${url} (SQLite WAL in ${dataDir})`)
    const tokens = await prepareUsers(url)
    const slug = process.env.BENCH_ROOM!
    const sockets = await Promise.all(tokens.map((t) => connect(url, slug, t)))
    const tracker = new Tracker(CLIENTS, bodyFor)
    for (const ws of sockets) {
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { body?: string; error?: string }
        if (frame.error) throw new Error(`server error: ${frame.error}`)
        if (frame.body) tracker.received(frame.body)
      })
    }
    const sender = sockets[0]!
    const state = { seq: 0 }
    const send = () => {
      const seq = state.seq++
      tracker.sent(seq)
      sender.send(JSON.stringify({ type: 'text', message: bodyFor(seq) }))
      return seq
    }
    console.log(
      `clients: ${sockets.length} in room alice/${slug}, sender alice, ${bodyFor(0).length}-char bodies, ${ROUNDS} rounds`,
    )

    /** One message at a time; returns the sorted latencies. */
    const latencyRound = async (count: number): Promise<number[]> => {
      tracker.latencies = []
      for (let i = 0; i < count; i++) {
        const done = tracker.done(state.seq)
        send()
        await done
      }
      return [...tracker.latencies].sort((a, b) => a - b)
    }

    /** WINDOW messages in flight; returns elapsed seconds, CPU use and latencies under load. */
    const throughputRound = async () => {
      tracker.latencies = []
      const start = performance.now()
      const serverCpu0 = cpuSeconds(server.child.pid)
      const benchCpu0 = process.cpuUsage()
      const target = tracker.completed + THROUGHPUT_MESSAGES
      let sent = 0
      await new Promise<void>((resolve) => {
        let inFlight = 0
        const pump = () => {
          while (inFlight < WINDOW && sent < THROUGHPUT_MESSAGES) {
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
      const seconds = (performance.now() - start) / 1000
      const serverCpu1 = cpuSeconds(server.child.pid)
      const benchCpu = process.cpuUsage(benchCpu0)
      return {
        deliveriesPerSec: (THROUGHPUT_MESSAGES * CLIENTS) / seconds,
        serverBusy:
          serverCpu0 === null || serverCpu1 === null ? null : (serverCpu1 - serverCpu0) / seconds,
        clientBusy: (benchCpu.user + benchCpu.system) / 1e6 / seconds,
        loaded: [...tracker.latencies].sort((a, b) => a - b),
      }
    }

    await latencyRound(WARMUP)
    const f = (n: number, d = 2) => n.toFixed(d)
    const rounds = []
    for (let r = 1; r <= ROUNDS; r++) {
      const latency = await latencyRound(LATENCY_MESSAGES)
      const load = await throughputRound()
      const round = {
        median: percentile(latency, 50),
        p99: percentile(latency, 99),
        max: latency.at(-1)!,
        ...load,
      }
      rounds.push(round)
      console.log(
        `round ${r}: latency median ${f(round.median)} ms, p99 ${f(round.p99)} ms, max ${f(round.max)} ms; ` +
          `${f(round.deliveriesPerSec, 0)} deliveries/s (load avg ${loadavg()[0]!.toFixed(1)})`,
      )
    }
    for (const ws of sockets) ws.close(1000)

    const mid = <T>(items: T[], key: (t: T) => number) => {
      const sorted = items.map(key).sort((a, b) => a - b)
      return sorted[Math.floor(sorted.length / 2)]!
    }
    const median = mid(rounds, (r) => r.median)
    const p99 = mid(rounds, (r) => r.p99)
    const deliveriesPerSec = mid(rounds, (r) => r.deliveriesPerSec)
    const loadedMedian = mid(rounds, (r) => percentile(r.loaded, 50))
    const loadedP99 = mid(rounds, (r) => percentile(r.loaded, 99))
    const serverBusy = rounds.every((r) => r.serverBusy !== null)
      ? mid(rounds, (r) => r.serverBusy!)
      : null
    const clientBusy = mid(rounds, (r) => r.clientBusy)

    console.log(
      `\n== EduSphere server broadcast benchmark: figures (median of ${ROUNDS} rounds) ==`,
    )
    console.log(
      `machine                   ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} (other work competes for the same cores)`,
    )
    console.log(`clients in room           ${CLIENTS} (one sender; its own echo counts)`)
    console.log(
      `latency, one at a time    ${LATENCY_MESSAGES} msgs/round: median ${f(median)} ms, p99 ${f(p99)} ms`,
    )
    console.log(
      `throughput, window ${WINDOW}     ${THROUGHPUT_MESSAGES} msgs/round: ${f(deliveriesPerSec / CLIENTS, 0)} msg/s, ${f(deliveriesPerSec, 0)} deliveries/s`,
    )
    console.log(`latency under that load   median ${f(loadedMedian)} ms, p99 ${f(loadedP99)} ms`)
    console.log(
      `CPU during throughput     server ${serverBusy === null ? 'n/a' : `${f(serverBusy * 100, 0)}%`} of a core, clients ${f(clientBusy * 100, 0)}% of a core`,
    )
    console.log(
      `vs real server (§6)       median ${f(BASELINE.medianMs / median, 1)}x lower, p99 ${f(BASELINE.p99Ms / p99, 1)}x lower, deliveries/s ${f(deliveriesPerSec / BASELINE.deliveriesPerSec, 1)}x higher`,
    )
    console.log(
      `target deliveries/s >= ${TARGET.deliveriesPerSec}: ${deliveriesPerSec >= TARGET.deliveriesPerSec ? 'met' : 'NOT met'}`,
    )
    console.log(
      `target p99 < ${TARGET.p99Ms} ms:            ${p99 < TARGET.p99Ms ? 'met' : 'NOT met'}`,
    )
  } finally {
    server.child.kill('SIGTERM')
    await new Promise((resolve) => server.child.once('exit', resolve))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error('benchmark failed:', error)
  process.exit(1)
})
