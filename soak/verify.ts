/**
 * The soak's end conditions, checked against what every client ever showed and the server's own
 * history (GraphQL `messages`, read straight from the server, not through the proxy). Each broken
 * rule becomes one line. The checks take plain records, so verify.test.ts can feed them forged
 * broken histories and prove that each breakage is reported.
 */
import type { HistoryMessage } from '../src/shared/graphql-shapes'
import type { ChatMessage, RoomKey } from '../src/shared/ipc-contract'
import type { Ledger } from './workload'
import { TAG_RE } from './workload'

/** Server history per room key. */
export type ServerHistory = Map<RoomKey, HistoryMessage[]>

/** What the verifier knows about one client: what it showed, then and now. */
export interface CoreRecord {
  readonly name: string
  /** Messages as the client shows them now. */
  messages(room: RoomKey): ChatMessage[]
  /** Per own send (client id): every server id (lower case) it was ever shown confirmed as. */
  readonly confirmedAs: ReadonlyMap<string, ReadonlySet<string>>
  /** Ids (lower case) and bodies of every message ever shown confirmed, anyone's. */
  readonly confirmedIds: ReadonlyMap<string, string>
  /**
   * Client ids of own sends shown `unconfirmed` (fate unknown while another device of the user
   * was active). The simulated user discards them, never resends: each may be stored once or not.
   */
  readonly unconfirmed: ReadonlySet<string>
}

/** The share of sends a run must see confirmed: faults may fail a few, never most. */
export const MIN_CONFIRMED_RATE = 0.95

const key = (id: string) => id.toLowerCase()
const tagOf = (body: string) => TAG_RE.exec(body)?.[0] ?? null
type Send = Ledger['sends'][number]

function confirmedSend(cores: Map<string, CoreRecord>, send: Send): boolean {
  return cores.get(send.core)?.confirmedAs.has(send.clientId) ?? false
}

/** Shown unconfirmed and never confirmed: on the server at most once, or not at all. */
function unconfirmedSend(cores: Map<string, CoreRecord>, send: Send): boolean {
  const core = cores.get(send.core)
  return (core?.unconfirmed.has(send.clientId) ?? false) && !confirmedSend(cores, send)
}

function shownFailed(cores: Map<string, CoreRecord>, send: Send): boolean {
  const shown = cores
    .get(send.core)
    ?.messages(send.room)
    .find((m) => m.id === send.clientId)
  return shown?.status === 'failed' && shown.error !== null
}

/**
 * Exactly once, over every id any client ever saw confirmed plus the final history (so a duplicate
 * that was deleted later still counts): each send is confirmed as one server message, and a tag
 * has no more messages than confirmed sends plus unconfirmed ones (each of those may or may not
 * have been stored; a failed one must not have been). Two devices of one user sending identical text each
 * count as a send; the protocol carries no client id, so which echo a device takes as its own is
 * not checked, only that each confirms one and the server stores one per send.
 */
export function checkExactlyOnce(
  records: CoreRecord[],
  ledger: Ledger,
  history: ServerHistory,
): string[] {
  const problems: string[] = []
  const cores = new Map(records.map((c) => [c.name, c]))
  for (const send of ledger.sends) {
    const ids = cores.get(send.core)?.confirmedAs.get(send.clientId)
    if (ids && ids.size > 1)
      problems.push(
        `${send.core} ${send.tag} was confirmed as ${ids.size} different messages: ${[...ids].join(', ')}`,
      )
  }
  const idsByTag = new Map<string, Set<string>>()
  const note = (id: string, body: string) => {
    const tag = tagOf(body)
    if (!tag) return
    let ids = idsByTag.get(tag)
    if (!ids) idsByTag.set(tag, (ids = new Set()))
    ids.add(key(id))
  }
  for (const core of records) for (const [id, body] of core.confirmedIds) note(id, body)
  for (const rows of history.values()) for (const row of rows) note(row.id, row.body)

  const sendsByTag = new Map<string, Send[]>()
  for (const send of ledger.sends)
    sendsByTag.set(send.tag, [...(sendsByTag.get(send.tag) ?? []), send])
  for (const [tag, ids] of idsByTag) {
    const sends = sendsByTag.get(tag) ?? []
    const confirmed = sends.filter((s) => confirmedSend(cores, s)).length
    const unconfirmed = sends.filter((s) => unconfirmedSend(cores, s)).length
    if (ids.size <= confirmed + unconfirmed) continue
    const failed = sends.filter((s) => shownFailed(cores, s))
    const stored = [...ids].join(', ')
    if (failed.length)
      problems.push(
        `${failed.map((s) => s.core).join(' and ')} showed ${tag} as failed, but the server stored it (${stored})`,
      )
    else
      problems.push(
        `${tag} exists as ${ids.size} messages (${stored}) for ${confirmed} confirmed${unconfirmed ? ` and ${unconfirmed} unconfirmed` : ''} of ${sends.length} sends`,
      )
  }
  return problems
}

