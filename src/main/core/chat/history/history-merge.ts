/**
 * Merges a freshly fetched history into a room's live state by id (case-insensitive), so that
 * edits and deletes made while away show up. Pending and failed local messages stay at the end.
 * A first load emits nothing: the room controller sends the whole list once, when it is opened.
 */
import type { ChatEvent, ChatMessage } from '../../../../shared/ipc-contract'
import type { HistoryMessage } from '../../../../shared/graphql-shapes'
import { idKey } from '../../../../shared/frames'
import type { ViewContext } from '../message-view'
import { messageFromHistory, sameContent } from '../message-view'
import type { RoomMessages } from '../room-state'

export interface MergeResult {
  events: ChatEvent[]
  /** Messages from others that were not known before (for unread counts); 0 on a first load. */
  newFromOthers: number
}

/**
 * Replaces the room's confirmed messages with `history`. `claims` maps a history id (idKey) to
 * the client id of the pending message it confirms (unknown-fate resolution).
 */
export function mergeHistory(
  state: RoomMessages,
  history: readonly HistoryMessage[],
  ctx: ViewContext,
  claims: ReadonlyMap<string, string> = new Map(),
): MergeResult {
  const firstLoad = !state.loaded
  const events: ChatEvent[] = []
  const seen = new Set<string>()
  const merged: ChatMessage[] = []
  let newFromOthers = 0

  for (const row of history) {
    const key = idKey(row.id)
    if (seen.has(key)) continue // a duplicate row must not duplicate a message
    seen.add(key)
    const existing = state.confirmedById(row.id)
    const claim = claims.get(key) ?? null
    const fresh = messageFromHistory(row, ctx, existing?.clientId ?? claim)
    if (existing && sameContent(existing, fresh)) {
      merged.push(existing)
      continue
    }
    const message = existing ? { ...fresh, pendingAction: existing.pendingAction } : fresh
    merged.push(message)
    if (claim) state.removeLocal(claim)
    if (!existing && !message.own) newFromOthers++
    if (!firstLoad)
      events.push({ kind: 'message-upserted', roomKey: ctx.roomKey, message, replaces: claim })
  }

  if (!firstLoad) {
    for (const old of state.confirmedMessages()) {
      if (!seen.has(idKey(old.id)))
        events.push({ kind: 'message-removed', roomKey: ctx.roomKey, id: old.id })
    }
  }
  state.resetConfirmed(merged)
  state.loaded = true
  return { events, newFromOthers: firstLoad ? 0 : newFromOthers }
}
