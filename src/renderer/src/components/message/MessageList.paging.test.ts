// @vitest-environment happy-dom
/**
 * Scroll-up paging in the mounted app (fake api acting as main): a room opens with its newest
 * window, the list asks for the page before its oldest message while the reader is near the top,
 * each page goes in front in order, and the top row says where the history stands.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type VueWrapper, flushPromises } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { useMountedApp } from '../../test-support/mounted-app'
import { makeMessage, makeRoom } from '../../test-support/messages'
import { useMessagesStore } from '../../stores/messages'

const app = useMountedApp({ historyHeight: 600 })
const scrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight')
// happy-dom has no layout: the history is as tall as a long room's would be.
beforeEach(() => {
  Object.defineProperty(Element.prototype, 'scrollHeight', {
    configurable: true,
    get(this: Element) {
      return this.classList.contains('history') ? 100_000 : 0
    },
  })
})
afterEach(() => {
  if (scrollHeight) Object.defineProperty(Element.prototype, 'scrollHeight', scrollHeight)
})
const ROOM = 'alice/general'

async function openLongRoom(total: number) {
  const history = Array.from({ length: total }, (_, i) => makeMessage({ body: `line ${i}` }))
  const w = await app.start({
    session: signedInSession,
    rooms: [makeRoom()],
    history: { [ROOM]: history },
  })
  app.fake.windowSize = 50
  app.fake.pageSize = 64
  await w.get('.room-button').trigger('click')
  await flushPromises()
  return { w, history }
}

/** The reader scrolls to the very top (happy-dom has no layout: the list is made tall). */
async function scrollToTop(w: VueWrapper): Promise<HTMLElement> {
  const el = w.get('.history').element as HTMLElement
  el.scrollTop = 100_000 - 600
  await w.get('.history').trigger('scroll') // where the reader is now
  el.scrollTop = 0
  await w.get('.history').trigger('scroll')
  await flushPromises()
  return el
}

describe('older pages on scroll-up', () => {
  it('pages back from the oldest message until the beginning, keeping the reader in place', async () => {
    const { w, history } = await openLongRoom(230)
    const store = useMessagesStore()
    // At the bottom nothing is asked for.
    expect(app.fake.callsOf('loadOlder')).toEqual([])
    expect(w.get('.history-top').text()).toBe('')
    for (const expected of [180, 116, 52]) {
      const calls = app.fake.callsOf('loadOlder').length
      const el = await scrollToTop(w)
      expect(app.fake.callsOf('loadOlder')[calls]?.[1]).toBe(history[expected]!.id)
      // The page went in front, and the reader was moved down by as much: same rows in view.
      await vi.waitFor(() => expect(el.scrollTop).toBeGreaterThan(0))
    }
    const shown = store.timeline(ROOM).messages.map((m) => m.body)
    expect(shown).toEqual(history.map((m) => m.body))
    expect(store.pagingOf(ROOM).hasOlder).toBe(false)
    await w.vm.$nextTick()
    expect(w.get('.history-top').text()).toBe('Beginning of the room')
  })

  it('shows the loading row while a page is on its way; a failed request says so', async () => {
    const { w } = await openLongRoom(120)
    const store = useMessagesStore()
    app.fake.failNext('loadOlder', { code: 'internal', message: 'store busy' })
    await scrollToTop(w)
    await vi.waitFor(() => expect(w.text()).toContain("Couldn't load earlier messages: store busy"))
    expect(store.pagingOf(ROOM)).toEqual({ hasOlder: true, loading: false })
    const loading = store.loadOlder(ROOM)
    expect(store.pagingOf(ROOM).loading).toBe(true)
    await w.vm.$nextTick()
    expect(w.get('.history-top').text()).toBe('Loading earlier messages…')
    await loading
    expect(store.timeline(ROOM).size).toBe(114)
  })

  it('ignores a change to a message older than the window, and drops far pages on request', async () => {
    const { history } = await openLongRoom(300)
    const store = useMessagesStore()
    const before = store.timeline(ROOM).size
    app.fake.emit([
      {
        kind: 'message-upserted',
        roomKey: ROOM,
        message: { ...history[3]!, body: 'edited' },
        replaces: null,
      },
    ])
    expect(store.timeline(ROOM).size).toBe(before)
    store.dropOldest(ROOM, 16)
    expect(store.timeline(ROOM).messages[0]!.id).toBe(history[300 - before + 16]!.id)
    expect(store.pagingOf(ROOM).hasOlder).toBe(true)
  })
})
