/** Words and tone for a connection state, shared by the banner, the header and the room dots. */
import type {
  ConnectionSnapshot,
  ConnectionState,
  TerminalReason,
} from '../../../shared/ipc-contract'
import { assertNever } from '../../../shared/errors'
import type { MessageKey } from '../../../shared/i18n'
import { t } from '../i18n'

export type Tone = 'ok' | 'busy' | 'bad' | 'idle'

const STATE_KEY: Readonly<Record<ConnectionState, MessageKey>> = {
  connected: 'connection.connected',
  connecting: 'connection.connecting',
  reconnecting: 'connection.reconnecting',
  disconnected: 'connection.disconnected',
  error: 'connection.error',
  failed: 'connection.failed',
}

const TERMINAL_KEY: Readonly<Record<TerminalReason, MessageKey>> = {
  'room-not-found': 'terminal.roomNotFound',
  'not-participant': 'terminal.notParticipant',
  'session-expired': 'session.expired',
}

/** Short state name for dots and headers. */
export function connectionLabel(state: ConnectionState): string {
  return t(STATE_KEY[state])
}

/** Colour family of a state. */
export function connectionTone(state: ConnectionState): Tone {
  switch (state) {
    case 'connected':
      return 'ok'
    case 'connecting':
    case 'reconnecting':
      return 'busy'
    case 'error':
    case 'failed':
      return 'bad'
    case 'disconnected':
      return 'idle'
    default:
      return assertNever(state)
  }
}

/** The banner's sentence, e.g. "Reconnecting… (attempt 2 of 5)"; null when there is nothing to say. */
export function bannerText(snapshot: ConnectionSnapshot): string | null {
  // A terminal reason is worded in the catalogue main uses for the snapshot's reason too.
  if (snapshot.terminal) return t(TERMINAL_KEY[snapshot.terminal])
  const withReason = (state: string): string =>
    snapshot.reason ? t('connection.withReason', { state, reason: snapshot.reason }) : state
  switch (snapshot.state) {
    case 'connected':
      return null
    case 'connecting':
      return t('connection.bannerConnecting')
    case 'reconnecting':
      return snapshot.attempt > 0
        ? t('connection.bannerAttempt', { attempt: snapshot.attempt, max: snapshot.maxAttempts })
        : t('connection.bannerReconnecting')
    case 'disconnected':
      return t('connection.disconnected')
    case 'error':
      return withReason(t('connection.error'))
    case 'failed':
      return withReason(t('connection.failed'))
    default:
      return assertNever(snapshot.state)
  }
}

/** Whether "Retry now" makes sense: anything but connected or already connecting. */
export function canRetry(snapshot: ConnectionSnapshot): boolean {
  return (
    snapshot.state !== 'connected' && snapshot.state !== 'connecting' && snapshot.terminal === null
  )
}
