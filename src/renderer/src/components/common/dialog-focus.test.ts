// @vitest-environment happy-dom
/** Focus when dialogs open and close: in to the first field (or the safe choice), back to the opener. */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { makeMessage, makeRoom } from '../../test-support/messages'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })
const own = { id: '1', username: 'alice', avatarUrl: null }

function focused(): Element | null {
  return document.activeElement
}

async function keydown(el: Element, key: string, shiftKey = false): Promise<void> {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }))
  await flushPromises()
}

describe('dialog focus', () => {
  it('moves into the browse dialog’s search field, keeps Tab inside, and returns to the opener on Esc', async () => {
    const w = await app.start({ session: signedInSession, rooms: [makeRoom()] })
    const opener = w.get('.sidebar-section button').element as HTMLButtonElement
    opener.focus()
    await w.get('.sidebar-section button').trigger('click')
    await flushPromises()
    const dialog = w.get('[role=dialog]').element
    expect(focused()).toBe(dialog.querySelector('input[type=search]'))

    // Shift+Tab from the first control wraps to the last one, inside the dialog.
    await keydown(focused()!, 'Tab', true)
    expect(dialog.contains(focused())).toBe(true)
    expect(focused()?.textContent?.trim()).toBe('Close')
    await keydown(focused()!, 'Tab')
    expect(focused()).toBe(dialog.querySelector('input[type=search]'))

    await keydown(focused()!, 'Escape')
    expect(w.find('[role=dialog]').exists()).toBe(false)
    expect(focused()).toBe(opener)
  })

  it('puts focus on Cancel in the delete confirmation and returns it to the Delete button', async () => {
    const mine = makeMessage({ body: 'my words', own: true, author: own })
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      history: { 'alice/general': [mine] },
    })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    const remove = w.get(`[data-message-id="${mine.id}"] .icon-button.danger`)
    ;(remove.element as HTMLButtonElement).focus()
    await remove.trigger('click')
    await flushPromises()
    const dialog = w.get('[role=dialog]')
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(focused()?.textContent?.trim()).toBe('Cancel')

    await dialog.get('.cancel-button').trigger('click')
    await flushPromises()
    expect(w.find('[role=dialog]').exists()).toBe(false)
    expect(focused()).toBe(remove.element)
  })
})
