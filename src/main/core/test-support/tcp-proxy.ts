/**
 * A tiny loopback TCP proxy for network-failure tests: forward, cut every connection, stall
 * (stop forwarding while keeping sockets open: a half-open connection that never closes), or
 * delay bytes. Binds 127.0.0.1 on port 0.
 */
import { once } from 'node:events'
import { createServer, connect } from 'node:net'
import type { AddressInfo, Server, Socket } from 'node:net'

/** A running proxy in front of `target`. */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>` of the proxy. */
  readonly url: string
  readonly port: number
  /** Connections accepted so far (for waiting on a reconnect). */
  readonly accepted: number
  /** Connections currently open. */
  readonly open: number
  /** Destroys every connection at once, both sides (like a crash or a dropped route). */
  cutAll(): void
  /** Stops forwarding in both directions but keeps every socket open; new ones hang too. */
  stall(): void
  /** Forwards again (bytes dropped while stalled stay lost). */
  resume(): void
  /** Holds every chunk for `ms` before forwarding it, keeping order; 0 turns it off. */
  delay(ms: number): void
  /** Resolves once `accepted` reaches `n`. */
  waitForAccepted(n: number): Promise<void>
  close(): Promise<void>
}

/** Starts a proxy forwarding to `targetPort` on 127.0.0.1. */
export async function startTcpProxy(
  targetPort: number,
  targetHost = '127.0.0.1',
): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>()
  let stalled = false
  let delayMs = 0
  let accepted = 0
  const waiters: Array<{ n: number; resolve: () => void }> = []

  /** Forwards `from` to `to`, honouring stall and delay; chunks stay in order. */
  function pipe(from: Socket, to: Socket): void {
    let chain = Promise.resolve()
    from.on('data', (chunk: Buffer) => {
      if (stalled) return
      if (delayMs === 0) {
        chain = chain.then(() => void (to.destroyed || to.write(chunk)))
        return
      }
      const wait = delayMs
      chain = chain
        .then(() => new Promise<void>((resolve) => setTimeout(resolve, wait)))
        .then(() => {
          if (!stalled && !to.destroyed) to.write(chunk)
        })
    })
    from.on('end', () => {
      void chain.then(() => to.end())
    })
  }

  const server: Server = createServer((client) => {
    accepted++
    for (const w of waiters.splice(0)) {
      if (accepted >= w.n) w.resolve()
      else waiters.push(w)
    }
    const upstream = connect(targetPort, targetHost)
    const pair: [Socket, Socket] = [client, upstream]
    pairs.add(pair)
    const teardown = () => {
      pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', teardown)
    upstream.on('error', teardown)
    client.on('close', teardown)
    upstream.on('close', teardown)
    pipe(client, upstream)
    pipe(upstream, client)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port

  const proxy: TcpProxy = {
    url: `http://127.0.0.1:${port}`,
    port,
    get accepted() {
      return accepted
    },
    get open() {
      return pairs.size
    },
    cutAll() {
      for (const [a, b] of [...pairs]) {
        a.resetAndDestroy()
        b.resetAndDestroy()
      }
      pairs.clear()
    },
    stall() {
      stalled = true
    },
    resume() {
      stalled = false
    },
    delay(ms: number) {
      delayMs = Math.max(0, ms)
    },
    waitForAccepted(n: number) {
      if (accepted >= n) return Promise.resolve()
      return new Promise<void>((resolve) => waiters.push({ n, resolve }))
    },
    async close() {
      proxy.cutAll()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  return proxy
}
