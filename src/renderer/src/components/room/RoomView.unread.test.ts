// @vitest-environment happy-dom
/**
 * Unread and mentions as the user meets them, on the whole renderer over the fake ChatApi: the
 * room list's unread and mention badges, the "New messages" divider where main says the unread
 * part starts, highlighted mentions of the user, the `@` suggestions and the mention switch.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { makeMessage, makeRoom } from '../../test-support/messages'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })
const own = { id: '1', username: 'alice', avatarUrl: null }

describe('unread and mentions in the window', () => {
  it('shows unread and mention badges, and says both to assistive technology', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom({ unread: 4, mentions: 2 }), makeRoom({ slug: 'quiet', name: 'Quiet' })],
    })
    const [general, quiet] = w.findAll('.room-button')
    // The accessible name is the text a screen reader gets: everything but the aria-hidden parts.
    const spoken = general!.element.cloneNode(true) as HTMLElement
    for (const hidden of spoken.querySelectorAll('[aria-hidden=true]')) hidden.remove()
    expect(spoken.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'General, hosted by alice, topic Math, 4 unread messages, 2 mentions of you',
    )
    expect(general!.get('.mention-badge').text()).toBe('@2')
    expect(general!.findAll('.badge').map((b) => b.text())).toEqual(['@2', '4'])
    expect(quiet!.find('.badge').exists()).toBe(false)
    app.fake.emit([{ kind: 'room-updated', room: makeRoom({ unread: 5, mentions: 1 }) }])
    await flushPromises()
    expect(w.get('.mention-badge').text()).toBe('@1')
    expect(w.get('.mention-badge').attributes('title')).toBe('1 mention of you')
  })

  it('puts the New messages divider above the first unread message, and only there', async () => {
    const read = [makeMessage({ body: 'old one' }), makeMessage({ body: 'mine', own: true })]
    const fresh = makeMessage({ body: 'first new' })
    const history = [...read, fresh, makeMessage({ body: 'second new' })]
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom({ unread: 2 })],
      history: { 'alice/general': history },
      firstUnread: { 'alice/general': fresh.id },
    })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    const rows = w.findAll('.history-row')
    const withDivider = rows.filter((r) => r.find('.unread-divider').exists())
    expect(withDivider).toHaveLength(1)
    expect(withDivider[0]!.get('article').text()).toContain('first new')
    expect(w.get('.unread-divider').attributes()).toMatchObject({
      role: 'separator',
      'aria-label': 'New messages',
    })
    // At the end of the list: nothing to jump to at the bottom.
    expect(w.find('.jump-latest').exists()).toBe(false)
  })

  it('has no divider when main says nothing was unread', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      history: { 'alice/general': [makeMessage(), makeMessage()] },
    })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    expect(w.find('.unread-divider').exists()).toBe(false)
    expect(w.find('.jump-first-unread').exists()).toBe(false)
  })

  it('highlights mentions of the signed-in user, not of others', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      history: {
        'alice/general': [
          makeMessage({ body: 'hey @Alice, see https://example.org and ask @bob' }),
          makeMessage({ body: 'write to alice@example.org', own: true, author: own }),
        ],
      },
    })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    const marks = w.findAll('mark.mention')
    expect(marks.map((m) => m.text())).toEqual(['@Alice'])
    expect(w.get('.message-body a').text()).toContain('example.org')
  })

  it('suggests participants after @ with the keyboard, and inserts the pick', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom({ participants: ['alice', 'bob', 'bobby', 'carol'] })],
    })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    const input = w.get('textarea')
    const el = input.element as HTMLTextAreaElement
    await input.setValue('hi @bo')
    el.setSelectionRange(6, 6)
    await input.trigger('keyup', { key: 'o' })
    const list = w.get('[role=listbox]')
    expect(list.findAll('[role=option]').map((o) => o.text())).toEqual(['@bob', '@bobby'])
    expect(input.attributes()).toMatchObject({
      role: 'combobox',
      'aria-expanded': 'true',
      'aria-controls': list.attributes('id'),
      'aria-activedescendant': list.findAll('[role=option]')[0]!.attributes('id'),
    })
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(list.findAll('[aria-selected=true]').map((o) => o.text())).toEqual(['@bobby'])
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(el.value).toBe('hi @bobby ')
    // Enter picked: it did not send.
    expect(app.fake.callsOf('sendMessage')).toEqual([])
    expect(input.attributes('aria-expanded')).toBe('false')
  })

  it('Esc closes the suggestions, Tab picks, and the user is never suggested', async () => {
    const w = await app.start({ session: signedInSession, rooms: [makeRoom()] })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    const input = w.get('textarea')
    await input.setValue('@')
    ;(input.element as HTMLTextAreaElement).setSelectionRange(1, 1)
    await input.trigger('keyup', { key: '@' })
    expect(w.findAll('[role=option]').map((o) => o.text())).toEqual(['@bob'])
    await input.trigger('keydown', { key: 'Escape' })
    expect(input.attributes('aria-expanded')).toBe('false')
    await input.trigger('keyup', { key: 'Escape' })
    expect(input.attributes('aria-expanded')).toBe('false')
    // Tab picks too, once the list is open again on a new @.
    await input.setValue('@ @b')
    ;(input.element as HTMLTextAreaElement).setSelectionRange(4, 4)
    await input.trigger('keyup', { key: 'b' })
    await input.trigger('keydown', { key: 'Tab' })
    await flushPromises()
    expect((input.element as HTMLTextAreaElement).value).toBe('@ @bob ')
  })

  it('turns mention notifications off and on, apart from message notifications', async () => {
    const w = await app.start({ session: signedInSession, rooms: [makeRoom()] })
    const boxes = w.findAll('.settings-panel input[type=checkbox]')
    const mentions = boxes.find((b) =>
      b.element.parentElement?.textContent?.includes('Mention notifications'),
    )
    expect(mentions).toBeDefined()
    await mentions!.setValue(false)
    await flushPromises()
    expect(app.fake.callsOf('updateSettings')).toEqual([[{ mentionNotifications: false }]])
    expect(app.fake.settingsValue).toMatchObject({
      messageNotifications: true,
      mentionNotifications: false,
    })
  })
})
