// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type VueWrapper, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { ChatMessage } from '../../../../shared/ipc-contract'
import { useMessagesStore } from '../../stores/messages'
import { makeMessage } from '../../test-support/messages'
import NewMessagesAnnouncer from './NewMessagesAnnouncer.vue'

const ROOM = 'alice/general'
const me = { id: '1', username: 'alice', avatarUrl: null }
const carol = { id: '3', username: 'carol', avatarUrl: null }

let wrapper: VueWrapper
let store: ReturnType<typeof useMessagesStore>

function arrive(...messages: ChatMessage[]): void {
  store.applyBatch(
    ROOM,
    messages.map((message) => ({ kind: 'upsert' as const, message, replaces: null })),
  )
}

function region() {
  return wrapper.get('[role=status]')
}

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  store = useMessagesStore()
  store.reset(ROOM, [makeMessage({ body: 'old news' })])
  wrapper = mount(NewMessagesAnnouncer, { props: { roomKey: ROOM } })
})
afterEach(() => {
  wrapper.unmount()
  vi.useRealTimers()
})

describe('NewMessagesAnnouncer', () => {
  it('is a polite, atomic live region that exists (empty) before anything arrives', () => {
    expect(region().attributes('aria-live')).toBe('polite')
    expect(region().attributes('aria-atomic')).toBe('true')
    expect(region().text()).toBe('')
  })

  it('announces a burst that arrives in separate batches as one summary', async () => {
    arrive(makeMessage({ body: 'one' }))
    arrive(makeMessage({ body: 'two', author: carol }))
    arrive(makeMessage({ body: 'three' }))
    await wrapper.vm.$nextTick()
    // Nothing is read message by message while the burst is still arriving.
    expect(region().text()).toBe('')
    await vi.runAllTimersAsync()
    expect(region().text()).toBe('3 new messages from bob and carol')
  })

  it('reads a lone message with its text, and a later one as a new announcement', async () => {
    arrive(makeMessage({ body: 'hello there' }))
    await vi.runAllTimersAsync()
    expect(region().text()).toBe('New message from bob: hello there')
    const first = region().get('p').element
    arrive(makeMessage({ body: 'hello there' }))
    await vi.runAllTimersAsync()
    // The same words again still get a fresh node, so they are spoken again.
    expect(region().text()).toBe('New message from bob: hello there')
    expect(region().get('p').element).not.toBe(first)
  })

  it('never announces the user’s own messages', async () => {
    arrive(makeMessage({ body: 'mine', own: true, author: me, status: 'pending' }))
    await vi.runAllTimersAsync()
    expect(region().text()).toBe('')
    arrive(makeMessage({ body: 'mine too', own: true, author: me }), makeMessage({ body: 'reply' }))
    await vi.runAllTimersAsync()
    expect(region().text()).toBe('New message from bob: reply')
  })

  it('says nothing for a history load, an edit or a removal', async () => {
    const kept = makeMessage({ body: 'kept' })
    store.reset(ROOM, [kept, makeMessage({ body: 'more history' })])
    arrive({ ...kept, body: 'kept, edited', edited: true })
    store.applyBatch(ROOM, [{ kind: 'remove', id: kept.id }])
    await vi.runAllTimersAsync()
    expect(region().text()).toBe('')
  })

  it('ignores other rooms', async () => {
    store.applyBatch('bob/other', [
      { kind: 'upsert', message: makeMessage({ roomKey: 'bob/other' }), replaces: null },
    ])
    await vi.runAllTimersAsync()
    expect(region().text()).toBe('')
  })
})
