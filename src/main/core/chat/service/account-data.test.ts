/**
 * The account's data on a real store across a restart: what one run leaves in the store is what
 * the next run shows.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../../shared/ipc-contract'
import { unconfirmedText } from '../../../../shared/user-text'
import { openAccountStore } from '../../store/account-store'
import { tempDir } from '../../store/store-fixtures'
import { BASE, recordingTimeline, ROOM, row, T0 } from '../../test-support/chat-fixtures'
import { FakeClock } from '../../test-support/fake-clock'
import { AccountData, DRAFT_SAVE_MS } from './account-data'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

/** A profile folder; each `run()` is one app run on it (its AccountData, opened and closed). */
function profile() {
  const { dir, cleanup } = tempDir('edusphere-account-data-')
  cleanups.push(cleanup)
  const clock = new FakeClock()
  return {
    clock,
    run() {
      const notices: ChatEvent[] = []
      const data = new AccountData({
        clock,
        emit: (e) => notices.push(e),
        open: (account) => openAccountStore({ dir, ...account }),
      })
      data.open(BASE, 'alice')
      cleanups.unshift(() => data.close())
      return { data, notices }
    },
  }
}

describe('an unconfirmed text across a restart', () => {
  it('comes back unconfirmed (Send again / Discard), not as a plain failure', () => {
    const p = profile()
    const first = p.run()
    const persistence = first.data.forRoom(ROOM)!
    const t = recordingTimeline({ journal: persistence.journal })
    const mine = randomUUID()
    const bobs = randomUUID()
    t.timeline.applyHistory([row(mine, 'my old text'), row(bobs, 'bob says hi', 'bob')])
    const clientId = t.timeline.send('sent while my phone was busy')
    t.flush()
    t.timeline.outbox.connectionLost()
    // The history after the reconnect: my phone edited my old message, the text is not there.
    t.timeline.applyHistory([
      row(mine, 'edited on my phone', 'alice', T0 + 1000, true),
      row(bobs, 'bob says hi', 'bob'),
    ])
    expect(t.timeline.messages.localById(clientId)?.status).toBe('unconfirmed')
    first.data.close()

    const second = p.run()
    const restored = second.data.forRoom(ROOM)!
    const next = recordingTimeline({ journal: restored.journal })
    next.timeline.restore(restored.window(300).messages, restored.outbox())
    expect(next.timeline.messages.localById(clientId)).toMatchObject({
      status: 'unconfirmed',
      error: unconfirmedText(),
      body: 'sent while my phone was busy',
    })
    // Neither resent on its own nor lost: it waits for the user, who can still send it again.
    expect(next.timeline.outbox.queued()).toEqual([])
    next.timeline.retry(clientId)
    expect(next.timeline.outbox.queued().map((e) => e.clientId)).toEqual([clientId])
    expect(second.notices).toEqual([])
  })
})

describe('drafts', () => {
  it('are written once typing pauses, kept across a restart, and cleared by an empty text', () => {
    const p = profile()
    const first = p.run()
    first.data.saveDraft(ROOM, 'h')
    first.data.saveDraft(ROOM, 'half a th')
    first.data.saveDraft(ROOM, 'half a thought')
    expect(first.data.draftOf(ROOM)).toBe('half a thought')
    expect(first.data.current?.drafts.get(ROOM)).toBe('')
    p.clock.advance(DRAFT_SAVE_MS)
    expect(first.data.current?.drafts.get(ROOM)).toBe('half a thought')
    // Quitting while typing keeps the last text too.
    first.data.saveDraft('alice/maths', 'unsaved when the app quit')
    first.data.close()

    const second = p.run()
    expect(second.data.draftOf(ROOM)).toBe('half a thought')
    expect(second.data.draftOf('alice/maths')).toBe('unsaved when the app quit')
    second.data.saveDraft(ROOM, '')
    p.clock.advance(DRAFT_SAVE_MS)
    second.data.close()
    expect(p.run().data.draftOf(ROOM)).toBe('')
  })

  it('go with the account at sign-out', () => {
    const p = profile()
    const first = p.run()
    first.data.saveDraft(ROOM, 'secret plans')
    first.data.destroy()
    expect(first.data.draftOf(ROOM)).toBe('')
    expect(p.run().data.draftOf(ROOM)).toBe('')
  })
})
