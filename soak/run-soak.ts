/**
 * The soak under faults: three chat cores (alice, bob, alice's second device) talk to
 * the local server through a fault-injecting TCP proxy while the server is SIGKILLed and
 * restarted and the proxy cuts, stalls and delays; then everything must add up.
 *
 *   node --import tsx soak/run-soak.ts --seconds 60
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import v8 from 'node:v8'
import vm from 'node:vm'
import { demoUsers } from '../server/test-support'
import { EduSphereApi } from '../src/main/core/session/edusphere-api'
import { createSharedRoom } from '../src/main/core/test-support/shared-room'
import { startTcpProxy } from '../src/main/core/test-support/tcp-proxy'
import type { RoomKey } from '../src/shared/ipc-contract'
import type { FaultFigures } from './faults'
import { runChaos } from './faults'
import { createServerProcess, freePort } from './server-process'
import type { SoakCore } from './soak-core'
import { createSoakCore } from './soak-core'
import type { ServerHistory } from './verify'
import { stateDiff, verifyMessages } from './verify'
import { createLedger, startWorkload } from './workload'

export interface SoakOptions {
  seconds: number
  /** Server kills; at least 5, one per 10 s on longer runs. */
  kills?: number
  /** Largest heap growth (after GC) accepted over the run. */
  maxHeapGrowthMiB?: number
  log?: (line: string) => void
}

/** The figures and the verdict of one run. */
export interface SoakReport {
  seconds: number
  sent: number
  confirmed: number
  /** Identical texts sent at once from two devices of one user (counted in sent too). */
  twins: { sent: number; confirmed: number }
  failedVisibly: number
  /** Shown unconfirmed (may have arrived; another device was active), then discarded. */
  unconfirmed: number
  edits: number
  deletes: number
  refused: number
  retried: number
  reconnections: number
  faults: FaultFigures
  longestReconnectMs: number | null
  halfOpenMs: { median: number; max: number } | null
  heapMiB: { start: number; end: number; growth: number }
  unhandled: string[]
  /** Every broken end condition, one line each; empty means the run passed. */
  violations: string[]
}

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const MiB = 1024 * 1024
function heapMiB(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed / MiB
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor(probe: () => boolean | Promise<boolean>, deadlineMs: number) {
  const end = Date.now() + deadlineMs
  while (!(await probe())) {
    if (Date.now() > end) return false
    await sleep(25)
  }
  return true
}

/** Runs one soak and returns its report (never throws for a broken end condition). */
export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? (() => undefined)
  const unhandled: string[] = []
  const onRejection = (reason: unknown) => unhandled.push(`unhandled rejection: ${String(reason)}`)
  const onException = (error: unknown) => unhandled.push(`uncaught exception: ${String(error)}`)
  process.on('unhandledRejection', onRejection)
  process.on('uncaughtException', onException)

  const repoRoot = fileURLToPath(new URL('..', import.meta.url))
  const dataDir = mkdtempSync(join(tmpdir(), 'edusphere-soak-'))
  const server = createServerProcess({ repoRoot, port: await freePort(), dataDir })
  await server.start()
  const proxy = await startTcpProxy(server.port)
  const cores: SoakCore[] = []
  try {
    const soakRoom = (await createSharedRoom(server.url, 'Soak', 'alice', ['bob'])).key
    const rooms: RoomKey[] = ['alice/general', soakRoom]
    const who = [
      ['alice-1', demoUsers.alice],
      ['alice-2', demoUsers.alice],
      ['bob', demoUsers.bob],
    ] as const
    for (const [name, user] of who) {
      const core = createSoakCore(name, user.username)
      cores.push(core)
      await core.service.signIn({ server: proxy.url, email: user.email, password: user.password })
      for (const room of rooms) await core.service.openRoom(room)
    }
    // bob also keeps bob/private open: every joined room is connected.
    const openRooms = new Map(
      cores.map((c) => [c, c.service.listRooms() as unknown as { key: RoomKey }[]] as const),
    )
    const roomsOf = new Map(cores.map((c) => [c, openRooms.get(c)!.map((r) => r.key)] as const))
    const connected = () =>
      cores.every((c) => roomsOf.get(c)!.every((r) => c.state(r) === 'connected'))
    if (!(await waitFor(connected, 30_000)))
      throw new Error('the cores did not connect at the start')
    const heapStart = heapMiB()
    log(
      `soak: ${opts.seconds} s, server on ${server.url}, proxy on ${proxy.url}, rooms ${rooms.join(', ')}`,
    )

    const ledger = createLedger()
    const startedAt = Date.now()
    const workload = startWorkload(cores, rooms, ledger)
    const kills = opts.kills ?? Math.max(5, Math.ceil(opts.seconds / 10))
    const faults = await runChaos({
      server,
      proxy,
      cores,
      rooms: roomsOf,
      seconds: opts.seconds,
      kills,
    })
    await sleep(Math.max(0, startedAt + opts.seconds * 1000 - Date.now()))
    workload.stop()
    log(`soak: workload stopped after ${((Date.now() - startedAt) / 1000).toFixed(1)} s; settling`)

    // Settle: faults off, every room connected, nothing pending in any outbox.
    proxy.resume()
    proxy.delay(0)
    const violations: string[] = [...faults.misses]
    const idle = () =>
      connected() &&
      cores.every((c) =>
        rooms.every((r) =>
          c.messages(r).every((m) => m.status !== 'pending' && m.pendingAction === null),
        ),
      )
    if (!(await waitFor(idle, 90_000))) violations.push('the cores did not settle within 90 s')

    const api = new EduSphereApi(server.url)
    const history: ServerHistory = new Map()
    const fetchHistory = async () => {
      for (const room of rooms) {
        const [host, slug] = room.split('/') as [string, string]
        history.set(room, await api.history(null, host, slug))
      }
    }
    const diffs = () => cores.flatMap((c) => rooms.flatMap((r) => stateDiff(c, r, history.get(r)!)))
    await waitFor(async () => (await fetchHistory(), diffs().length === 0), 20_000)
    violations.push(...diffs(), ...verifyMessages(cores, ledger, history))
    const heapEnd = heapMiB()
    const maxGrowth = opts.maxHeapGrowthMiB ?? 96
    if (heapEnd - heapStart > maxGrowth)
      violations.push(`heap grew ${(heapEnd - heapStart).toFixed(1)} MiB (bound ${maxGrowth} MiB)`)
    violations.push(...unhandled)

    const coreOf = (name: string) => cores.find((c) => c.name === name)!
    const isConfirmed = (s: (typeof ledger.sends)[number]) =>
      coreOf(s.core).confirmedAs.has(s.clientId)
    const confirmed = ledger.sends.filter(isConfirmed).length
    const twinSends = ledger.sends.filter((s) => s.twin)
    const failedVisibly = ledger.sends.filter((s) =>
      coreOf(s.core)
        .messages(s.room)
        .some((m) => m.id === s.clientId && m.status === 'failed' && m.error),
    ).length
    const unconfirmed = ledger.sends.filter(
      (s) => !isConfirmed(s) && coreOf(s.core).unconfirmed.has(s.clientId),
    ).length
    const sorted = [...faults.halfOpenDetection].sort((a, b) => a - b)
    return {
      seconds: opts.seconds,
      sent: ledger.sends.length,
      confirmed,
      twins: { sent: twinSends.length, confirmed: twinSends.filter(isConfirmed).length },
      failedVisibly,
      unconfirmed,
      edits: ledger.edits.length,
      deletes: ledger.deletes.length,
      refused: ledger.refused.length,
      retried: cores.reduce(
        (n, c) => n + [...c.framesSent.values()].reduce((m, k) => m + k - 1, 0),
        0,
      ),
      reconnections: cores.reduce(
        (n, c) =>
          n +
          [...c.timeline.values()].reduce(
            (m, list) => m + Math.max(0, list.filter((s) => s.state === 'connected').length - 1),
            0,
          ),
        0,
      ),
      faults,
      longestReconnectMs: faults.reconnectAfterServerBack.length
        ? Math.max(...faults.reconnectAfterServerBack)
        : null,
      halfOpenMs: sorted.length
        ? { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! }
        : null,
      heapMiB: { start: heapStart, end: heapEnd, growth: heapEnd - heapStart },
      unhandled,
      violations,
    }
  } finally {
    for (const core of cores) await core.service.dispose()
    await proxy.close()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
    process.off('unhandledRejection', onRejection)
    process.off('uncaughtException', onException)
  }
}

