/**
 * Child process of the store crash test: writes outbox entries (and history batches between them)
 * as fast as it can, printing the sequence number of each entry once `put` has returned, until it
 * is killed. `node --import tsx store-crash-child.ts <dir> <first-seq>`.
 */
import { messages, openOrThrow } from './store-fixtures'

const [dir, firstArg] = process.argv.slice(2)
if (!dir || !firstArg) throw new Error('usage: store-crash-child.ts <dir> <first-seq>')
const { store, notice } = openOrThrow({
  dir,
  origin: 'http://127.0.0.1:8000',
  username: 'crash',
})
if (notice) process.stdout.write(`notice ${JSON.stringify(notice)}\n`)

const room = 'crash/room'
for (let seq = Number(firstArg); ; seq++) {
  const ok = store.outbox.put({
    clientId: `entry-${seq}`,
    roomKey: room,
    kind: 'text',
    body: `message ${seq}`,
    messageId: null,
    created: seq,
  })
  if (!ok) throw new Error(`put ${seq} was not written`)
  process.stdout.write(`acked ${seq}\n`)
  // Other writes in between, so a kill also lands in history batches and state changes.
  if (seq % 2 === 0) store.outbox.markInFlight(`entry-${seq}`, seq)
  if (seq % 5 === 0) store.history.upsertMany(room, messages(seq * 10, 10))
}
