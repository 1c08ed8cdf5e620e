/** Server lifecycle: persistence across restarts, graceful close, crashes, frame cap, liveness. */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from './test-support'
import { EXTERNAL_SKIP_REASON, ProtocolClient, startTestServer } from './test-support'
import { startCli } from './test-support/cli-process'
import { mustOpen, signedIn, skipBecause, uniqueBody, uniqueName } from './test-support/fixtures'

const external = Boolean(process.env.EDUSPHERE_URL)

describe('persistence across a restart', () => {
  let ts: TestServer
  beforeAll(async () => {
    ts = await startTestServer()
  })
  afterAll(async () => {
    await ts.dispose()
  })

  it('messages, edits, accounts and rooms survive; tokens stay valid; the port is the same', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const { client, token } = await signedIn(ts.url, 'alice')
    const sock = await mustOpen(ts.url, 'alice', 'general', token)
    const body = uniqueBody('persisted')
    sock.send({ message: body })
    const event = await sock.next()
    sock.send({ type: 'update', messageId: event.id, message: `${body} (edited)` })
    await sock.next()
    const username = uniqueName('persist')
    const registered = await client.graphql(
      'mutation ($e: String!, $u: String!) { registerUser(email: $e, username: $u, name: "P", password1: "pw-persist-1", password2: "pw-persist-1") { user { id } } }',
      { e: `${username}@example.com`, u: username },
    )
    expect(registered.errors).toBeUndefined()
    const created = await client.graphql(
      'mutation ($n: String!) { createRoom(name: $n, topicName: "Math") { room { id } } }',
      { n: username },
    )
    expect(created.errors).toBeUndefined()

    await ts.restart()
    expect((await sock.waitClose()).code).toBe(1001)

    const after = new ProtocolClient(ts.url)
    const history = await after.graphql<{
      messages: { id: string; body: string; edited: boolean }[]
    }>('{ messages(hostSlug: "alice", roomSlug: "general") { id body edited } }')
    expect(history.data?.messages.find((m) => m.id === event.id)).toEqual({
      id: event.id,
      body: `${body} (edited)`,
      edited: true,
    })
    expect(await after.signIn(`${username}@example.com`, 'pw-persist-1')).toBeTruthy()
    const room = await after.graphql<{ room: { slug: string } }>(
      'query ($s: String!) { room(hostSlug: "alice", roomSlug: $s) { slug } }',
      { s: username.toLowerCase() },
    )
    expect(room.data?.room.slug).toBe(username.toLowerCase())
    // The old token still opens a socket: the secret is part of the data directory.
    const again = await mustOpen(ts.url, 'alice', 'general', token)
    await again.close()
  })

  it('demo data is created once, not again on restart', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const count = async () =>
      (
        await new ProtocolClient(ts.url).graphql<{ rooms: unknown[] }>(
          '{ rooms(hostSlug: "alice") { id } }',
        )
      ).data!.rooms.length
    const before = await count()
    await ts.restart()
    expect(await count()).toBe(before)
  })
})

describe('shutdown and crashes', () => {
  it('close() closes every socket with 1001 (going away)', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const ts = await startTestServer()
    const { token } = await signedIn(ts.url, 'bob')
    const a = await mustOpen(ts.url, 'alice', 'general', token)
    const b = await mustOpen(ts.url, 'bob', 'private', token)
    await ts.stop()
    expect((await a.waitClose()).code).toBe(1001)
    expect((await b.waitClose()).code).toBe(1001)
    await ts.dispose()
  })

  it('killConnections() drops sockets without a close frame (1006) and the server keeps serving', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const ts = await startTestServer()
    const { token } = await signedIn(ts.url, 'alice')
    const a = await mustOpen(ts.url, 'alice', 'general', token)
    ts.server()!.killConnections()
    expect((await a.waitClose()).code).toBe(1006)
    const b = await mustOpen(ts.url, 'alice', 'general', token)
    await b.close()
    await ts.dispose()
  })

  it('a frame larger than maxFrameBytes closes that socket with 1009', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const ts = await startTestServer({ maxFrameBytes: 64 * 1024 })
    const { token } = await signedIn(ts.url, 'alice')
    const a = await mustOpen(ts.url, 'alice', 'general', token)
    const b = await mustOpen(ts.url, 'alice', 'general', token)
    a.send(JSON.stringify({ message: 'x'.repeat(64 * 1024) }))
    expect((await a.waitClose()).code).toBe(1009)
    const body = uniqueBody('after 1009')
    b.send({ message: body })
    expect(await b.next()).toMatchObject({ body })
    await b.close()
    await ts.dispose()
  })

  it('the default cap is 1 MiB', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const ts = await startTestServer()
    const { token } = await signedIn(ts.url, 'alice')
    const a = await mustOpen(ts.url, 'alice', 'general', token)
    a.send('x'.repeat(1024 * 1024 + 1))
    expect((await a.waitClose()).code).toBe(1009)
    await ts.dispose()
  })
})

