/** docs/protocol.md §4 handshake: the one credential, the Origin rule, and the 403/500 matrix. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../test-support'
import { openSocket, startTestServer } from '../test-support'
import { mustOpen, signedIn, skipBecause, uniqueBody } from '../test-support/fixtures'
import { EXTERNAL_SKIP_REASON } from '../test-support'

let ts: TestServer
let alice: string
let carol: string
beforeAll(async () => {
  ts = await startTestServer()
  alice = (await signedIn(ts.url, 'alice')).token
  carol = (await signedIn(ts.url, 'carol')).token
})
afterAll(async () => {
  await ts.dispose()
})

async function status(...args: Parameters<typeof openSocket>): Promise<number> {
  const opened = await openSocket(...args)
  if (opened.ok) {
    await opened.probe.close()
    return 101
  }
  return opened.status
}

describe('accepted handshake', () => {
  it('Cookie: JWT=<token> + own Origin opens the socket, and the server sends nothing first', async () => {
    const a = await mustOpen(ts.url, 'alice', 'general', alice)
    // The first frame a client sees is the echo of its own message, not a greeting.
    const body = uniqueBody('first frame')
    a.send({ type: 'text', message: body })
    const first = await a.next()
    expect(first).toMatchObject({ action: 'new', body })
    await a.close()
  })

  it('Origin hostname is what counts: scheme and port are not checked', async () => {
    const host = new URL(ts.url).hostname
    expect(await status(ts.url, 'alice', 'general', alice, { origin: `https://${host}:1` })).toBe(
      101,
    )
  })
})

describe('rejections are HTTP 403 before any WebSocket exists', () => {
  it('missing token', async () => {
    expect(await status(ts.url, 'alice', 'general', null)).toBe(403)
  })
  it('garbage token', async () => {
    expect(await status(ts.url, 'alice', 'general', 'garbage.token.value')).toBe(403)
  })
  it('missing Origin', async () => {
    expect(await status(ts.url, 'alice', 'general', alice, { origin: null })).toBe(403)
  })
  it('foreign Origin', async () => {
    expect(await status(ts.url, 'alice', 'general', alice, { origin: 'http://evil.example' })).toBe(
      403,
    )
  })
  it('Origin: null', async () => {
    expect(await status(ts.url, 'alice', 'general', alice, { origin: 'null' })).toBe(403)
  })
  it('unknown room', async () => {
    expect(await status(ts.url, 'alice', 'no-such-room', alice)).toBe(403)
  })
  it('unknown host user', async () => {
    expect(await status(ts.url, 'no-such-user-xyz', 'general', alice)).toBe(403)
  })
  it('a user who is not a participant (carol in alice/general)', async () => {
    expect(await status(ts.url, 'alice', 'general', carol)).toBe(403)
  })
  it('a participant of another room only (alice in bob/private)', async () => {
    expect(await status(ts.url, 'bob', 'private', alice)).toBe(403)
  })
  it('the token in an Authorization header is ignored', async () => {
    expect(
      await status(ts.url, 'alice', 'general', null, {
        headers: { Authorization: `JWT ${alice}` },
      }),
    ).toBe(403)
  })
  it('the token in a query parameter is ignored', async () => {
    expect(
      await status(ts.url, 'alice', 'general', null, {
        path: `/ws/chat/alice/general?token=${alice}`,
      }),
    ).toBe(403)
  })
  it('the token as a subprotocol is ignored', async () => {
    expect(await status(ts.url, 'alice', 'general', null, { protocols: [alice] })).toBe(403)
  })
})

describe('unknown paths are HTTP 500 to the upgrade', () => {
  it('a trailing slash', async () => {
    expect(
      await status(ts.url, 'alice', 'general', alice, { path: '/ws/chat/alice/general/' }),
    ).toBe(500)
  })
  it('any other path', async () => {
    expect(await status(ts.url, 'alice', 'general', alice, { path: '/ws/other' })).toBe(500)
  })
})

describe('token expiry and open sockets', () => {
  let local: TestServer | undefined
  let clock = Date.now()
  beforeAll(async () => {
    if (!process.env.EDUSPHERE_URL)
      local = await startTestServer({ tokenTtl: 30, now: () => clock })
  })
  afterAll(async () => {
    await local?.dispose()
  })

  it('an expired token is refused (403), while an open socket stays open and keeps chatting', async (ctx) => {
    if (!local) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const { token } = await signedIn(local.url, 'bob')
    const open = await mustOpen(local.url, 'alice', 'general', token)
    clock += 31_000
    expect(await status(local.url, 'alice', 'general', token)).toBe(403)
    const body = uniqueBody('after expiry')
    open.send({ message: body })
    expect(await open.next()).toMatchObject({ action: 'new', body })
    expect(open.closed).toBeNull()
    await open.close()
  })
})
