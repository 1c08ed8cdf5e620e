/**
 * A scripted SocketLike for unit tests of the room connection state machine. Fake because a real
 * socket cannot be made to misbehave on cue; the integration tests use real `ws` sockets.
 */
import { EventEmitter } from 'node:events'
import type { SocketLike, SocketOptions, WebSocketFactory } from '../ports'

const CONNECTING = 0
const OPEN = 1
const CLOSED = 3

/** One fake socket: records what the client does, and lets the test play the server. */
export class FakeSocket extends EventEmitter implements SocketLike {
  readyState = CONNECTING
  readonly sent: string[] = []
  pings = 0
  closedWith: number | null = null
  terminated = false

  constructor(
    readonly url: string,
    readonly options: SocketOptions,
  ) {
    super()
  }

  send(data: string): void {
    if (this.readyState !== OPEN) throw new Error('not open')
    this.sent.push(data)
  }

  ping(): void {
    this.pings++
  }

  close(code = 1000): void {
    this.closedWith = code
    this.finish(code)
  }

  terminate(): void {
    this.terminated = true
    this.finish(1006)
  }

  /** The server accepts the handshake. */
  accept(): void {
    this.readyState = OPEN
    this.emit('open')
  }

  /** The server answers the upgrade with an HTTP status (403 …) instead of 101. */
  reject(statusCode: number): void {
    this.emit('unexpected-response', {}, { statusCode })
  }

  /** The server sends a frame. */
  receive(data: string | Buffer, isBinary = false): void {
    this.emit('message', typeof data === 'string' ? Buffer.from(data) : data, isBinary)
  }

  /** The server answers a ping. */
  pong(): void {
    this.emit('pong')
  }

  /** The connection ends from the far side (1006 crash, 1011 server error …). */
  drop(code = 1006): void {
    this.finish(code)
  }

  /** A network error before the handshake completes (ECONNREFUSED …). */
  fail(message = 'connect ECONNREFUSED'): void {
    this.emit('error', new Error(message))
    this.finish(1006)
  }

  private finish(code: number): void {
    if (this.readyState === CLOSED) return
    this.readyState = CLOSED
    // ws emits 'close' asynchronously; so does the fake, to keep re-entrancy realistic.
    queueMicrotask(() => this.emit('close', code, Buffer.alloc(0)))
  }
}

/** A factory that records every socket it makes; `last` is the current one. */
export function fakeSocketFactory(): {
  factory: WebSocketFactory
  sockets: FakeSocket[]
  last(): FakeSocket
} {
  const sockets: FakeSocket[] = []
  return {
    sockets,
    factory: (url, options) => {
      const socket = new FakeSocket(url, options)
      sockets.push(socket)
      return socket
    },
    last: () => {
      const socket = sockets[sockets.length - 1]
      if (!socket) throw new Error('no socket was created')
      return socket
    },
  }
}

/** Lets pending promise callbacks and microtasks run (not a sleep: no time passes). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
