// @vitest-environment happy-dom
/**
 * Drafts: the composer keeps each room's unsent text when switching rooms, hands every change to
 * main (which keeps it across restarts), shows the draft main kept from the last run, and a
 * sent message clears it.
 */
import { describe, expect, it } from 'vitest'
import { type VueWrapper, flushPromises } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { makeRoom } from '../../test-support/messages'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })

const general = makeRoom()
const maths = makeRoom({ slug: 'maths', name: 'Maths' })

async function openRoom(w: VueWrapper, name: string): Promise<void> {
  const button = w.findAll('.room-button').find((b) => b.text().includes(name))
  if (!button) throw new Error(`no room ${name} in the list`)
  await button.trigger('click')
  await flushPromises()
}

const composerText = (w: VueWrapper) =>
  (w.get('.composer-input').element as HTMLTextAreaElement).value

describe('drafts', () => {
  it('are kept per room when switching rooms, and handed to main', async () => {
    const w = await app.start({ session: signedInSession, rooms: [general, maths] })
    await openRoom(w, 'General')
    await w.get('.composer-input').setValue('half a thought')
    await openRoom(w, 'Maths')
    expect(composerText(w)).toBe('')
    await w.get('.composer-input').setValue('x = 2')
    await openRoom(w, 'General')
    expect(composerText(w)).toBe('half a thought')
    await openRoom(w, 'Maths')
    expect(composerText(w)).toBe('x = 2')
    expect(app.fake.callsOf('saveDraft')).toEqual([
      ['alice/general', 'half a thought'],
      ['alice/maths', 'x = 2'],
    ])
  })

  it('shows the draft main kept from the last run', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [{ ...general, draft: 'written before the restart' }, maths],
    })
    await openRoom(w, 'General')
    expect(composerText(w)).toBe('written before the restart')
    // A later summary never overwrites what the user has typed since.
    await w.get('.composer-input').setValue('typed after')
    app.fake.emit([{ kind: 'room-updated', room: { ...general, unread: 1, draft: 'stale' } }])
    await flushPromises()
    expect(composerText(w)).toBe('typed after')
  })

  it('is cleared by sending, here and in main', async () => {
    const w = await app.start({ session: signedInSession, rooms: [general] })
    await openRoom(w, 'General')
    await w.get('.composer-input').setValue('on its way')
    await w.get('form.composer').trigger('submit')
    await flushPromises()
    expect(composerText(w)).toBe('')
    expect(app.fake.callsOf('saveDraft').at(-1)).toEqual(['alice/general', ''])
    expect(app.fake.callsOf('sendMessage')).toEqual([['alice/general', 'on its way']])
  })
})
