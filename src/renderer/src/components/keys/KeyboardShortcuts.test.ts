// @vitest-environment happy-dom
/**
 * The app-wide shortcuts on the mounted app (fake ChatApi): the quick switcher opens and joins
 * rooms, Alt(+Shift)+arrows move between (unread) rooms, the shortcuts sheet lists them, and
 * another open dialog keeps the keyboard.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { makeRoom } from '../../test-support/messages'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })
const mod = /mac/i.test(navigator.platform) ? { metaKey: true } : { ctrlKey: true }

async function press(key: string, mods: KeyboardEventInit = {}): Promise<void> {
  const target = document.activeElement ?? document.body
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...mods }))
  await flushPromises()
}

const general = makeRoom()
const algebra = makeRoom({ slug: 'algebra', name: 'Algebra', unread: 2 })
const physics = makeRoom({ slug: 'physics', name: 'Physics' })
const chemistry = makeRoom({ host: 'bob', slug: 'chem', name: 'Chemistry', joined: false })

async function start(): Promise<VueWrapper> {
  return app.start({
    session: signedInSession,
    rooms: [general, algebra, physics],
    browsable: [general, chemistry],
  })
}

const dialog = (title: string) =>
  [...document.querySelectorAll('[role=dialog]')].find((d) => d.textContent?.includes(title))
const opened = () => app.fake.callsOf('openRoom').map(([key]) => key)

describe('keyboard shortcuts', () => {
  it('Ctrl/Cmd+K finds a joined room by a fuzzy name and opens it with Enter', async () => {
    const w = await start()
    await press('k', mod)
    const input = document.activeElement as HTMLInputElement
    expect(input.getAttribute('role')).toBe('combobox')
    expect(dialog('Jump to a room')).toBeDefined()
    // Every joined room and the server's other rooms are offered.
    expect(w.findAll('[role=option]').map((o) => o.text())).toEqual([
      '#Algebraalice/algebra2 unread',
      '#Generalalice/general',
      '#Physicsalice/physics',
      '#Chemistrybob/chemJoin',
    ])
    input.value = 'phy'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    const options = w.findAll('[role=option]')
    expect(options[0]!.text()).toContain('Physics')
    expect(options[0]!.attributes('aria-selected')).toBe('true')
    expect(options[0]!.get('mark').text()).toBe('Phy')
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.attributes('id'))
    await press('Enter')
    expect(opened()).toEqual(['alice/physics'])
    expect(dialog('Jump to a room')).toBeUndefined()
  })

  it('joins a room that is not joined yet, then opens it; ↓ moves the choice', async () => {
    const w = await start()
    await press('k', mod)
    const input = document.activeElement as HTMLInputElement
    input.value = 'ch'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    const options = () => w.findAll('[role=option]')
    expect(options()[0]!.text()).toBe('#Chemistrybob/chemJoin')
    expect(options().length).toBeGreaterThan(1)
    await press('ArrowDown')
    expect(options()[1]!.attributes('aria-selected')).toBe('true')
    await press('ArrowUp')
    expect(options()[0]!.attributes('aria-selected')).toBe('true')
    await press('Enter')
    expect(app.fake.callsOf('joinRoom')).toEqual([['bob/chem']])
    expect(opened()).toEqual(['bob/chem'])
  })

  it('says so when nothing matches, and shows why a join failed', async () => {
    const w = await start()
    await press('k', mod)
    const input = document.activeElement as HTMLInputElement
    input.value = 'zzz'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(w.text()).toContain('No rooms match “zzz”.')
    input.value = 'chem'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    app.fake.failNext('joinRoom', { code: 'forbidden', message: 'The room is full.' })
    await press('Enter')
    expect(w.get('[role=alert]').text()).toBe("Couldn't join Chemistry: The room is full.")
    expect(dialog('Jump to a room')).toBeDefined()
  })

  it('Ctrl/Cmd+K again closes the switcher; Esc does too, and focus goes back', async () => {
    await start()
    const before = document.activeElement
    await press('k', mod)
    expect(dialog('Jump to a room')).toBeDefined()
    await press('k', mod)
    expect(dialog('Jump to a room')).toBeUndefined()
    await press('k', mod)
    await press('Escape')
    expect(dialog('Jump to a room')).toBeUndefined()
    expect(document.activeElement).toBe(before)
  })

  it('Alt+↑/↓ go to the previous/next room, Alt+Shift+↑/↓ to the previous/next unread one', async () => {
    const w = await start()
    await w.findAll('.room-button')[0]!.trigger('click') // General
    await flushPromises()
    await press('ArrowDown', { altKey: true })
    await press('ArrowDown', { altKey: true })
    await press('ArrowDown', { altKey: true }) // wraps to General
    await press('ArrowUp', { altKey: true })
    await press('ArrowDown', { altKey: true, shiftKey: true }) // only Algebra is unread
    expect(opened()).toEqual([
      'alice/general',
      'alice/algebra',
      'alice/physics',
      'alice/general',
      'alice/physics',
      'alice/algebra',
    ])
    await press('ArrowUp', { altKey: true, shiftKey: true })
    expect(opened()).toHaveLength(6)
    expect(w.text()).toContain('No other room has unread messages.')
  })

  it('Ctrl/Cmd+/ shows the shortcuts sheet', async () => {
    const w = await start()
    await press('/', mod)
    const sheet = dialog('Keyboard shortcuts')
    expect(sheet).toBeDefined()
    expect(w.text()).toContain('Jump to a room (quick switcher)')
    expect(w.text()).toContain('Previous unread room')
    expect(w.findAll('kbd').length).toBeGreaterThan(20)
    await w.get('.sheet-actions button').trigger('click')
    expect(dialog('Keyboard shortcuts')).toBeUndefined()
  })

  it('leaves the keyboard to another open dialog', async () => {
    const w = await start()
    await w.get('button[aria-haspopup=dialog]').trigger('click') // Browse rooms
    await flushPromises()
    await press('k', mod)
    await press('ArrowDown', { altKey: true })
    expect(dialog('Jump to a room')).toBeUndefined()
    expect(opened()).toEqual([])
  })
})
