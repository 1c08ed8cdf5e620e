/**
 * Builds the renderer's whole API (`window.edusphere`) from two transport functions, by looping
 * over the IPC contract's channel map: Electron passes ipcRenderer.invoke/on, tests pass plain
 * functions. Imports no zod, so the sandboxed preload bundle needs nothing but electron.
 */
import type {
  ChatApi,
  ChatEvent,
  EventChannel,
  InvokeChannel,
  Result,
  Unsubscribe,
} from '../shared/ipc-contract'
import { eventsChannel, invokeMethods } from '../shared/ipc-methods'

/** The two functions the bridge needs from the process boundary. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown>
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): Unsubscribe
}

type Method = (...args: unknown[]) => Promise<Result<unknown>>

/** A transport failure (the main process gone, a cloning error) still resolves to a Result. */
function transportFailure(channel: InvokeChannel, error: unknown): Result<never> {
  const detail = error instanceof Error ? error.message : String(error)
  return { ok: false, error: { code: 'internal', message: `${channel} failed: ${detail}` } }
}

/** The ChatApi over `transport`; every method resolves to a Result and never rejects. */
export function createBridge(transport: BridgeTransport): ChatApi {
  const methods: Record<string, Method> = {}
  for (const [channel, method] of Object.entries(invokeMethods) as [InvokeChannel, string][]) {
    methods[method] = (...args) =>
      transport.invoke(channel, ...args).then(
        (value) => value as Result<unknown>,
        (error: unknown) => transportFailure(channel, error),
      )
  }
  const api: ChatApi = {
    ...(methods as unknown as Omit<ChatApi, 'onEvents'>),
    onEvents(listener: (events: ChatEvent[]) => void): Unsubscribe {
      let off: Unsubscribe | null = transport.subscribe(eventsChannel, (payload) =>
        listener(payload as ChatEvent[]),
      )
      // Idempotent: a second call must not remove someone else's subscription.
      return () => {
        off?.()
        off = null
      }
    },
  }
  return Object.freeze(api)
}
