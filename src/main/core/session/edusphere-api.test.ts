import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { EduSphereApi, errorFromGraphQL, normaliseServerUrl } from './edusphere-api'
import { parseSetCookie } from './graphql-http'

// Unit tests with a scripted fetch, for the rules that are hard to provoke on a real server
// (malformed answers, rotation on every response). edusphere-api.int.test.ts covers the real one.

interface Seen {
  url: string
  method: string
  headers: Record<string, string>
  body: { query: string; variables: Record<string, unknown> } | null
}

type Answer = { status?: number; body: string; type?: string; cookies?: string[] }

function scripted(answer: (req: Seen) => Answer) {
  const seen: Seen[] = []
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    )
    const req: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
    }
    seen.push(req)
    const a = answer(req)
    const h = new Headers({ 'content-type': a.type ?? 'application/json' })
    for (const c of a.cookies ?? []) h.append('set-cookie', c)
    return new Response(a.body, { status: a.status ?? 200, headers: h })
  }) as typeof fetch
  return { fetchFn, seen }
}

const csrfAnswer = (token: string): Answer => ({
  body: '{"SetCsrfToken": "X-CSRFToken"}',
  cookies: [`csrftoken=${token}; Path=/; SameSite=Lax`],
})

const payload = { email: 'alice@example.com', exp: 2000, origIat: 1400 }
const tokenAuthData = {
  token: 'tok',
  payload,
  refreshExpiresIn: 9999,
  success: true,
  user: { id: '1', username: 'alice', name: 'Alice' },
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`)
  return error
}

describe('normaliseServerUrl', () => {
  it.each([
    ['http://localhost:8000/', 'http://localhost:8000'],
    ['  https://Edu.Example.org/some/path?q=1 ', 'https://edu.example.org'],
    ['localhost:8000', 'http://localhost:8000'],
    ['127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ['edu.example.org', 'https://edu.example.org'],
    ['HTTP://127.0.0.1:80', 'http://127.0.0.1'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseServerUrl(input)).toBe(expected)
  })

  it.each([
    ['', /Enter the server address/],
    ['ftp://example.org', /must start with http:\/\/ or https:\/\/ \(got ftp:\/\/\)/],
    ['ws://example.org', /must start with http/],
    ['http://user:pw@example.org', /must not contain a user name or password/],
    ['http://exa mple.org', /not a valid server address/],
  ])('rejects %j with a clear message', (input, message) => {
    try {
      normaliseServerUrl(input)
      throw new Error('accepted')
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('invalid-argument')
      expect((error as AppError).message).toMatch(message)
    }
  })
})

describe('EduSphereApi over a scripted server', () => {
  it('bootstraps CSRF, sends cookie and header, and adopts the rotated token', async () => {
    let csrf = 'c1'
    const { fetchFn, seen } = scripted((req) => {
      if (req.url.endsWith('/api/csrf/')) return csrfAnswer(csrf)
      if (req.body?.query.includes('tokenAuth')) {
        csrf = 'c2'
        return {
          body: JSON.stringify({ data: { tokenAuth: tokenAuthData } }),
          cookies: [
            'JWT=tok; HttpOnly; Max-Age=600; Path=/; SameSite=Lax',
            'csrftoken=c2; Path=/; SameSite=Lax',
          ],
        }
      }
      return {
        body: JSON.stringify({
          data: { me: { id: '1', username: 'alice', name: 'Alice', avatar: '' } },
        }),
      }
    })
    const api = new EduSphereApi('http://127.0.0.1:8000/', { fetch: fetchFn })
    expect(api.baseUrl).toBe('http://127.0.0.1:8000')
    const auth = await api.signIn('alice@example.com', 'pass-1234')
    expect(auth.user.username).toBe('alice')
    expect(api.csrfToken).toBe('c2')
    await api.me('tok')
    expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
      'GET /api/csrf/',
      'POST /graphql/',
      'POST /graphql/',
    ])
    expect(seen[1]!.headers['x-csrftoken']).toBe('c1')
    expect(seen[1]!.headers.cookie).toBe('csrftoken=c1')
    expect(seen[1]!.headers.authorization).toBeUndefined()
    // The JWT cookie is not kept: a stale one would poison later requests.
    expect(seen[2]!.headers.cookie).toBe('csrftoken=c2')
    expect(seen[2]!.headers['x-csrftoken']).toBe('c2')
    expect(seen[2]!.headers.authorization).toBe('JWT tok')
  })

  it('re-bootstraps CSRF once when a POST is refused with the HTML 403', async () => {
    let posts = 0
    let boots = 0
    const { fetchFn } = scripted((req) => {
      if (req.url.endsWith('/api/csrf/')) return csrfAnswer(`c${++boots}`)
      posts++
      if (req.headers['x-csrftoken'] === 'c1')
        return { status: 403, body: '<h1>Forbidden (403)</h1>', type: 'text/html' }
      return { body: JSON.stringify({ data: { rooms: [] } }) }
    })
    const api = new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn })
    expect(await api.browseRooms('tok')).toEqual([])
    expect(posts).toBe(2)
    expect(boots).toBe(2)
  })

  it.each<[string, Answer, string, RegExp]>([
    [
      'an HTML page',
      { body: '<html>hello</html>', type: 'text/html' },
      'not-edusphere',
      /not like an EduSphere server \(POST \/graphql\/ answered HTTP 200 with text\/html/,
    ],
    [
      'JSON that is not GraphQL',
      { body: '{"hello": 1}' },
      'not-edusphere',
      /without data or errors/,
    ],
    [
      'a 502 from a proxy',
      { status: 502, body: 'Bad gateway', type: 'text/plain' },
      'unreachable',
      /internal error \(HTTP 502\)/,
    ],
    [
      'wrong credentials',
      {
        body: JSON.stringify({
          errors: [{ message: 'Please enter valid credentials' }],
          data: { tokenAuth: null },
        }),
      },
      'invalid-credentials',
      /email or password is incorrect/,
    ],
    [
      'a payload with a wrong type',
      {
        body: JSON.stringify({
          data: { tokenAuth: { ...tokenAuthData, payload: { ...payload, exp: 'soon' } } },
        }),
      },
      'protocol',
      /tokenAuth: field payload\.exp must be number, got string/,
    ],
    [
      'a missing field',
      { body: JSON.stringify({ data: {} }) },
      'protocol',
      /no data\.tokenAuth field/,
    ],
  ])('maps %s to %s', async (_name, answer, code, message) => {
    const { fetchFn } = scripted((req) =>
      req.url.endsWith('/api/csrf/') ? csrfAnswer('c') : answer,
    )
    const api = new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn })
    const error = await failure(api.signIn('a@example.com', 'x'))
    expect(error.code).toBe(code)
    expect(error.message).toMatch(message)
  })

  it('a server without /api/csrf/ is not EduSphere', async () => {
    const { fetchFn } = scripted(() => ({ status: 404, body: 'Not found', type: 'text/html' }))
    const error = await failure(
      new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn }).me('t'),
    )
    expect(error.code).toBe('not-edusphere')
    expect(error.message).toMatch(
      /GET \/api\/csrf\/ answered HTTP 404, and GET \/graphql\/ set no csrftoken cookie/,
    )
  })

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

  it('a failing fetch is unreachable, with the cause', async () => {
    const fetchFn = (async () => {
      throw new TypeError('fetch failed', {
        cause: new Error('connect ECONNREFUSED 127.0.0.1:1'),
      })
    }) as typeof fetch
    const error = await failure(new EduSphereApi('http://127.0.0.1:1', { fetch: fetchFn }).me('t'))
    expect(error.code).toBe('unreachable')
    expect(error.message).toBe(
      'Cannot reach http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1. Check the server ' +
        'address and your network connection, then try again.',
    )
  })

  it('a server that does not answer in time is unreachable', async () => {
    const fetchFn = (async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError')
    }) as typeof fetch
    const error = await failure(
      new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn, timeoutMs: 5 }).me('t'),
    )
    expect(error.code).toBe('unreachable')
    expect(error.message).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1:8000: no answer in time\./)
  })

  it('room() of an unknown room is not-found', async () => {
    const { fetchFn } = scripted((req) =>
      req.url.endsWith('/api/csrf/')
        ? csrfAnswer('c')
        : {
            body: JSON.stringify({
              errors: [{ message: 'Room not found', extensions: { code: 'NOT_FOUND' } }],
              data: { room: null },
            }),
          },
    )
    const error = await failure(
      new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn }).room(null, 'x', 'y'),
    )
    expect(error.code).toBe('not-found')
  })
})

describe('errorFromGraphQL', () => {
  it.each([
    ['Signature has expired', 'session-expired'],
    ['Refresh token is expired', 'session-expired'],
    ['Error decoding signature', 'session-expired'],
    ['You do not have permission to perform this action', 'forbidden'],
    ['Cannot query field "x" on type "Query".', 'protocol'],
  ])('%s -> %s', (message, code) => {
    expect(errorFromGraphQL('me', [{ message }]).code).toBe(code)
  })
})

describe('parseSetCookie', () => {
  it('reads values and deletions', () => {
    expect(parseSetCookie('csrftoken=abc; Path=/')).toEqual({ name: 'csrftoken', value: 'abc' })
    expect(parseSetCookie('JWT=""; Max-Age=0; Path=/')).toEqual({ name: 'JWT', value: null })
    expect(parseSetCookie('garbage')).toBeNull()
  })
})
