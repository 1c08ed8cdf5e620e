/**
 * The soak verifier's self-test: a healthy history passes, and each forged broken history (the
 * breakages the end checks exist for) is reported. A verifier that passes everything fails here.
 */
import { describe, expect, it } from 'vitest'
import type { HistoryMessage } from '../src/shared/graphql-shapes'
import type { ChatMessage, RoomKey } from '../src/shared/ipc-contract'
import type { CoreRecord, ServerHistory } from './verify'
import { MIN_CONFIRMED_RATE, verifyMessages } from './verify'
import type { Ledger } from './workload'
import { createLedger } from './workload'

const ROOM: RoomKey = 'alice/general'
const AT = '2026-01-01T00:00:00+00:00'

/** A client as the verifier sees it, built from what it showed. */
class ForgedCore implements CoreRecord {
  readonly confirmedAs = new Map<string, Set<string>>()
  readonly confirmedIds = new Map<string, string>()
  readonly unconfirmed = new Set<string>()
  readonly shown = new Map<string, ChatMessage>()
  constructor(readonly name: string) {}
  messages(room: RoomKey): ChatMessage[] {
    return [...this.shown.values()].filter((m) => m.roomKey === room)
  }
  /** The client showed its send `clientId` confirmed as `serverId` (and still shows it). */
  confirm(clientId: string, serverId: string, body: string): void {
    this.confirmedIds.set(serverId, body)
    this.confirmedAs.set(clientId, new Set([...(this.confirmedAs.get(clientId) ?? []), serverId]))
    this.shown.set(serverId, message(serverId, clientId, body, 'confirmed', null))
  }
  /** The client shows its send `clientId` as failed, with a reason. */
  fail(clientId: string, body: string): void {
    this.shown.set(clientId, message(clientId, clientId, body, 'failed', 'Connection lost'))
  }
  /** The client showed its send `clientId` unconfirmed; the simulated user discarded it. */
  leaveUnconfirmed(clientId: string): void {
    this.unconfirmed.add(clientId)
  }
  /** Another user's message, seen confirmed. */
  see(serverId: string, body: string): void {
    this.confirmedIds.set(serverId, body)
  }
}

function message(
  id: string,
  clientId: string,
  body: string,
  status: ChatMessage['status'],
  error: string | null,
): ChatMessage {
  return {
    id,
    clientId,
    roomKey: ROOM,
    author: { id: 'u-alice', username: 'alice', avatarUrl: null },
    body,
    created: 0,
    updated: 0,
    edited: false,
    status,
    error,
    own: true,
    pendingAction: null,
  }
}

function row(id: string, body: string): HistoryMessage {
  return {
    id,
    user: { id: 'u-alice', username: 'alice', avatar: null },
    body,
    edited: false,
    created: AT,
    updated: AT,
  }
}

interface World {
  alice: ForgedCore
  bob: ForgedCore
  ledger: Ledger
  rows: HistoryMessage[]
}

/** Twenty confirmed sends by alice, stored once each and seen by bob. */
function healthy(): World {
  const alice = new ForgedCore('alice-1')
  const bob = new ForgedCore('bob')
  const ledger = createLedger()
  const rows: HistoryMessage[] = []
  for (let n = 1; n <= 20; n++) {
    const tag = `[soak alice-1 ${n}]`
    const body = `${tag} quiz`
    ledger.sends.push({ core: alice.name, room: ROOM, clientId: `c${n}`, tag, twin: false })
    alice.confirm(`c${n}`, `m${n}`, body)
    bob.see(`m${n}`, body)
    rows.push(row(`m${n}`, body))
  }
  return { alice, bob, ledger, rows }
}

const verdict = (w: World): string[] =>
  verifyMessages([w.alice, w.bob], w.ledger, new Map([[ROOM, w.rows]]) as ServerHistory)

