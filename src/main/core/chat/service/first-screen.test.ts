import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../../../../shared/ipc-contract'
import { FakeClock } from '../../test-support/fake-clock'
import { FIRST_SCREEN_GRACE_MS, FIRST_SCREEN_MAX_MS, FirstScreen } from './first-screen'

const rooms: ChatEvent = { kind: 'rooms-reset', rooms: [] }
const history: ChatEvent = { kind: 'messages-reset', roomKey: 'alice/general', messages: [] }

/** Whether `promise` has settled once pending microtasks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  void promise.then(() => (done = true))
  for (let i = 0; i < 5; i++) await Promise.resolve()
  return done
}

afterEach(() => vi.unstubAllGlobals())

describe('FirstScreen', () => {
  it('lets requests go at once when nothing is held', async () => {
    const gate = new FirstScreen(new FakeClock())
    expect(await settled(gate.ready())).toBe(true)
    const ran: string[] = []
    gate.afterHold(() => ran.push('connect'))
    expect(ran).toEqual(['connect'])
  })

  it('holds requests until a room history has been delivered', async () => {
    const clock = new FakeClock()
    const gate = new FirstScreen(clock)
    gate.hold()
    const ready = gate.ready()
    const ran: string[] = []
    gate.afterHold(() => ran.push('connect'))
    gate.delivered([rooms])
    expect(await settled(ready)).toBe(false)
    gate.delivered([history])
    expect(await settled(ready)).toBe(true)
    expect(ran).toEqual(['connect'])
    expect(clock.pending()).toEqual([])
  })

  it('lets go a short grace after the rooms went out when no room is opened', async () => {
    const clock = new FakeClock()
    const gate = new FirstScreen(clock)
    gate.hold()
    gate.delivered([rooms])
    clock.advance(FIRST_SCREEN_GRACE_MS - 1)
    expect(await settled(gate.ready())).toBe(false)
    clock.advance(1)
    expect(await settled(gate.ready())).toBe(true)
  })

  it('never holds longer than the cap, whatever is delivered', async () => {
    const clock = new FakeClock()
    const gate = new FirstScreen(clock)
    gate.hold()
    gate.delivered([{ kind: 'room-removed', roomKey: 'alice/general' }])
    clock.advance(FIRST_SCREEN_MAX_MS - 1)
    expect(await settled(gate.ready())).toBe(false)
    clock.advance(1)
    expect(await settled(gate.ready())).toBe(true)
  })

  it('its fetch waits for the hold, then calls the global fetch', async () => {
    const calls: string[] = []
    vi.stubGlobal('fetch', async (input: string) => {
      calls.push(input)
      return new Response('ok')
    })
    const gate = new FirstScreen(new FakeClock())
    gate.hold()
    const response = gate.fetch('http://127.0.0.1:1/graphql/')
    expect(await settled(response)).toBe(false)
    expect(calls).toEqual([])
    gate.open()
    expect(await (await response).text()).toBe('ok')
    expect(calls).toEqual(['http://127.0.0.1:1/graphql/'])
  })
})
