import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ChatEvent, ChatMessage } from '../../../shared/ipc-contract'
import { ServerErrorText } from '../../../shared/frames'
import { unconfirmedText } from '../../../shared/user-text'
import {
  deleteFrame,
  newFrame,
  recordingTimeline,
  ROOM,
  row,
  T0,
  updateFrame,
} from '../test-support/chat-fixtures'

function upserts(events: ChatEvent[]) {
  return events.filter((e) => e.kind === 'message-upserted')
}
function lastMessage(events: ChatEvent[]): ChatMessage {
  const e = upserts(events).at(-1)
  if (!e) throw new Error('no upsert')
  return e.message
}

/** A timeline with one confirmed message of each author, loaded from history. */
function loaded(opts: { active?: boolean } = {}) {
  const t = recordingTimeline(opts)
  const mine = randomUUID()
  const bobs = randomUUID()
  t.timeline.applyHistory([row(mine, 'my old text'), row(bobs, 'bob says hi', 'bob')])
  t.take()
  return { ...t, mine, bobs }
}

describe('RoomTimeline sending and echo correlation', () => {
  it('shows a pending message at once and confirms it with our own echo', () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('hello')
    expect(lastMessage(t.take())).toMatchObject({
      id: clientId,
      clientId,
      status: 'pending',
      own: true,
    })
    t.flush()
    const echo = newFrame('hello')
    t.timeline.applyFrame(echo)
    const [event] = t.take()
    expect(event).toMatchObject({ kind: 'message-upserted', replaces: clientId })
    expect(lastMessage([event!])).toMatchObject({
      id: echo.id,
      clientId,
      status: 'confirmed',
      own: true,
    })
    expect(t.timeline.outbox.size).toBe(0)
    expect(t.timeline.messages.list().map((m) => m.id)).toEqual([echo.id])
  })

  it('matches identical bodies in FIFO order', () => {
    const t = recordingTimeline()
    const first = t.timeline.send('same')
    const second = t.timeline.send('same')
    t.flush()
    t.take()
    const a = newFrame('same')
    const b = newFrame('same')
    t.timeline.applyFrame(a)
    t.timeline.applyFrame(b)
    const replaced = upserts(t.take()).map((e) => [e.replaces, e.message.id])
    expect(replaced).toEqual([
      [first, a.id],
      [second, b.id],
    ])
  })

  it("never confirms a pending text with someone else's identical message", () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('hi')
    t.flush()
    t.timeline.applyFrame(newFrame('hi', 'bob'))
    expect(t.timeline.messages.localById(clientId)?.status).toBe('pending')
    expect(t.timeline.unread).toBe(1)
    expect(t.fromOthers).toEqual([{ author: 'bob', body: 'hi' }])
  })

  it('does not match a text that was never sent (still queued)', () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('queued')
    t.timeline.applyFrame(newFrame('queued')) // from another device of ours
    expect(t.timeline.messages.localById(clientId)?.status).toBe('pending')
    expect(t.timeline.outbox.queued()).toHaveLength(1)
  })

  it('adds our own messages from another device as confirmed, without unread', () => {
    const t = recordingTimeline()
    t.timeline.applyFrame(newFrame('from my phone'))
    expect(lastMessage(t.take())).toMatchObject({ own: true, clientId: null })
    expect(t.timeline.unread).toBe(0)
    expect(t.fromOthers).toEqual([])
  })

  it('counts unread only while the room is not active, and a duplicate frame once', () => {
    const t = recordingTimeline()
    const frame = newFrame('one', 'bob')
    t.timeline.applyFrame(frame)
    t.timeline.applyFrame(frame)
    expect(t.timeline.unread).toBe(1)
    expect(t.timeline.messages.confirmedCount).toBe(1)
    t.timeline.markRead()
    t.state.active = true
    t.timeline.applyFrame(newFrame('two', 'bob'))
    expect(t.timeline.unread).toBe(0)
  })

  it("rejects invalid bodies with the server's own text and sends nothing", () => {
    const t = recordingTimeline()
    expect(() => t.timeline.send('')).toThrow(ServerErrorText.tooLong)
    expect(() => t.timeline.send('x'.repeat(501))).toThrow(ServerErrorText.tooLong)
    expect(t.timeline.send('😀'.repeat(500))).toMatch(/^local-/) // 500 code points is fine
    expect(t.timeline.outbox.size).toBe(1)
  })

  it('refuses to send while signed out', () => {
    const t = recordingTimeline({ me: null })
    expect(() => t.timeline.send('hi')).toThrow(/Sign in/)
  })
})

