import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../shared/ipc-contract'
import { logChatEvents } from './chat-event-log'
import { createLogger } from './logger'
import { createRendererLog } from './renderer-log'

function setup() {
  const lines: string[] = []
  let now = 0
  const log = createLogger({ write: (l) => lines.push(l), level: 'debug', now: () => now })
  return { lines, log, advance: (ms: number) => (now += ms), now: () => now }
}

describe('renderer log', () => {
  it('writes entries under renderer:<scope>, redacted, at their level', () => {
    const { lines, log, now } = setup()
    const gate = createRendererLog({ log, now })
    gate.write({ level: 'error', scope: 'page', message: 'boom with token=abc' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/ERROR \[renderer:page\] boom with token=\[redacted\]/)
  })

  it('rate-limits a flood, then says how many entries it dropped', () => {
    const { lines, log, now, advance } = setup()
    const gate = createRendererLog({ log, now, burst: 3, refillMs: 100 })
    for (let i = 0; i < 10; i++) gate.write({ level: 'info', scope: 'app', message: `m${i}` })
    expect(lines).toHaveLength(3)
    expect(gate.dropped()).toBe(7)
    advance(100)
    gate.write({ level: 'info', scope: 'app', message: 'after' })
    expect(lines.slice(3).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'WARN  [renderer] 7 renderer log entries dropped (rate limit)\n',
      'INFO  [renderer:app] after\n',
    ])
  })
})

describe('chat events in the log', () => {
  const message: ChatMessage = {
    id: 'm1',
    clientId: null,
    roomKey: 'alice/general',
    author: { id: '1', username: 'bob', avatarUrl: null },
    body: 'the secret plan',
    created: 0,
    updated: 0,
    edited: false,
    status: 'confirmed',
    error: null,
    own: false,
    pendingAction: null,
  }

  it('say what happened (rooms, ids, states), never a message body', () => {
    const { lines, log } = setup()
    logChatEvents(log, [
      { kind: 'messages-reset', roomKey: 'alice/general', messages: [message] },
      { kind: 'message-upserted', roomKey: 'alice/general', message, replaces: null },
      { kind: 'message-removed', roomKey: 'alice/general', id: 'm1' },
      {
        kind: 'connection-changed',
        roomKey: 'alice/general',
        connection: {
          state: 'connected',
          attempt: 0,
          maxAttempts: 5,
          nextRetryAt: null,
          reason: null,
          terminal: null,
        },
      },
      { kind: 'error', roomKey: null, code: 'server', message: 'Message exceeds 500 characters.' },
    ])
    const text = lines.join('')
    expect(text).not.toContain('secret plan')
    expect(text).toContain('history shown (1 messages)')
    expect(text).toContain('INFO  [main] connection connected')
    expect(text).toContain('WARN  [main] error shown: Message exceeds 500 characters.')
    expect(text).toContain('"chars":15')
  })
})
