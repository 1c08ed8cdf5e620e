import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent, EventChannel, InvokeChannel } from '../shared/ipc-contract'
import { eventChannels, invokeChannelNames, invokeContract } from '../shared/ipc-contract'
import type { BridgeTransport } from './bridge'
import { eventsChannel, invokeMethods } from '../shared/ipc-methods'
import { createBridge } from './bridge'

/** A transport that records invokes and lets the test publish events. */
function fakeTransport() {
  const calls: { channel: InvokeChannel; args: unknown[] }[] = []
  const subscribers = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const transport: BridgeTransport = {
    invoke: (channel, ...args) => {
      calls.push({ channel, args })
      return Promise.resolve({ ok: true, value: channel })
    },
    subscribe: (channel, listener) => {
      const set = subscribers.get(channel) ?? new Set()
      subscribers.set(channel, set)
      // Wrap like ipcRenderer.on does, so unsubscribe must remove the right function.
      const wrapped = (payload: unknown) => listener(payload)
      set.add(wrapped)
      return () => void set.delete(wrapped)
    },
  }
  const publish = (payload: ChatEvent[]) => {
    for (const l of subscribers.get(eventChannels.events) ?? []) l(payload)
  }
  const count = () => subscribers.get(eventChannels.events)?.size ?? 0
  return { transport, calls, publish, count }
}

const event: ChatEvent = { kind: 'room-removed', roomKey: 'alice/general' }

describe('ipc-methods', () => {
  it('maps exactly the contract channels to their methods, and the events channel', () => {
    expect(Object.keys(invokeMethods)).toEqual(invokeChannelNames)
    for (const channel of invokeChannelNames)
      expect(invokeMethods[channel]).toBe(invokeContract[channel].method)
    expect(eventsChannel).toBe(eventChannels.events)
  })
})

describe('createBridge', () => {
  it('has one method per contract channel, each invoking its own channel with the args', async () => {
    const { transport, calls } = fakeTransport()
    const api = createBridge(transport) as unknown as Record<
      string,
      (...a: unknown[]) => Promise<unknown>
    >
    for (const channel of invokeChannelNames) {
      const method = invokeContract[channel].method
      expect(typeof api[method]).toBe('function')
      await expect(api[method]!('a', 1)).resolves.toEqual({ ok: true, value: channel })
      expect(calls.at(-1)).toEqual({ channel, args: ['a', 1] })
    }
    const methods = Object.keys(api)
      .filter((k) => k !== 'onEvents')
      .sort()
    expect(methods).toEqual(invokeChannelNames.map((c) => invokeContract[c].method).sort())
  })

  it('turns a transport rejection into an error Result instead of throwing', async () => {
    const { transport } = fakeTransport()
    transport.invoke = () => Promise.reject(new Error('main process gone'))
    const api = createBridge(transport)
    await expect(api.getSession()).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'session:get-state failed: main process gone' },
    })
  })

  it('delivers events to every listener and unsubscribe really unsubscribes', () => {
    const { transport, publish, count } = fakeTransport()
    const api = createBridge(transport)
    const first = vi.fn()
    const second = vi.fn()
    const offFirst = api.onEvents(first)
    const offSecond = api.onEvents(second)
    expect(count()).toBe(2)
    publish([event])
    expect(first).toHaveBeenCalledWith([event])
    expect(second).toHaveBeenCalledWith([event])

    offFirst()
    publish([event])
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).toHaveBeenCalledTimes(2)
    expect(count()).toBe(1)

    // A second unsubscribe of the same listener must not remove the other one.
    offFirst()
    expect(count()).toBe(1)
    publish([event])
    expect(second).toHaveBeenCalledTimes(3)

    offSecond()
    offSecond()
    expect(count()).toBe(0)
    publish([event])
    expect(second).toHaveBeenCalledTimes(3)
  })

  it('is frozen, so page scripts cannot swap a method', () => {
    const api = createBridge(fakeTransport().transport)
    expect(Object.isFrozen(api)).toBe(true)
  })
})
