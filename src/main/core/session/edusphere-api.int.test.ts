import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoUsers, EXTERNAL_SKIP_REASON, startTestServer } from '../../../../server/test-support'
import type { TestServer } from '../../../../server/test-support'
import { AppError } from '../../../shared/errors'
import { EduSphereApi } from './edusphere-api'
import { skipNote } from '../test-support/wait'

// Against the real local server on port 0 (or EDUSPHERE_URL). The server's `now` option moves its
// clock forward so token expiry is tested without waiting ten minutes.

let ts: TestServer
let offsetMs = 0
const { alice, bob } = demoUsers

beforeAll(async () => {
  ts = await startTestServer({ now: () => Date.now() + offsetMs })
})
afterAll(async () => {
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

/** A plain HTTP server on port 0 answering every request with `handler`'s reply. */
async function plainServer(
  handler: (path: string) => { status: number; type: string; body: string; cookie?: string },
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const reply = handler(req.url ?? '/')
    const headers: Record<string, string> = { 'content-type': reply.type }
    if (reply.cookie) headers['set-cookie'] = reply.cookie
    res.writeHead(reply.status, headers).end(reply.body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

describe('EduSphereApi against the local server', () => {
  it('signs in, knows me, lists joined and browsable rooms, reads a room and its history', async () => {
    const api = new EduSphereApi(ts.url)
    const auth = await api.signIn(alice.email, alice.password)
    expect(auth.user).toMatchObject({ username: 'alice', name: 'Alice' })
    expect(auth.payload.email).toBe(alice.email)
    expect(auth.payload.exp).toBeGreaterThan(auth.payload.origIat)

    expect(await api.me(auth.token)).toMatchObject({ username: 'alice', avatar: '' })
    expect((await api.verify(auth.token)).email).toBe(alice.email)

    const joined = await api.joinedRooms(auth.token, 'alice')
    expect(joined.map((r) => `${r.host.username}/${r.slug}`)).toContain('alice/general')
    expect(joined.map((r) => `${r.host.username}/${r.slug}`)).not.toContain('bob/private')

    const all = await api.browseRooms(auth.token)
    expect(all.map((r) => `${r.host.username}/${r.slug}`)).toEqual(
      expect.arrayContaining(['alice/general', 'bob/private']),
    )
    const found = await api.browseRooms(auth.token, 'Priv')
    expect(found.map((r) => r.slug)).toContain('private')
    expect(found.map((r) => r.slug)).not.toContain('general')

    const room = await api.room(auth.token, 'alice', 'general')
    expect(room.participants.map((p) => p.username).sort()).toEqual(
      expect.arrayContaining(['alice', 'bob']),
    )
    const history = await api.history(null, 'alice', 'general')
    expect(history.length).toBeGreaterThanOrEqual(3)
    expect(history[0]!.body).toBe('Welcome to General! Say hi 👋')

    const again = await api.joinRoom(auth.token, 'alice', 'general')
    expect(again.id).toBe(room.id)
    await api.signOut(auth.token)
  })

  it("bob's avatar is a storage path", async () => {
    const api = new EduSphereApi(ts.url)
    const auth = await api.signIn(bob.email, bob.password)
    expect((await api.me(auth.token)).avatar).toBe('avatars/bob.png')
  })

  it('adopts the rotated CSRF token: refresh, then another POST works', async () => {
    const api = new EduSphereApi(ts.url)
    const auth = await api.signIn(alice.email, alice.password)
    const afterSignIn = api.csrfToken
    const refreshed = await api.refresh(auth.token)
    expect(api.csrfToken).not.toBe(afterSignIn)
    expect(refreshed.payload.origIat).toBe(auth.payload.origIat)
    expect(refreshed.refreshExpiresIn).toBe(auth.refreshExpiresIn)
    expect((await api.me(refreshed.token)).username).toBe('alice')
    expect(await api.joinedRooms(refreshed.token, 'alice')).not.toEqual([])
  })

  it('wrong credentials are invalid-credentials', async () => {
    const e = await failure(new EduSphereApi(ts.url).signIn(alice.email, 'wrong-password'))
    expect(e.code).toBe('invalid-credentials')
    expect(e.message).toBe('The email or password is incorrect. Check them and try again.')
  })

  it('an unknown room is not-found', async () => {
    const e = await failure(new EduSphereApi(ts.url).room(null, 'alice', 'no-such-room'))
    expect(e.code).toBe('not-found')
    expect(e.message).toMatch(/^Room not found/)
  })

  it('a garbage token is session-expired (decoding error)', async () => {
    const e = await failure(new EduSphereApi(ts.url).me('not.a.token'))
    expect(e.code).toBe('session-expired')
  })

  it('me without a token is forbidden', async () => {
    const api = new EduSphereApi(ts.url)
    const e = await failure(api.me(''))
    expect(e.code).toBe('forbidden')
  })

  it.skipIf(!!process.env.EDUSPHERE_URL)(
    'an expired token is session-expired, for every call and for refresh',
    async () => {
      const api = new EduSphereApi(ts.url)
      const auth = await api.signIn(alice.email, alice.password)
      offsetMs = 601_000
      try {
        for (const call of [
          api.me(auth.token),
          api.history(auth.token, 'alice', 'general'),
          api.refresh(auth.token),
        ]) {
          const e = await failure(call)
          expect(e.code).toBe('session-expired')
          expect(e.message).toMatch(/Signature has expired/)
        }
        // tokenAuth still works with a stale token around.
        expect((await api.signIn(alice.email, alice.password)).token).toBeTruthy()
      } finally {
        offsetMs = 0
      }
    },
  )
  if (process.env.EDUSPHERE_URL) skipNote(`token expiry: ${EXTERNAL_SKIP_REASON}`)

  it('a closed port is unreachable, with the cause', async () => {
    const { url, server } = await plainServer(() => ({ status: 200, type: 'text/plain', body: '' }))
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const e = await failure(new EduSphereApi(url).signIn(alice.email, alice.password))
    expect(e.code).toBe('unreachable')
    expect(e.message).toContain(`Cannot reach ${url}: connect ECONNREFUSED`)
  })

  it('a web server that is not EduSphere is not-edusphere', async () => {
    const { url, server } = await plainServer(() => ({
      status: 200,
      type: 'text/html',
      body: '<!doctype html><title>My blog</title>',
    }))
    try {
      const e = await failure(new EduSphereApi(url).signIn(alice.email, alice.password))
      expect(e.code).toBe('not-edusphere')
      expect(e.message).toMatch(/did not set a csrftoken cookie/)
    } finally {
      server.close()
    }
  })

  it('a 404 on /api/csrf/ is not-edusphere', async () => {
    const { url, server } = await plainServer(() => ({
      status: 404,
      type: 'text/html',
      body: '<h1>Not Found</h1>',
    }))
    try {
      const e = await failure(new EduSphereApi(url).me('t'))
      expect(e.code).toBe('not-edusphere')
      expect(e.message).toMatch(/answered HTTP 404/)
    } finally {
      server.close()
    }
  })

  it('a GraphQL answer that breaks the schema is a protocol error naming the field', async () => {
    const { url, server } = await plainServer((path) =>
      path === '/api/csrf/'
        ? { status: 200, type: 'application/json', body: '{}', cookie: 'csrftoken=abc; Path=/' }
        : {
            status: 200,
            type: 'application/json',
            body: JSON.stringify({ data: { me: { id: 1, username: 'alice' } } }),
          },
    )
    try {
      const e = await failure(new EduSphereApi(url).me('t'))
      expect(e.code).toBe('protocol')
      expect(e.message).toMatch(/me: field id must be string, got number/)
    } finally {
      server.close()
    }
  })

  it('classifies handshake rejections through GraphQL', async () => {
    const api = new EduSphereApi(ts.url)
    const auth = await api.signIn(alice.email, alice.password)
    expect(await api.classifyRejection(auth.token, 'bob', 'private')).toBe('not-participant')
    expect(await api.classifyRejection(auth.token, 'bob', 'nope')).toBe('room-not-found')
    expect(await api.classifyRejection(auth.token, 'alice', 'general')).toBeNull()
    expect(await api.classifyRejection('garbage.token.x', 'alice', 'general')).toBe(
      'session-expired',
    )
  })
})
