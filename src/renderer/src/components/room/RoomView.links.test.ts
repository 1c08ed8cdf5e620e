// @vitest-environment happy-dom
/** Opening a link from a message asks first, naming the host the link really goes to. */
import { describe, expect, it } from 'vitest'
import { type VueWrapper, flushPromises } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { makeMessage, makeRoom } from '../../test-support/messages'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })

async function roomWith(body: string): Promise<VueWrapper> {
  const wrapper = await app.start({
    session: signedInSession,
    rooms: [makeRoom()],
    history: { 'alice/general': [makeMessage({ body })] },
  })
  await wrapper.get('.room-button').trigger('click')
  await flushPromises()
  return wrapper
}

describe('opening a link', () => {
  it('asks first, naming the real host; Cancel opens nothing', async () => {
    const w = await roomWith('invoice: http://evil.example/%E2%80%AEgpj.exe')
    await w.get('[role=log] a').trigger('click')
    const dialog = w.get('[role=dialog]')
    expect(dialog.text()).toContain('Open link?')
    expect(dialog.text()).toContain('This opens evil.example in your browser')
    expect(dialog.text()).toContain('http://evil.example/%E2%80%AEgpj.exe')
    expect(dialog.text()).not.toMatch(/\u202E/)
    await w.get('[role=dialog] .cancel-button').trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('openExternal')).toEqual([])
    expect(w.find('[role=dialog]').exists()).toBe(false)
  })

  it('opens the exact URL once confirmed', async () => {
    const w = await roomWith('see https://xn--e1afmkfd.xn--p1ai/docs')
    await w.get('[role=log] a').trigger('click')
    expect(w.get('[role=dialog]').text()).toContain('This opens пример.рф in your browser')
    await w.get('[role=dialog] .danger-button').trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('openExternal')).toEqual([['https://xn--e1afmkfd.xn--p1ai/docs']])
  })
})

describe('room names', () => {
  it('are bidi-isolated in the list and the header', async () => {
    const w = await roomWith('hi')
    expect(w.get('.room-button .room-name').element.tagName).toBe('BDI')
    expect(w.get('.room-title bdi').text()).toBe('General')
  })
})
