/**
 * The soak's end conditions, checked against the server's own history (GraphQL `messages`, read
 * straight from the server, not through the proxy). Each broken rule becomes one line.
 */
import type { HistoryMessage } from '../src/shared/graphql-shapes'
import type { RoomKey } from '../src/shared/ipc-contract'
import type { SoakCore } from './soak-core'
import type { Ledger } from './workload'
import { TAG_RE } from './workload'

/** Server history per room key. */
export type ServerHistory = Map<RoomKey, HistoryMessage[]>

const key = (id: string) => id.toLowerCase()
const tagOf = (body: string) => TAG_RE.exec(body)?.[0] ?? null

/** Every confirmed message is stored exactly once (unless its author deleted it). */
export function checkStoredOnce(
  cores: SoakCore[],
  ledger: Ledger,
  history: ServerHistory,
): string[] {
  const problems: string[] = []
  const rows = new Map<string, HistoryMessage>()
  const tagCount = new Map<string, number>()
  for (const list of history.values())
    for (const row of list) {
      rows.set(key(row.id), row)
      const tag = tagOf(row.body)
      if (tag) tagCount.set(tag, (tagCount.get(tag) ?? 0) + 1)
    }
  for (const [tag, n] of tagCount) if (n > 1) problems.push(`${tag} is stored ${n} times`)
  const deleted = new Set(ledger.deletes.map((d) => d.messageId))
  for (const core of cores)
    for (const [id, body] of core.confirmedIds)
      if (!rows.has(id) && !deleted.has(id))
        problems.push(`${core.name} showed ${id} ("${body}") confirmed, but the server lacks it`)
  return problems
}

/** Every submitted message was confirmed or visibly failed with a reason; none silently gone. */
export function checkNoneLost(cores: SoakCore[], ledger: Ledger): string[] {
  const problems: string[] = []
  const byName = new Map(cores.map((c) => [c.name, c]))
  for (const send of ledger.sends) {
    const core = byName.get(send.core)!
    if (core.confirmedClientIds.has(send.clientId)) continue
    const shown = core.messages(send.room).find((m) => m.id === send.clientId)
    if (shown?.status === 'failed' && shown.error) continue
    problems.push(
      `${send.core} ${send.tag} was never confirmed (now ${shown ? shown.status : 'gone'})`,
    )
  }
  return problems
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

/** The differences between what a core shows in a room and the server's history. */
export function stateDiff(core: SoakCore, room: RoomKey, rows: HistoryMessage[]): string[] {
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
