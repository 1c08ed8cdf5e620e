/**
 * A tiny static file server on 127.0.0.1, port 0: module scripts cannot load from file://. It
 * stands in for the app:// scheme, so it also answers the app's dynamic routes (avatars) through
 * the same pure-Node handler the Electron protocol handler uses.
 */
import { createServer } from 'node:http'
import type { ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}

export interface StaticServer {
  url: string
  close(): Promise<void>
}

/** Answers a request URL with a web Response, or null to fall through to the files. */
export type DynamicRoute = (url: string) => Promise<Response> | null

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  res.writeHead(response.status, headers).end(body)
}

/** Serves `root` read-only; anything outside it is a 404. */
export async function serveStatic(
  root: string,
  headers: Record<string, string> = {},
  dynamic: DynamicRoute = () => null,
): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const routed = req.method === 'GET' ? dynamic(`http://127.0.0.1${req.url ?? '/'}`) : null
    if (routed) {
      routed.then(
        (response) => send(res, response),
        () => res.writeHead(500).end(),
      )
      return
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = normalize(join(root, path === '/' ? 'index.html' : path))
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(404).end()
      return
    }
    readFile(file).then(
      (data) =>
        res
          .writeHead(200, {
            ...headers,
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          })
          .end(data),
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}
