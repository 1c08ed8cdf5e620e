/** Writes old messages straight into the local server's database (the server must be stopped). */
import { randomUUID } from 'node:crypto'
import { openDatabase, Store } from '../../../../server/store/db'

/**
 * `count` messages in `host/slug`, alternating alice and bob, one second apart and older than
 * the demo lines, so the history stays in order; bodies are `${prefix} ${i}`.
 */
export function seedHistory(
  dir: string,
  count: number,
  { host = 'alice', slug = 'general', prefix = 'history line' } = {},
): void {
  const db = openDatabase(dir)
  try {
    const store = new Store(db)
    const room = store.roomByHostSlug(host, slug)
    const authors = ['alice', 'bob'].map((u) => store.userByUsername(u))
    if (!room || !authors[0] || !authors[1]) throw new Error('the demo data is missing')
    const start = (Date.now() - (count + 60) * 1000) * 1000
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const t = start + i * 1_000_000
        const author = authors[i % 2]!
        store.insertMessage({
          id: randomUUID(),
          room_id: room.id,
          user_id: author.id,
          body: `${prefix} ${i}`,
          created: t,
          updated: t,
        })
      }
    })()
  } finally {
    db.close()
  }
}
