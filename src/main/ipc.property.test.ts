/**
 * IPC argument validation on random payloads: for every channel, whatever a renderer
 * sends (structured-cloneable, as Electron's IPC delivers it), an invalid call resolves to a typed
 * `invalid-argument` Result and nothing reaches the backend (a spy); a valid call reaches it once.
 * Validity is judged by an oracle written here from the contract's documented limits.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { InvokeChannel, Result } from '../shared/ipc-contract'
import { LOG_LEVELS, invokeChannelNames, invokeContract } from '../shared/ipc-contract'
import type { IpcBackend } from './ipc'
import { registerIpc } from './ipc'

type Listener = (sender: unknown, ...args: unknown[]) => Promise<Result<unknown>>
type Oracle = (args: unknown[]) => boolean

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
const str = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max
const roomKey = (v: unknown): boolean => {
  if (!str(v, 3, 300)) return false
  const parts = v.split('/')
  return parts.length === 2 && parts.every((p) => p.length > 0 && !/\s/.test(p))
}
const id = (v: unknown) => str(v, 1, 100)
const text = (v: unknown) => str(v, 0, 20_000)
const arity =
  (n: number, ...checks: ((v: unknown) => boolean)[]): Oracle =>
  (args) =>
    args.length === n && checks.every((check, i) => check(args[i]))
const url = (v: unknown) => str(v, 1, 2048) && URL.canParse(v)

const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v)
const only = (v: Record<string, unknown>, keys: readonly string[]) =>
  Object.keys(v).every((k) => keys.includes(k))
const ROOM_KEYS = ['name', 'topic', 'description'] as const
/** A room form: name and topic at most 200, description at most 20,000; all required unless `partial`. */
const roomForm = (v: Record<string, unknown>, partial: boolean) => {
  const field = (x: unknown, max: number) =>
    partial ? optional(x, (y) => str(y, 0, max)) : str(x, 0, max)
  return field(v.name, 200) && field(v.topic, 200) && field(v.description, 20_000)
}

