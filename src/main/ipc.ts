/**
 * The typed IPC router: one handler per contract channel that checks the sender, validates the
 * arguments against the shared schemas before the backend sees them, and wraps every outcome in
 * a Result. No electron import: the shell passes ipcMain.handle and webContents.send wrappers.
 */
import type {
  ChatBackend,
  ChatEvent,
  EventChannel,
  EventPayloads,
  InvokeChannel,
  Result,
  Unsubscribe,
} from '../shared/ipc-contract'
import {
  eventChannels,
  invokeChannelNames,
  invokeContract,
  validateArgs,
} from '../shared/ipc-contract'
import { toResult } from '../shared/errors'
import type { Logger } from './core/log/logger'

/** Registers one invoke handler (ipcMain.handle in Electron). */
export type HandleFn = (
  channel: InvokeChannel,
  listener: (sender: unknown, ...args: unknown[]) => Promise<Result<unknown>>,
) => void

/** Sends one event to the renderer (webContents.send in Electron). */
export type EmitFn = <C extends EventChannel>(channel: C, payload: EventPayloads[C]) => void

/** What the router needs from the chat service. */
export type IpcBackend = ChatBackend & {
  onEvents(listener: (events: ChatEvent[]) => void): Unsubscribe
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This window is not allowed to use the EduSphere API.' },
}

/** Wires every contract channel to `backend`; returns a function that stops forwarding events. */
export function registerIpc(
  handle: HandleFn,
  emit: EmitFn,
  backend: IpcBackend,
  isTrustedSender: (sender: unknown) => boolean,
  log?: Logger,
): () => void {
  // A sender check that throws must deny, never let the call through.
  const trusted = (sender: unknown): boolean => {
    try {
      return isTrustedSender(sender) === true
    } catch {
      return false
    }
  }
  for (const channel of invokeChannelNames) {
    const method = invokeContract[channel].method
    handle(channel, async (sender, ...args) => {
      if (!trusted(sender)) {
        log?.warn(`refused ${channel} from an untrusted sender`)
        return FORBIDDEN
      }
      const checked = validateArgs(channel, args)
      if (!checked.ok) {
        log?.warn('refused invalid arguments', { channel, problem: checked.error.message })
        return { ok: false, error: checked.error }
      }
      const fn = backend[method] as (...a: unknown[]) => unknown
      const result = await toResult(() => fn.apply(backend, checked.value as unknown[]))
      // Only the outcome: arguments carry passwords and message bodies. The log call is not logged.
      if (!result.ok && result.error.code === 'internal')
        log?.error(`${channel} failed`, { message: result.error.message })
      else if (channel !== 'log:write-entry')
        log?.debug(`${channel} ${result.ok ? 'ok' : result.error.code}`)
      return result
    })
  }
  const unsubscribe = backend.onEvents((events) => emit(eventChannels.events, events))
  return () => unsubscribe()
}
