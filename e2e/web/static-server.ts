/** A tiny static file server on 127.0.0.1, port 0: module scripts cannot load from file://. */
import { createServer } from 'node:http'
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

/** Serves `root` read-only; anything outside it is a 404. */
export async function serveStatic(
  root: string,
  headers: Record<string, string> = {},
): Promise<StaticServer> {
  const server = createServer((req, res) => {
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
