/**
 * The whole renderer mounted on a fake ChatApi, for component tests that drive the app as a user
 * would. Registers its own hooks: call `useMountedApp()` once at the top of a test file.
 */
import { afterEach, beforeEach } from 'vitest'
import { type VueWrapper, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '../App.vue'
import { setChatApi } from '../api/bridge'
import { bootstrap } from '../stores/bootstrap'
import { type FakeChatApi, createFakeChatApi } from './fake-chat-api'

export interface MountedApp {
  /** Mounts the app on a new fake API (unmounting any earlier one) and bootstraps it like the page. */
  start(init: Parameters<typeof createFakeChatApi>[0]): Promise<VueWrapper>
  /** The fake API of the current test. */
  readonly fake: FakeChatApi
}

/** `historyHeight`: happy-dom has no layout, so the history gets a viewport for the virtualizer. */
export function useMountedApp(opts: { historyHeight?: number } = {}): MountedApp {
  let fake: FakeChatApi | null = null
  let wrapper: VueWrapper | null = null
  let stop: (() => void) | null = null
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')

  beforeEach(() => {
    document.body.innerHTML = ''
    const height = opts.historyHeight
    if (height === undefined) return
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('history') ? height : 0
      },
    })
  })
  function unmount(): void {
    stop?.()
    stop = null
    wrapper?.unmount()
    wrapper = null
    fake = null
    setChatApi(null)
  }
  afterEach(() => {
    if (opts.historyHeight !== undefined && clientHeight)
      Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight)
    unmount()
  })

  return {
    async start(init) {
      unmount()
      fake = createFakeChatApi(init)
      setChatApi(fake)
      const pinia = createPinia()
      setActivePinia(pinia)
      wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
      stop = await bootstrap()
      await flushPromises()
      return wrapper
    },
    get fake() {
      if (!fake) throw new Error('useMountedApp: start() the app first')
      return fake
    },
  }
}
