import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import type { Answer } from '../test-support/scripted-fetch'
import {
  csrfAnswer,
  failure,
  payload,
  scripted,
  tokenAuthData,
} from '../test-support/scripted-fetch'
import { EduSphereApi, errorFromGraphQL, normaliseServerUrl } from './edusphere-api'
import { parseSetCookie } from './graphql-http'

// Unit tests with a scripted fetch, for the rules that are hard to provoke on a real server
// (malformed answers, rotation on every response). edusphere-api.int.test.ts covers the real one.

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

  it("passes on a server's sign-in throttle as it words it, not as an incompatible server", () => {
    const message = 'Too many sign-in attempts; try again in 15 minutes.'
    const error = errorFromGraphQL('tokenAuth', [
      { message, extensions: { code: 'TOO_MANY_ATTEMPTS' } },
    ])
    expect(error.code).toBe('rate-limited')
    expect(error.message).toBe(message)
  })
})

describe('parseSetCookie', () => {
  it('reads values and deletions', () => {
    expect(parseSetCookie('csrftoken=abc; Path=/')).toEqual({ name: 'csrftoken', value: 'abc' })
    expect(parseSetCookie('JWT=""; Max-Age=0; Path=/')).toEqual({ name: 'JWT', value: null })
    expect(parseSetCookie('garbage')).toBeNull()
  })
})
