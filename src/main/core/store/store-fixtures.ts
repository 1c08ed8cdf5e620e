/** Test and benchmark data for the store: messages and rooms in their wire shapes. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Room } from '../../../shared/graphql-shapes'
import { toPythonIsoformat } from '../../../../server/python-format'
import type { AccountStore, OpenStoreOptions } from './account-store'
import { openAccountStore } from './account-store'
import type { StoreNotice, StoredMessage } from './store-types'

const BASE_US = Date.UTC(2026, 0, 1) * 1000

/** An ISO timestamp the way the server writes it (Python isoformat of epoch microseconds). */
export const isoAt = toPythonIsoformat

/** The i-th message of a room: one per second, ids that sort differently from their times. */
export function messageAt(
  i: number,
  options: { user?: string; body?: string } = {},
): StoredMessage {
  const user = options.user ?? (i % 3 === 0 ? 'alice' : 'bob')
  const hex = ((i * 2654435761) % 2 ** 32).toString(16).padStart(8, '0')
  return {
    id: `${hex}-0000-4000-8000-${String(i).padStart(12, '0')}`,
    user: { id: user === 'alice' ? '1' : '2', username: user, avatar: null },
    body: options.body ?? `message ${i}`,
    edited: false,
    created: isoAt(BASE_US + i * 1_000_000),
    updated: isoAt(BASE_US + i * 1_000_000),
    clientId: null,
  }
}

export function messages(from: number, count: number): StoredMessage[] {
  return Array.from({ length: count }, (_, k) => messageAt(from + k))
}

export function roomFixture(slug: string, host = 'alice'): Room {
  return {
    id: String(slug.length * 7919),
    name: `Room ${slug}`,
    slug,
    description: null,
    created: '2026-01-01T00:00:00+00:00',
    topic: { name: 'Maths' },
    host: { username: host },
    participants: [{ id: '1', username: 'alice' }],
  }
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'edusphere-store-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** Opens a store where the engine must load (tests, benchmark): no engine is a failure here. */
export function openOrThrow(options: OpenStoreOptions): {
  store: AccountStore
  notice: StoreNotice | null
} {
  const opened = openAccountStore(options)
  if (opened.store === null) throw new Error(opened.notice.reason)
  return { store: opened.store, notice: opened.notice }
}
