/**
 * Crash safety of the outbox: a child process writes entries in a loop and is SIGKILLed at a
 * random point, again and again on the same store. Every reopen must give a valid store whose
 * outbox is exactly a prefix of what was written, holding every entry whose `put` had returned.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openOrThrow, tempDir } from './store-fixtures'
import { seeded, testSeed } from '../test-support/seeded'

const RUNS = 10
const SEED = testSeed(20261130)
const CHILD = path.join(import.meta.dirname, 'store-crash-child.ts')

/** Runs the child until it has acknowledged `acks` more entries, then SIGKILLs it. */
function writeAndKill(
  dir: string,
  first: number,
  acks: number,
): Promise<{ lastAcked: number; notices: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(first)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let lastAcked = first - 1
    let pending = ''
    let stderr = ''
    let killed = false
    const notices: string[] = []
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('acked ')) lastAcked = Number(line.slice(6))
        else notices.push(line)
      }
      if (!killed && lastAcked - first + 1 >= acks) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lastAcked, notices })
      else reject(new Error(`the writer exited by itself (code ${code}):\n${stderr}`))
    })
  })
}

describe('outbox under SIGKILL', () => {
  const { dir, cleanup } = tempDir('edusphere-crash-')
  afterAll(cleanup)

  it(
    `keeps a prefix holding every acknowledged entry across ${RUNS} kills`,
    { timeout: 120_000 },
    async () => {
      console.log(`store crash test seed: ${SEED} (CI=true uses a fixed seed)`)
      const random = seeded(SEED)
      let next = 0
      for (let run = 0; run < RUNS; run++) {
        // 1..150 entries after start-up: the kill lands in a put, a markInFlight or a history batch.
        const acks = 1 + Math.floor(random() * 150)
        const { lastAcked, notices } = await writeAndKill(dir, next, acks)
        expect(notices, `run ${run}: the store opened cleanly after the previous kill`).toEqual([])

        const { store, notice } = openOrThrow({
          dir,
          origin: 'http://127.0.0.1:8000',
          username: 'crash',
        })
        try {
          expect(notice, `run ${run}: reopened without a notice`).toBeNull()
          const ids = store.outbox.list().map((e) => e.clientId)
          const expected = Array.from({ length: ids.length }, (_, i) => `entry-${i}`)
          expect(ids, `run ${run}: the outbox is a prefix of what was written`).toEqual(expected)
          expect(
            ids.length - 1,
            `run ${run}: every acknowledged entry is there`,
          ).toBeGreaterThanOrEqual(lastAcked)
          // A history batch is one transaction: all ten rows or none.
          expect(store.history.count('crash/room') % 10).toBe(0)
          next = ids.length
        } finally {
          store.close()
        }
      }
      expect(next).toBeGreaterThan(RUNS)
    },
  )
})
