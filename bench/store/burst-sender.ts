/**
 * The burst benchmark's sender, a child process so none of its CPU is counted as the app's: a
 * `ws` server that, on the parent's 'go', writes chat_message/new frames (as the real server
 * writes them) to the newest connection at `rate` per second for `seconds`, paced against the
 * clock (a late timer sends what fell due, so the average rate holds on a busy machine). Each
 * body carries its send time (epoch ms, sub-millisecond), so the parent can measure latency.
 */
import { randomUUID } from 'node:crypto'
import type { WebSocket } from 'ws'
import { WebSocketServer } from 'ws'
import { pythonJson, toPythonIsoformat } from '../../server/python-format'

/** Parent -> sender. */
export type BurstCommand = 'go' | 'stop'
/** Sender -> parent. */
export type BurstReport = { port: number } | { sent: number; startedAt: number; endedAt: number }

/** Epoch ms with sub-millisecond precision, comparable across processes on one machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now()

/** The body of frame `i`: its number and send time, read back by the parent. */
export const burstBody = (i: number, sentAt: number): string => `burst ${i} @${sentAt.toFixed(3)}`

export function parseBurstBody(body: string): { i: number; sentAt: number } | null {
  const match = /^burst (\d+) @([\d.]+)$/.exec(body)
  return match ? { i: Number(match[1]), sentAt: Number(match[2]) } : null
}

function frame(i: number, sentAt: number): string {
  const created = toPythonIsoformat(Math.round(sentAt * 1000))
  return pythonJson({
    type: 'chat_message',
    action: 'new',
    id: randomUUID(),
    user: 'bob',
    user_id: '2',
    body: burstBody(i, sentAt),
    created,
    edited: false,
    updated: created,
    userAvatar: null,
  })
}

function serve(rate: number, seconds: number): void {
  const total = Math.round(rate * seconds)
  const report = (r: BurstReport) => process.send?.(r)
  let latest: WebSocket | undefined
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  wss.on('listening', () => {
    const address = wss.address()
    if (address !== null && typeof address === 'object') report({ port: address.port })
  })
  wss.on('connection', (ws) => (latest = ws))
  process.on('message', (command: BurstCommand) => {
    if (command === 'stop') {
      wss.close()
      for (const client of wss.clients) client.terminate()
      process.disconnect?.()
      return
    }
    const target = latest
    if (!target) throw new Error('go before any connection')
    const startedAt = epochNow()
    let sent = 0
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((epochNow() - startedAt) * rate) / 1000) + 1)
      while (sent < due) {
        target.send(frame(sent, epochNow()))
        sent++
      }
      if (sent < total) setTimeout(tick, 1)
      else report({ sent, startedAt, endedAt: epochNow() })
    }
    tick()
  })
}

if (process.send) serve(Number(process.argv[2]), Number(process.argv[3]))
