// @vitest-environment happy-dom
/**
 * Plain http to a server across the network: the form asks main, main refuses until the user
 * confirms "Connect without encryption" (explained: password and session in clear text), and the
 * signed-in app keeps saying so for as long as that session lasts.
 */
import { describe, expect, it } from 'vitest'
import { type VueWrapper, flushPromises } from '@vue/test-utils'
import { signedInSession, signedOutSession } from '../../test-support/fake-chat-api'
import { unencryptedText } from '../../../../shared/user-text'
import { useMountedApp } from '../../test-support/mounted-app'

const PLAIN = 'http://edu.example.org'
const REFUSAL = {
  code: 'unencrypted-not-confirmed' as const,
  message: unencryptedText.refused('edu.example.org'),
}

const app = useMountedApp()
const start = app.start

async function fillAndSubmit(w: VueWrapper, server: string): Promise<void> {
  const [serverInput, email, password] = w.findAll('input')
  await serverInput!.setValue(server)
  await email!.setValue('alice@example.com')
  await password!.setValue('pass-1234')
  await w.get('form').trigger('submit')
  await flushPromises()
}

const confirmButton = (w: VueWrapper) =>
  w.findAll('button').find((b) => b.text() === unencryptedText.confirmLabel)

describe('sign-in over plain http', () => {
  it('asks for the confirmation main requires, explains it, and retries with it', async () => {
    const w = await start({ session: signedOutSession })
    app.fake.failNext('signIn', REFUSAL)
    await fillAndSubmit(w, PLAIN)
    expect(app.fake.callsOf('signIn')).toEqual([
      [{ server: PLAIN, email: 'alice@example.com', password: 'pass-1234' }],
    ])
    const panel = w.get('[data-testid=unencrypted-confirm]')
    expect(panel.text()).toContain('edu.example.org')
    expect(panel.text()).toMatch(/password and your session would travel in clear text/)
    expect(w.find('.sign-in').exists()).toBe(true)

    await confirmButton(w)!.trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('signIn')[1]).toEqual([
      { server: PLAIN, email: 'alice@example.com', password: 'pass-1234', allowUnencrypted: true },
    ])
    expect(w.find('.sign-in').exists()).toBe(false)
  })

  it('a changed server address drops the question: consent is for that one server', async () => {
    const w = await start({ session: signedOutSession })
    app.fake.failNext('signIn', REFUSAL)
    await fillAndSubmit(w, PLAIN)
    expect(w.find('[data-testid=unencrypted-confirm]').exists()).toBe(true)
    await w.findAll('input')[0]!.setValue('https://edu.example.org')
    expect(w.find('[data-testid=unencrypted-confirm]').exists()).toBe(false)
    expect(confirmButton(w)).toBeUndefined()
  })

  it('https and loopback servers are signed in without any question', async () => {
    for (const server of ['https://edu.example.org', 'http://127.0.0.1:8000']) {
      const w = await start({ session: signedOutSession })
      await fillAndSubmit(w, server)
      expect(app.fake.callsOf('signIn')).toEqual([
        [{ server, email: 'alice@example.com', password: 'pass-1234' }],
      ])
      expect(w.find('[data-testid=unencrypted-confirm]').exists()).toBe(false)
    }
  })
})

describe('the unencrypted-connection warning', () => {
  it('stays on screen while signed in to a plain-http server across the network', async () => {
    const w = await start({ session: { ...signedInSession, server: `${PLAIN}:8080` } })
    const warning = w.get('[data-testid=unencrypted-warning]')
    expect(warning.text()).toContain(unencryptedText.banner('edu.example.org:8080'))
    expect(warning.text()).toMatch(/clear text/)
  })

  it.each(['https://edu.example.org', 'http://localhost:8000'])(
    'is absent for %s',
    async (server) => {
      const w = await start({ session: { ...signedInSession, server } })
      expect(w.find('.layout').exists()).toBe(true)
      expect(w.find('[data-testid=unencrypted-warning]').exists()).toBe(false)
    },
  )
})
