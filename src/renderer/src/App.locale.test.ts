// @vitest-environment happy-dom
/**
 * The renderer in German: screens read German (ICU plurals, German dates and numbers), the
 * language switch in settings takes effect at once, and "System" follows the OS's locale.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { signedInSession, signedOutSession } from './test-support/fake-chat-api'
import { makeConnection, makeMessage, makeRoom } from './test-support/messages'
import { useMountedApp } from './test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })
const german = { locale: 'de', systemLocale: 'en-US' } as const

describe('App in German', () => {
  it('the sign-in screen and its errors are German', async () => {
    const w = await app.start({ session: signedOutSession, settingsValue: german })
    expect(w.get('#sign-in-title').text()).toBe('Bei EduSphere anmelden')
    expect(w.findAll('.field-label').map((l) => l.text())).toEqual([
      'Serveradresse',
      'E-Mail',
      'Passwort',
    ])
    expect(document.documentElement.lang).toBe('de')
    const [, email, password] = w.findAll('input')
    await email!.setValue('alice@example.com')
    await password!.setValue('wrong')
    app.fake.failNext('signIn', { code: 'invalid-credentials', message: 'bad' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('#sign-in-credentials-error').text()).toBe(
      'E-Mail-Adresse oder Passwort ist falsch. Prüfe beides und versuche es erneut.',
    )
    // The address check is shared with main and answers in the window's language too.
    await w.findAll('input')[0]!.setValue('ftp://x')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('#sign-in-server-error').text()).toBe(
      'Die Serveradresse muss mit http:// oder https:// beginnen (nicht mit ftp://).',
    )
    await w.findAll('input')[0]!.setValue('http://localhost:8000')
    app.fake.failNext('signIn', { code: 'unreachable', message: 'ECONNREFUSED' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('#sign-in-server-error').text()).toBe(
      'Der Server ist nicht erreichbar. Prüfe die Adresse und deine Verbindung. (ECONNREFUSED)',
    )
  })

  it('the sidebar, the room and the history speak German with German plurals', async () => {
    const today = Date.now()
    const w = await app.start({
      session: signedInSession,
      settingsValue: german,
      rooms: [
        makeRoom({ unread: 1 }),
        makeRoom({ slug: 'solo', name: 'Solo', topic: null, participants: ['alice'], unread: 0 }),
      ],
      history: {
        'alice/general': [
          makeMessage({ body: 'hallo', created: today - 1000, updated: today - 1000 }),
          makeMessage({ body: 'zweite', created: today, updated: today + 5, edited: true }),
        ],
      },
    })
    const [general, solo] = w.findAll('.room-button')
    // The button is named by its text: the visible words plus a few spoken-only ones.
    const spoken = (b: typeof general) => b!.findAll('.spoken').map((s) => s.text())
    expect(spoken(general)).toEqual([',', 'gehostet von', ', Thema', ', 1 ungelesene Nachricht'])
    expect(spoken(solo)).toEqual([',', 'gehostet von'])
    expect(w.get('.section-title').text()).toBe('Räume')
    await general!.trigger('click')
    await flushPromises()
    expect(w.get('.room-meta').text()).toContain('gehostet von alice')
    expect(w.get('.room-meta').text()).toContain('2 Mitglieder')
    expect(w.get('.day-separator').text()).toBe('Heute')
    expect(w.get('.edited').text()).toBe('(bearbeitet)')
    expect(w.get('.edited').attributes('title')).toMatch(/^Bearbeitet am \w+, \d+\. \w+ \d{4}/)
    // 24-hour German times, no AM/PM (ICU writes the hour after midnight as "0:35").
    expect(w.get('.message-header time').text()).toMatch(/^\d{1,2}:\d{2}$/)
    expect(w.get('textarea').attributes('placeholder')).toBe('Schreib eine Nachricht an #General')
    expect(w.get('.composer button[type=submit]').text()).toBe('Senden')
    app.fake.emit([
      {
        kind: 'connection-changed',
        roomKey: 'alice/general',
        connection: makeConnection({ state: 'reconnecting', attempt: 2 }),
      },
    ])
    await flushPromises()
    expect(w.get('.connection-banner').text()).toContain(
      'Verbindung wird wiederhergestellt… (Versuch 2 von 5)',
    )
    expect(w.get('.banner-button').text()).toBe('Jetzt erneut versuchen')
  })

  it('the browse dialog counts rooms and participants in German', async () => {
    const w = await app.start({
      session: signedInSession,
      settingsValue: german,
      browsable: [
        makeRoom({ slug: 'a', name: 'Algebra', participants: ['alice'] }),
        makeRoom({ slug: 'b', name: 'Biologie', joined: false }),
      ],
    })
    expect(w.get('.room-list-empty').text()).toBe(
      'Du bist noch keinem Raum beigetreten. Mit „Räume durchsuchen“ findest du einen.',
    )
    await w.get('.sidebar-section button').trigger('click')
    await flushPromises()
    const dialog = w.get('[role=dialog]')
    expect(dialog.get('.modal-title').text()).toBe('Räume durchsuchen')
    expect(dialog.get('.browse-status').text()).toBe('2 Räume')
    const subs = dialog.findAll('.room-sub').map((s) => s.text())
    expect(subs[0]).toContain('1 Mitglied')
    expect(subs[1]).toContain('2 Mitglieder')
    expect(dialog.findAll('.browse-item button').map((b) => b.text())).toEqual([
      'Öffnen',
      'Beitreten',
    ])
  })

  it('switching the language in settings changes the window at once and is saved', async () => {
    const w = await app.start({ session: signedInSession, rooms: [makeRoom()] })
    expect(w.get('.section-title').text()).toBe('Rooms')
    const select = w.get('[data-testid=language-select]')
    expect(select.findAll('option').map((o) => o.text())).toEqual([
      'System (English)',
      'English',
      'Deutsch',
    ])
    await select.setValue('de')
    await flushPromises()
    expect(app.fake.callsOf('updateSettings')).toEqual([[{ locale: 'de' }]])
    expect(w.get('.section-title').text()).toBe('Räume')
    expect(w.get('.settings-panel button').text()).toBe('Abmelden')
    await select.setValue('en')
    await flushPromises()
    expect(w.get('.section-title').text()).toBe('Rooms')
  })

  it('"System" follows the OS locale main reports', async () => {
    const w = await app.start({
      session: signedInSession,
      settingsValue: { locale: 'system', systemLocale: 'de-AT' },
    })
    expect(w.get('.section-title').text()).toBe('Räume')
    expect(document.documentElement.lang).toBe('de-AT')
    expect(w.get('[data-testid=language-select] option').text()).toBe('System (Deutsch)')
  })
})