/** The contract's limits, restated: what each channel must accept. */
const oracles: Record<InvokeChannel, Oracle> = {
  'session:get-state': arity(0),
  'session:sign-in': arity(
    1,
    (v) => isPlain(v) && str(v.server, 1, 2048) && str(v.email, 1, 320) && str(v.password, 1, 1024),
  ),
  'session:sign-out': arity(0),
  'rooms:list-joined': arity(0),
  'rooms:browse-rooms': arity(1, (v) => isPlain(v) && str(v.search, 0, 200)),
  'rooms:join-room': arity(1, roomKey),
  'rooms:open-room': arity(1, roomKey),
  'rooms:load-older': arity(2, roomKey, id),
  'rooms:save-draft': arity(2, roomKey, text),
  'chat:send-message': arity(2, roomKey, text),
  'chat:edit-message': arity(3, roomKey, id, text),
  'chat:delete-message': arity(2, roomKey, id),
  'chat:retry-message': arity(2, roomKey, id),
  'chat:discard-message': arity(2, roomKey, id),
  'connection:list-states': arity(0),
  'connection:retry-now': arity(1, (v) => v === null || roomKey(v)),
  'settings:get-settings': arity(0),
  'settings:update-settings': arity(
    1,
    (v) =>
      isPlain(v) &&
      Object.keys(v).every(
        (k) =>
          k === 'messageNotifications' ||
          k === 'mentionNotifications' ||
          k === 'locale' ||
          k === 'logLevel',
      ) &&
      (v.messageNotifications === undefined || typeof v.messageNotifications === 'boolean') &&
      (v.mentionNotifications === undefined || typeof v.mentionNotifications === 'boolean') &&
      (v.locale === undefined || v.locale === 'system' || v.locale === 'en' || v.locale === 'de') &&
      (v.logLevel === undefined || (LOG_LEVELS as readonly unknown[]).includes(v.logLevel)),
  ),
  'chat:search-messages': arity(
    1,
    (v) =>
      isPlain(v) &&
      Object.keys(v).every((k) => k === 'query' || k === 'roomKey') &&
      str(v.query, 1, 200) &&
      (v.roomKey === null || roomKey(v.roomKey)),
  ),
  'chat:reveal-message': arity(2, roomKey, id),
  'app:copy-text': arity(1, text),
  'app:open-external': arity(1, url),
  'rooms:get-details': arity(1, roomKey),
  'rooms:list-topics': arity(1, (v) => isPlain(v) && str(v.search, 0, 200)),
  'rooms:create-room': arity(1, (v) => isPlain(v) && roomForm(v, false)),
  'rooms:update-room': arity(
    2,
    roomKey,
    (v) => isPlain(v) && only(v, ROOM_KEYS) && roomForm(v, true),
  ),
  'rooms:delete-room': arity(1, roomKey),
  'profile:get-profile': arity(0),
  'profile:update-profile': arity(
    1,
    (v) =>
      isPlain(v) &&
      only(v, ['name', 'bio', 'avatar']) &&
      optional(v.name, (x) => str(x, 0, 200)) &&
      optional(v.bio, text) &&
      optional(
        v.avatar,
        (a) =>
          isPlain(a) &&
          only(a, ['fileName', 'bytes']) &&
          str(a.fileName, 1, 255) &&
          a.bytes instanceof Uint8Array &&
          a.bytes.byteLength <= 2 * 1024 * 1024,
      ),
  ),
  'session:register': arity(
    1,
    (v) =>
      isPlain(v) &&
      str(v.server, 1, 2048) &&
      str(v.username, 0, 150) &&
      str(v.name, 0, 200) &&
      str(v.email, 0, 320) &&
      str(v.password1, 0, 1024) &&
      str(v.password2, 0, 1024) &&
      optional(v.allowUnencrypted, (b) => typeof b === 'boolean'),
  ),
  'log:write-entry': arity(
    1,
    (v) =>
      isPlain(v) &&
      Object.keys(v).every((k) => ['level', 'scope', 'message'].includes(k)) &&
      (LOG_LEVELS as readonly unknown[]).includes(v.level) &&
      typeof v.scope === 'string' &&
      /^[\w.-]{1,40}$/.test(v.scope) &&
      str(v.message, 0, 4000),
  ),
}

// ---------------------------------------------------------------------------------------------
// Generators: valid arguments per channel, near misses, and anything at all.