describe('RoomTimeline error attribution', () => {
  it('"exceeds" fails the in-flight text, which keeps its body and can be retried or discarded', () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('keep me')
    t.flush()
    t.timeline.applyFrame({ error: ServerErrorText.tooLong })
    expect(t.serverErrors).toEqual([ServerErrorText.tooLong])
    expect(t.timeline.messages.localById(clientId)).toMatchObject({
      status: 'failed',
      error: ServerErrorText.tooLong,
      body: 'keep me',
    })
    t.timeline.retry(clientId)
    expect(t.timeline.messages.localById(clientId)).toMatchObject({
      status: 'pending',
      error: null,
    })
    expect(t.timeline.outbox.queued()).toHaveLength(1)
    t.timeline.discard(clientId)
    expect(t.timeline.messages.localById(clientId)).toBeUndefined()
    expect(t.take().at(-1)).toEqual({ kind: 'message-removed', roomKey: ROOM, id: clientId })
  })

  it('heals a misattributed "exceeds" when the text\'s echo arrives after all', () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('fine')
    t.flush()
    t.timeline.applyFrame({ error: ServerErrorText.tooLong })
    t.timeline.applyFrame(newFrame('fine'))
    expect(t.timeline.messages.localById(clientId)).toBeUndefined()
    expect(t.timeline.outbox.size).toBe(0)
  })

  it('"Message not found." goes to the in-flight edit, not an earlier text (out-of-order broadcast)', () => {
    const t = loaded()
    const text = t.timeline.send('request N')
    t.timeline.edit(t.mine, 'request N+1')
    t.flush()
    // The error of N+1 overtakes the broadcast of N.
    t.timeline.applyFrame({ error: ServerErrorText.notFound })
    expect(t.timeline.messages.confirmedById(t.mine)?.pendingAction).toBeNull()
    expect(t.timeline.messages.localById(text)?.status).toBe('pending')
    t.timeline.applyFrame(newFrame('request N'))
    expect(t.timeline.messages.localById(text)).toBeUndefined()
    expect(t.timeline.outbox.size).toBe(0)
  })

  it('"Message not found." prefers an edit/delete whose target the room does not know', () => {
    const t = loaded()
    const gone = randomUUID()
    t.timeline.edit(t.mine, 'edit of a known message')
    t.timeline.outbox.add({ kind: 'delete', clientId: 'x', messageId: gone })
    t.flush()
    t.timeline.applyFrame({ error: ServerErrorText.notFound })
    expect(t.timeline.outbox.entries().map((e) => e.kind)).toEqual(['edit'])
  })

  it('"You can only edit your own messages." reverts the in-flight edit', () => {
    const t = loaded()
    t.timeline.edit(t.mine, 'new body')
    t.flush()
    expect(t.timeline.messages.confirmedById(t.mine)?.pendingAction).toBe('edit')
    t.timeline.applyFrame({ error: ServerErrorText.notYourEdit })
    expect(t.timeline.messages.confirmedById(t.mine)).toMatchObject({
      pendingAction: null,
      body: 'my old text',
    })
    expect(t.serverErrors).toEqual([ServerErrorText.notYourEdit])
    expect(t.timeline.outbox.size).toBe(0)
  })

  it('"You can only delete your own messages." reverts the in-flight delete, not an edit', () => {
    const t = loaded()
    const other = randomUUID()
    t.timeline.applyHistory([row(t.mine, 'my old text'), row(other, 'second of mine')])
    t.timeline.edit(t.mine, 'edited')
    t.timeline.delete(other)
    t.flush()
    t.timeline.applyFrame({ error: ServerErrorText.notYourDelete })
    expect(t.timeline.outbox.entries().map((e) => e.kind)).toEqual(['edit'])
    expect(t.timeline.messages.confirmedById(other)?.pendingAction).toBeNull()
    expect(t.timeline.messages.confirmedById(t.mine)?.pendingAction).toBe('edit')
  })

  it('reports an unknown error text without failing anything', () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('hi')
    t.flush()
    t.timeline.applyFrame({ error: 'Something new the server says.' })
    expect(t.serverErrors).toEqual(['Something new the server says.'])
    expect(t.timeline.messages.localById(clientId)?.status).toBe('pending')
  })

  it('an error with nothing in flight fails nothing (a queued text is not blamed)', () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('queued only')
    t.timeline.applyFrame({ error: ServerErrorText.tooLong })
    expect(t.timeline.messages.localById(clientId)?.status).toBe('pending')
  })
})

