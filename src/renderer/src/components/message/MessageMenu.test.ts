// @vitest-environment happy-dom
/**
 * The message menu on the mounted app (fake ChatApi): opened by right click, the keyboard or the
 * "…" button; an ARIA menu with only the actions the message allows; each action does its job
 * and focus goes back where it was.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { makeMessage, makeRoom } from '../../test-support/messages'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })
const me = { id: '1', username: 'alice', avatarUrl: null }
const theirs = makeMessage({ body: 'notes at https://example.org/notes ok' })
const mine = makeMessage({ body: 'my own words', own: true, author: me })
const failed = makeMessage({
  id: 'local-1',
  clientId: 'local-1',
  body: 'did not go',
  own: true,
  author: me,
  status: 'failed',
  error: 'Message exceeds 500 characters.',
})

async function start(): Promise<VueWrapper> {
  const w = await app.start({
    session: signedInSession,
    rooms: [makeRoom()],
    history: { 'alice/general': [theirs, mine, failed] },
  })
  await w.get('.room-button').trigger('click')
  await flushPromises()
  return w
}

const row = (w: VueWrapper, id: string) => w.get(`[data-message-id="${id}"]`)
const items = (w: VueWrapper) => w.findAll('[role=menuitem]').map((i) => i.text())

async function key(k: string, mods: KeyboardEventInit = {}): Promise<void> {
  document.activeElement?.dispatchEvent(
    new KeyboardEvent('keydown', { key: k, bubbles: true, ...mods }),
  )
  await flushPromises()
}

describe('message menu', () => {
  it('opens on right click as an ARIA menu with the actions the message allows', async () => {
    const w = await start()
    await row(w, theirs.id).trigger('contextmenu', { clientX: 100, clientY: 120 })
    await flushPromises()
    const menu = w.get('[role=menu]')
    expect(menu.attributes('aria-label')).toBe('Actions for the message from bob')
    expect(items(w)).toEqual(['Copy text', 'Copy link'])
    expect(document.activeElement?.textContent?.trim()).toBe('Copy text')
    await key('ArrowDown')
    expect(document.activeElement?.textContent?.trim()).toBe('Copy link')
    await key('ArrowDown')
    expect(document.activeElement?.textContent?.trim()).toBe('Copy text')
    await key('End')
    ;(document.activeElement as HTMLButtonElement).click()
    await flushPromises()
    expect(app.fake.callsOf('copyText')).toEqual([['https://example.org/notes']])
    expect(w.text()).toContain('Link copied.')
    expect(w.find('[role=menu]').exists()).toBe(false)
  })

  it('opens from the "…" button and gives focus back to it on Esc; copies the text', async () => {
    const w = await start()
    const more = row(w, theirs.id).get('button[aria-haspopup=menu]')
    ;(more.element as HTMLButtonElement).focus()
    await more.trigger('click')
    await flushPromises()
    expect(w.find('[role=menu]').exists()).toBe(true)
    await key('Escape')
    expect(w.find('[role=menu]').exists()).toBe(false)
    expect(document.activeElement).toBe(more.element)
    // Shift+F10 from the focused button opens it again; Copy text copies the whole body.
    await key('F10', { shiftKey: true })
    expect(items(w)).toEqual(['Copy text', 'Copy link'])
    await w.findAll('[role=menuitem]')[0]!.trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('copyText')).toEqual([[theirs.body]])
    expect(w.text()).toContain('Message copied.')
  })

  it('edits and deletes your own message from the menu (Menu key)', async () => {
    const w = await start()
    const own = row(w, mine.id)
    ;(own.get('button[aria-haspopup=menu]').element as HTMLButtonElement).focus()
    await key('ContextMenu')
    expect(items(w)).toEqual(['Copy text', 'Edit', 'Delete'])
    await w.findAll('[role=menuitem]')[1]!.trigger('click')
    await flushPromises()
    const composer = w.get('textarea')
    expect((composer.element as HTMLTextAreaElement).value).toBe('my own words')
    expect(w.text()).toContain('Editing message')
    await composer.trigger('keydown', { key: 'Escape' })
    await own.trigger('contextmenu')
    await w.findAll('[role=menuitem]')[2]!.trigger('click')
    await flushPromises()
    expect(w.get('[role=dialog]').text()).toContain('Delete message?')
  })

  it('retries or discards a failed message from the menu; a click outside closes it', async () => {
    const w = await start()
    await row(w, failed.id).trigger('contextmenu')
    expect(items(w)).toEqual(['Copy text', 'Retry', 'Discard'])
    await w.findAll('[role=menuitem]')[1]!.trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('retryMessage')).toEqual([['alice/general', 'local-1']])
    await row(w, failed.id).trigger('contextmenu')
    await w.findAll('[role=menuitem]')[2]!.trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('discardMessage')).toEqual([['alice/general', 'local-1']])
    await row(w, failed.id).trigger('contextmenu')
    document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))
    await flushPromises()
    expect(w.find('[role=menu]').exists()).toBe(false)
  })

  it('closes when a shortcut opens an overlay over it', async () => {
    const w = await start()
    await row(w, mine.id).trigger('contextmenu')
    expect(w.find('[role=menu]').exists()).toBe(true)
    const mod = /mac/i.test(navigator.platform) ? { metaKey: true } : { ctrlKey: true }
    await key('k', mod)
    expect(w.find('[role=menu]').exists()).toBe(false)
    expect(w.text()).toContain('Jump to a room')
  })

  it('shows why copying failed', async () => {
    const w = await start()
    await row(w, mine.id).trigger('contextmenu')
    app.fake.failNext('copyText', { code: 'internal', message: 'Copying is not available here.' })
    await w.findAll('[role=menuitem]')[0]!.trigger('click')
    await flushPromises()
    expect(w.text()).toContain("Couldn't copy: Copying is not available here.")
  })
})