describe('liveness', () => {
  it('answers pings with pongs', async () => {
    const ts = await startTestServer()
    const { token } = await signedIn(ts.url, 'alice')
    const a = await mustOpen(ts.url, 'alice', 'general', token)
    const pong = new Promise<string>((resolve) =>
      a.ws.once('pong', (data) => resolve(data.toString())),
    )
    a.ws.ping('are-you-there')
    expect(await pong).toBe('are-you-there')
    await a.close()
    await ts.dispose()
  })

  it('pings each socket with a 4-byte payload, keeps those that answer, drops the silent ones', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    // uvicorn: 20 s after open, then 20 s after each pong; shortened here, never slept on.
    const ts = await startTestServer({ pingIntervalMs: 50 })
    const { token } = await signedIn(ts.url, 'alice')
    const live = await mustOpen(ts.url, 'alice', 'general', token)
    const silent = await mustOpen(ts.url, 'alice', 'general', token, { autoPong: false })
    const payloads: Buffer[] = []
    const threePings = new Promise<void>((resolve) =>
      live.ws.on('ping', (data: Buffer) => {
        if (payloads.push(data) === 3) resolve()
      }),
    )
    const silentPing = new Promise<Buffer>((resolve) => silent.ws.once('ping', resolve))
    expect((await silentPing).length).toBe(4)
    // Dropped like websockets' keepalive timeout: 1011 if the close frame is read, else 1006.
    expect([1006, 1011]).toContain((await silent.waitClose()).code)
    await threePings
    expect(payloads.map((p) => p.length)).toEqual([4, 4, 4])
    expect(new Set(payloads.map((p) => p.toString('hex'))).size).toBe(3)
    expect(live.closed).toBeNull()
    // Still served after several rounds of pings.
    const body = uniqueBody('after pings')
    live.send({ message: body })
    expect(await live.nextMatching((f) => f.body === body)).toMatchObject({ action: 'new' })
    await live.close()
    await ts.dispose()
  })

  it('a pong with a different payload does not count as an answer', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const ts = await startTestServer({ pingIntervalMs: 50 })
    const { token } = await signedIn(ts.url, 'alice')
    const wrong = await mustOpen(ts.url, 'alice', 'general', token, { autoPong: false })
    wrong.ws.on('ping', () => wrong.ws.pong(Buffer.from('nope')))
    expect([1006, 1011]).toContain((await wrong.waitClose()).code)
    await ts.dispose()
  })
})

// The CLI hashes with the production scrypt cost (N=2^17, about a second per hash on a busy CPU).
describe('CLI (npm run server)', { timeout: 90_000 }, () => {
  it('prints its URL and the demo accounts, serves demo data, and SIGTERM closes sockets with 1001', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const dir = mkdtempSync(join(tmpdir(), 'edusphere-cli-'))
    const cli = startCli(['--port', '0', '--data-dir', dir])
    try {
      const url = await cli.url
      expect(cli.output()).toContain('alice@example.com')
      expect(cli.output()).toContain('pass-1234')
      const { token } = await signedIn(url, 'alice')
      const sock = await mustOpen(url, 'alice', 'general', token)
      const body = uniqueBody('before SIGTERM')
      sock.send({ message: body })
      await sock.next()
      cli.child.kill('SIGTERM')
      expect((await sock.waitClose()).code).toBe(1001)
      expect(await cli.exited).toBe(0)
      // Restart on the same data: the message was flushed.
      const again = startCli(['--port', '0', '--data-dir', dir])
      const url2 = await again.url
      const r = await new ProtocolClient(url2).graphql<{ messages: { body: string }[] }>(
        '{ messages(hostSlug: "alice", roomSlug: "general") { body } }',
      )
      expect(r.data?.messages.map((m) => m.body)).toContain(body)
      again.child.kill('SIGINT')
      expect(await again.exited).toBe(0)
    } finally {
      cli.child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('--allowed-host (repeatable) replaces the default ALLOWED_HOSTS', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const dir = mkdtempSync(join(tmpdir(), 'edusphere-cli-'))
    const cli = startCli([
      '--port',
      '0',
      '--data-dir',
      dir,
      '--allowed-host',
      'edusphere.test',
      '--allowed-host',
      'localhost',
    ])
    try {
      const url = await cli.url
      const client = new ProtocolClient(url)
      const csrf = (host: string) =>
        client.request('GET', '/api/csrf/', { headers: { Host: host } })
      expect((await csrf('edusphere.test')).status).toBe(200)
      expect((await csrf('localhost:8000')).status).toBe(200)
      expect((await csrf(new URL(url).host)).status).toBe(400)
      cli.child.kill('SIGTERM')
      expect(await cli.exited).toBe(0)
    } finally {
      cli.child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('says clearly when the port is in use', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    const dir = mkdtempSync(join(tmpdir(), 'edusphere-cli-'))
    try {
      const cli = startCli(['--port', String(port), '--data-dir', dir])
      expect(await cli.exited).toBe(1)
      expect(cli.errors()).toContain(`port ${port} on 127.0.0.1 is already in use`)
    } finally {
      blocker.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('rejects a bad flag value with a specific message', async (ctx) => {
    if (external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const cli = startCli(['--port', 'eighty'])
    expect(await cli.exited).toBe(2)
    expect(cli.errors()).toContain('--port must be a valid number, got "eighty"')
  })
})
