/**
 * The avatar fetcher against a hostile EduSphere on loopback: it records every request, and a
 * second loopback server plays tracker.example. Avatars come only from the signed-in origin's
 * /media/, within the size cap, as real PNG/JPEG/GIF/WebP bytes, and from a bounded cache.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AvatarFetcher, sniffImageType } from './avatar-fetcher'
import { avatarPathFromRequest, avatarPathOf, avatarUrlFor } from './avatar-path'
import { avatarResponse } from './avatar-route'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])
/** The server accepts avatar uploads up to 2 MB; the fetcher takes no more. */
const MAX = 2 * 1024 * 1024

interface Hostile {
  origin: string
  requests: { url: string; headers: IncomingMessage['headers'] }[]
  close(): Promise<void>
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = createServer(handle)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

async function hostileServer(routes: Record<string, (res: ServerResponse) => void>) {
  const requests: Hostile['requests'] = []
  const server = await listen((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers })
    const route = routes[req.url ?? '']
    if (route) route(res)
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>')
  })
  return { ...server, requests }
}

let edu: Hostile
let tracker: Hostile

beforeAll(async () => {
  tracker = await hostileServer({
    '/p.png?who=alice': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG),
  })
  const image = (type: string, body: Buffer) => (res: ServerResponse) =>
    res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body)
  edu = await hostileServer({
    '/media/avatars/bob.png': image('image/png', PNG),
    '/media/avatars/bob.jpg': image('image/jpeg; charset=binary', JPEG),
    '/media/avatars/bob.gif': image('image/gif', GIF),
    '/media/avatars/bob.webp': image('image/webp', WEBP),
    '/media/avatars/b%20ob.png': image('image/png', PNG),
    '/media/avatars/big.png': image('image/png', Buffer.concat([PNG, Buffer.alloc(MAX)])),
    '/media/avatars/largest.png': image(
      'image/png',
      Buffer.concat([PNG, Buffer.alloc(MAX - PNG.length)]),
    ),
    '/media/avatars/endless.png': (res) => {
      // No content-length: the cap must hold while reading.
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(PNG)
      const chunk = Buffer.alloc(64 * 1024)
      const pump = () => {
        while (res.write(chunk)) if (res.writableLength > 8 * MAX) return
        res.once('drain', pump)
      }
      pump()
    },
    '/media/avatars/page.png': image('text/html', Buffer.from('<script>alert(1)</script>')),
    '/media/avatars/liar.png': image('image/png', Buffer.from('<html>not a png</html>')),
    '/media/avatars/evil.svg': image(
      'image/svg+xml',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ),
    '/media/avatars/moved.png': (res) =>
      res.writeHead(302, { location: `${tracker.origin}/p.png?who=alice` }).end(),
    '/media/avatars/broken.png': (res) => res.writeHead(500).end('oops'),
  })
})

afterAll(async () => {
  await edu.close()
  await tracker.close()
})

function fetcher(opts: Partial<ConstructorParameters<typeof AvatarFetcher>[0]> = {}) {
  let now = 0
  const f = new AvatarFetcher({ origin: () => edu.origin, now: () => now, ...opts })
  return { f, advance: (ms: number) => (now += ms) }
}

const requested = () => edu.requests.map((r) => r.url)