/** The run's figures, one per line, then the verdict. */
export function formatReport(r: SoakReport): string {
  const f = r.faults
  return [
    `soak ${r.seconds} s: ${f.kills} server kills (SIGKILL + restart), ${f.cuts} cuts, ${f.stalls} half-open stalls, ${f.delays} delay windows`,
    `  sent ${r.sent}, confirmed ${r.confirmed} (${((100 * r.confirmed) / Math.max(1, r.sent)).toFixed(1)} %), visibly failed ${r.failedVisibly}, unconfirmed ${r.unconfirmed}; edits ${r.edits}, deletes ${r.deletes}, refused at once ${r.refused}`,
    `  identical texts from two devices at once: ${r.twins.sent} sends, ${r.twins.confirmed} confirmed`,
    `  retried ${r.retried} frames, reconnections ${r.reconnections}`,
    `  longest reconnect after the server was back: ${r.longestReconnectMs ?? '-'} ms`,
    `  half-open detected in: ${r.halfOpenMs ? `median ${r.halfOpenMs.median} ms, max ${r.halfOpenMs.max} ms` : '-'}`,
    `  heap ${r.heapMiB.start.toFixed(1)} -> ${r.heapMiB.end.toFixed(1)} MiB (${r.heapMiB.growth >= 0 ? '+' : ''}${r.heapMiB.growth.toFixed(1)} MiB), unhandled rejections ${r.unhandled.length}`,
    r.violations.length
      ? `FAIL: ${r.violations.length} broken end conditions:\n${r.violations.map((v) => `  - ${v}`).join('\n')}`
      : 'PASS: every end condition holds',
  ].join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } })
  const seconds = Number(values.seconds)
  if (!Number.isFinite(seconds) || seconds < 5) {
    console.error(`--seconds must be a number >= 5, got "${values.seconds}"`)
    process.exit(2)
  }
  const report = await runSoak({ seconds, log: (line) => console.log(line) })
  console.log(formatReport(report))
  process.exit(report.violations.length ? 1 : 0)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main()
