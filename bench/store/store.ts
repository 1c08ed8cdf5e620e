/**
 * Store benchmark: prints figures and ratios against baselines measured in the same run; asserts
 * nothing. `npm run bench:store -- [--rooms 50] [--messages 10000] [--seconds 3]`
 *
 * 1. Burst: 2,000 messages/s arriving in the chat service's 16 ms batches, each batch written as
 *    one history transaction. "Keeps up" = the writes take a small share of each batch interval.
 *    Baseline: appending the same batch as JSON lines to a file.
 * 2. Outbox: durable puts (fsync per entry) against append + fsync of a JSON line.
 * 3. Read: the newest window (200) of one room out of rooms x messages, from a freshly opened
 *    store. Baseline: reading and parsing that room as one JSON file (a file-per-room cache).
 */
import fs from 'node:fs'
import path from 'node:path'
import { percentile } from '../server/measure'
import { messageAt, messages, openOrThrow, tempDir } from '../../src/main/core/store/store-fixtures'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const ROOMS = arg('rooms', 50)
const PER_ROOM = arg('messages', 10_000)
const SECONDS = arg('seconds', 3)
const RATE = 2_000
const BATCH_MS = 16
const PER_BATCH = Math.round((RATE * BATCH_MS) / 1000)
const account = { origin: 'http://127.0.0.1:8000', username: 'bench' }

const ms = (n: number) => `${n.toFixed(2)} ms`
const stats = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 }
}

function burst(dir: string): void {
  const { store } = openOrThrow({ dir, ...account })
  const batches = Math.round((SECONDS * 1000) / BATCH_MS)
  const file = path.join(dir, 'baseline.jsonl')
  const storeTimes: number[] = []
  const fileTimes: number[] = []
  let storeCpuUs = 0
  for (let b = 0; b < batches; b++) {
    const batch = messages(b * PER_BATCH, PER_BATCH)
    const cpu = process.cpuUsage()
    let t = performance.now()
    store.history.upsertMany('bench/burst', batch)
    storeTimes.push(performance.now() - t)
    const used = process.cpuUsage(cpu)
    storeCpuUs += used.user + used.system
    t = performance.now()
    fs.appendFileSync(file, batch.map((m) => JSON.stringify(m)).join('\n') + '\n')
    fileTimes.push(performance.now() - t)
  }
  const storeTotal = storeTimes.reduce((a, b) => a + b, 0)
  const fileTotal = fileTimes.reduce((a, b) => a + b, 0)
  const s = stats(storeTimes)
  const f = stats(fileTimes)
  console.log(`\n1. Burst: ${RATE} msgs/s for ${SECONDS} s = ${batches} batches of ${PER_BATCH}`)
  console.log(`   store: per batch p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`)
  console.log(
    `   store: ${((storeTotal / (SECONDS * 1000)) * 100).toFixed(1)}% of wall time spent writing`,
  )
  // CPU time is what the store costs the main thread; wall time also counts waiting for a busy
  // machine and the disk.
  console.log(`   store: ${(storeCpuUs / 1000 / SECONDS).toFixed(0)} ms of CPU per second of burst`)
  console.log(`   baseline append: per batch p50 ${ms(f.p50)}, p99 ${ms(f.p99)}`)
  console.log(`   ratio store/append (total write time): ${(storeTotal / fileTotal).toFixed(1)}x`)
  // The checkpoint the app runs once the burst is over (see AccountStore.checkpoint).
  const cp = performance.now()
  store.checkpoint()
  console.log(`   deferred WAL checkpoint after the burst: ${ms(performance.now() - cp)}`)
  const over = storeTimes.filter((t) => t > BATCH_MS).length
  console.log(
    `   batches whose write took longer than one ${BATCH_MS} ms interval: ${over} of ${batches}`,
  )
  // No backlog: writing a second of burst takes well under a second of the main thread.
  const keepsUp = storeTotal < SECONDS * 1000 * 0.5
  console.log(`   keeps up (writes under 50% of the burst's wall time): ${keepsUp ? 'yes' : 'NO'}`)
  store.close()
}

function outbox(dir: string): void {
  const { store } = openOrThrow({ dir, username: 'outbox', origin: account.origin })
  const n = 200
  let t = performance.now()
  for (let i = 0; i < n; i++)
    store.outbox.put({
      clientId: `c${i}`,
      roomKey: 'bench/outbox',
      kind: 'text',
      body: `message ${i}`,
      messageId: null,
      created: i,
    })
  const put = (performance.now() - t) / n
  const fd = fs.openSync(path.join(dir, 'outbox.jsonl'), 'a')
  t = performance.now()
  for (let i = 0; i < n; i++) {
    fs.writeSync(fd, JSON.stringify({ clientId: `c${i}`, body: `message ${i}` }) + '\n')
    fs.fsyncSync(fd)
  }
  const append = (performance.now() - t) / n
  fs.closeSync(fd)
  console.log(`\n2. Outbox: durable put ${ms(put)} each; append+fsync ${ms(append)} each`)
  console.log(`   ratio put/append+fsync: ${(put / append).toFixed(2)}x`)
  store.close()
}

function read(dir: string): void {
  const t0 = performance.now()
  const { store } = openOrThrow({ dir, username: 'reader', origin: account.origin })
  for (let r = 0; r < ROOMS; r++) {
    const list = Array.from({ length: PER_ROOM }, (_, i) => messageAt(r * PER_ROOM + i))
    store.history.replaceAll(`bench/room-${r}`, list)
    if (r === Math.floor(ROOMS / 2))
      fs.writeFileSync(path.join(dir, 'room.json'), JSON.stringify(list))
  }
  const file = store.file!
  store.close()
  const fill = performance.now() - t0
  const size = fs.statSync(file).size / 2 ** 20
  console.log(
    `\n3. Read: ${ROOMS} rooms x ${PER_ROOM} messages, filled in ${(fill / 1000).toFixed(1)} s, file ${size.toFixed(1)} MiB`,
  )

  const target = `bench/room-${Math.floor(ROOMS / 2)}`
  let t = performance.now()
  const opened = openOrThrow({ dir, username: 'reader', origin: account.origin })
  const openMs = performance.now() - t
  t = performance.now()
  const first = opened.store.history.window(target)
  const firstMs = performance.now() - t
  const windows: number[] = []
  const pages: number[] = []
  for (let i = 0; i < 50; i++) {
    t = performance.now()
    const w = opened.store.history.window(target)
    windows.push(performance.now() - t)
    t = performance.now()
    opened.store.history.window(target, { before: w.oldest })
    pages.push(performance.now() - t)
  }
  opened.store.close()
  t = performance.now()
  const parsed = JSON.parse(fs.readFileSync(path.join(dir, 'room.json'), 'utf8')) as unknown[]
  const baseline = performance.now() - t
  const w = stats(windows)
  console.log(
    `   open store: ${ms(openMs)}; first newest window (${first.messages.length}): ${ms(firstMs)}`,
  )
  console.log(
    `   newest window warm: p50 ${ms(w.p50)}, p99 ${ms(w.p99)}; older page p50 ${ms(stats(pages).p50)}`,
  )
  console.log(
    `   baseline: read+parse the room's ${parsed.length} messages as JSON: ${ms(baseline)}`,
  )
  console.log(
    `   ratio open+first window / baseline: ${((openMs + firstMs) / baseline).toFixed(2)}x`,
  )
}

const { dir, cleanup } = tempDir('edusphere-bench-store-')
try {
  console.log(
    `store benchmark (node ${process.version}, load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
  )
  burst(dir)
  outbox(dir)
  read(dir)
} finally {
  cleanup()
}