describe('RoomTimeline edits and deletes', () => {
  it('marks an edit pending and applies our echo, comparing ids case-insensitively', () => {
    const t = loaded()
    t.timeline.edit(t.mine.toUpperCase(), 'better text')
    expect(lastMessage(t.take())).toMatchObject({
      id: t.mine,
      pendingAction: 'edit',
      body: 'my old text',
    })
    t.flush()
    t.timeline.applyFrame(updateFrame(t.mine.toUpperCase(), 'better text'))
    expect(lastMessage(t.take())).toMatchObject({
      id: t.mine,
      body: 'better text',
      edited: true,
      pendingAction: null,
    })
    expect(t.timeline.outbox.size).toBe(0)
  })

  it('deletes on our echo and emits message-removed with the stored id', () => {
    const t = loaded()
    t.timeline.delete(t.mine)
    expect(lastMessage(t.take()).pendingAction).toBe('delete')
    t.flush()
    t.timeline.applyFrame(deleteFrame(t.mine.toUpperCase()))
    expect(t.take()).toEqual([{ kind: 'message-removed', roomKey: ROOM, id: t.mine }])
    expect(t.timeline.outbox.size).toBe(0)
  })

  it('a delete that overtakes a queued edit drops the edit with a clear error', () => {
    const t = loaded()
    t.timeline.edit(t.mine, 'too late')
    t.timeline.applyFrame(deleteFrame(t.mine)) // deleted from another device
    expect(t.timeline.outbox.size).toBe(0)
    expect(t.take()).toContainEqual(
      expect.objectContaining({
        kind: 'error',
        message: expect.stringMatching(/deleted before your edit/),
      }),
    )
  })

  it('a repeated new frame keeps the pending edit mark', () => {
    const t = loaded()
    t.timeline.edit(t.mine, 'v2')
    const again = newFrame('my old text', 'alice', { id: t.mine })
    t.timeline.applyFrame(again)
    expect(t.timeline.messages.confirmedById(t.mine)?.pendingAction).toBe('edit')
    expect(t.timeline.messages.confirmedCount).toBe(2)
  })

  it('validates the target before anything is queued', () => {
    const t = loaded()
    const pending = t.timeline.send('not yet delivered')
    expect(() => t.timeline.edit(pending, 'x')).toThrow(/not been delivered/)
    expect(() => t.timeline.edit('42', 'x')).toThrow(/not a message id/)
    expect(() => t.timeline.edit(randomUUID(), 'x')).toThrow(ServerErrorText.notFound)
    expect(() => t.timeline.edit(t.bobs, 'x')).toThrow(ServerErrorText.notYourEdit)
    expect(() => t.timeline.delete(t.bobs)).toThrow(ServerErrorText.notYourDelete)
    expect(() => t.timeline.edit(t.mine, '')).toThrow(ServerErrorText.tooLong)
    t.timeline.delete(t.mine)
    expect(() => t.timeline.edit(t.mine, 'x')).toThrow(/already being deleted/)
    expect(t.timeline.outbox.entries().map((e) => e.kind)).toEqual(['text', 'delete'])
  })

  it('retry and discard refuse what they cannot act on', () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('in flight')
    t.flush()
    expect(() => t.timeline.retry(clientId)).toThrow(/no failed message/)
    expect(() => t.timeline.discard(clientId)).toThrow(/on its way/)
    expect(() => t.timeline.discard('local-404')).toThrow(/no unsent message/)
  })
})

