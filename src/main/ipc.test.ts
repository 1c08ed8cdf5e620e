import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent, InvokeChannel, Result } from '../shared/ipc-contract'
import { eventChannels, invokeChannelNames, invokeContract } from '../shared/ipc-contract'
import { AppError } from '../shared/errors'
import type { IpcBackend } from './ipc'
import { registerIpc } from './ipc'

type Listener = (sender: unknown, ...args: unknown[]) => Promise<Result<unknown>>

/** A backend whose every method records its call; onEvents keeps the listener for the test. */
function recordingBackend() {
  const calls: { method: string; args: unknown[] }[] = []
  let listener: ((events: ChatEvent[]) => void) | null = null
  const unsubscribe = vi.fn(() => (listener = null))
  const backend: Record<string, unknown> = {
    onEvents: (l: (events: ChatEvent[]) => void) => {
      listener = l
      return unsubscribe
    },
  }
  for (const channel of invokeChannelNames) {
    const method = invokeContract[channel].method
    backend[method] = (...args: unknown[]) => {
      calls.push({ method, args })
      return { echoed: args }
    }
  }
  return {
    backend: backend as unknown as IpcBackend,
    calls,
    unsubscribe,
    publish: (events: ChatEvent[]) => listener?.(events),
  }
}

/** Valid arguments for every channel. */
const validArgs: Record<InvokeChannel, unknown[]> = {
  'session:get-state': [],
  'session:sign-in': [{ server: 'http://localhost:8000', email: 'a@b.c', password: 'pw' }],
  'session:sign-out': [],
  'rooms:list-joined': [],
  'rooms:browse-rooms': [{ search: '' }],
  'rooms:join-room': ['bob/private'],
  'rooms:open-room': ['alice/general'],
  'rooms:load-older': ['alice/general', '0b7e7bb4-5a0e-4d39-9a5b-4f0f6d0c1a11'],
  'rooms:save-draft': ['alice/general', 'half a thought'],
  'chat:send-message': ['alice/general', 'hello'],
  'chat:edit-message': ['alice/general', '0b7e7bb4-5a0e-4d39-9a5b-4f0f6d0c1a11', 'hi'],
  'chat:delete-message': ['alice/general', '0b7e7bb4-5a0e-4d39-9a5b-4f0f6d0c1a11'],
  'chat:retry-message': ['alice/general', 'local-1'],
  'chat:discard-message': ['alice/general', 'local-1'],
  'connection:list-states': [],
  'connection:retry-now': [null],
  'settings:get-settings': [],
  'settings:update-settings': [{ messageNotifications: false }],
  'chat:search-messages': [{ query: 'chapter', roomKey: null }],
  'chat:reveal-message': ['alice/general', '0b7e7bb4-5a0e-4d39-9a5b-4f0f6d0c1a11'],
  'app:copy-text': ['hello'],
  'app:open-external': ['https://example.org/'],
  'rooms:get-details': ['alice/general'],
  'rooms:list-topics': [{ search: 'ma' }],
  'rooms:create-room': [{ name: 'Algebra Club', topic: 'Math', description: '' }],
  'rooms:update-room': ['alice/general', { description: 'New words' }],
  'rooms:delete-room': ['alice/general'],
  'profile:get-profile': [],
  'profile:update-profile': [
    { name: 'Alice A.', avatar: { fileName: 'me.png', bytes: new Uint8Array([1]) } },
  ],
  'session:register': [
    {
      server: 'http://localhost:8000',
      username: 'dora',
      name: 'Dora',
      email: 'dora@example.com',
      password1: 'long-enough-1',
      password2: 'long-enough-1',
    },
  ],
  'log:write-entry': [{ level: 'warn', scope: 'app', message: 'hello' }],
}

function setup(trusted: (sender: unknown) => boolean = (s) => s === 'our-frame') {
  const handlers = new Map<InvokeChannel, Listener>()
  const emitted: { channel: string; payload: unknown }[] = []
  const rec = recordingBackend()
  const dispose = registerIpc(
    (channel, listener) => handlers.set(channel, listener),
    (channel, payload) => emitted.push({ channel, payload }),
    rec.backend,
    trusted,
  )
  return { handlers, emitted, dispose, ...rec }
}

