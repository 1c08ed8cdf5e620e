/**
 * The local server's GraphQL limits: token count, aliases, depth and response size. None of them is
 * something a client relies on (the app's own operations are far below every limit), so the local
 * server refuses abusive documents with a clear error instead of blocking every client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../test-support'
import { EXTERNAL_SKIP_REASON, ProtocolClient, startTestServer } from '../test-support'
import { mustOpen, signedIn, skipBecause, uniqueBody } from '../test-support/fixtures'

let ts: TestServer
beforeAll(async () => {
  ts = await startTestServer()
})
afterAll(async () => {
  await ts.dispose()
})

const HISTORY_FIELDS = 'id user { id username avatar } body edited created updated'

/** The review's document: anonymous, ~2.4 MB, 20,967 aliases of the demo room's history. */
function aliasFlood(count: number): string {
  const fields = Array.from(
    { length: count },
    (_, i) => `m${i}: messages(hostSlug: "alice", roomSlug: "general") { ${HISTORY_FIELDS} }`,
  )
  return `{ ${fields.join(' ')} }`
}

/** A document whose deepest field sits `depth` levels below the top (the schema itself has no
 * cycle deeper than 3: introspection's `ofType` is what nests without end). */
function nested(depth: number): string {
  let inner = 'name'
  for (let i = 1; i < depth; i++) inner = `ofType { ${inner} }`
  return `query Deep { __type(name: "RoomType") { ${inner} } }`
}

describe('GraphQL limits', () => {
  it('refuses the 2.4 MB, 20,967-alias document at parse time and keeps serving sockets', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const flood = aliasFlood(20_967)
    expect(flood.length).toBeGreaterThan(2_400_000)
    const { token } = await signedIn(ts.url, 'alice')
    const sock = await mustOpen(ts.url, 'alice', 'general', token)
    const pending = new ProtocolClient(ts.url).graphql(flood)
    // Another client's socket round trip completes while the flood is being answered.
    const body = uniqueBody('during flood')
    sock.send({ message: body })
    expect(await sock.next()).toMatchObject({ action: 'new', body })
    const r = await pending
    await sock.close()
    expect(r.status).toBe(400)
    expect(r.errors).toEqual([
      { message: 'Syntax Error: Document contains more than 5000 tokens. Parsing aborted.' },
    ])
    expect(r.reply.text.length).toBeLessThan(200)
  })

  it('refuses more than 30 aliases in a document (HTTP 400, no data)', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const r = await new ProtocolClient(ts.url).graphql(aliasFlood(31))
    expect(r.status).toBe(400)
    expect(r.errors?.map((e) => e.message)).toEqual([
      'The document uses 31 aliases; at most 30 are allowed.',
    ])
    expect(r.data).toBeUndefined()
    const ok = await new ProtocolClient(ts.url).graphql<Record<string, unknown[]>>(aliasFlood(30))
    expect(ok.status).toBe(200)
    expect(Object.keys(ok.data ?? {})).toHaveLength(30)
  })

  it('refuses an operation deeper than 10 levels, fragments and introspection included', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    const ok = await new ProtocolClient(ts.url).graphql(nested(10))
    expect(ok.status).toBe(200)
    expect(ok.errors).toBeUndefined()
    const deep = await new ProtocolClient(ts.url).graphql(nested(11))
    expect(deep.status).toBe(400)
    expect(deep.errors?.map((e) => e.message)).toEqual([
      "'Deep' exceeds maximum operation depth of 10.",
    ])
    // A fragment spread counts with its own depth.
    const viaFragment = await new ProtocolClient(ts.url).graphql(
      `{ __type(name: "RoomType") { ...T } }
       fragment T on __Type { ofType { ofType { ofType { ofType { ofType { ofType { ofType {
         ofType { ofType { ofType { name } } } } } } } } } } }`,
    )
    expect(viaFragment.status).toBe(400)
    expect(viaFragment.errors?.[0]?.message).toBe(
      "'anonymous' exceeds maximum operation depth of 10.",
    )
  })

  it('stops building a response over 5 MB and answers one clear error instead', async (ctx) => {
    if (ts.external) return skipBecause(ctx, EXTERNAL_SKIP_REASON)
    // updateMessage stores any length (the socket's 500-character rule is the socket's).
    const { client } = await signedIn(ts.url, 'alice')
    const history = await client.graphql<{
      messages: { id: string; user: { username: string } }[]
    }>('{ messages(hostSlug: "alice", roomSlug: "general") { id user { username } } }')
    const mine = history.data!.messages.filter((m) => m.user.username === 'alice').slice(0, 2)
    expect(mine).toHaveLength(2)
    for (const m of mine) {
      const edited = await client.graphql(
        'mutation ($id: UUID!, $b: String!) { updateMessage(messageId: $id, body: $b) { message { id } } }',
        { id: m.id, b: 'x'.repeat(2_000_000) },
      )
      expect(edited.errors).toBeUndefined()
    }
    const r = await new ProtocolClient(ts.url).graphql(
      '{ a: messages(hostSlug: "alice", roomSlug: "general") { body } b: messages(hostSlug: "alice", roomSlug: "general") { body } }',
    )
    expect(r.status).toBe(200)
    expect(r.data).toBeNull()
    expect(r.errors?.map((e) => e.message)).toEqual([
      'The response would be larger than 5 MB (5242880 bytes); ask for fewer fields or items.',
    ])
    expect(r.reply.text.length).toBeLessThan(500)
    // One copy of the history still fits.
    const one = await new ProtocolClient(ts.url).graphql(
      '{ messages(hostSlug: "alice", roomSlug: "general") { body } }',
    )
    expect(one.errors).toBeUndefined()
  })
})
