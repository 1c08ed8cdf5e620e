/** Words and tone for a connection state, shared by the banner, the header and the room dots. */
import type { ConnectionSnapshot, ConnectionState } from '../../../shared/ipc-contract'
import { assertNever } from '../../../shared/errors'
import { terminalReasonText } from '../../../shared/user-text'

export type Tone = 'ok' | 'busy' | 'bad' | 'idle'

/** Short state name for dots and headers. */
export function connectionLabel(state: ConnectionState): string {
  switch (state) {
    case 'connected':
      return 'Connected'
    case 'connecting':
      return 'Connecting'
    case 'reconnecting':
      return 'Reconnecting'
    case 'disconnected':
      return 'Disconnected'
    case 'error':
      return 'Connection error'
    case 'failed':
      return 'Connection failed'
    default:
      return assertNever(state)
  }
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
  // A terminal reason is worded once, in shared/, for main and the banner alike.
  if (snapshot.terminal) return terminalReasonText[snapshot.terminal]
  const reason = snapshot.reason ? `: ${snapshot.reason}` : ''
  switch (snapshot.state) {
    case 'connected':
      return null
    case 'connecting':
      return 'Connecting…'
    case 'reconnecting':
      return snapshot.attempt > 0
        ? `Reconnecting… (attempt ${snapshot.attempt} of ${snapshot.maxAttempts})`
        : 'Reconnecting…'
    case 'disconnected':
      return 'Disconnected'
    case 'error':
      return `Connection error${reason}`
    case 'failed':
      return `Connection failed${reason}`
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
