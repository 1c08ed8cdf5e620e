/**
 * The chat socket, /ws/chat/{host}/{room}: the handshake checks happen on the raw HTTP upgrade so
 * every rejection is a plain 403 (or 500 for an unknown path, 400 for a foreign Host) before any
 * WebSocket exists, then frames are handled in order per connection and fanned out to the room.
 * Malformed input crashes "the consumer": like uvicorn, the TCP connection is closed without a
 * close frame, so the client sees 1006.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { RawData, WebSocket } from 'ws'
import { WebSocketServer } from 'ws'
import { hostHeaderAllowed, hostnameAllowed } from '../http/allowed-hosts'
import { JWT_COOKIE, authenticateToken } from '../auth/request-auth'
import type { ServerContext } from '../context'
import { parseCookies } from '../auth/cookies'
import type { ChatSession, FrameOutcome } from './frames'
import { handleClientFrame } from './frames'
import { Keepalive } from './keepalive'
import { refuseUpgrade } from '../http/upgrade-replies'

/** Socket settings (see EduSphereServerOptions). */
export interface ChatSocketOptions {
  pingIntervalMs: number
  pingTimeoutMs: number
  maxFrameBytes: number
  allowedHosts: readonly string[]
}

interface Peer extends ChatSession {
  ws: WebSocket
  /** The TCP socket under `ws`, corked while a batch of events is written to it. */
  socket: Duplex
  keepalive: Keepalive
  /** Frames of one connection are handled strictly in order: each waits for the previous. */
  chain: Promise<void>
  queued: number
  /** Set once malformed input (or a storage failure) has doomed the connection. */
  finished: boolean
}

/** Stop reading a connection with this many frames waiting, so a flood cannot grow memory. */
const MAX_QUEUED_FRAMES = 256

/** A dropped peer that never reads gets its TCP connection destroyed after this long. */
const DROP_GRACE_MS = 5000

const PATH_RE = /^\/ws\/chat\/([^/]+)\/([^/]+)$/

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/** Accepts, tracks and serves chat sockets for one server. */
export class ChatSockets {
  private readonly wss: WebSocketServer
  private readonly rooms = new Map<string, Set<Peer>>()
  private readonly peers = new Set<Peer>()
  private readonly corked = new Set<Duplex>()

