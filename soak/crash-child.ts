/**
 * Child process of the crash soak: the real chat service on a real local store (in `--dir`)
 * against a running server. It signs in, opens the room and then either
 * - `burst`: sends `--count` tagged texts as fast as the service takes them, printing
 *   `accepted <tag>` once sendMessage has returned (the entry is on disk by then), until killed;
 * - `drain`: waits until nothing of its own is pending any more (what was queued is sent, what
 *   was in flight is resolved), prints `drained <confirmed> <failed>` and exits cleanly.
 *
 * `node --import tsx soak/crash-child.ts <burst|drain> --server URL --dir DIR --room KEY
 *   --email E --password P [--prefix P --count N]`
 */
import { parseArgs } from 'node:util'
import type { ChatMessage } from '../src/shared/ipc-contract'
import { createChatService } from '../src/main/core/chat/chat-service'
import { createWsSocket } from '../src/main/core/chat/connection/ws-factory'
import { systemClock } from '../src/main/core/clock'
import { createMemorySecretStore } from '../src/main/core/session/secret-store'
import { openAccountStore } from '../src/main/core/store/account-store'
import { SOURCE_WRITER_ENTRY } from '../src/main/core/test-support/writer-entry'
import { SOAK_POLICY } from './soak-core'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    server: { type: 'string' },
    dir: { type: 'string' },
    room: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    prefix: { type: 'string', default: 'crash' },
    count: { type: 'string', default: '40' },
  },
})
const mode = positionals[0]
const { server, dir, room, email, password } = values
if ((mode !== 'burst' && mode !== 'drain') || !server || !dir || !room || !email || !password)
  throw new Error('usage: crash-child.ts <burst|drain> --server --dir --room --email --password')

const say = (line: string): void => void process.stdout.write(`${line}\n`)
const shown = new Map<string, ChatMessage>()
let reset = false

const service = createChatService({
  secretStore: createMemorySecretStore(),
  keychainUnavailableReason: 'the crash soak keeps its token in memory',
  notifier: { error: () => undefined, message: () => undefined },
  createWebSocket: createWsSocket,
  clock: systemClock,
  policy: SOAK_POLICY,
  openStore: (account) => openAccountStore({ dir, ...account, writerEntry: SOURCE_WRITER_ENTRY }),
})
service.onEvents((events) => {
  for (const e of events) {
    if (e.kind === 'error') say(`error ${e.message}`)
    if (e.kind === 'messages-reset' && e.roomKey === room) {
      reset = true
      shown.clear()
      for (const m of e.messages) shown.set(m.id, m)
    } else if (e.kind === 'message-upserted' && e.roomKey === room) {
      if (e.replaces !== null) shown.delete(e.replaces)
      shown.set(e.message.id, e.message)
    } else if (e.kind === 'message-removed' && e.roomKey === room) shown.delete(e.id)
  }
})

async function main(): Promise<void> {
  await service.signIn({ server: server!, email: email!, password: password! })
  await service.openRoom(room!)
  if (mode === 'burst') await burst()
  else await drain()
}

async function burst(): Promise<void> {
  say('ready')
  const count = Number(values.count)
  for (let n = 0; n < count; n++) {
    const tag = `[crash ${values.prefix} #${n}]`
    await service.sendMessage(room!, `${tag} burst text`)
    say(`accepted ${tag}`)
    // A short pause lets frames go out and echoes come back while the burst goes on, so the
    // kill lands among queued, in-flight and echoed entries alike.
    await new Promise((resolve) => setTimeout(resolve, 3))
  }
  say('burst-done')
  // Stay alive (the parent kills this process): the point is an unclean end.
  setInterval(() => undefined, 1000)
}

async function drain(): Promise<void> {
  const own = (): ChatMessage[] => [...shown.values()].filter((m) => m.own)
  const deadline = Date.now() + 60_000
  while (!reset || own().some((m) => m.status === 'pending')) {
    if (Date.now() > deadline) throw new Error('the outbox did not drain within 60 s')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const failed = own().filter((m) => m.status === 'failed').length
  say(`drained ${own().filter((m) => m.status === 'confirmed').length} ${failed}`)
  await service.dispose()
  process.exit(0)
}

void main()
