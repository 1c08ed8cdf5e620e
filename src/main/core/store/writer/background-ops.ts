/**
 * The store's background writes: what the chat service writes while messages stream in (live
 * frames, fetched histories, read marks, drafts) and the WAL checkpoint. They are applied in the
 * order handed over, by the writer thread when there is one (so disk stalls never block the main
 * thread's event loop), else at once on the caller's connection.
 */
import type { RoomKey } from '../../../../shared/ipc-contract'
import type { HistoryRepo } from '../history-repo'
import type { DraftsRepo, ReadMarksRepo } from '../rooms-repo'
import type { SqlDb } from '../sqlite'
import type { MessageEdit, ReadMark, StoredMessage } from '../store-types'

export type BackgroundOp =
  | { op: 'upsert'; roomKey: RoomKey; messages: StoredMessage[] }
  | { op: 'edit'; roomKey: RoomKey; edit: MessageEdit }
  | { op: 'delete'; roomKey: RoomKey; id: string }
  /** A whole fetched history: stored, and what the server no longer has dropped. */
  | { op: 'replace'; roomKey: RoomKey; messages: StoredMessage[] }
  | { op: 'read-mark'; roomKey: RoomKey; mark: ReadMark }
  | { op: 'draft'; roomKey: RoomKey; body: string }
  /** Folds the WAL into the file (PASSIVE: never waits for readers or writers). */
  | { op: 'checkpoint' }

export interface BackgroundWriter {
  /** Hands writes over, to be applied in order; returns at once. */
  write(ops: readonly BackgroundOp[]): void
  /**
   * Returns once everything handed over is committed, for reads that must see it (an older
   * page, a message by id). Bounded: a writer that does not answer is reported, never waited
   * for without end.
   */
  settle(): void
  /** Applies what is queued and stops; later writes go to the caller's connection. */
  close(): void
}

/** What the ops are applied to: one connection's repositories. */
export interface OpTarget {
  db: SqlDb
  history: Pick<HistoryRepo, 'upsertMany' | 'applyEdit' | 'applyDelete' | 'replaceAll'>
  readMarks: Pick<ReadMarksRepo, 'set'>
  drafts: Pick<DraftsRepo, 'set'>
}

/** Applies one op; throws what SQLite throws (the caller reports it and goes on). */
export function applyOp(target: OpTarget, op: BackgroundOp): void {
  switch (op.op) {
    case 'upsert':
      return target.history.upsertMany(op.roomKey, op.messages)
    case 'edit':
      return void target.history.applyEdit(op.roomKey, op.edit)
    case 'delete':
      return void target.history.applyDelete(op.roomKey, op.id)
    case 'replace':
      return target.history.replaceAll(op.roomKey, op.messages)
    case 'read-mark':
      return target.readMarks.set(op.roomKey, op.mark)
    case 'draft':
      return target.drafts.set(op.roomKey, op.body)
    case 'checkpoint':
      return target.db.exec('PRAGMA wal_checkpoint(PASSIVE)')
  }
}

/** The name an op's failure is reported under (like the store's other operations). */
export function operationOf(op: BackgroundOp): string {
  switch (op.op) {
    case 'upsert':
      return 'history.upsertMany'
    case 'edit':
      return 'history.applyEdit'
    case 'delete':
      return 'history.applyDelete'
    case 'replace':
      return 'history.replaceAll'
    case 'read-mark':
      return 'readMarks.set'
    case 'draft':
      return 'drafts.set'
    case 'checkpoint':
      return 'checkpoint'
  }
}

/** Applies each op, reporting (not throwing) the ones that fail. */
export function applyOps(
  target: OpTarget,
  ops: readonly BackgroundOp[],
  report: (operation: string, error: unknown) => void,
): void {
  for (const op of ops) {
    try {
      applyOp(target, op)
    } catch (error) {
      report(operationOf(op), error)
    }
  }
}

/** Writes at once on the caller's connection (in-memory stores, tests, no writer thread). */
export function inlineWriter(
  target: OpTarget,
  report: (operation: string, error: unknown) => void,
  isOpen: () => boolean,
): BackgroundWriter {
  return {
    write: (ops) => {
      if (isOpen()) applyOps(target, ops, report)
    },
    settle: () => undefined,
    close: () => undefined,
  }
}
