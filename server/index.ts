/**
 * The local EduSphere server: GraphQL + CSRF + chat socket over SQLite, behaving like the real
 * backend (docs/protocol.md). `createEduSphereServer` is what tests, the CLI and the benchmark start.
 */
import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import { loadJwtSecret } from './auth/jwt-secret'
import { PasswordHasher } from './auth/passwords'
import type { SignInLimits } from './auth/sign-in-throttle'
import { DEFAULT_SIGN_IN_LIMITS, SignInThrottle } from './auth/sign-in-throttle'
import { DEFAULT_ALLOWED_HOSTS } from './http/allowed-hosts'
import { ChatSockets } from './socket/chat-socket'
import { createMicrosClock } from './clock'
import type { ServerContext } from './context'
import { DB_FILE, openDatabase, Store } from './store/db'
import { Directory } from './store/db-directory'
import { createHttpHandler } from './http/http'
import type { GraphQLLimits } from './graphql/graphql-limits'
import { DEFAULT_GRAPHQL_LIMITS } from './graphql/graphql-limits'
import { MediaStore } from './store/media-store'
import type { MessageWriter } from './store/message-writer'
import { InlineMessageWriter, ThreadMessageWriter } from './store/message-writer'
import { hasDemoData, seedDemoData } from './store/seed'
import { isLoopbackHost } from './http/loopback'

/** How to start a server; every field is optional. */
export interface EduSphereServerOptions {
  /** Interface to bind; default '127.0.0.1'. */
  host?: string
  /** Port; default 0 (any free port). */
  port?: number
  /** Directory for edusphere.sqlite3, or ':memory:' (default). */
  dataDir?: string
  /**
   * JWT HS256 secret (the CLI passes EDUSPHERE_JWT_SECRET); default: `<dataDir>/jwt-secret`,
   * 0600, created once (random for ':memory:'). Never stored in the database.
   */
  secret?: string
  /** Access token lifetime in seconds, default 600. */
  tokenTtl?: number
  /** Refresh window in seconds, default 7 days. */
  refreshTtl?: number
  /**
   * Create the docs/protocol.md §5 demo data (accounts with a published password) on first start.
   * Default: only when `host` is loopback.
   */
  seed?: boolean
  /** Ping each socket this long after it opened and after each pong (uvicorn: 20 s). */
  pingIntervalMs?: number
  /** Drop a socket whose ping stays unanswered this long (uvicorn: 20 s). Default pingIntervalMs. */
  pingTimeoutMs?: number
  /** Largest accepted frame; a larger one closes the socket with 1009. Default 1 MiB. */
  maxFrameBytes?: number
  /**
   * Django's ALLOWED_HOSTS: the hostnames accepted in a request's Host (else HTML 400) and in the
   * socket's Origin (else 403). `*` allows any, `.example.org` a domain and its subdomains.
   * Default ['localhost', '127.0.0.1', '[::1]'].
   */
  allowedHosts?: readonly string[]
  /**
   * GraphQL caps: tokens per document (5000), aliases per document (30), depth (10) and response
   * size (5 MB). Each refusal is a clear GraphQL error; see docs/server-graphql.md.
   */
  graphqlLimits?: Partial<GraphQLLimits>
  /**
   * Password hashing. Default scrypt at N=2^17; test suites pass a cheaper PasswordHasher (and a
   * counting one) to stay fast. Never lowered in production.
   */
  passwords?: PasswordHasher
  /**
   * tokenAuth throttling: failures tolerated per account (5) and per client address (20) within
   * a window (15 minutes), on the `now` clock.
   */
  signInLimits?: Partial<SignInLimits>
  /** Epoch-ms clock, for token-expiry and throttling tests. Default Date.now. */
  now?: () => number
}

/** A running server. */
export interface EduSphereServer {
  /** 'http://127.0.0.1:<port>' */
  url: string
  port: number
  /** Graceful: closes every socket with 1001, then the HTTP server, then the database. */
  close(): Promise<void>
  /** True when the data directory holds the demo data (created now or on an earlier start). */
  seeded: boolean
  /** Test hook: abruptly destroys every socket's TCP connection (no close frame), like a crash. */
  killConnections(): void
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

/** Starts a server; resolves once it is listening. Rejects (e.g. EADDRINUSE) with the DB closed. */
export async function createEduSphereServer(
  opts: EduSphereServerOptions = {},
): Promise<EduSphereServer> {
  const host = opts.host ?? '127.0.0.1'
  const dataDir = opts.dataDir ?? ':memory:'
  const db = openDatabase(dataDir)
  const store = new Store(db)
  const media = MediaStore.forDataDir(dataDir)
  let writer: MessageWriter | null = null
  try {
    const secret = loadJwtSecret(dataDir, store, opts.secret)
    const nowMs = opts.now ?? Date.now
    const inline = new InlineMessageWriter(store)
    writer =
      dataDir === ':memory:' ? inline : new ThreadMessageWriter(join(dataDir, DB_FILE), inline)
    const ctx: ServerContext = {
      store,
      directory: new Directory(db),
      media,
      writer,
      passwords: opts.passwords ?? new PasswordHasher(),
      signIns: new SignInThrottle(nowMs, { ...DEFAULT_SIGN_IN_LIMITS, ...opts.signInLimits }),
      secret,
      tokenTtl: opts.tokenTtl ?? 600,
      refreshTtl: opts.refreshTtl ?? 7 * 24 * 3600,
      nowMs,
      micros: createMicrosClock(opts.now),
    }
    if (opts.seed ?? isLoopbackHost(host)) await seedDemoData(store, ctx.micros, ctx.passwords)

    const allowedHosts = opts.allowedHosts ?? DEFAULT_ALLOWED_HOSTS
    const pingIntervalMs = opts.pingIntervalMs ?? 20_000
    const sockets = new ChatSockets(ctx, {
      pingIntervalMs,
      pingTimeoutMs: opts.pingTimeoutMs ?? pingIntervalMs,
      maxFrameBytes: opts.maxFrameBytes ?? 1024 * 1024,
      allowedHosts,
    })
    const http = createServer(
      createHttpHandler(ctx, {
        allowedHosts,
        graphqlLimits: { ...DEFAULT_GRAPHQL_LIMITS, ...opts.graphqlLimits },
      }),
    )
    http.on('upgrade', sockets.handleUpgrade)
    http.on('clientError', (_error, socket: Socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      else socket.destroy()
    })
    let port: number
    try {
      port = await listen(http, opts.port ?? 0, host)
    } catch (error) {
      await sockets.close()
      throw error
    }

    let closed: Promise<void> | null = null
    const urlHost = host.includes(':') ? `[${host}]` : host
    return {
      url: `http://${urlHost}:${port}`,
      port,
      seeded: hasDemoData(store),
      close() {
        closed ??= (async () => {
          const stopped = new Promise<void>((resolve) => http.close(() => resolve()))
          await sockets.close()
          http.closeAllConnections()
          await stopped
          await ctx.writer.close()
          db.close()
          media.dispose()
        })()
        return closed
      },
      killConnections() {
        sockets.killAll()
        http.closeAllConnections()
      },
    }
  } catch (error) {
    await writer?.close()
    db.close()
    media.dispose()
    throw error
  }
}
