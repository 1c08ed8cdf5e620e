// @vitest-environment happy-dom
/**
 * The whole renderer against the in-memory fake ChatApi (the real bridge needs Electron IPC or the
 * e2e harness, which e2e/web covers in real Chromium).
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { signedInSession, signedOutSession } from './test-support/fake-chat-api'
import { makeConnection, makeMessage, makeRoom } from './test-support/messages'
import { useMountedApp } from './test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })
const start = app.start

const own = { id: '1', username: 'alice', avatarUrl: null }

describe('App', () => {
  it('signs in with the default server and shows inline errors per field', async () => {
    const w = await start({
      session: {
        ...signedOutSession,
        keychain: 'unavailable',
        keychainMessage: 'No keychain: sign in again next time.',
      },
    })
    expect(w.get('[data-testid=keychain-notice]').text()).toBe(
      'No keychain: sign in again next time.',
    )
    const [server, email, password] = w.findAll('input')
    expect((server!.element as HTMLInputElement).value).toBe('http://localhost:8000')
    await email!.setValue('alice@example.com')
    await password!.setValue('wrong')
    app.fake.failNext('signIn', {
      code: 'invalid-credentials',
      message: 'Please enter valid credentials',
    })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('#sign-in-credentials-error').text()).toMatch(/Wrong email or password/)
    app.fake.failNext('signIn', { code: 'unreachable', message: 'connect ECONNREFUSED' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('#sign-in-server-error').text()).toMatch(/Can't reach the server/)
    app.fake.rooms = [makeRoom()]
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.find('.sign-in').exists()).toBe(false)
    expect(w.findAll('[role=list] .room-button')).toHaveLength(1)
  })

  it('lists rooms, opens one, and shows its history, header and connection', async () => {
    const history = [
      makeMessage({ body: 'hello from bob' }),
      makeMessage({ body: 'hi bob', own: true, author: own }),
    ]
    const w = await start({
      session: signedInSession,
      rooms: [makeRoom({ unread: 3 })],
      history: { 'alice/general': history },
    })
    const item = w.get('.room-button')
    // The accessible name is the text a screen reader gets: everything but the aria-hidden parts.
    const spoken = item.element.cloneNode(true) as HTMLElement
    for (const hidden of spoken.querySelectorAll('[aria-hidden=true]')) hidden.remove()
    expect(spoken.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'General, hosted by alice, topic Math, 3 unread messages',
    )
    expect(item.get('.badge').text()).toBe('3')
    await item.trigger('click')
    await flushPromises()
    expect(w.get('.room-title').text()).toBe('# General')
    expect(w.get('.room-meta').text()).toContain('2 participants')
    expect(w.get('[role=log]').text()).toContain('hello from bob')
    // The renderer sends the intent only; reading the room is main's decision.
    expect(app.fake.calls.map((c) => c.method).filter((m) => m.startsWith('open'))).toEqual([
      'openRoom',
    ])
  })

  it('sends from the composer and clears the draft', async () => {
    const w = await start({ session: signedInSession, rooms: [makeRoom()] })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    await w.get('textarea').setValue('hi there')
    await w.get('textarea').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(app.fake.callsOf('sendMessage')).toEqual([['alice/general', 'hi there']])
    expect((w.get('textarea').element as HTMLTextAreaElement).value).toBe('')
  })

  it('edits the last own message with Up and asks before deleting', async () => {
    const mine = makeMessage({ body: 'typo', own: true, author: own })
    const w = await start({
      session: signedInSession,
      rooms: [makeRoom()],
      history: { 'alice/general': [mine] },
    })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    await w.get('textarea').trigger('keydown', { key: 'ArrowUp' })
    expect((w.get('textarea').element as HTMLTextAreaElement).value).toBe('typo')
    await w.get('textarea').setValue('fixed')
    await w.get('textarea').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(app.fake.callsOf('editMessage')).toEqual([['alice/general', mine.id, 'fixed']])

    await w.get('.message-actions .danger').trigger('click')
    expect(w.get('[role=dialog]').text()).toContain('Delete message?')
    await w.get('[role=dialog] .cancel-button').trigger('click')
    expect(app.fake.callsOf('deleteMessage')).toEqual([])
    await w.get('.message-actions .danger').trigger('click')
    await w.get('[role=dialog] .danger-button').trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('deleteMessage')).toEqual([['alice/general', mine.id]])
    expect(w.find('[role=dialog]').exists()).toBe(false)
  })

  it('shows the reconnect banner with Retry now, and toasts error events', async () => {
    const w = await start({ session: signedInSession, rooms: [makeRoom()] })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    app.fake.emit([
      {
        kind: 'connection-changed',
        roomKey: 'alice/general',
        connection: makeConnection({ state: 'reconnecting', attempt: 2 }),
      },
      {
        kind: 'error',
        roomKey: 'alice/general',
        code: 'server',
        message: 'You can only edit your own messages.',
      },
    ])
    await flushPromises()
    expect(w.get('.connection-banner').text()).toContain('Reconnecting… (attempt 2 of 5)')
    await w.get('.banner-button').trigger('click')
    expect(app.fake.callsOf('retryNow')).toEqual([['alice/general']])
    expect(w.get('.toast[role=alert]').text()).toContain('You can only edit your own messages.')
    app.fake.emit([
      { kind: 'connection-changed', roomKey: 'alice/general', connection: makeConnection() },
    ])
    await flushPromises()
    expect(w.find('.connection-banner').exists()).toBe(false)
  })

  it('opens a room when main asks, and browses and joins another', async () => {
    const other = makeRoom({ host: 'carol', slug: 'algebra', name: 'Algebra', joined: false })
    const w = await start({ session: signedInSession, rooms: [makeRoom()], browsable: [other] })
    app.fake.emit([{ kind: 'open-room-requested', roomKey: 'alice/general' }])
    await flushPromises()
    expect(w.get('.room-title').text()).toBe('# General')

    vi.useFakeTimers()
    try {
      await w.get('.sidebar-section button').trigger('click')
      await flushPromises()
      await vi.runAllTimersAsync()
      expect(w.get('[role=dialog]').text()).toContain('Algebra')
      await w.get('[role=dialog] .browse-item button').trigger('click')
      await flushPromises()
    } finally {
      vi.useRealTimers()
    }
    expect(app.fake.callsOf('joinRoom')).toEqual([[other.key]])
    expect(w.get('.room-title').text()).toBe('# Algebra')
  })

  it('toggles notifications and signs out', async () => {
    const w = await start({ session: signedInSession, rooms: [makeRoom()] })
    await w.get('.switch input').setValue(false)
    await flushPromises()
    expect(app.fake.callsOf('updateSettings')).toEqual([[{ messageNotifications: false }]])
    await w.get('.settings-panel .secondary-button').trigger('click')
    await flushPromises()
    expect(w.find('.sign-in').exists()).toBe(true)
  })
})
