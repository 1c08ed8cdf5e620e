/**
 * The renderer's log: lines go to main over the log:write-entry call, which rate-limits, redacts
 * and writes them to renderer.log in the app's logs folder. Never log a message body, a draft or
 * anything the user typed: main redacts credentials but cannot recognise free text.
 */
import type { LogLevel } from '../../../shared/ipc-contract'
import { MAX_RENDERER_LOG_CHARS } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'

/** Sends one line to the log; never throws and never waits. */
export function appLog(level: LogLevel, scope: string, message: string): void {
  const text =
    message.length > MAX_RENDERER_LOG_CHARS ? message.slice(0, MAX_RENDERER_LOG_CHARS) : message
  void call((api) => api.writeLog({ level, scope, message: text }))
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}\n${reason.stack ?? ''}`
  return typeof reason === 'string' ? reason : Object.prototype.toString.call(reason)
}

/** Uncaught errors and rejections of the page go to the log (and still to the console). */
export function installErrorLogging(target: Window): void {
  target.addEventListener('error', (event) =>
    appLog('error', 'page', `uncaught: ${describe(event.error ?? event.message)}`),
  )
  target.addEventListener('unhandledrejection', (event) =>
    appLog('error', 'page', `unhandled rejection: ${describe(event.reason)}`),
  )
}

/** For app.config.errorHandler: a component's error, with where it happened. */
export function logVueError(error: unknown, info: string): void {
  appLog('error', 'vue', `${info}: ${describe(error)}`)
}
