// @vitest-environment happy-dom
/**
 * The newer screens in German: the shortcuts sheet, the quick switcher, search, room info and
 * the message menu read German, with German plurals.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { signedInSession } from './test-support/fake-chat-api'
import { makeMessage, makeRoom } from './test-support/messages'
import { useMountedApp } from './test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })
const german = { locale: 'de', systemLocale: 'en-US' } as const
const mod = /mac/i.test(navigator.platform) ? { metaKey: true } : { ctrlKey: true }

async function press(key: string, mods: KeyboardEventInit = {}): Promise<void> {
  const target = document.activeElement ?? document.body
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...mods }))
  await flushPromises()
}

const dialogTitles = () =>
  [...document.querySelectorAll('[role=dialog] h2')].map((h) => h.textContent?.trim())

describe('newer screens in German', () => {
  it('shortcuts, quick switcher and search', async () => {
    await app.start({
      session: signedInSession,
      settingsValue: german,
      rooms: [makeRoom(), makeRoom({ slug: 'algebra', name: 'Algebra', unread: 2 })],
    })
    await press('/', mod)
    expect(dialogTitles()).toEqual(['Tastenkürzel'])
    const sheet = document.querySelector('[role=dialog]')!
    expect([...sheet.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Navigation',
      'Suche',
      'Nachrichten',
      'Hilfe',
    ])
    expect(sheet.textContent).toContain('Zu einem Raum springen (Schnellwechsel)')
    await press('Escape')

    await press('k', mod)
    expect(dialogTitles()).toEqual(['Zu einem Raum springen'])
    const options = [...document.querySelectorAll('[role=option]')].map((o) => o.textContent)
    expect(options).toContain('#Algebraalice/algebra2 ungelesen')
    expect(document.querySelector('.switcher-hint')?.textContent).toBe(
      '↑ ↓ zum Auswählen · Enter zum Öffnen · Esc zum Schließen',
    )
    await press('Escape')

    await press('F', { ...mod, shiftKey: true })
    expect(dialogTitles()).toEqual(['Alle Räume durchsuchen'])
    const field = document.querySelector<HTMLInputElement>('.search-input')!
    expect(field.getAttribute('placeholder')).toBe('Gesuchte Wörter')
  })

  it('room info and the message menu', async () => {
    const w = await app.start({
      session: signedInSession,
      settingsValue: german,
      rooms: [makeRoom()],
      history: { 'alice/general': [makeMessage({ body: 'hallo' })] },
      details: {
        'alice/general': {
          key: 'alice/general',
          name: 'General',
          topic: 'Math',
          description: '',
          host: { id: '1', username: 'alice', name: 'Alice', avatarUrl: null },
          participants: [
            { id: '2', username: 'bob', name: 'Bob', avatarUrl: null },
            { id: '1', username: 'alice', name: 'Alice', avatarUrl: null },
          ],
          created: '2026-11-01T10:00:00+00:00',
          isHost: true,
        },
      },
    })
    await w.get('.room-button').trigger('click')
    await flushPromises()
    const more = w.get('.message button[aria-haspopup=menu]')
    expect(more.attributes('title')).toBe('Weitere Aktionen (Umschalt+F10)')
    await more.trigger('click')
    await flushPromises()
    expect(w.findAll('[role=menuitem]').map((b) => b.text())).toContain('Text kopieren')
    await press('Escape')

    const info = w.findAll('button').find((b) => b.text() === 'Raum-Infos')!
    await info.trigger('click')
    await flushPromises()
    expect(dialogTitles()).toEqual(['Raum-Infos'])
    const dialog = document.querySelector('[role=dialog]')!
    expect(dialog.querySelector('#room-people-title')?.textContent).toBe('2 Mitglieder')
    expect(dialog.querySelector('.info-description')?.textContent?.trim()).toBe(
      'Noch keine Beschreibung.',
    )
    expect([...dialog.querySelectorAll('.person .badge')].map((b) => b.textContent)).toEqual([
      'Gastgeber',
      'Du',
    ])
  })
})
