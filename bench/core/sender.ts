/**
 * The benchmark's sender, run as a child process so none of its CPU is counted as the receiver's:
 * a `ws` server that builds N chat_message/new frames once (exactly as the real server writes
 * them) and, on the parent's 'send', writes all of them to the newest connection, then answers
 * 'written'. The receiver keeps its socket paused until then, so it reads frames already sent.
 */
import { randomUUID } from 'node:crypto'
import type { WebSocket } from 'ws'
import { WebSocketServer } from 'ws'
import { pythonJson, toPythonIsoformat } from '../../server/python-format'

/** Parent -> sender. */
export type SenderCommand = 'send' | 'stop'
/** Sender -> parent. */
export type SenderReport = { port: number } | 'written'

/** N frames exactly as the real server writes them (Python json.dumps separators, key order). */
export function makeFrames(n: number): string[] {
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

function serve(n: number): void {
  const frames = makeFrames(n)
  const report = (r: SenderReport) => process.send?.(r)
  let latest: WebSocket | undefined
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  wss.on('listening', () => {
    const address = wss.address()
    if (address !== null && typeof address === 'object') report({ port: address.port })
  })
  wss.on('connection', (ws) => {
    latest = ws
  })
  process.on('message', (command: SenderCommand) => {
    if (command === 'stop') {
      wss.close()
      for (const client of wss.clients) client.terminate()
      process.disconnect?.()
      return
    }
    const target = latest
    if (!target) throw new Error('send before any connection')
    for (const frame of frames) target.send(frame)
    report('written')
  })
}

if (process.send) serve(Number(process.argv[2]))
