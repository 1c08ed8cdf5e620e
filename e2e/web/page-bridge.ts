/**
 * The page side of the web e2e transport, bundled with the real preload bridge: builds
 * `window.edusphere` with `createBridge` from src/preload/bridge.ts, whose `invoke` is a Playwright
 * binding into the test process and whose events arrive through `window.__edusphereEmit`.
 * In Electron the same createBridge gets ipcRenderer.invoke/on instead.
 */
/// <reference lib="dom" />
import { createBridge } from '../../src/preload/bridge'
import type { ChatApi, EventChannel, InvokeChannel } from '../../src/shared/ipc-contract'

declare global {
  interface Window {
    edusphere?: ChatApi
    /** Playwright binding: runs the call through registerIpc in the test process. */
    __edusphereInvoke?: (channel: InvokeChannel, args: unknown[]) => Promise<unknown>
    /** Called by the test process to deliver one event payload. */
    __edusphereEmit?: (channel: EventChannel, payload: unknown) => void
  }
}

const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()

window.__edusphereEmit = (channel, payload) => {
  for (const listener of [...(listeners.get(channel) ?? [])]) listener(payload)
}

window.edusphere = createBridge({
  invoke: (channel, ...args) => {
    const invoke = window.__edusphereInvoke
    if (!invoke) return Promise.reject(new Error('the e2e invoke binding is missing'))
    return invoke(channel, args)
  },
  subscribe: (channel, listener) => {
    let set = listeners.get(channel)
    if (!set) listeners.set(channel, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  },
})
