/** Measuring helpers for the broadcast benchmark: delivery tracking, percentiles, CPU time. */
import { readFileSync } from 'node:fs'

/** Tracks, per sequence number, when it was sent and how many clients have it. */
export class Tracker {
  constructor(
    private readonly clients: number,
    private readonly bodyFor: (seq: number) => string,
  ) {}

  private pending = new Map<string, { sentAt: number; count: number; seq: number }>()
  latencies: number[] = []
  private waiters = new Map<number, () => void>()
  completed = 0

  sent(seq: number): void {
    this.pending.set(this.bodyFor(seq), { sentAt: performance.now(), count: 0, seq })
  }

  received(body: string): void {
    const entry = this.pending.get(body)
    if (!entry) return
    if (++entry.count < this.clients) return
    this.pending.delete(body)
    this.latencies.push(performance.now() - entry.sentAt)
    this.completed++
    this.waiters.get(entry.seq)?.()
    this.waiters.delete(entry.seq)
    this.onComplete?.()
  }

  onComplete: (() => void) | null = null

  done(seq: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`message ${seq} never reached all clients`)),
        10_000,
      )
      this.waiters.set(seq, () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}

/** CPU seconds a process has used so far (Linux /proc), or null elsewhere. */
export function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
