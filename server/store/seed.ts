/** The demo data of docs/protocol.md §5, created once on first start of a data directory. */
import { randomUUID } from 'node:crypto'
import type { Store } from './db'
import type { PasswordHasher } from '../auth/passwords'

/** Password of every demo account. */
export const DEMO_PASSWORD = 'pass-1234'

/** The demo accounts (docs/protocol.md §5). */
export const demoUsers = {
  alice: { email: 'alice@example.com', password: DEMO_PASSWORD, username: 'alice', name: 'Alice' },
  bob: { email: 'bob@example.com', password: DEMO_PASSWORD, username: 'bob', name: 'Bob' },
  carol: { email: 'carol@example.com', password: DEMO_PASSWORD, username: 'carol', name: 'Carol' },
} as const

const SEEDED = 'seeded'

/** True when this database holds the demo data (created now or by an earlier start). */
export function hasDemoData(store: Store): boolean {
  return store.getMeta(SEEDED) !== undefined
}

/** Creates the demo data unless this database was seeded before. Returns true when it seeded. */
export async function seedDemoData(
  store: Store,
  micros: () => number,
  passwords: PasswordHasher,
): Promise<boolean> {
  if (store.getMeta(SEEDED)) return false
  const hashes = await Promise.all(Object.values(demoUsers).map((u) => passwords.hash(u.password)))
  store.db.transaction(() => {
    const user = (u: (typeof demoUsers)[keyof typeof demoUsers], hash: string) =>
      store.insertUser({
        id: randomUUID(),
        email: u.email,
        username: u.username,
        name: u.name,
        password: hash,
        avatar: u.username === 'bob' ? 'avatars/bob.png' : '',
      })
    const alice = user(demoUsers.alice, hashes[0]!)
    const bob = user(demoUsers.bob, hashes[1]!)
    const carol = user(demoUsers.carol, hashes[2]!)
    const math = store.ensureTopic('Math')
    const science = store.ensureTopic('Science')
    const room = (host: string, topic: number, name: string, slug: string, description: string) => {
      const t = micros()
      return store.insertRoom({
        id: randomUUID(),
        host_id: host,
        topic_id: topic,
        name,
        slug,
        description,
        created: t,
        updated: t,
      })
    }
    const general = room(alice.id, math.id, 'General', 'general', 'Everyday talk about the course.')
    store.addParticipant(general.id, alice.id)
    store.addParticipant(general.id, bob.id)
    const lines: [string, string][] = [
      [alice.id, 'Welcome to General! Say hi 👋'],
      [bob.id, 'Hi Alice! Ready for the algebra quiz?'],
      [alice.id, 'Almost: quadratics are next on my list.'],
    ]
    for (const [user, body] of lines) {
      const t = micros()
      store.insertMessage({
        id: randomUUID(),
        room_id: general.id,
        user_id: user,
        body,
        created: t,
        updated: t,
      })
    }
    const priv = room(bob.id, math.id, 'Private', 'private', "Bob's notes to self.")
    store.addParticipant(priv.id, bob.id)
    // Extra demo room (allowed by §5): one alice is not in, for "browse & join".
    const study = room(carol.id, science.id, 'Study Hall', 'study-hall', 'Quiet study group.')
    store.addParticipant(study.id, carol.id)
    store.setMeta(SEEDED, '1')
  })()
  return true
}
