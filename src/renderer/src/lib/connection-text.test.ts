import { describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../../shared/ipc-contract'
import { bannerText, canRetry, connectionLabel, connectionTone } from './connection-text'
import { makeConnection } from '../test-support/messages'
import { terminalReasonText } from '../../../shared/user-text'

describe('connection text', () => {
  it('says which reconnect attempt is running', () => {
    expect(bannerText(makeConnection({ state: 'reconnecting', attempt: 2 }))).toBe(
      'Reconnecting… (attempt 2 of 5)',
    )
    expect(bannerText(makeConnection({ state: 'connected' }))).toBeNull()
    expect(
      bannerText(makeConnection({ state: 'failed', reason: 'Connection failed after 5 attempts' })),
    ).toBe('Connection failed: Connection failed after 5 attempts')
  })

  it('words a terminal reason exactly as main does (one shared text)', () => {
    const snapshot = makeConnection({
      state: 'error',
      terminal: 'room-not-found',
      reason: terminalReasonText['room-not-found'],
    })
    expect(bannerText(snapshot)).toBe('This room no longer exists on the server.')
  })

  it('labels and colours every state', () => {
    const states: ConnectionState[] = [
      'disconnected',
      'connecting',
      'connected',
      'reconnecting',
      'failed',
      'error',
    ]
    expect(states.map(connectionLabel)).toHaveLength(6)
    expect(states.map(connectionTone)).toEqual(['idle', 'busy', 'ok', 'busy', 'bad', 'bad'])
  })

  it('offers Retry now only where a retry can help', () => {
    expect(canRetry(makeConnection({ state: 'failed' }))).toBe(true)
    expect(canRetry(makeConnection({ state: 'connected' }))).toBe(false)
    expect(canRetry(makeConnection({ state: 'failed', terminal: 'not-participant' }))).toBe(false)
  })
})
