/**
 * uvicorn's keepalive for one chat socket (the websockets library's `ping_interval=20,
 * ping_timeout=20`): the first ping goes out an interval after the socket opened, carrying 4 random
 * bytes; only the pong echoing those bytes counts, and the next ping follows an interval after it.
 * A peer that stays silent for the timeout is failed like websockets does: close frame 1011
 * "keepalive ping timeout", then the TCP connection is closed without waiting for an answer.
 */
import { randomBytes } from 'node:crypto'
import type { WebSocket } from 'ws'

/** Ping settings of one server. */
export interface KeepaliveOptions {
  /** Delay before each ping (from open, then from the previous pong). Default 20 s. */
  intervalMs: number
  /** How long a ping may stay unanswered before the peer is dropped. Default 20 s. */
  timeoutMs: number
}

/** Runs the ping loop of one socket until it closes. */
export class Keepalive {
  private timer: NodeJS.Timeout | null = null
  private payload: Buffer | null = null

  constructor(
    private readonly ws: WebSocket,
    private readonly opts: KeepaliveOptions,
    /** Called when the peer did not answer in time (the caller drops the connection). */
    private readonly onTimeout: () => void,
  ) {
    ws.on('pong', (data: Buffer) => {
      if (this.payload && data.equals(this.payload)) {
        this.payload = null
        this.schedule(() => this.ping(), this.opts.intervalMs)
      }
    })
    ws.once('close', () => this.stop())
    this.schedule(() => this.ping(), opts.intervalMs)
  }

  private schedule(run: () => void, ms: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(run, ms)
    this.timer.unref()
  }

  private ping(): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    this.payload = randomBytes(4)
    this.ws.ping(this.payload)
    this.schedule(() => this.onTimeout(), this.opts.timeoutMs)
  }

  /** Stops pinging (socket closed or dropped). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