describe('RoomTimeline unknown fates after a reconnect', () => {
  function lost(body: string) {
    const t = loaded()
    const clientId = t.timeline.send(body)
    t.flush()
    t.timeline.outbox.connectionLost()
    t.take()
    return { ...t, clientId }
  }

  it('confirms a text the history shows, without doubling it', () => {
    const t = lost('did it arrive?')
    const id = randomUUID()
    t.timeline.applyHistory([
      row(t.mine, 'my old text'),
      row(t.bobs, 'bob says hi', 'bob'),
      row(id, 'did it arrive?', 'alice', T0 + 2000),
    ])
    expect(t.take()).toEqual([
      expect.objectContaining({
        kind: 'message-upserted',
        replaces: t.clientId,
        message: expect.objectContaining({ id, clientId: t.clientId }),
      }),
    ])
    expect(t.timeline.outbox.size).toBe(0)
    expect(t.timeline.messages.list()).toHaveLength(3)
  })

  it('re-queues a text the history does not show', () => {
    const t = lost('lost in transit')
    t.timeline.applyHistory([row(t.mine, 'my old text'), row(t.bobs, 'bob says hi', 'bob')])
    expect(t.timeline.outbox.queued().map((e) => e.clientId)).toEqual([t.clientId])
    expect(t.timeline.messages.localById(t.clientId)?.status).toBe('pending')
  })

  it('does not claim an identical message that was already known or is too old', () => {
    const t = lost('my old text')
    const ancient = randomUUID()
    t.timeline.applyHistory([
      row(ancient, 'my old text', 'alice', T0 - 3_600_000),
      row(t.mine, 'my old text'),
      row(t.bobs, 'bob says hi', 'bob'),
    ])
    expect(t.timeline.outbox.queued()).toHaveLength(1)
  })

  it('resolves edits: done when the history has the new body, resent otherwise, an error when gone', () => {
    const t = loaded()
    t.timeline.edit(t.mine, 'v2')
    t.flush()
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory([
      row(t.mine, 'v2', 'alice', T0 + 1000, true),
      row(t.bobs, 'bob says hi', 'bob'),
    ])
    expect(t.timeline.outbox.size).toBe(0)
    expect(t.timeline.messages.confirmedById(t.mine)).toMatchObject({
      body: 'v2',
      pendingAction: null,
    })

    t.timeline.edit(t.mine, 'v3')
    t.flush()
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory([
      row(t.mine, 'v2', 'alice', T0 + 1000, true),
      row(t.bobs, 'bob says hi', 'bob'),
    ])
    expect(t.timeline.outbox.queued().map((e) => e.kind)).toEqual(['edit'])
    expect(t.timeline.messages.confirmedById(t.mine)?.pendingAction).toBe('edit')

    t.flush()
    t.timeline.outbox.connectionLost()
    t.take()
    t.timeline.applyHistory([row(t.bobs, 'bob says hi', 'bob')])
    expect(t.timeline.outbox.size).toBe(0)
    expect(t.take()).toContainEqual(
      expect.objectContaining({
        kind: 'error',
        message: expect.stringMatching(/no longer exists/),
      }),
    )
  })

  it('resolves deletes: done when gone, resent when still there', () => {
    const t = loaded()
    t.timeline.delete(t.mine)
    t.flush()
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory([row(t.mine, 'my old text'), row(t.bobs, 'bob says hi', 'bob')])
    expect(t.timeline.outbox.queued().map((e) => e.kind)).toEqual(['delete'])
    t.flush()
    t.timeline.outbox.connectionLost()
    t.take()
    t.timeline.applyHistory([row(t.bobs, 'bob says hi', 'bob')])
    expect(t.timeline.outbox.size).toBe(0)
    expect(t.take()).toEqual([{ kind: 'message-removed', roomKey: ROOM, id: t.mine }])
  })
})

