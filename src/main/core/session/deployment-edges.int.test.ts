import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoUsers, startTestServer } from '../../../../server/test-support'
import type { TestServer } from '../../../../server/test-support'
import { AppError } from '../../../shared/errors'
import { startHttpFront } from '../test-support/http-front'
import type { FrontReply, HttpFront } from '../test-support/http-front'
import { EduSphereApi } from './edusphere-api'

// What real deployments do around the GraphQL endpoint, reproduced on loopback: a Django that
// refuses our Host, a reverse proxy that does not route /api/, and the refresh request as the
// server receives it. Runs unchanged with EDUSPHERE_URL.

let ts: TestServer
const fronts: HttpFront[] = []
const { alice } = demoUsers

beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await Promise.all(fronts.map((f) => f.close()))
  await ts.dispose()
})

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  )
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

async function front(...args: Parameters<typeof startHttpFront>): Promise<HttpFront> {
  const f = await startHttpFront(...args)
  fronts.push(f)
  return f
}

const setCookies = (reply: FrontReply): string[] => {
  const value = reply.headers['set-cookie']
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

describe('a Django that does not allow our Host', () => {
  it('its HTML 400 becomes "does not accept the address", not "not an EduSphere server"', async () => {
    // What Django answers, on every path, for a Host outside ALLOWED_HOSTS (DEBUG off).
    const server = createServer((req, res) => {
      req.resume()
      res.writeHead(400, { 'content-type': 'text/html' }).end('<h1>Bad Request (400)</h1>')
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const e = await failure(new EduSphereApi(url).signIn(alice.email, alice.password))
      expect(e.code).toBe('host-not-allowed')
      expect(e.message).toBe(
        'This server does not accept the address 127.0.0.1; ask its administrator to allow it.',
      )
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})

describe('a reverse proxy that does not route /api/csrf/', () => {
  it('the CSRF cookie comes from GET /graphql/, and sign-in, queries and refresh work', async () => {
    const f = await front(ts.url, async (req, forward) => {
      if (req.path.startsWith('/api/'))
        return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' }
      if (req.method !== 'GET' || !req.path.startsWith('/graphql/')) return null
      const reply = await forward(req)
      // The real server sets csrftoken on this answer (docs/protocol.md §2). A local server that does
      // not yet is stood in for with a cookie it issued itself, so the client path is still real.
      if (!setCookies(reply).some((c) => c.startsWith('csrftoken='))) {
        const csrf = await forward({ ...req, path: '/api/csrf/' })
        reply.headers['set-cookie'] = [...setCookies(reply), ...setCookies(csrf)]
      }
      return reply
    })
    const api = new EduSphereApi(f.url)
    const auth = await api.signIn(alice.email, alice.password)
    expect((await api.me(auth.token)).username).toBe('alice')
    const refreshed = await api.refresh(auth.token)
    expect(refreshed.payload.origIat).toBe(auth.payload.origIat)
    expect(await api.joinedRooms(refreshed.token, 'alice')).not.toEqual([])
    expect(f.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/csrf/',
      'GET /graphql/',
      'POST /graphql/',
      'POST /graphql/',
      'POST /graphql/',
      'POST /graphql/',
    ])
  })

  it('a proxy that routes neither is still "not EduSphere", naming both', async () => {
    const f = await front(ts.url, () => ({
      status: 404,
      headers: { 'content-type': 'text/html' },
      body: '<h1>Not Found</h1>',
    }))
    const e = await failure(new EduSphereApi(f.url).signIn(alice.email, alice.password))
    expect(e.code).toBe('not-edusphere')
    expect(e.message).toMatch(/GET \/api\/csrf\/ answered HTTP 404, and GET \/graphql\/ set no/)
  })
})

describe('refreshToken as the server receives it', () => {
  it('carries the token only as the argument: no Authorization header, no JWT cookie', async () => {
    const f = await front(ts.url)
    const api = new EduSphereApi(f.url)
    const auth = await api.signIn(alice.email, alice.password)
    const refreshed = await api.refresh(auth.token)
    expect(refreshed.token).toBeTruthy()
    const posts = f.seen.filter((r) => r.method === 'POST')
    const refresh = posts.find((r) => r.body.includes('refreshToken'))!
    expect(refresh.headers.authorization).toBeUndefined()
    expect(refresh.headers.cookie ?? '').not.toMatch(/(^|;\s*)JWT=/)
    expect(JSON.parse(refresh.body)).toMatchObject({ variables: { token: auth.token } })
    // The server did set a JWT cookie on sign-in: the client chose not to send it back.
    expect((await api.me(refreshed.token)).username).toBe('alice')
  })

  it('joinRoom of an unknown room is not-found', async () => {
    const api = new EduSphereApi(ts.url)
    const auth = await api.signIn(alice.email, alice.password)
    const e = await failure(api.joinRoom(auth.token, 'alice', 'no-such-room'))
    expect(e.code).toBe('not-found')
  })
})
