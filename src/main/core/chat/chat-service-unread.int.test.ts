/**
 * Unread and mentions through the real chat service on a real store against the real local
 * server: the read mark survives a restart, so what others wrote while the app was closed is
 * counted (with the mentions of the user) and the room opens at a "New messages" divider.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../shared/ipc-contract'
import { demoUsers } from '../../../../server/test-support'
import { openAccountStore } from '../store/account-store'
import { openOrThrow } from '../store/store-fixtures'
import type { TestClient } from '../test-support/chat-harness'
import { createTestClient, signedInClient } from '../test-support/chat-harness'
import { serverWorld } from '../test-support/server-world'

const GENERAL = 'alice/general'
const { alice, bob } = demoUsers

const world = serverWorld()
const { clients, track, profile } = world

/** Alice's app on the profile `dir`, signed in, with no room opened yet. */
async function aliceApp(dir: string): Promise<TestClient> {
  const c = track(
    createTestClient(world.server.url, {
      openStore: (account) => openAccountStore({ dir, ...account }),
    }),
  )
  await c.service.signIn({ server: world.server.url, email: alice.email, password: alice.password })
  return c
}

async function quit(c: TestClient): Promise<void> {
  await c.dispose()
  clients.splice(clients.indexOf(c), 1)
}

const trayRoom = (c: TestClient) => c.service.trayState().rooms.find((r) => r.key === GENERAL)

function lastReset(events: ChatEvent[]) {
  const resets = events.filter((e) => e.kind === 'messages-reset' && e.roomKey === GENERAL)
  const last = resets.at(-1)
  return last?.kind === 'messages-reset' ? last : undefined
}

describe('read marks across restarts', () => {
  it('counts what came while the app was closed, with mentions, and opens at the first of it', async () => {
    const dir = profile()
    const first = await aliceApp(dir)
    // The first sight of the room: everything in it counts as read.
    await first.waitFor(() => first.connection(GENERAL) === 'connected', 'connected')
    await first.service.openRoom(GENERAL)
    expect(trayRoom(first)).toMatchObject({ unread: 0, mentions: 0 })
    await quit(first)
    const saved = openOrThrow({ dir, origin: world.server.url, username: 'alice' }).store
    const mark = saved.readMarks.get(GENERAL)
    saved.close()
    expect(mark).not.toBeNull()

    const other = track(await signedInClient(world.server.url, bob.email, bob.password, GENERAL))
    const tag = randomUUID()
    const plain = `while you were away ${tag}`
    const mention = `@alice can you check this? ${tag}`
    await other.service.sendMessage(GENERAL, plain)
    await other.service.sendMessage(GENERAL, mention)
    await other.waitFor(
      () => other.messages(GENERAL).filter((m) => m.status === 'confirmed' && m.body.includes(tag)),
      'bob sent both',
    )

    const second = await aliceApp(dir)
    await second.waitFor(
      () => trayRoom(second)?.unread === 2 && trayRoom(second)?.mentions === 1,
      'two unread, one mention',
    )
    expect(second.service.trayState()).toMatchObject({ unreadTotal: 2, mentionTotal: 1 })
    const summary = (await second.service.listRooms()).find((r) => r.key === GENERAL)
    expect(summary).toMatchObject({ unread: 2, mentions: 1 })
    // What came while the app was closed arrives with the history: counted, not notified.
    expect(second.notified.some((n) => n.kind === 'message')).toBe(false)

    await second.service.openRoom(GENERAL)
    const reset = await second.waitFor(() => lastReset(second.events), 'the history')
    const firstUnread = reset.messages.find((m) => m.id === reset.firstUnreadId)
    expect(firstUnread?.body).toBe(plain)
    // Opened in a focused window: read.
    expect(trayRoom(second)).toMatchObject({ unread: 0, mentions: 0 })
    await quit(second)

    const third = await aliceApp(dir)
    await third.waitFor(() => third.connection(GENERAL) === 'connected', 'connected')
    await third.service.openRoom(GENERAL)
    const again = await third.waitFor(() => lastReset(third.events), 'the history again')
    expect(again.firstUnreadId).toBeNull()
    expect(trayRoom(third)).toMatchObject({ unread: 0 })
  })

  it('a live mention counts while the room is not in view, and notifies with the mention setting', async () => {
    const dir = profile()
    const app = await aliceApp(dir)
    await app.service.updateSettings({ messageNotifications: false })
    await app.waitFor(() => app.connection(GENERAL) === 'connected', 'connected')
    await app.service.openRoom(GENERAL)
    app.service.setWindowFocused(false)
    const other = track(await signedInClient(world.server.url, bob.email, bob.password, GENERAL))
    const body = `@Alice ping ${randomUUID()}`
    await other.service.sendMessage(GENERAL, body)
    await app.waitFor(() => trayRoom(app)?.mentions === 1, 'the mention counted')
    const notice = await app.waitFor(
      () => app.notified.find((n) => n.kind === 'message' && n.body === body),
      'the notifier asked',
    )
    expect(notice.chat).toMatchObject({ messageNotifications: false, mentionNotifications: true })
    app.service.setWindowFocused(true)
    expect(trayRoom(app)).toMatchObject({ unread: 0, mentions: 0 })
  })
})