describe('RoomTimeline unknown fates with another device of mine', () => {
  /** Our text goes out and the socket drops; meanwhile my other device edits my old message. */
  function lostWhileOtherDeviceActive(body: string) {
    const t = loaded()
    const clientId = t.timeline.send(body)
    t.flush()
    t.timeline.outbox.connectionLost()
    t.advance(500)
    t.take()
    const mineEdited = row(t.mine, 'edited on my phone', 'alice', T0 + 1000, true)
    return { ...t, clientId, mineEdited }
  }

  it('does not resend a text my other device may have deleted: it shows it unconfirmed', () => {
    const t = lostWhileOtherDeviceActive('[soak alice-1 48] quiz')
    // The text was stored, then the other device deleted it before we reconnected.
    t.timeline.applyHistory([t.mineEdited, row(t.bobs, 'bob says hi', 'bob')])
    expect(t.timeline.outbox.queued()).toEqual([])
    const shown = t.timeline.messages.localById(t.clientId)
    expect(shown).toMatchObject({ status: 'unconfirmed', error: unconfirmedText() })
    expect(lastMessage(t.take())).toMatchObject({ id: t.clientId, status: 'unconfirmed' })
  })

  it('does not resend a text that was stored and then edited by my other device', () => {
    const t = loaded()
    const clientId = t.timeline.send('before the edit')
    t.flush()
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory([
      row(t.mine, 'my old text'),
      row(t.bobs, 'bob says hi', 'bob'),
      row(randomUUID(), 'after the edit', 'alice', T0 + 2000, true),
    ])
    expect(t.timeline.outbox.queued()).toEqual([])
    expect(t.timeline.messages.localById(clientId)?.status).toBe('unconfirmed')
  })

  it('an unconfirmed text can be sent again or discarded, like a failed one', () => {
    const t = lostWhileOtherDeviceActive('send me again')
    t.timeline.applyHistory([t.mineEdited, row(t.bobs, 'bob says hi', 'bob')])
    t.take()
    t.timeline.retry(t.clientId)
    expect(t.timeline.outbox.queued().map((e) => e.clientId)).toEqual([t.clientId])
    expect(lastMessage(t.take())).toMatchObject({ status: 'pending', error: null })

    const other = lostWhileOtherDeviceActive('discard me')
    other.timeline.applyHistory([other.mineEdited, row(other.bobs, 'bob says hi', 'bob')])
    other.take()
    other.timeline.discard(other.clientId)
    expect(other.timeline.outbox.size).toBe(0)
    expect(other.take()).toEqual([{ kind: 'message-removed', roomKey: ROOM, id: other.clientId }])
  })

  it('live frames before the drop are no evidence: they were broadcast before our text could be stored', () => {
    const t = loaded()
    const clientId = t.timeline.send('never reached the server')
    t.flush()
    const phone = newFrame('sent from my phone')
    t.timeline.applyFrame(phone)
    t.timeline.applyFrame(updateFrame(phone.id, 'edited on my phone'))
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory([
      row(t.mine, 'my old text'),
      row(t.bobs, 'bob says hi', 'bob'),
      row(phone.id, 'edited on my phone', 'alice', T0 + 1000, true),
    ])
    expect(t.timeline.outbox.queued().map((e) => e.clientId)).toEqual([clientId])
  })

  it('counts my known message edited or deleted while away without a request from here', () => {
    const editedOrGone = [
      (mine: string) => [row(mine, 'changed on my phone', 'alice', T0 + 1000, true)],
      () => [],
    ]
    for (const mineNow of editedOrGone) {
      const t = loaded()
      const clientId = t.timeline.send('sent while my phone was busy')
      t.flush()
      t.timeline.outbox.connectionLost()
      t.timeline.applyHistory([...mineNow(t.mine), row(t.bobs, 'bob says hi', 'bob')])
      expect(t.timeline.messages.localById(clientId)?.status).toBe('unconfirmed')
    }
  })

  it('my own edits and deletes in flight while away are no evidence of another device', () => {
    const t = loaded()
    t.timeline.delete(t.mine)
    const clientId = t.timeline.send('lost with my delete')
    t.flush()
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory([row(t.bobs, 'bob says hi', 'bob')])
    expect(t.timeline.outbox.queued().map((e) => e.clientId)).toEqual([clientId])
  })

  it('still resends when my other device was seen only before the send', () => {
    const t = loaded()
    const phone = newFrame('sent from my phone')
    t.timeline.applyFrame(phone)
    t.advance(1000)
    const clientId = t.timeline.send('lost to a server crash, never stored')
    t.flush()
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory([
      row(t.mine, 'my old text'),
      row(t.bobs, 'bob says hi', 'bob'),
      row(phone.id, 'sent from my phone'),
    ])
    expect(t.timeline.outbox.queued().map((e) => e.clientId)).toEqual([clientId])
  })

  it("our own echoes and others' messages are no evidence of another device", () => {
    const t = loaded()
    t.timeline.send('mine, echoed')
    t.flush()
    const echo = newFrame('mine, echoed')
    const fromBob = newFrame('from bob', 'bob')
    t.timeline.applyFrame(echo)
    t.timeline.applyFrame(fromBob)
    const clientId = t.timeline.send('lost')
    t.flush()
    t.timeline.outbox.connectionLost()
    t.timeline.applyHistory([
      row(t.mine, 'my old text'),
      row(t.bobs, 'bob says hi', 'bob'),
      row(echo.id, 'mine, echoed'),
      row(fromBob.id, 'from bob', 'bob'),
    ])
    expect(t.timeline.outbox.queued().map((e) => e.clientId)).toEqual([clientId])
  })
})

