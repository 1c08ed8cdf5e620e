/**
 * Messages, normalised per room. Each room's Timeline is kept out of Vue's deep reactivity
 * (markRaw) and a per-room revision number tells views when to re-read it: at 100,000 messages
 * proxies would cost more than everything else together.
 */
import { defineStore } from 'pinia'
import { markRaw, ref } from 'vue'
import type { ChatMessage, RoomKey } from '../../../shared/ipc-contract'
import { call } from '../api/bridge'
import { Timeline } from '../lib/history/timeline'
import { useNoticesStore } from './notices'
import { t } from '../i18n'

/** What the last change to a room was, so the list can stick to the bottom or count new rows. */
export interface TimelineChange {
  revision: number
  /** Messages added at the end by this change (0 for edits, removals, resets). */
  appended: number
  /** The last appended message was sent by this user (always scroll to it). */
  appendedOwn: boolean
  reset: boolean
  /** Older messages put in front by this change (the list keeps the reader's place). */
  prepended: number
  /** Oldest messages dropped by this change (far above the reader). */
  dropped: number
}

/** Where a room's history starts, as far as the window knows. */
export interface PagingState {
  /** Older messages exist than the first one held (ask main with loadOlder). */
  hasOlder: boolean
  /** A page was asked for and has not arrived. */
  loading: boolean
}

const NO_CHANGE = { appended: 0, appendedOwn: false, reset: false, prepended: 0, dropped: 0 }

export const useMessagesStore = defineStore('messages', () => {
  const timelines = markRaw(new Map<RoomKey, Timeline>())
  const changes = ref<Record<RoomKey, TimelineChange>>({})
  /**
   * Per room, the first message the user had not read when it was opened (main says, with the
   * history): where the "New messages" divider goes until the room is opened again.
   */
  const firstUnread = ref<Record<RoomKey, string | null>>({})
  const paging = ref<Record<RoomKey, PagingState>>({})
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
    return changes.value[roomKey] ?? { revision: 0, ...NO_CHANGE }
  }

  function bump(roomKey: RoomKey, change: Partial<typeof NO_CHANGE>): void {
    const prev = changeOf(roomKey)
    changes.value[roomKey] = { revision: prev.revision + 1, ...NO_CHANGE, ...change }
  }

  function pagingOf(roomKey: RoomKey): PagingState {
    return paging.value[roomKey] ?? { hasOlder: false, loading: false }
  }

  function reset(
    roomKey: RoomKey,
    messages: readonly ChatMessage[],
    opts: { firstUnreadId?: string | null; hasOlder?: boolean } = {},
  ): void {
    firstUnread.value[roomKey] = opts.firstUnreadId ?? null
    timeline(roomKey).reset(messages)
    paging.value[roomKey] = { hasOlder: opts.hasOlder ?? false, loading: false }
    bump(roomKey, { reset: true })
  }

  /** An older page arrived from main: it goes in front. */
  function prependOlder(
    roomKey: RoomKey,
    messages: readonly ChatMessage[],
    hasOlder: boolean,
  ): void {
    const prepended = timeline(roomKey).prepend(messages)
    paging.value[roomKey] = { hasOlder, loading: false }
    bump(roomKey, { prepended })
  }

  /** Asks main for the page before the oldest message held (once at a time). */
  async function loadOlder(roomKey: RoomKey): Promise<void> {
    const state = pagingOf(roomKey)
    const oldest = timeline(roomKey).messages[0]
    if (!state.hasOlder || state.loading || !oldest) return
    paging.value[roomKey] = { ...state, loading: true }
    const ok = await run(t('history.olderFailed'), () =>
      call((api) => api.loadOlder(roomKey, oldest.id)),
    )
    if (!ok) paging.value[roomKey] = { ...pagingOf(roomKey), loading: false }
  }

  /** Drops the `count` oldest messages (the reader is far below them); main still has them. */
  function dropOldest(roomKey: RoomKey, count: number): void {
    const t = timeline(roomKey)
    const dropped = Math.min(count, t.size)
    if (dropped <= 0) return
    t.dropOldest(dropped)
    paging.value[roomKey] = { ...pagingOf(roomKey), hasOlder: true }
    bump(roomKey, { dropped })
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
    // A change to a message older than the window's first one: not shown, so not added (it
    // comes with its page if the reader scrolls up to it).
    const first = pagingOf(roomKey).hasOlder ? t.messages[0] : undefined
    let appended = 0
    let appendedOwn = false
    let changed = false
    for (const op of ops) {
      if (op.kind === 'remove') {
        changed = t.remove(op.id) || changed
        continue
      }
      if (first && op.message.created < first.created && !t.get(op.message.id)) continue
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
    if (changed) bump(roomKey, { appended, appendedOwn })
  }

  function forget(roomKey: RoomKey): void {
    timelines.delete(roomKey)
    const next = { ...changes.value }
    delete next[roomKey]
    changes.value = next
    const nextPaging = { ...paging.value }
    delete nextPaging[roomKey]
    paging.value = nextPaging
  }

  function forgetAll(): void {
    timelines.clear()
    changes.value = {}
    firstUnread.value = {}
    paging.value = {}
    drafts.value = {}
  }

  async function run(
    label: string,
    action: () => Promise<{ ok: boolean; error?: { message: string } }>,
  ): Promise<boolean> {
    const result = await action()
    if (!result.ok)
      useNoticesStore().push(
        'error',
        t('common.labelled', {
          label,
          detail: result.error?.message ?? t('message.unknownError'),
        }),
      )
    return result.ok
  }

  /** Sends a message; the pending copy arrives as an event from main. */
  function send(roomKey: RoomKey, body: string): Promise<boolean> {
    return run(t('message.sendFailed'), () => call((api) => api.sendMessage(roomKey, body)))
  }
  function edit(roomKey: RoomKey, id: string, body: string): Promise<boolean> {
    return run(t('message.editFailed'), () => call((api) => api.editMessage(roomKey, id, body)))
  }
  function remove(roomKey: RoomKey, id: string): Promise<boolean> {
    return run(t('message.deleteFailed'), () => call((api) => api.deleteMessage(roomKey, id)))
  }
  function retry(roomKey: RoomKey, id: string): Promise<boolean> {
    return run(t('message.retryFailed'), () => call((api) => api.retryMessage(roomKey, id)))
  }
  function discard(roomKey: RoomKey, id: string): Promise<boolean> {
    return run(t('message.discardFailed'), () => call((api) => api.discardMessage(roomKey, id)))
  }

  return {
    changes,
    firstUnread,
    drafts,
    setDraft,
    adoptDrafts,
    timeline,
    changeOf,
    paging,
    pagingOf,
    reset,
    prependOlder,
    loadOlder,
    dropOldest,
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
