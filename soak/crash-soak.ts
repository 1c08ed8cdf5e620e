/**
 * The crash soak: the real chat service on a real local store, in a child process, against the
 * real local server (a child too), SIGKILLed at a random point of a send burst, started again on
 * the same profile folder, again and again. At the end a clean run drains the outbox, and the
 * server's own database is read: every text the service accepted is stored exactly once, none
 * is stored twice, and nothing accepted is shown failed without a reason.
 *
 * Run alone: `node --import tsx soak/crash-soak.ts [--kills 10] [--seed N]` (prints the figures).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { demoUsers } from '../server/test-support'
import { DB_FILE } from '../server/store/db'
import { seeded, testSeed } from '../src/main/core/test-support/seeded'
import { createServerProcess, freePort } from './server-process'

const ROOM = 'alice/general'
const REPO = fileURLToPath(new URL('..', import.meta.url))
const CHILD = join(REPO, 'soak', 'crash-child.ts')
/** Texts per burst; the kill lands somewhere inside it (or right after it). */
const BURST = 40

export interface CrashSoakOptions {
  kills: number
  seed: number
  log?: (line: string) => void
}

export interface CrashSoakReport {
  seed: number
  kills: number
  /** Texts whose sendMessage had returned before the kill (on disk by then). */
  accepted: number
  /** Texts started but cut by the kill before sendMessage returned (may or may not be stored). */
  cut: number
  /** Accepted texts stored exactly once on the server. */
  storedOnce: number
  lost: string[]
  duplicated: string[]
  /** Confirmed / failed as the draining run showed its own messages. */
  drained: { confirmed: number; failed: number }
  /** Every broken rule, one line each; empty means the run passed. */
  violations: string[]
}

interface ChildRun {
  accepted: string[]
  lines: string[]
}

/** Runs one child; resolves when it exits (killed at `killAfterMs` after `ready`, if set). */
function runChild(args: string[], killAfterMs: number | null): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const accepted: string[] = []
  const lines: string[] = []
  let buffered = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      if (line.startsWith('accepted ')) accepted.push(line.slice('accepted '.length))
      if (line === 'ready' && killAfterMs !== null)
        setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    }
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ accepted, lines })
      else reject(new Error(`crash child exited with ${code ?? signal}:\n${stderr}`))
    })
  })
}

/** Bodies of the room's messages, read straight from the server's database file. */
function storedBodies(dataDir: string): string[] {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true })
  try {
    const rows = db
      .prepare(
        `SELECT m.body AS body FROM messages m JOIN rooms r ON r.id = m.room_id
         WHERE r.slug = 'general'`,
      )
      .all() as { body: string }[]
    return rows.map((r) => r.body)
  } finally {
    db.close()
  }
}

export async function runCrashSoak(opts: CrashSoakOptions): Promise<CrashSoakReport> {
  const log = opts.log ?? (() => undefined)
  const random = seeded(opts.seed)
  const dataDir = mkdtempSync(join(tmpdir(), 'edusphere-crash-server-'))
  const profile = mkdtempSync(join(tmpdir(), 'edusphere-crash-profile-'))
  const server = createServerProcess({ repoRoot: REPO, port: await freePort(), dataDir })
  await server.start()
  const { email, password } = demoUsers.alice
  const common = ['--server', server.url, '--dir', profile, '--room', ROOM]
  const accepted: string[] = []
  let cut = 0
  try {
    for (let run = 0; run < opts.kills; run++) {
      // Anywhere from before the first send to after the last one (about 3 ms apart plus the
      // time a durable put takes), so kills land on queued, in-flight and echoed entries.
      const killAfterMs = Math.floor(random() * 1500)
      const prefix = `s${opts.seed}-r${run}`
      const child = await runChild(
        [
          'burst',
          ...common,
          '--email',
          email,
          '--password',
          password,
          '--prefix',
          prefix,
          '--count',
          String(BURST),
        ],
        killAfterMs,
      )
      accepted.push(...child.accepted)
      const started = child.accepted.length < BURST ? 1 : 0
      cut += started
      log(
        `crash soak: run ${run + 1}/${opts.kills} killed ${killAfterMs} ms into the burst, ${child.accepted.length} accepted`,
      )
    }
    const drain = await runChild(
      ['drain', ...common, '--email', email, '--password', password],
      null,
    )
    const line = drain.lines.find((l) => l.startsWith('drained ')) ?? 'drained 0 0'
    const [, confirmed, failed] = line.split(' ').map(Number)
    const bodies = storedBodies(dataDir)
    const byTag = new Map<string, number>()
    for (const body of bodies) {
      const tag = /^\[crash [^\]]+\]/.exec(body)?.[0]
      if (tag) byTag.set(tag, (byTag.get(tag) ?? 0) + 1)
    }
    const lost = accepted.filter((tag) => (byTag.get(tag) ?? 0) === 0)
    const duplicated = [...byTag].filter(([, n]) => n > 1).map(([tag, n]) => `${tag} ×${n}`)
    const storedOnce = accepted.filter((tag) => byTag.get(tag) === 1).length
    const violations: string[] = []
    for (const tag of lost) violations.push(`${tag} was accepted but the server never stored it`)
    for (const d of duplicated) violations.push(`${d} is stored more than once`)
    if ((failed ?? 0) > 0) violations.push(`${failed} messages ended failed after the restarts`)
    return {
      seed: opts.seed,
      kills: opts.kills,
      accepted: accepted.length,
      cut,
      storedOnce,
      lost,
      duplicated,
      drained: { confirmed: confirmed ?? 0, failed: failed ?? 0 },
      violations,
    }
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  }
}

export function formatCrashReport(r: CrashSoakReport): string {
  return [
    `crash soak (seed ${r.seed}; CI=true uses a fixed seed): ${r.kills} SIGKILLs during send bursts`,
    `  accepted ${r.accepted}, stored exactly once ${r.storedOnce} (${((100 * r.storedOnce) / Math.max(1, r.accepted)).toFixed(1)}%)`,
    `  lost ${r.lost.length}, duplicated ${r.duplicated.length}, cut mid-send ${r.cut}`,
    `  after the restarts nothing of its own is pending; it shows ${r.drained.confirmed} own confirmed, ${r.drained.failed} failed`,
    r.violations.length === 0 ? '  PASS' : `  FAIL:\n    ${r.violations.join('\n    ')}`,
  ].join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { kills: { type: 'string', default: '10' }, seed: { type: 'string' } },
  })
  const seed = values.seed ? Number(values.seed) : testSeed(424242)
  const report = await runCrashSoak({ kills: Number(values.kills), seed, log: console.log })
  console.log(formatCrashReport(report))
  process.exit(report.violations.length === 0 ? 0 : 1)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main()