const keyPart = fc.string({ minLength: 1, maxLength: 12 })
const roomKeyArb = fc.oneof(
  fc.constantFrom('alice/general', 'bob/private'),
  fc.tuple(keyPart, keyPart).map(([h, s]) => `${h}/${s}`),
  fc.constantFrom('alice/', '/general', 'a/b/c', 'alice general', 'a/\tb', `a/${'x'.repeat(300)}`),
)
const idArb = fc.oneof(fc.uuid(), fc.string({ maxLength: 110 }), fc.constant('x'.repeat(101)))
const textArb = fc.oneof(fc.string({ maxLength: 40 }), fc.constant('y'.repeat(20_001)))
const urlArb = fc.oneof(
  fc.webUrl(),
  fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'not a url', '', 'https://'),
)
/** Values Electron's structured clone can carry, including the awkward ones. */
const cloneable = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, NaN, -0, 10n, new Date(0), /re/g, new Map([[1, 2]]), new Set([1])),
  fc.constantFrom(new Uint8Array([1, 2]), [undefined], { __proto__: null, a: 1 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
)

const validish: Record<InvokeChannel, fc.Arbitrary<unknown[]>> = {
  'session:get-state': fc.constant([]),
  'session:sign-in': fc
    .record(
      {
        server: fc.oneof(fc.webUrl(), fc.string({ maxLength: 5 })),
        email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 5 })),
        password: fc.string({ maxLength: 20 }),
        extra: cloneable,
      },
      { requiredKeys: ['server', 'email', 'password'] },
    )
    .map((o) => [o]),
  'session:sign-out': fc.constant([]),
  'rooms:list-joined': fc.constant([]),
  'rooms:browse-rooms': fc
    .oneof(fc.string({ maxLength: 20 }), fc.constant('s'.repeat(201)))
    .map((search) => [{ search }]),
  'rooms:join-room': roomKeyArb.map((k) => [k]),
  'rooms:open-room': roomKeyArb.map((k) => [k]),
  'rooms:load-older': fc.tuple(roomKeyArb, idArb),
  'rooms:save-draft': fc.tuple(roomKeyArb, textArb),
  'chat:send-message': fc.tuple(roomKeyArb, textArb),
  'chat:edit-message': fc.tuple(roomKeyArb, idArb, textArb),
  'chat:delete-message': fc.tuple(roomKeyArb, idArb),
  'chat:retry-message': fc.tuple(roomKeyArb, idArb),
  'chat:discard-message': fc.tuple(roomKeyArb, idArb),
  'connection:list-states': fc.constant([]),
  'connection:retry-now': fc.oneof(fc.constant(null), roomKeyArb).map((k) => [k]),
  'settings:get-settings': fc.constant([]),
  'settings:update-settings': fc
    .oneof(
      fc.record({ messageNotifications: fc.boolean() }, { requiredKeys: [] }),
      fc.record({ messageNotifications: cloneable }),
      fc.record({ messageNotifications: fc.boolean(), theme: fc.string() }),
      fc.record(
        {
          locale: fc.constantFrom('system', 'en', 'de', 'fr', ''),
          messageNotifications: fc.boolean(),
        },
        { requiredKeys: ['locale'] },
      ),
      fc.record({ logLevel: fc.constantFrom('error', 'warn', 'info', 'debug', 'trace', '') }),
    )
    .map((o) => [o]),
  'chat:search-messages': fc
    .record(
      {
        query: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('q'.repeat(201))),
        roomKey: fc.oneof(fc.constant(null), roomKeyArb),
        extra: cloneable,
      },
      { requiredKeys: ['query', 'roomKey'] },
    )
    .map((o) => [o]),
  'chat:reveal-message': fc.tuple(roomKeyArb, idArb),
  'app:copy-text': textArb.map((t) => [t]),
  'app:open-external': urlArb.map((u) => [u]),
  'rooms:get-details': roomKeyArb.map((k) => [k]),
  'rooms:list-topics': fc
    .oneof(fc.string({ maxLength: 20 }), fc.constant('s'.repeat(201)))
    .map((search) => [{ search }]),
  'rooms:create-room': roomFormArb({ requiredKeys: ['name', 'topic', 'description'] }).map((f) => [
    f,
  ]),
  'rooms:update-room': fc.tuple(roomKeyArb, roomFormArb({ requiredKeys: [] })),
  'rooms:delete-room': roomKeyArb.map((k) => [k]),
  'profile:get-profile': fc.constant([]),
  'profile:update-profile': fc
    .record(
      {
        name: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('n'.repeat(201))),
        bio: textArb,
        avatar: fc.oneof(
          fc.record({
            fileName: fc.oneof(fc.constantFrom('me.png', '', 'x'.repeat(256)), fc.string()),
            bytes: fc.oneof(
              fc.uint8Array({ maxLength: 16 }),
              fc.constant(new Uint8Array(2 * 1024 * 1024 + 1)),
            ),
          }),
          cloneable,
        ),
      },
      { requiredKeys: [] },
    )
    .map((o) => [o]),
  'session:register': fc
    .record(
      {
        server: fc.oneof(fc.webUrl(), fc.string({ maxLength: 5 })),
        username: fc.oneof(fc.string({ maxLength: 10 }), fc.constant('u'.repeat(151))),
        name: fc.string({ maxLength: 10 }),
        email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 5 })),
        password1: fc.string({ maxLength: 20 }),
        password2: fc.string({ maxLength: 20 }),
        allowUnencrypted: fc.oneof(fc.boolean(), cloneable),
      },
      { requiredKeys: ['server', 'username', 'name', 'email', 'password1', 'password2'] },
    )
    .map((o) => [o]),
  'log:write-entry': fc
    .record({
      level: fc.constantFrom('error', 'warn', 'info', 'debug', 'fatal'),
      scope: fc.oneof(fc.constantFrom('app', 'page', 'a'.repeat(41), 'a b'), fc.string()),
      message: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('m'.repeat(4001))),
    })
    .map((o) => [o]),
}

