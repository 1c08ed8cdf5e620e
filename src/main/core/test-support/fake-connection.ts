/**
 * A RoomConnection the test drives by hand: open, drop and feed frames on cue. The connection's
 * own behaviour is tested with fake and real sockets elsewhere.
 */
import type { ConnectionSnapshot, ConnectionState } from '../../../shared/ipc-contract'
import type { ClientFrame } from '../../../shared/frames'
import type { RoomConnection, SendOutcome } from '../ports'
import type { ConnectionHandlers } from '../chat/room-controller'

export const snap = (state: ConnectionState): ConnectionSnapshot => ({
  state,
  attempt: 0,
  maxAttempts: 5,
  nextRetryAt: null,
  reason: null,
  terminal: null,
})

export class FakeConnection implements RoomConnection {
  snapshot = snap('disconnected')
  sent: ClientFrame[] = []
  opened = 0
  closed = 0
  constructor(readonly handlers: ConnectionHandlers) {}
  open() {
    this.opened++
  }
  close() {
    this.closed++
    this.set('disconnected')
  }
  send(frame: ClientFrame): SendOutcome {
    if (this.snapshot.state !== 'connected') return { sent: false, reason: 'not-open' }
    this.sent.push(frame)
    return { sent: true }
  }
  retryNow() {}
  nudge() {}
  set(state: ConnectionState) {
    this.snapshot = snap(state)
    this.handlers.onStateChange(this.snapshot)
  }
  /** The socket opened: state first, then onOpen, as the real connection does. */
  up() {
    this.set('connected')
    this.handlers.onOpen()
  }
}