describe('the soak verifier', () => {
  it('passes a healthy history', () => {
    expect(verdict(healthy())).toEqual([])
  })

  it('reports a duplicate that was deleted before the end', () => {
    const w = healthy()
    // The server stored send 3 twice; bob saw the second copy, then alice deleted it.
    w.bob.see('m3-copy', '[soak alice-1 3] quiz')
    w.ledger.deletes.push({ core: 'alice-1', room: ROOM, messageId: 'm3-copy' })
    expect(verdict(w)).toEqual([
      '[soak alice-1 3] exists as 2 messages (m3, m3-copy) for 1 confirmed of 1 sends',
    ])
  })

  it('reports a send shown as failed that the server stored', () => {
    const w = healthy()
    const tag = '[soak alice-1 21]'
    w.ledger.sends.push({ core: 'alice-1', room: ROOM, clientId: 'c21', tag, twin: false })
    w.alice.fail('c21', `${tag} notes`)
    w.rows.push(row('m21', `${tag} notes`))
    w.bob.see('m21', `${tag} notes`)
    expect(verdict(w)).toEqual([`alice-1 showed ${tag} as failed, but the server stored it (m21)`])
  })

  it('reports a failed send that was stored and deleted by the other device', () => {
    const w = healthy()
    const tag = '[soak alice-1 21]'
    w.ledger.sends.push({ core: 'alice-1', room: ROOM, clientId: 'c21', tag, twin: false })
    w.alice.fail('c21', `${tag} notes`)
    w.bob.see('m21', `${tag} notes`)
    w.ledger.deletes.push({ core: 'alice-2', room: ROOM, messageId: 'm21' })
    expect(verdict(w)).toEqual([`alice-1 showed ${tag} as failed, but the server stored it (m21)`])
  })

  it('reports a run that confirmed nothing, even when every failure was shown', () => {
    const w = healthy()
    w.alice = new ForgedCore('alice-1')
    w.bob = new ForgedCore('bob')
    w.rows = []
    for (const send of w.ledger.sends) w.alice.fail(send.clientId, `${send.tag} quiz`)
    expect(verdict(w)).toEqual([
      `only 0 of 20 sends were confirmed (0.0 %, at least ${MIN_CONFIRMED_RATE * 100} % required)`,
    ])
  })

  it('reports a run that sent nothing', () => {
    const w = healthy()
    w.ledger.sends = []
    w.alice = new ForgedCore('alice-1')
    w.bob = new ForgedCore('bob')
    w.rows = []
    expect(verdict(w)).toEqual(['nothing was sent'])
  })

  it('reports a send confirmed as two different messages', () => {
    const w = healthy()
    w.alice.confirm('c5', 'm5-again', '[soak alice-1 5] quiz')
    w.rows.push(row('m5-again', '[soak alice-1 5] quiz'))
    expect(verdict(w)).toEqual([
      'alice-1 [soak alice-1 5] was confirmed as 2 different messages: m5, m5-again',
      '[soak alice-1 5] exists as 2 messages (m5, m5-again) for 1 confirmed of 1 sends',
    ])
  })

  it('accepts identical texts from two devices, one stored message per send', () => {
    const w = healthy()
    const second = new ForgedCore('alice-2')
    const tag = '[soak twin alice 1]'
    for (const [core, clientId] of [
      [w.alice, 't1'],
      [second, 't2'],
    ] as const)
      w.ledger.sends.push({ core: core.name, room: ROOM, clientId, tag, twin: true })
    // Both devices took the first echo as their own: the protocol cannot tell them apart.
    w.alice.confirm('t1', 'x', `${tag} ok`)
    second.confirm('t2', 'x', `${tag} ok`)
    second.see('y', `${tag} ok`)
    w.rows.push(row('x', `${tag} ok`), row('y', `${tag} ok`))
    const history = new Map([[ROOM, w.rows]])
    expect(verifyMessages([w.alice, second, w.bob], w.ledger, history)).toEqual([])
    // A third stored copy is one too many.
    w.rows.push(row('z', `${tag} ok`))
    expect(verifyMessages([w.alice, second, w.bob], w.ledger, history)).toEqual([
      `${tag} exists as 3 messages (x, y, z) for 2 confirmed of 2 sends`,
    ])
  })

  it('reports a confirmed message the server lacks, and a send never settled', () => {
    const w = healthy()
    w.rows = w.rows.filter((r) => r.id !== 'm7')
    const tag = '[soak alice-1 22]'
    w.ledger.sends.push({ core: 'alice-1', room: ROOM, clientId: 'c22', tag, twin: false })
    expect(verdict(w)).toEqual([
      'alice-1 showed m7 ("[soak alice-1 7] quiz") confirmed, but the server lacks it',
      'bob showed m7 ("[soak alice-1 7] quiz") confirmed, but the server lacks it',
      `alice-1 ${tag} was never confirmed (now gone)`,
    ])
  })

  it('accepts an unconfirmed send stored once or not at all, never twice, and not as confirmed', () => {
    const tag = '[soak alice-1 21]'
    const withUnconfirmed = () => {
      const w = healthy()
      w.ledger.sends.push({ core: 'alice-1', room: ROOM, clientId: 'c21', tag, twin: false })
      w.alice.leaveUnconfirmed('c21')
      return w
    }
    // It never reached the server.
    expect(verdict(withUnconfirmed())).toEqual([])
    // It reached the server before the socket dropped.
    const w = withUnconfirmed()
    w.rows.push(row('m21', `${tag} notes`))
    w.bob.see('m21', `${tag} notes`)
    expect(verdict(w)).toEqual([])
    // A second copy is a resend that must not have happened.
    w.bob.see('m21-again', `${tag} notes`)
    w.rows.push(row('m21-again', `${tag} notes`))
    expect(verdict(w)).toEqual([
      `${tag} exists as 2 messages (m21, m21-again) for 0 confirmed and 1 unconfirmed of 1 sends`,
    ])
  })

  it('counts unconfirmed sends as not confirmed in the confirmed rate', () => {
    const w = healthy()
    w.alice = new ForgedCore('alice-1')
    for (const send of w.ledger.sends) w.alice.leaveUnconfirmed(send.clientId)
    expect(verdict(w)).toEqual([
      `only 0 of 20 sends were confirmed (0.0 %, at least ${MIN_CONFIRMED_RATE * 100} % required)`,
    ])
  })
})
