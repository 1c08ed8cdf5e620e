// @vitest-environment happy-dom
/**
 * Opening a room renders what is in view first: the chunks beyond the view (overscan) follow
 * once the window is idle, so the first frame does not wait for rows nobody sees yet.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { useMountedApp } from '../../test-support/mounted-app'
import { makeMessage, makeRoom } from '../../test-support/messages'

const app = useMountedApp({ historyHeight: 600 })
const ROOM = 'alice/general'

describe('opening a room', () => {
  beforeEach(() => {
    // happy-dom has no idle callbacks: the list falls back to a zero timeout, run by hand here.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => vi.useRealTimers())

  it('renders the chunks in view first and the overscan chunk once idle', async () => {
    const history = Array.from({ length: 300 }, (_, i) => makeMessage({ body: `line ${i}` }))
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      history: { [ROOM]: history },
    })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    const first = w.findAll('.history-chunk').length
    expect(first).toBeGreaterThan(0)
    // The newest message is among the rows shown at once.
    expect(w.text()).toContain('line 299')

    vi.runOnlyPendingTimers()
    await flushPromises()
    expect(w.findAll('.history-chunk').length).toBe(first + 1)
  })

  it('asks for older messages at once when the window does not fill the view', async () => {
    const history = Array.from({ length: 100 }, (_, i) => makeMessage({ body: `line ${i}` }))
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      history: { [ROOM]: history },
    })
    app.fake.windowSize = 4
    await w.get('.room-button').trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('loadOlder')[0]?.[1]).toBe(history[96]!.id)
  })

  it('asks for nothing while following the end of a window taller than the view', async () => {
    const history = Array.from({ length: 100 }, (_, i) => makeMessage({ body: `line ${i}` }))
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      history: { [ROOM]: history },
    })
    app.fake.windowSize = 60
    await w.get('.room-button').trigger('click')
    await flushPromises()
    vi.runOnlyPendingTimers()
    await flushPromises()
    expect(app.fake.callsOf('loadOlder')).toEqual([])
  })
})