  constructor(
    private readonly ctx: ServerContext,
    private readonly opts: ChatSocketOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: opts.maxFrameBytes,
      // Negotiated when the client offers it, with the websockets library's settings; every
      // frame is compressed (no size threshold), as there.
      perMessageDeflate: {
        threshold: 0,
        serverMaxWindowBits: 12,
        clientMaxWindowBits: 12,
        zlibDeflateOptions: { memLevel: 5 },
      },
      // A subprotocol is never a credential and never selected, like the real server.
      handleProtocols: () => false,
    })
  }

  /** The `upgrade` listener of the HTTP server. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy())
    if (!hostHeaderAllowed(req.headers.host, this.opts.allowedHosts))
      return refuseUpgrade(socket, 'disallowed-host')
    const raw = req.url ?? ''
    const path = raw.split('?', 1)[0]!
    const match = PATH_RE.exec(path)
    const host = match ? decodeSegment(match[1]!) : null
    const slug = match ? decodeSegment(match[2]!) : null
    if (host === null || slug === null) return refuseUpgrade(socket, 'unknown-path')
    let session: ChatSession | null
    try {
      session = this.admit(req, host, slug)
    } catch (error) {
      // e.g. the database went away mid-shutdown: refuse this one, keep the process alive.
      console.error('edusphere server: handshake failed:', error)
      return refuseUpgrade(socket, 'unknown-path')
    }
    if (!session) return refuseUpgrade(socket, 'forbidden')
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, socket, session))
  }

  /** Every handshake rule of docs/protocol.md §4; null means 403. */
  private admit(req: IncomingMessage, host: string, slug: string): ChatSession | null {
    const origin = req.headers.origin
    if (!origin) return null
    let hostname: string
    try {
      hostname = new URL(origin).hostname
    } catch {
      return null
    }
    if (!hostnameAllowed(hostname, this.opts.allowedHosts)) return null
    const token = parseCookies(req.headers.cookie).get(JWT_COOKIE)
    if (!token) return null
    const auth = authenticateToken(this.ctx, token)
    if (auth.kind !== 'user') return null
    const room = this.ctx.store.roomByHostSlug(host, slug)
    if (!room || !this.ctx.store.isParticipant(room.id, auth.user.id)) return null
    return { user: auth.user, room }
  }

  private attach(ws: WebSocket, socket: Duplex, session: ChatSession): void {
    const peer: Peer = {
      ...session,
      ws,
      socket,
      keepalive: new Keepalive(
        ws,
        { intervalMs: this.opts.pingIntervalMs, timeoutMs: this.opts.pingTimeoutMs },
        () => this.failKeepalive(peer),
      ),
      chain: Promise.resolve(),
      queued: 0,
      finished: false,
    }
    this.peers.add(peer)
    let members = this.rooms.get(session.room.id)
    if (!members) {
      members = new Set()
      this.rooms.set(session.room.id, members)
    }
    members.add(peer)
    ws.on('message', (data, isBinary) => this.onMessage(peer, data, isBinary))
    ws.on('error', () => {
      // ws closes the socket itself (e.g. 1009 for an oversized frame); nothing to add.
    })
    ws.on('close', () => {
      peer.keepalive.stop()
      this.peers.delete(peer)
      members.delete(peer)
      if (members.size === 0 && this.rooms.get(session.room.id) === members)
        this.rooms.delete(session.room.id)
    })
  }

  private onMessage(peer: Peer, data: RawData, isBinary: boolean): void {
    // After malformed input the connection is finished: later frames are never handled.
    if (peer.finished) return
    let outcome: FrameOutcome | Promise<FrameOutcome>
    if (isBinary) outcome = { kind: 'malformed', reason: 'binary frame' }
    else {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data as Buffer).toString('utf8')
      try {
        outcome = handleClientFrame(this.ctx, peer, text)
      } catch (error) {
        outcome = Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
    if (!(outcome instanceof Promise) && outcome.kind === 'malformed') peer.finished = true
    const settled = Promise.resolve(outcome)
    settled.catch(() => {
      /* handled in order below; this only marks the rejection as observed */
    })
    if (++peer.queued >= MAX_QUEUED_FRAMES) peer.ws.pause()
    // Outcomes are emitted strictly in frame order, each after the previous one's commit.
    peer.chain = peer.chain
      .then(() => settled)
      .then((result) => this.emit(peer, result))
      .catch((error: unknown) => {
        // A storage failure is the consumer crashing: that connection dies, the process does not.
        console.error('edusphere server: frame failed:', error)
        this.drop(peer)
      })
      .finally(() => {
        if (--peer.queued < MAX_QUEUED_FRAMES && peer.ws.isPaused) peer.ws.resume()
      })
  }

  private emit(peer: Peer, outcome: FrameOutcome): void {
    switch (outcome.kind) {
      case 'malformed':
        return this.drop(peer)
      case 'ignore':
        return
      case 'error':
        if (peer.ws.readyState === peer.ws.OPEN) peer.ws.send(outcome.frame)
        return
      case 'broadcast':
        return this.broadcast(peer.room.id, outcome.frame)
    }
  }

  private broadcast(roomId: string, frame: string): void {
    const members = this.rooms.get(roomId)
    if (!members) return
    // Encode once; every member gets the same bytes as a text frame.
    const bytes = Buffer.from(frame, 'utf8')
    for (const member of members) {
      if (member.ws.readyState !== member.ws.OPEN) continue
      this.cork(member.socket)
      member.ws.send(bytes, { binary: false })
    }
  }

  /**
   * Events committed together (one group commit) are broadcast in the same tick; corking each
   * socket until the tick ends turns them into one write per client instead of one per event.
   */
  private cork(socket: Duplex): void {
    if (this.corked.has(socket)) return
    socket.cork()
    this.corked.add(socket)
    if (this.corked.size === 1) process.nextTick(this.uncorkAll)
  }

  private readonly uncorkAll = (): void => {
    for (const socket of this.corked) socket.uncork()
    this.corked.clear()
  }

  /**
   * The consumer crashed: uvicorn closes the transport without a close frame (the client sees
   * 1006). Ending the TCP stream (rather than destroying it) still delivers what was already sent,
   * e.g. replies to earlier frames that are corked until the end of this tick.
   */
  private drop(peer: Peer): void {
    peer.finished = true
    peer.keepalive.stop()
    this.closeTransport(peer.socket)
  }

  /** websockets' fail_connection on a ping timeout: close frame 1011, then close the TCP stream. */
  private failKeepalive(peer: Peer): void {
    peer.finished = true
    if (peer.ws.readyState === peer.ws.OPEN) peer.ws.close(1011, 'keepalive ping timeout')
    this.closeTransport(peer.socket)
  }

  private closeTransport(socket: Duplex): void {
    if (socket.destroyed) return
    socket.end()
    // A peer that never reads would keep the half-closed stream (and its buffers) forever.
    setTimeout(() => socket.destroy(), DROP_GRACE_MS).unref()
  }

  /** Number of open chat sockets (for tests and the CLI). */
  get size(): number {
    return this.peers.size
  }

  /** Test hook: drops every TCP connection without a close frame. */
  killAll(): void {
    for (const peer of this.peers) peer.ws.terminate()
  }

  /** Closes every socket with 1001 (going away), waiting briefly for the close handshakes. */
  async close(): Promise<void> {
    const closing = [...this.peers].map(
      (peer) =>
        new Promise<void>((resolve) => {
          if (peer.ws.readyState === peer.ws.CLOSED) return resolve()
          const timer = setTimeout(() => {
            peer.ws.terminate()
            resolve()
          }, 2000)
          peer.ws.once('close', () => {
            clearTimeout(timer)
            resolve()
          })
          peer.ws.close(1001)
        }),
    )
    await Promise.all(closing)
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }
}
