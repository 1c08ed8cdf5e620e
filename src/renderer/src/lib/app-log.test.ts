// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { RendererLogEntry } from '../../../shared/ipc-contract'
import { MAX_RENDERER_LOG_CHARS } from '../../../shared/ipc-contract'
import { setChatApi } from '../api/bridge'
import { createFakeChatApi } from '../test-support/fake-chat-api'
import { appLog, installErrorLogging, logVueError } from './app-log'

function recordLogs(): RendererLogEntry[] {
  const entries: RendererLogEntry[] = []
  const fake = createFakeChatApi()
  fake.writeLog = (entry) => {
    entries.push(entry)
    return Promise.resolve({ ok: true, value: null })
  }
  setChatApi(fake)
  return entries
}

afterEach(() => setChatApi(null))

describe('renderer log', () => {
  it('sends entries to main, cut to the size main accepts', () => {
    const entries = recordLogs()
    appLog('info', 'app', 'hello')
    appLog('warn', 'app', 'x'.repeat(MAX_RENDERER_LOG_CHARS + 50))
    expect(entries[0]).toEqual({ level: 'info', scope: 'app', message: 'hello' })
    expect(entries[1]!.message).toHaveLength(MAX_RENDERER_LOG_CHARS)
  })

  it('logs uncaught errors, rejections and component errors', () => {
    const entries = recordLogs()
    installErrorLogging(window)
    window.dispatchEvent(new ErrorEvent('error', { error: new TypeError('boom'), message: 'boom' }))
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown }
    rejection.reason = 'nope'
    window.dispatchEvent(rejection)
    logVueError(new Error('render failed'), 'render function')
    expect(entries.map((e) => [e.level, e.scope, e.message.split('\n')[0]])).toEqual([
      ['error', 'page', 'uncaught: TypeError: boom'],
      ['error', 'page', 'unhandled rejection: nope'],
      ['error', 'vue', 'render function: Error: render failed'],
    ])
  })

  it('never throws without a bridge', () => {
    setChatApi(null)
    expect(() => appLog('error', 'app', 'no bridge')).not.toThrow()
  })
})
