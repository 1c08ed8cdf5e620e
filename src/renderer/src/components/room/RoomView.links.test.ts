// @vitest-environment happy-dom
/** Opening a link from a message asks first, naming the host the link really goes to. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type VueWrapper, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '../../App.vue'
import { setChatApi } from '../../api/bridge'
import { bootstrap } from '../../stores/bootstrap'
import { type FakeChatApi, createFakeChatApi, signedInSession } from '../../test-support/fake-chat-api'
import { makeMessage, makeRoom } from '../../test-support/messages'

let fake: FakeChatApi
let wrapper: VueWrapper | null = null
let stop: (() => void) | null = null
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')

beforeEach(() => {
  document.body.innerHTML = ''
  // happy-dom has no layout: give the history a viewport height so the virtualizer renders rows.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('history') ? 600 : 0
    },
  })
})
afterEach(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight)
  stop?.()
  wrapper?.unmount()
  wrapper = null
  setChatApi(null)
})

async function roomWith(body: string): Promise<VueWrapper> {
  fake = createFakeChatApi({
    session: signedInSession,
    rooms: [makeRoom()],
    history: { 'alice/general': [makeMessage({ body })] },
  })
  setChatApi(fake)
  const pinia = createPinia()
  setActivePinia(pinia)
  wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
  stop = await bootstrap()
  await flushPromises()
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
    expect(fake.callsOf('openExternal')).toEqual([])
    expect(w.find('[role=dialog]').exists()).toBe(false)
  })

  it('opens the exact URL once confirmed', async () => {
    const w = await roomWith('see https://xn--e1afmkfd.xn--p1ai/docs')
    await w.get('[role=log] a').trigger('click')
    expect(w.get('[role=dialog]').text()).toContain('This opens пример.рф in your browser')
    await w.get('[role=dialog] .danger-button').trigger('click')
    await flushPromises()
    expect(fake.callsOf('openExternal')).toEqual([['https://xn--e1afmkfd.xn--p1ai/docs']])
  })
})

describe('room names', () => {
  it('are bidi-isolated in the list and the header', async () => {
    const w = await roomWith('hi')
    expect(w.get('.room-button .room-name').element.tagName).toBe('BDI')
    expect(w.get('.room-title bdi').text()).toBe('General')
  })
})
