/**
 * Opening chat sockets in tests and waiting on what they receive: every wait is on an event with a
 * deadline, never a sleep.
 */
import WebSocket from 'ws'

/** What a socket received: parsed JSON frames in order. */
export type Frame = Record<string, unknown>

/** How to open a test socket (defaults: the server's own Origin, no extra headers). */
export interface OpenSocketOptions {
  /** Origin header; default the server's own origin; null sends none. */
  origin?: string | null
  headers?: Record<string, string>
  /** Override the path (e.g. to test a trailing slash). */
  path?: string
  /** Extra Cookie header content (the token goes in `JWT=`). */
  cookie?: string
  protocols?: string[]
  /** Answer server pings automatically (default true); false simulates a silent peer. */
  autoPong?: boolean
  /** Offer permessage-deflate (default false). */
  perMessageDeflate?: boolean
}

/** Either an open, probed socket, or the HTTP status that refused the upgrade. */
export type SocketOpen = { ok: true; probe: SocketProbe } | { ok: false; status: number }

/** Collects frames and the close of one socket, with waits that have deadlines. */
export class SocketProbe {
  readonly frames: Frame[] = []
  closed: { code: number; reason: string } | null = null
  private waiters = new Set<() => void>()
  private cursor = 0

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString()
      let frame: Frame
      try {
        frame = JSON.parse(text) as Frame
      } catch {
        frame = { unparsable: text }
      }
      this.frames.push(frame)
      this.wake()
    })
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() }
      this.wake()
    })
    ws.on('error', () => {
      /* the close event reports it */
    })
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter()
  }

  /** Resolves once `check` returns a value, rejecting with `what` after `timeoutMs`. */
  private until<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check()
        if (value === undefined) return false
        cleanup()
        resolve(value)
        return true
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(this.frames.slice(this.cursor))}`,
          ),
        )
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        this.waiters.delete(waiter)
      }
      const waiter = () => {
        attempt()
      }
      if (!attempt()) this.waiters.add(waiter)
    })
  }

  /** The next unread frame (in arrival order). */
  next(timeoutMs = 5000): Promise<Frame> {
    return this.until(
      () => (this.cursor < this.frames.length ? this.frames[this.cursor++] : undefined),
      'the next frame',
      timeoutMs,
    )
  }

  /** Skips unread frames until one matches; returns it. */
  nextMatching(
    match: (f: Frame) => boolean,
    what = 'a matching frame',
    timeoutMs = 5000,
  ): Promise<Frame> {
    return this.until(
      () => {
        while (this.cursor < this.frames.length) {
          const f = this.frames[this.cursor++]!
          if (match(f)) return f
        }
        return undefined
      },
      what,
      timeoutMs,
    )
  }

  /** Resolves with the close code once the socket closed. */
  waitClose(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed ?? undefined, 'the socket to close', timeoutMs)
  }

  /** Sends a JSON value (or raw text when given a string). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** Closes normally and waits for the close. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return
    this.ws.close(1000)
    await this.waitClose()
  }
}

/** Opens `/ws/chat/{host}/{room}` with `Cookie: JWT=<token>` (if any) and the server's Origin. */
export function openSocket(
  baseUrl: string,
  host: string,
  room: string,
  token: string | null,
  opts: OpenSocketOptions = {},
): Promise<SocketOpen> {
  const base = new URL(baseUrl)
  const wsBase = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}`
  const path = opts.path ?? `/ws/chat/${encodeURIComponent(host)}/${encodeURIComponent(room)}`
  const headers: Record<string, string> = { ...opts.headers }
  const cookies = [token !== null ? `JWT=${token}` : '', opts.cookie ?? ''].filter(Boolean)
  if (cookies.length) headers.Cookie = cookies.join('; ')
  const origin = opts.origin === undefined ? base.origin : opts.origin
  const ws = new WebSocket(wsBase + path, opts.protocols ?? [], {
    headers,
    ...(origin === null ? {} : { origin }),
    perMessageDeflate: opts.perMessageDeflate ?? false,
    autoPong: opts.autoPong ?? true,
  })
  return new Promise((resolve, reject) => {
    const probe = new SocketProbe(ws)
    ws.once('open', () => resolve({ ok: true, probe }))
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ok: false, status: res.statusCode ?? 0 })
      res.resume()
      ws.terminate()
    })
    ws.once('error', (error) => reject(error))
  })
}