describe('registerIpc', () => {
  it('registers every contract channel and calls the mapped backend method', async () => {
    const { handlers, calls } = setup()
    expect([...handlers.keys()].sort()).toEqual([...invokeChannelNames].sort())
    for (const channel of invokeChannelNames) {
      const result = await handlers.get(channel)!('our-frame', ...validArgs[channel])
      expect(result).toEqual({ ok: true, value: { echoed: validArgs[channel] } })
      expect(calls.at(-1)).toEqual({
        method: invokeContract[channel].method,
        args: validArgs[channel],
      })
    }
  })

  it('rejects untrusted senders with forbidden before validating or calling', async () => {
    const { handlers, calls } = setup()
    for (const channel of invokeChannelNames) {
      const result = await handlers.get(channel)!('evil-frame', ...validArgs[channel])
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(calls).toHaveLength(0)
  })

  it('denies when the sender check itself throws', async () => {
    const { handlers, calls } = setup(() => {
      throw new Error('destroyed frame')
    })
    const result = await handlers.get('session:get-state')!('x')
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(calls).toHaveLength(0)
  })

  it('never calls the backend with invalid arguments, for random payloads', async () => {
    const { handlers, calls } = setup()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...invokeChannelNames),
        fc.array(fc.anything(), { maxLength: 4 }),
        async (channel, args) => {
          const before = calls.length
          const result = await handlers.get(channel)!('our-frame', ...args)
          const valid = (
            invokeContract[channel].args as { safeParse(v: unknown): { success: boolean } }
          ).safeParse(args).success
          if (valid) expect(result.ok).toBe(true)
          else {
            expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
            expect(calls.length).toBe(before)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('rejects specific bad arguments with a message naming the channel', async () => {
    const { handlers, calls } = setup()
    const cases: [InvokeChannel, unknown[]][] = [
      ['rooms:open-room', ['no-slash']],
      // joinRoom takes the room's host/slug key: a bare room id cannot be joined on the server.
      ['rooms:join-room', ['0b7e7bb4-5a0e-4d39-9a5b-4f0f6d0c1a11']],
      ['rooms:join-room', ['alice/general/extra']],
      ['chat:send-message', ['alice/general', 42]],
      ['chat:send-message', ['alice/general']],
      ['session:sign-in', [{ server: '', email: 'a', password: 'b' }]],
      ['settings:update-settings', [{ messageNotifications: true, extra: 1 }]],
      ['app:open-external', ['not a url']],
    ]
    for (const [channel, args] of cases) {
      const result = await handlers.get(channel)!('our-frame', ...args)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('invalid-argument')
        expect(result.error.message).toContain(channel)
      }
    }
    expect(calls).toHaveLength(0)
  })

  it('wraps backend errors: AppError keeps its code, anything else is internal', async () => {
    const { handlers, backend } = setup()
    const b = backend as unknown as Record<string, unknown>
    b.openRoom = () =>
      Promise.reject(new AppError('not-found', 'You have not joined the room x/y.'))
    b.getSettings = () => {
      throw new TypeError('boom')
    }
    await expect(handlers.get('rooms:open-room')!('our-frame', 'x/y')).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'You have not joined the room x/y.' },
    })
    await expect(handlers.get('settings:get-settings')!('our-frame')).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: boom' },
    })
  })

  it('forwards event batches to the events channel until disposed', () => {
    const { emitted, publish, dispose, unsubscribe } = setup()
    const batch: ChatEvent[] = [{ kind: 'room-removed', roomKey: 'a/b' }]
    publish(batch)
    expect(emitted).toEqual([{ channel: eventChannels.events, payload: batch }])
    dispose()
    expect(unsubscribe).toHaveBeenCalledTimes(1)
    publish(batch)
    expect(emitted).toHaveLength(1)
  })
})
