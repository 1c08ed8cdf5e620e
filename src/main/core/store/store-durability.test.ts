/**
 * The durability policy, observed on the statements the store sends: outbox puts and in-flight
 * marks commit with synchronous=FULL (fsync before returning), everything else does not.
 */
import { describe, expect, it } from 'vitest'
import { createHistoryRepo } from './history-repo'
import { createOutboxRepo } from './outbox-repo'
import { prepareSchema } from './schema'
import type { SqlDb } from './sqlite'
import { openSqlite } from './sqlite'
import { messages } from './store-fixtures'

function recorded(): { db: SqlDb; log: string[] } {
  const inner = openSqlite(':memory:')
  const log: string[] = []
  const db: SqlDb = {
    exec(sql) {
      log.push(sql)
      inner.exec(sql)
    },
    prepare: (sql) => inner.prepare(sql),
    close: () => inner.close(),
  }
  prepareSchema(db, false)
  log.length = 0
  return { db, log }
}

describe('durability per write', () => {
  it('put and markInFlight commit under synchronous=FULL, then go back to NORMAL', () => {
    const { db, log } = recorded()
    const outbox = createOutboxRepo(db)
    const entry = {
      clientId: 'c1',
      roomKey: 'a/b',
      kind: 'text' as const,
      body: 'x',
      messageId: null,
      created: 1,
    }
    const durable = [
      'PRAGMA synchronous = FULL',
      'BEGIN IMMEDIATE',
      'COMMIT',
      'PRAGMA synchronous = NORMAL',
    ]
    outbox.put(entry)
    expect(log.splice(0)).toEqual(durable)
    outbox.markInFlight('c1', 5)
    expect(log.splice(0)).toEqual(durable)
    outbox.markQueued('c1')
    outbox.markFailed('c1', 'no')
    outbox.remove('c1')
    expect(log.splice(0)).toEqual([])
  })

  it('history writes commit without forcing a sync', () => {
    const { db, log } = recorded()
    const history = createHistoryRepo(db)
    log.length = 0
    history.upsertMany('a/b', messages(0, 3))
    history.replaceAll('a/b', messages(0, 2))
    expect(log).toEqual(['BEGIN IMMEDIATE', 'COMMIT', 'BEGIN IMMEDIATE', 'COMMIT'])
  })

  it('a failing write rolls back and still restores NORMAL', () => {
    const { db, log } = recorded()
    const outbox = createOutboxRepo(db)
    const bad = {
      clientId: 'c1',
      roomKey: 'a/b',
      kind: 'nonsense' as 'text',
      body: 'x',
      messageId: null,
      created: 1,
    }
    expect(() => outbox.put(bad)).toThrow(/CHECK constraint/)
    expect(log).toEqual([
      'PRAGMA synchronous = FULL',
      'BEGIN IMMEDIATE',
      'ROLLBACK',
      'PRAGMA synchronous = NORMAL',
    ])
  })
})
