/**
 * The durable outbox: every text, edit and delete this client was asked to send, from the moment
 * it is accepted until the server's echo (or the history) confirms it.
 *
 * Durability rules, which make "nothing lost, nothing doubled" hold across a crash:
 * - `put` commits with fsync before it returns: an accepted message survives a power cut;
 * - `markInFlight` commits with fsync before the frame is sent, so after a restart an entry that
 *   may have reached the server is resolved against the history instead of being resent;
 * - `remove`, `markQueued`, `markFailed` and `markUnconfirmed` need no fsync: losing one only
 *   brings back an earlier state that the same resolution handles again.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import type { SqlDb, SqlRow } from './sqlite'
import { num, numOrNull, str, strOrNull, transaction } from './sqlite'
import type {
  NewOutboxEntry,
  OutboxKind,
  StoredOutboxEntry,
  StoredOutboxState,
} from './store-types'

export interface OutboxRepo {
  /**
   * Adds an entry as queued, durably (fsynced when this returns true). A second put of the same
   * client id changes nothing.
   */
  put(entry: NewOutboxEntry): boolean
  /** Durably records that a frame is about to be sent; false when the entry is unknown. */
  markInFlight(clientId: string, sentAt: number): boolean
  /** Back to queued (retry, or an unknown fate the history did not confirm). */
  markQueued(clientId: string): boolean
  markFailed(clientId: string, error: string): boolean
  /** The history could not settle the text's fate: kept until the user sends it again or not. */
  markUnconfirmed(clientId: string): boolean
  /** The echo arrived, or the user discarded it. */
  remove(clientId: string): boolean
  /** Entries in the order they were accepted; one room's, or all. */
  list(roomKey?: RoomKey): StoredOutboxEntry[]
  removeRoom(roomKey: RoomKey): void
}

const KINDS: readonly string[] = ['text', 'edit', 'delete']
const STATES: readonly string[] = ['queued', 'in-flight', 'failed', 'unconfirmed']

/** Reads one outbox row; throws on a row no version of this code could have written. */
export function outboxEntryOf(row: SqlRow): StoredOutboxEntry {
  const kind = str(row, 'kind')
  const state = str(row, 'state')
  if (!KINDS.includes(kind) || !STATES.includes(state))
    throw new TypeError(`outbox row has kind ${kind} and state ${state}`)
  return {
    clientId: str(row, 'client_id'),
    roomKey: str(row, 'room'),
    kind: kind as OutboxKind,
    body: strOrNull(row, 'body'),
    messageId: strOrNull(row, 'message_id'),
    created: num(row, 'created'),
    state: state as StoredOutboxState,
    firstSentAt: numOrNull(row, 'first_sent_at'),
    error: strOrNull(row, 'error'),
  }
}

export const OUTBOX_COLUMNS =
  'client_id, room, kind, body, message_id, created, state, first_sent_at, error'

const INSERT = `INSERT INTO outbox (client_id, room, kind, body, message_id, state, error, created, first_sent_at)
     VALUES (:client_id, :room, :kind, :body, :message_id, :state, :error, :created, :first_sent_at)
     ON CONFLICT (client_id) DO NOTHING`

function paramsOf(e: StoredOutboxEntry): Record<string, string | number | null> {
  return {
    client_id: e.clientId,
    room: e.roomKey,
    kind: e.kind,
    body: e.body,
    message_id: e.messageId,
    state: e.state,
    error: e.error,
    created: e.created,
    first_sent_at: e.firstSentAt,
  }
}

export function createOutboxRepo(db: SqlDb): OutboxRepo {
  const insert = db.prepare(INSERT)
  const inFlight = db.prepare(
    `UPDATE outbox SET state = 'in-flight', error = NULL,
       first_sent_at = COALESCE(first_sent_at, :sent_at) WHERE client_id = :client_id`,
  )
  const queued = db.prepare(
    `UPDATE outbox SET state = 'queued', error = NULL WHERE client_id = :client_id`,
  )
  const failed = db.prepare(
    `UPDATE outbox SET state = 'failed', error = :error WHERE client_id = :client_id`,
  )
  const unconfirmed = db.prepare(
    `UPDATE outbox SET state = 'unconfirmed', error = NULL WHERE client_id = :client_id`,
  )
  const del = db.prepare('DELETE FROM outbox WHERE client_id = :client_id')
  const all = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox ORDER BY seq`)
  const ofRoom = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE room = :room ORDER BY seq`)
  const removeAll = db.prepare('DELETE FROM outbox WHERE room = :room')

  return {
    put(entry) {
      const queuedEntry: StoredOutboxEntry = {
        ...entry,
        state: 'queued',
        firstSentAt: null,
        error: null,
      }
      transaction(db, true, () => insert.run(paramsOf(queuedEntry)))
      return true
    },
    markInFlight(clientId, sentAt) {
      return (
        transaction(db, true, () => inFlight.run({ client_id: clientId, sent_at: sentAt }))
          .changes > 0
      )
    },
    markQueued: (clientId) => queued.run({ client_id: clientId }).changes > 0,
    markFailed: (clientId, error) => failed.run({ client_id: clientId, error }).changes > 0,
    markUnconfirmed: (clientId) => unconfirmed.run({ client_id: clientId }).changes > 0,
    remove: (clientId) => del.run({ client_id: clientId }).changes > 0,
    list(roomKey) {
      const rows = roomKey === undefined ? all.all() : ofRoom.all({ room: roomKey })
      return rows.map(outboxEntryOf)
    },
    removeRoom(roomKey) {
      removeAll.run({ room: roomKey })
    },
  }
}

/** Writes entries salvaged from a damaged file, as they were, in one durable transaction. */
export function restoreOutbox(db: SqlDb, entries: readonly StoredOutboxEntry[]): void {
  const insert = db.prepare(INSERT)
  transaction(db, true, () => {
    for (const e of entries) insert.run(paramsOf(e))
  })
}