describe('AvatarFetcher', () => {
  it('fetches from the signed-in origin /media/ without credentials, serving sniffed types', async () => {
    const { f } = fetcher()
    edu.requests.length = 0
    for (const [path, type] of [
      ['avatars/bob.png', 'image/png'],
      ['avatars/bob.jpg', 'image/jpeg'],
      ['avatars/bob.gif', 'image/gif'],
      ['avatars/bob.webp', 'image/webp'],
      ['avatars/b ob.png', 'image/png'],
    ] as const) {
      const result = await f.get(path)
      expect(result, path).toMatchObject({ ok: true, type })
    }
    expect(requested()).toEqual([
      '/media/avatars/bob.png',
      '/media/avatars/bob.jpg',
      '/media/avatars/bob.gif',
      '/media/avatars/bob.webp',
      '/media/avatars/b%20ob.png',
    ])
    for (const { headers } of edu.requests) {
      expect(headers.cookie).toBeUndefined()
      expect(headers.authorization).toBeUndefined()
    }
  })

  it('a tracker URL as an avatar is never fetched, whatever the path it takes', async () => {
    tracker.requests.length = 0
    const trackerUrl = `${tracker.origin}/p.png?who=alice`
    expect(avatarPathOf(edu.origin, trackerUrl)).toBeNull()
    expect(avatarUrlFor(edu.origin, trackerUrl)).toBeNull()
    expect(avatarUrlFor(edu.origin, 'https://tracker.example/p.png?who=alice')).toBeNull()
    // A same-origin avatar that redirects to the tracker is not followed either.
    const { f } = fetcher()
    expect(await f.get('avatars/moved.png')).toMatchObject({ ok: false, reason: /HTTP 302/ })
    expect(tracker.requests).toEqual([])
  })

  it.each([
    ['oversize with a content-length', 'avatars/big.png', /larger than 2 MB/],
    ['oversize while streaming', 'avatars/endless.png', /larger than 2 MB/],
    ['a non-image content type', 'avatars/page.png', /not an image \(text\/html\)/],
    ['an image type over non-image bytes', 'avatars/liar.png', /not a PNG, JPEG, GIF or WebP/],
    ['SVG (it can carry script)', 'avatars/evil.svg', /not an image \(image\/svg\+xml\)/],
    ['a missing file', 'avatars/nobody.png', /HTTP 404/],
    ['a server error', 'avatars/broken.png', /HTTP 500/],
  ])('refuses %s', async (_what, path, reason) => {
    const { f } = fetcher()
    expect(await f.get(path)).toMatchObject({ ok: false, reason })
  })

  it('takes an avatar of exactly the cap', async () => {
    const { f } = fetcher()
    const result = await f.get('avatars/largest.png')
    expect(result.ok && result.body.byteLength).toBe(MAX)
  })

  it('refuses anything while signed out, without contact', async () => {
    const f = new AvatarFetcher({ origin: () => null })
    edu.requests.length = 0
    expect(await f.get('avatars/bob.png')).toMatchObject({ ok: false })
    expect(edu.requests).toEqual([])
  })

  it('caches: a hit costs no request, concurrent misses share one, failures retry later', async () => {
    const { f, advance } = fetcher()
    edu.requests.length = 0
    const [a, b] = await Promise.all([f.get('avatars/bob.png'), f.get('avatars/bob.png')])
    expect(a).toEqual(b)
    expect(await f.get('avatars/bob.png')).toEqual(a)
    expect(requested()).toEqual(['/media/avatars/bob.png'])

    await f.get('avatars/nobody.png')
    await f.get('avatars/nobody.png')
    expect(requested()).toHaveLength(2)
    advance(60_001)
    await f.get('avatars/nobody.png')
    expect(requested()).toHaveLength(3)
  })

  it('the cache is a bounded LRU (entries and bytes)', async () => {
    const { f } = fetcher({ maxEntries: 2 })
    edu.requests.length = 0
    await f.get('avatars/bob.png')
    await f.get('avatars/bob.jpg')
    await f.get('avatars/bob.png') // bob.png is now the most recent
    await f.get('avatars/bob.gif') // evicts bob.jpg
    expect(f.size).toBe(2)
    await f.get('avatars/bob.png')
    await f.get('avatars/bob.jpg')
    expect(requested()).toEqual([
      '/media/avatars/bob.png',
      '/media/avatars/bob.jpg',
      '/media/avatars/bob.gif',
      '/media/avatars/bob.jpg',
    ])

    const bytes = fetcher({ maxCacheBytes: PNG.length + JPEG.length })
    await bytes.f.get('avatars/bob.png')
    await bytes.f.get('avatars/bob.jpg')
    await bytes.f.get('avatars/bob.gif')
    expect(bytes.f.cachedBytes).toBeLessThanOrEqual(PNG.length + JPEG.length)
  })

  it('a cached avatar of one server is never served for another', async () => {
    let origin = edu.origin
    const f = new AvatarFetcher({ origin: () => origin })
    expect((await f.get('avatars/bob.png')).ok).toBe(true)
    origin = tracker.origin
    tracker.requests.length = 0
    expect(await f.get('avatars/bob.png')).toMatchObject({ ok: false, reason: /HTTP 404/ })
    expect(tracker.requests.map((r) => r.url)).toEqual(['/media/avatars/bob.png'])
  })
})

describe('the app:// avatar route', () => {
  it('serves the image with the sniffed type and locked-down headers', async () => {
    const { f } = fetcher()
    const response = await avatarResponse(
      f,
      `app://edusphere${avatarUrlFor(edu.origin, 'avatars/bob.png')}`,
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG)
  })

  it('answers 404 (initials in the page) for a refused avatar or a bad path, without contact', async () => {
    const { f } = fetcher()
    expect((await avatarResponse(f, 'app://edusphere/avatar/avatars%2Fpage.png')).status).toBe(404)
    edu.requests.length = 0
    for (const url of [
      'app://edusphere/avatar/..%2F..%2Fapi%2Fcsrf%2F',
      'app://edusphere/avatar/a%5Cb',
      'app://edusphere/avatar/',
    ]) {
      expect(avatarPathFromRequest(url)).toBeNull()
      expect((await avatarResponse(f, url)).status, url).toBe(404)
    }
    expect(edu.requests).toEqual([])
  })
})

describe('sniffImageType', () => {
  it('knows the four magic numbers and nothing else', () => {
    expect(sniffImageType(PNG)).toBe('image/png')
    expect(sniffImageType(JPEG)).toBe('image/jpeg')
    expect(sniffImageType(GIF)).toBe('image/gif')
    expect(sniffImageType(WEBP)).toBe('image/webp')
    expect(sniffImageType(Buffer.from('<svg'))).toBeNull()
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeNull()
    expect(sniffImageType(new Uint8Array())).toBeNull()
  })
})