describe('RoomTimeline history merge', () => {
  it('first load fills the room without events (the controller sends it on open), pending last', () => {
    const t = recordingTimeline()
    const clientId = t.timeline.send('pending')
    t.take()
    const a = randomUUID()
    t.timeline.applyHistory([row(a, 'first', 'bob')])
    expect(t.take()).toEqual([])
    const messages = t.timeline.messages.list()
    expect(messages.map((m) => m.id)).toEqual([a, clientId])
    expect(messages[0]?.author.avatarUrl).toBe('/avatar/avatars%2Fbob.png')
    expect(t.timeline.unread).toBe(0)
  })

  it('later merges bring edits, deletes and new messages made while away', () => {
    const t = loaded()
    const fresh = randomUUID()
    // Written after the read mark (bob's deleted message): a later millisecond.
    t.timeline.applyHistory([
      row(t.mine.toUpperCase(), 'my old text'),
      row(fresh, 'while you were away', 'bob', T0 + 2000),
    ])
    const events = t.take()
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'message-upserted',
        message: expect.objectContaining({ id: fresh }),
      }),
      { kind: 'message-removed', roomKey: ROOM, id: t.bobs },
    ])
    expect(t.timeline.unread).toBe(1)
    const edited = {
      ...row(t.mine, 'edited away', 'alice', T0 + 1000, true),
      updated: row(t.mine, '', 'alice', T0 + 9000).updated,
    }
    t.timeline.applyHistory([edited, row(fresh, 'while you were away', 'bob', T0 + 2000)])
    expect(lastMessage(t.take())).toMatchObject({ id: t.mine, body: 'edited away', edited: true })
  })

  it('ignores a duplicated history row', () => {
    const t = recordingTimeline()
    const a = randomUUID()
    t.timeline.applyHistory([row(a, 'x'), row(a.toUpperCase(), 'x')])
    expect(t.timeline.messages.confirmedCount).toBe(1)
  })
})
