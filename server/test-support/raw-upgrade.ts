/** A WebSocket upgrade request sent by hand, to read exactly how a refusal looks on the wire. */
import type { IncomingHttpHeaders } from 'node:http'
import { request } from 'node:http'

/** The HTTP answer to an upgrade that was not accepted. */
export interface UpgradeReply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * Sends `GET path` with the upgrade headers (and any extra ones, e.g. Host or Cookie) and resolves
 * with the non-101 reply; rejects if the server accepts the upgrade.
 */
export function rawUpgrade(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<UpgradeReply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), {
      agent: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        Origin: new URL(baseUrl).origin,
        ...headers,
      },
    })
    req.on('upgrade', (_res, socket) => {
      socket.destroy()
      reject(new Error(`the upgrade to ${path} was accepted`))
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}