/** Every message a client showed confirmed is on the server, unless its author deleted it. */
export function checkConfirmedStored(
  records: CoreRecord[],
  ledger: Ledger,
  history: ServerHistory,
): string[] {
  const rows = new Set<string>()
  for (const list of history.values()) for (const row of list) rows.add(key(row.id))
  const deleted = new Set(ledger.deletes.map((d) => d.messageId))
  const problems: string[] = []
  for (const core of records)
    for (const [id, body] of core.confirmedIds)
      if (!rows.has(id) && !deleted.has(id))
        problems.push(`${core.name} showed ${id} ("${body}") confirmed, but the server lacks it`)
  return problems
}

/**
 * Every submitted message was confirmed, visibly failed with a reason, or shown unconfirmed (the
 * user was told it may have arrived); none silently gone.
 */
export function checkNoneLost(records: CoreRecord[], ledger: Ledger): string[] {
  const cores = new Map(records.map((c) => [c.name, c]))
  const problems: string[] = []
  for (const send of ledger.sends) {
    if (confirmedSend(cores, send) || shownFailed(cores, send) || unconfirmedSend(cores, send))
      continue
    const shown = cores
      .get(send.core)
      ?.messages(send.room)
      .find((m) => m.id === send.clientId)
    problems.push(
      `${send.core} ${send.tag} was never confirmed (now ${shown ? shown.status : 'gone'})`,
    )
  }
  return problems
}

/** The run did its job: something was sent and nearly all of it confirmed (unconfirmed is not). */
export function checkConfirmedRate(records: CoreRecord[], ledger: Ledger): string[] {
  const sent = ledger.sends.length
  if (sent === 0) return ['nothing was sent']
  const cores = new Map(records.map((c) => [c.name, c]))
  const confirmed = ledger.sends.filter((s) => confirmedSend(cores, s)).length
  if (confirmed >= MIN_CONFIRMED_RATE * sent) return []
  const percent = ((100 * confirmed) / sent).toFixed(1)
  return [
    `only ${confirmed} of ${sent} sends were confirmed (${percent} %, at least ${MIN_CONFIRMED_RATE * 100} % required)`,
  ]
}

/** Deletes took effect; an edited message that still exists shows one of the requested edits. */
export function checkEditsAndDeletes(ledger: Ledger, history: ServerHistory): string[] {
  const problems: string[] = []
  const rows = new Map<string, HistoryMessage>()
  for (const list of history.values()) for (const row of list) rows.set(key(row.id), row)
  for (const d of ledger.deletes)
    if (rows.has(d.messageId)) problems.push(`${d.core} deleted ${d.messageId}, but it is stored`)
  const wanted = new Map<string, Set<string>>()
  for (const e of ledger.edits) {
    let set = wanted.get(e.messageId)
    if (!set) wanted.set(e.messageId, (set = new Set()))
    set.add(e.body)
  }
  for (const [id, bodies] of wanted) {
    const row = rows.get(id)
    if (row && (!row.edited || !bodies.has(row.body)))
      problems.push(`${id} was edited, but the server has "${row.body}" (edited: ${row.edited})`)
  }
  return problems
}

/** Every end condition about messages, in one list (empty: they all hold). */
export function verifyMessages(
  records: CoreRecord[],
  ledger: Ledger,
  history: ServerHistory,
): string[] {
  return [
    ...checkExactlyOnce(records, ledger, history),
    ...checkConfirmedStored(records, ledger, history),
    ...checkNoneLost(records, ledger),
    ...checkConfirmedRate(records, ledger),
    ...checkEditsAndDeletes(ledger, history),
  ]
}

/** The differences between what a client shows in a room and the server's history. */
export function stateDiff(core: CoreRecord, room: RoomKey, rows: HistoryMessage[]): string[] {
  const shown = core.messages(room)
  const problems: string[] = []
  const left = shown.filter((m) => m.status === 'pending' || m.pendingAction !== null)
  if (left.length) problems.push(`${core.name} ${room}: ${left.length} still pending`)
  const mine = new Map(
    shown.filter((m) => m.status === 'confirmed').map((m) => [key(m.id), m] as const),
  )
  const theirs = new Map(rows.map((r) => [key(r.id), r] as const))
  for (const [id, row] of theirs) {
    const m = mine.get(id)
    if (!m) problems.push(`${core.name} ${room}: lacks ${id} "${row.body}"`)
    else if (m.body !== row.body || m.edited !== row.edited)
      problems.push(
        `${core.name} ${room}: ${id} shows "${m.body}" (edited ${m.edited}), server has "${row.body}" (edited ${row.edited})`,
      )
  }
  for (const [id, m] of mine)
    if (!theirs.has(id))
      problems.push(`${core.name} ${room}: shows ${id} "${m.body}" the server lacks`)
  return problems
}
