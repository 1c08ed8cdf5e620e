import { describe, expect, it } from 'vitest'
import {
  csrfAnswer,
  failure,
  payload,
  scripted,
  tokenAuthData,
} from '../test-support/scripted-fetch'
import { EduSphereApi } from './edusphere-api'

// Real deployments around the GraphQL endpoint, scripted: the refresh request's credentials, a
// reverse proxy that does not route /api/, a Django that refuses our Host name.
// deployment-edges.int.test.ts does the same over loopback sockets.

describe('EduSphereApi against real deployments', () => {
  it('refresh sends the token only as the argument: no Authorization, no JWT cookie', async () => {
    const { fetchFn, seen } = scripted((req) => {
      if (req.url.endsWith('/api/csrf/')) return csrfAnswer('c1')
      const refreshing = req.body?.query.includes('refreshToken')
      return {
        body: JSON.stringify({
          data: refreshing
            ? { refreshToken: { token: 'tok2', payload, refreshExpiresIn: 9999 } }
            : { tokenAuth: tokenAuthData },
        }),
        // The server sets the JWT cookie on both; a browser would send it back on the refresh.
        cookies: [`JWT=${refreshing ? 'tok2' : 'tok'}; HttpOnly; Max-Age=600; Path=/`],
      }
    })
    const api = new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn })
    const auth = await api.signIn('alice@example.com', 'pass-1234')
    expect((await api.refresh(auth.token)).token).toBe('tok2')
    const refresh = seen.find((s) => s.body?.query.includes('refreshToken'))!
    expect(refresh.headers.authorization).toBeUndefined()
    expect(refresh.headers.cookie).toBe('csrftoken=c1')
    expect(refresh.body?.variables).toEqual({ token: 'tok' })
    expect(refresh.body?.query).toMatch(/refreshToken\(token: \$token\)/)
  })

  it('takes the CSRF cookie from GET /graphql/ when /api/csrf/ is not routed', async () => {
    const { fetchFn, seen } = scripted((req) => {
      if (req.url.endsWith('/api/csrf/'))
        return { status: 404, body: '<h1>404 Not Found</h1>', type: 'text/html' }
      if (req.method === 'GET')
        return {
          status: 400,
          body: '{"errors": [{"message": "Must provide query string."}]}',
          cookies: ['csrftoken=from-graphql; Path=/; SameSite=Lax'],
        }
      return {
        body: JSON.stringify({
          data: { me: { id: '1', username: 'alice', name: 'Alice', avatar: '' } },
        }),
      }
    })
    const api = new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn })
    expect((await api.me('tok')).username).toBe('alice')
    expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
      'GET /api/csrf/',
      'GET /graphql/',
      'POST /graphql/',
    ])
    expect(seen[1]!.headers.accept).toBe('application/json')
    expect(seen[2]!.headers['x-csrftoken']).toBe('from-graphql')
    expect(seen[2]!.headers.cookie).toBe('csrftoken=from-graphql')
  })

  it.each([
    ['the production page', '<h1>Bad Request (400)</h1>'],
    ['the DEBUG page', "<title>DisallowedHost at /api/csrf/</title>Invalid HTTP_HOST header: 'x'"],
  ])('a Host rejected with an HTML 400 (%s) says so, not "not EduSphere"', async (_n, page) => {
    const { fetchFn, seen } = scripted(() => ({
      status: 400,
      body: page,
      type: 'text/html; charset=utf-8',
    }))
    const api = new EduSphereApi('https://edu.example.org:8443', { fetch: fetchFn })
    const error = await failure(api.signIn('a@example.com', 'x'))
    expect(error.code).toBe('host-not-allowed')
    expect(error.message).toBe(
      'This server does not accept the address edu.example.org; ask its administrator to allow it.',
    )
    expect(seen).toHaveLength(1)
  })

  it('a Host rejection on the POST itself is recognised too', async () => {
    const { fetchFn } = scripted((req) =>
      req.url.endsWith('/api/csrf/')
        ? csrfAnswer('c')
        : { status: 400, body: '<h1>Bad Request (400)</h1>', type: 'text/html' },
    )
    const error = await failure(new EduSphereApi('http://[::1]:8000', { fetch: fetchFn }).me('t'))
    expect(error.code).toBe('host-not-allowed')
    expect(error.message).toMatch(/^This server does not accept the address \[::1\];/)
  })

  it("a proxy's own HTML 400 is not taken for a Host rejection", async () => {
    const { fetchFn } = scripted(() => ({
      status: 400,
      body: '<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head></html>',
      type: 'text/html',
    }))
    const error = await failure(
      new EduSphereApi('http://127.0.0.1:443', { fetch: fetchFn }).me('t'),
    )
    expect(error.code).toBe('not-edusphere')
    expect(error.message).toMatch(/GET \/api\/csrf\/ answered HTTP 400/)
  })

  it('a GraphQL 400 in JSON is still a GraphQL error, not a Host rejection', async () => {
    const { fetchFn } = scripted((req) =>
      req.url.endsWith('/api/csrf/')
        ? csrfAnswer('c')
        : {
            status: 400,
            body: JSON.stringify({ errors: [{ message: "Unknown argument 'x' on field 'me'." }] }),
          },
    )
    const error = await failure(
      new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn }).me('t'),
    )
    expect(error.code).toBe('protocol')
  })
})