function roomFormArb(opts: { requiredKeys: ('name' | 'topic' | 'description')[] }) {
  const short = fc.oneof(fc.string({ maxLength: 20 }), fc.constant('r'.repeat(201)))
  return fc.record({ name: short, topic: short, description: textArb }, opts)
}

/** A channel's arguments: valid-looking, one element replaced, one added or dropped, or junk. */
function payloads(channel: InvokeChannel): fc.Arbitrary<unknown[]> {
  const base = validish[channel]
  return fc.oneof(
    { arbitrary: base, weight: 3 },
    fc.tuple(base, fc.nat(), cloneable).map(([a, i, v]) => {
      const copy = [...a]
      copy[a.length === 0 ? 0 : i % a.length] = v
      return copy
    }),
    fc.tuple(base, cloneable).map(([a, v]) => [...a, v]),
    base.map((a) => a.slice(0, -1)),
    fc.array(cloneable, { maxLength: 4 }),
  )
}

/** A spy backend: every contract method records its call and succeeds. */
function spyBackend() {
  const calls: { method: string; args: unknown[] }[] = []
  const backend: Record<string, unknown> = { onEvents: () => () => undefined }
  for (const channel of invokeChannelNames) {
    const method = invokeContract[channel].method
    backend[method] = (...args: unknown[]) => {
      calls.push({ method, args })
      return 'done'
    }
  }
  const handlers = new Map<InvokeChannel, Listener>()
  registerIpc(
    (channel, listener) => handlers.set(channel, listener),
    () => undefined,
    backend as unknown as IpcBackend,
    (sender) => sender === 'our-frame',
  )
  return { calls, handlers }
}

describe('IPC router on random payloads', () => {
  for (const channel of invokeChannelNames) {
    it(`${channel}: invalid arguments get a typed error and never reach the backend`, async () => {
      const { calls, handlers } = spyBackend()
      const handler = handlers.get(channel)!
      await fc.assert(
        fc.asyncProperty(payloads(channel), async (raw) => {
          // What Electron delivers: a structured clone of what the renderer passed.
          const args = structuredClone(raw)
          const before = calls.length
          const result = await handler('our-frame', ...args)
          if (oracles[channel](args)) {
            expect(result).toEqual({ ok: true, value: 'done' })
            expect(calls.length).toBe(before + 1)
            expect(calls.at(-1)!.method).toBe(invokeContract[channel].method)
          } else {
            expect(calls.length).toBe(before)
            expect(result.ok).toBe(false)
            if (!result.ok) {
              expect(result.error.code).toBe('invalid-argument')
              expect(result.error.message.startsWith(`${channel}: `)).toBe(true)
            }
          }
        }),
        { numRuns: 150 },
      )
    })
  }

  it('an untrusted sender reaches nothing, whatever it sends on any channel', async () => {
    const { calls, handlers } = spyBackend()
    const anyCall = fc
      .constantFrom(...invokeChannelNames)
      .chain((c) => fc.tuple(fc.constant(c), payloads(c)))
    await fc.assert(
      fc.asyncProperty(anyCall, cloneable, async ([channel, args], sender) => {
        const result = await handlers.get(channel)!(sender, ...structuredClone(args))
        expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      }),
      { numRuns: 200 },
    )
    expect(calls).toEqual([])
  })
})
