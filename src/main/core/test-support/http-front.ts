/**
 * A loopback HTTP reverse proxy for tests, standing where a real deployment's nginx stands: it
 * forwards to an upstream server, records what the client sent, and lets a test answer some
 * requests itself (an unrouted path, a rewritten answer).
 */
import { once } from 'node:events'
import { createServer, request as httpRequest } from 'node:http'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'

/** One request as the proxy received it. */
export interface FrontRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/** An answer: status, headers (Set-Cookie as an array) and body. */
export interface FrontReply {
  status: number
  headers: OutgoingHttpHeaders
  body: Buffer | string
}

/** Answers a request itself, or returns null to forward it; `forward` reaches the upstream. */
export type FrontHandler = (
  req: FrontRequest,
  forward: (req: FrontRequest) => Promise<FrontReply>,
) => Promise<FrontReply | null> | FrontReply | null

export interface HttpFront {
  url: string
  /** Every request received, in order. */
  seen: FrontRequest[]
  close(): Promise<void>
}

/** Starts the proxy on 127.0.0.1, port 0. */
export async function startHttpFront(upstream: string, handler?: FrontHandler): Promise<HttpFront> {
  const target = new URL(upstream)
  // EDUSPHERE_URL may name an https deployment; the proxy itself stays plain http on loopback.
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  const forward = (req: FrontRequest): Promise<FrontReply> =>
    new Promise((resolve, reject) => {
      const out = send(
        {
          host: target.hostname,
          servername: target.hostname,
          port: target.port,
          method: req.method,
          path: req.path,
          headers: { ...req.headers, host: target.host },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: { ...res.headers },
              body: Buffer.concat(chunks),
            }),
          )
          res.on('error', reject)
        },
      )
      out.on('error', reject)
      out.end(req.body)
    })
  const seen: FrontRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const r: FrontRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      seen.push(r)
      Promise.resolve(handler?.(r, forward) ?? null)
        .then((own) => own ?? forward(r))
        .then((reply) => {
          const headers = { ...reply.headers }
          // The body is re-sent whole: drop framing headers that described the upstream's.
          delete headers['transfer-encoding']
          delete headers['content-length']
          res.writeHead(reply.status, headers).end(reply.body)
        })
        .catch((error: unknown) => res.writeHead(502).end(String(error)))
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
