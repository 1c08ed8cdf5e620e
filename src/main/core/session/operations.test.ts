import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildSchema, parse, validate } from 'graphql'
import type { OperationDefinitionNode } from 'graphql'
import { describe, expect, it } from 'vitest'
import { EduSphereApi } from './edusphere-api'
import { operations } from './operations'

// The real backend's introspected schema is the contract: an operation that does not validate
// against it fails on a real deployment however green our local server is.
const schema = buildSchema(
  readFileSync(join(import.meta.dirname, '../../../shared/edusphere.graphql'), 'utf8'),
)

describe('every operation the client sends validates against the real schema', () => {
  it.each(Object.entries(operations))('%s', (field, document) => {
    const ast = parse(document)
    expect(validate(schema, ast).map((e) => e.message)).toEqual([])
    // One named operation whose single top-level field is the one the API reads the answer from.
    expect(ast.definitions).toHaveLength(1)
    const op = ast.definitions[0] as OperationDefinitionNode
    expect(op.name?.value).toBeTruthy()
    const fields = op.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '?'))
    expect(fields).toEqual([field])
  })

  it('the schema check has teeth: the old joinRoom(roomId) is rejected', () => {
    const old = parse('mutation ($id: UUID!) { joinRoom(roomId: $id) { room { id } } }')
    expect(validate(schema, old).map((e) => e.message)).toContain(
      'Unknown argument "roomId" on field "Mutation.joinRoom".',
    )
  })
})

/** Every public API method, called once with plausible arguments. */
const calls: Record<string, (api: EduSphereApi) => Promise<unknown>> = {
  signIn: (api) => api.signIn('alice@example.com', 'pw'),
  refresh: (api) => api.refresh('tok'),
  verify: (api) => api.verify('tok'),
  signOut: (api) => api.signOut('tok'),
  me: (api) => api.me('tok'),
  joinedRooms: (api) => api.joinedRooms('tok', 'alice'),
  browseRooms: async (api) => {
    await api.browseRooms('tok')
    await api.browseRooms('tok', 'math')
  },
  room: (api) => api.room('tok', 'alice', 'general'),
  history: (api) => api.history(null, 'alice', 'general'),
  joinRoom: (api) => api.joinRoom('tok', 'bob', 'private'),
  classifyRejection: (api) => api.classifyRejection('tok', 'alice', 'general'),
  topics: (api) => api.topics('tok', 'ma'),
  createRoom: (api) => api.createRoom('tok', { name: 'Club', topic: 'Math', description: '' }),
  updateRoom: (api) => api.updateRoom('tok', 'alice', 'general', { name: 'Lounge' }),
  deleteRoom: (api) => api.deleteRoom('tok', 'alice', 'general'),
  updateUser: async (api) => {
    await api.updateUser('tok', { bio: 'hi' }).catch(() => undefined)
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])
    await api.updateUser('tok', {}, { fileName: 'me.png', contentType: 'image/png', bytes })
  },
  registerUser: (api) =>
    api.registerUser({
      username: 'dora',
      name: 'Dora',
      email: 'dora@example.com',
      password1: 'pw-long-enough',
      password2: 'pw-long-enough',
    }),
}

describe('EduSphereApi sends no document outside operations.ts', () => {
  it('covers every public method of the API', () => {
    const methods = Object.getOwnPropertyNames(EduSphereApi.prototype).filter(
      (name) => name !== 'constructor' && name !== 'call' && name !== 'csrfToken',
    )
    expect(methods.sort()).toEqual(Object.keys(calls).sort())
  })

  it.each(Object.keys(calls))('%s', async (method) => {
    const sent: string[] = []
    const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith('/api/csrf/'))
        return new Response('{}', { headers: { 'set-cookie': 'csrftoken=c; Path=/' } })
      // A multipart upload carries the request in its `operations` part.
      const raw = init?.body instanceof FormData ? init.body.get('operations') : init?.body
      const body = JSON.parse(String(raw)) as { query: string }
      sent.push(body.query)
      // Any answer will do: the test is about what was sent, not how the answer is read.
      return new Response(JSON.stringify({ errors: [{ message: 'stub' }], data: null }), {
        headers: { 'content-type': 'application/json' },
      })
    }) as typeof fetch
    const api = new EduSphereApi('http://127.0.0.1:8000', { fetch: fetchFn })
    await calls[method]!(api).catch(() => undefined)
    expect(sent.length).toBeGreaterThan(0)
    const known = new Set<string>(Object.values(operations))
    for (const query of sent) expect(known.has(query), `unlisted document: ${query}`).toBe(true)
  })
})
