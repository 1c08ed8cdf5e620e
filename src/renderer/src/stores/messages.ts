/**
 * Messages, normalised per room. Each room's Timeline is kept out of Vue's deep reactivity
 * (markRaw) and a per-room revision number tells views when to re-read it: at 100,000 messages
 * proxies would cost more than everything else together.
 */
import { defineStore } from 'pinia'
import { markRaw, ref } from 'vue'
import type { ChatMessage, RoomKey } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { Timeline } from '../lib/timeline'
import { useNoticesStore } from './notices'

/** What the last change to a room was, so the list can stick to the bottom or count new rows. */
export interface TimelineChange {
  revision: number
  /** Messages added at the end by this change (0 for edits, removals, resets). */
  appended: number
  /** The last appended message was sent by this user (always scroll to it). */
  appendedOwn: boolean
  reset: boolean
}

export const useMessagesStore = defineStore('messages', () => {
  const timelines = markRaw(new Map<RoomKey, Timeline>())
  const changes = ref<Record<RoomKey, TimelineChange>>({})
  /**
   * Unsent composer text per room, so switching rooms never loses a draft. Main keeps a copy in
   * the account's store, so a restart (or a reloaded window) does not lose it either.
   */
  const drafts = ref<Record<RoomKey, string>>({})

  function setDraft(roomKey: RoomKey, text: string): void {
    const changed = (drafts.value[roomKey] ?? '') !== text
    drafts.value[roomKey] = text
    // Main writes it to disk once typing pauses; a failure there reaches the user as a notice.
    if (changed) void call((api) => api.saveDraft(roomKey, text))
  }

  /** The drafts main kept, for rooms this window has no draft of its own for yet. */
  function adoptDrafts(rooms: readonly { key: RoomKey; draft?: string }[]): void {
    for (const room of rooms)
      if (room.draft && drafts.value[room.key] === undefined) drafts.value[room.key] = room.draft
  }

  function timeline(roomKey: RoomKey): Timeline {
    let t = timelines.get(roomKey)
    if (!t) {
      t = markRaw(new Timeline())
      timelines.set(roomKey, t)
    }
    return t
  }

  /** The room's last change; reading it makes a computed or render depend on the room. */
  function changeOf(roomKey: RoomKey): TimelineChange {
    return changes.value[roomKey] ?? { revision: 0, appended: 0, appendedOwn: false, reset: false }
  }

  function bump(roomKey: RoomKey, appended: number, appendedOwn: boolean, reset: boolean): void {
    const prev = changeOf(roomKey)
    changes.value[roomKey] = { revision: prev.revision + 1, appended, appendedOwn, reset }
  }

  function reset(roomKey: RoomKey, messages: readonly ChatMessage[]): void {
    timeline(roomKey).reset(messages)
    bump(roomKey, 0, false, true)
  }

  /** Applies a batch of upserts/removals for one room with a single revision bump. */
  function applyBatch(
    roomKey: RoomKey,
    ops: ReadonlyArray<
      | { kind: 'upsert'; message: ChatMessage; replaces: string | null }
      | { kind: 'remove'; id: string }
    >,
  ): void {
    const t = timeline(roomKey)
    let appended = 0
    let appendedOwn = false
    let changed = false
    for (const op of ops) {
      if (op.kind === 'remove') {
        changed = t.remove(op.id) || changed
        continue
      }
      const outcome = t.upsert(op.message, op.replaces)
      if (outcome === 'unchanged') continue
      changed = true
      if (outcome === 'appended') {
        appended++
        appendedOwn = op.message.own
      } else if (outcome === 'replaced' && op.replaces !== null && op.message.own) {
        // Our own message confirmed: keep following it to the bottom.
        appendedOwn = true
      }
    }
    if (changed) bump(roomKey, appended, appendedOwn, false)
  }

  function forget(roomKey: RoomKey): void {
    timelines.delete(roomKey)
    const next = { ...changes.value }
    delete next[roomKey]
    changes.value = next
  }

  function forgetAll(): void {
    timelines.clear()
    changes.value = {}
    drafts.value = {}
  }

  async function run(
    label: string,
    action: () => Promise<{ ok: boolean; error?: { message: string } }>,
  ): Promise<boolean> {
    const result = await action()
    if (!result.ok)
      useNoticesStore().push('error', `${label}: ${result.error?.message ?? 'failed'}`)
    return result.ok
  }

  /** Sends a message; the pending copy arrives as an event from main. */
  function send(roomKey: RoomKey, body: string): Promise<boolean> {
    return run("Couldn't send", () => call((api) => api.sendMessage(roomKey, body)))
  }
  function edit(roomKey: RoomKey, id: string, body: string): Promise<boolean> {
    return run("Couldn't edit", () => call((api) => api.editMessage(roomKey, id, body)))
  }
  function remove(roomKey: RoomKey, id: string): Promise<boolean> {
    return run("Couldn't delete", () => call((api) => api.deleteMessage(roomKey, id)))
  }
  function retry(roomKey: RoomKey, id: string): Promise<boolean> {
    return run("Couldn't retry", () => call((api) => api.retryMessage(roomKey, id)))
  }
  function discard(roomKey: RoomKey, id: string): Promise<boolean> {
    return run("Couldn't discard", () => call((api) => api.discardMessage(roomKey, id)))
  }

  return {
    changes,
    drafts,
    setDraft,
    adoptDrafts,
    timeline,
    changeOf,
    reset,
    applyBatch,
    forget,
    forgetAll,
    send,
    edit,
    remove,
    retry,
    discard,
  }
})
