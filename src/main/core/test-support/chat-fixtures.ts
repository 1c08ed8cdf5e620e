/** Frames, history rows and a recording timeline for the chat service's unit tests. */
import { randomUUID } from 'node:crypto'
import type { ChatEvent, ChatMessage } from '../../../shared/ipc-contract'
import type {
  DeleteMessageEvent,
  NewMessageEvent,
  UpdateMessageEvent,
} from '../../../shared/frames'
import type { HistoryMessage } from '../../../shared/graphql-shapes'
import { toPythonIsoformat } from '../../../../server/python-format'
import type { MeView, RoomTimelineDeps } from '../chat/room-timeline'
import { RoomTimeline } from '../chat/room-timeline'
import type { OutboxJournal } from '../chat/outbox'

export const BASE = 'http://127.0.0.1:8000'
export const ROOM = 'alice/general'
export const ALICE: MeView = { id: '1', username: 'alice', avatarUrl: null }
export const T0 = 1_700_000_000_000

/** Python isoformat of epoch ms. */
export const iso = (ms: number): string => toPythonIsoformat(ms * 1000)

/** A server `new` frame. */
export function newFrame(
  body: string,
  user = 'alice',
  over: Partial<NewMessageEvent> = {},
): NewMessageEvent {
  return {
    type: 'chat_message',
    action: 'new',
    id: randomUUID(),
    user,
    user_id: user === 'alice' ? '1' : '2',
    body,
    created: iso(T0 + 1000),
    edited: false,
    updated: iso(T0 + 1000),
    userAvatar: null,
    ...over,
  }
}

export function updateFrame(id: string, body: string): UpdateMessageEvent {
  return { type: 'chat_message', action: 'update', id, body, edited: true, updated: iso(T0 + 5000) }
}

export function deleteFrame(id: string): DeleteMessageEvent {
  return { type: 'chat_message', action: 'delete', id }
}

/** A history row; `created` in epoch ms. */
export function row(
  id: string,
  body: string,
  user = 'alice',
  created = T0 + 1000,
  edited = false,
): HistoryMessage {
  return {
    id,
    user: {
      id: user === 'alice' ? '1' : '2',
      username: user,
      avatar: user === 'bob' ? 'avatars/bob.png' : '',
    },
    body,
    edited,
    created: iso(created),
    updated: iso(created),
  }
}

/** A timeline whose deps record everything. */
export function recordingTimeline(
  opts: {
    active?: boolean
    me?: MeView | null
    journal?: OutboxJournal
  } & Pick<RoomTimelineDeps, 'windowSize' | 'storedOwnBefore'> = {},
) {
  const events: ChatEvent[] = []
  const serverErrors: string[] = []
  const fromOthers: { author: string; body: string }[] = []
  let now = T0
  let n = 0
  const state = { active: opts.active ?? false, me: opts.me === undefined ? ALICE : opts.me }
  const timeline = new RoomTimeline({
    roomKey: ROOM,
    baseUrl: BASE,
    me: () => state.me,
    now: () => now,
    newClientId: () => `local-${++n}`,
    isActive: () => state.active,
    emit: (e) => events.push(e),
    unreadChanged: () => undefined,
    messageFromOther: (author, body) => fromOthers.push({ author, body }),
    serverError: (text) => serverErrors.push(text),
    ...(opts.windowSize !== undefined ? { windowSize: opts.windowSize } : {}),
    ...(opts.storedOwnBefore ? { storedOwnBefore: opts.storedOwnBefore } : {}),
    ...(opts.journal ? { journal: opts.journal } : {}),
  })
  /** Marks every queued entry as sent, as the controller's flush would. */
  const flush = () => {
    for (const e of timeline.outbox.queued()) timeline.outbox.markInFlight(e, now)
  }
  const advance = (ms: number) => (now += ms)
  const take = () => events.splice(0)
  return { timeline, events, serverErrors, fromOthers, state, flush, advance, take }
}

/** A confirmed message from bob's view of alice, created at `created` (ms). */
export function confirmedMessage(
  roomKey: string,
  id: string,
  created: number,
  body = 'x',
): ChatMessage {
  return {
    id,
    clientId: null,
    roomKey,
    author: { id: '1', username: 'alice', avatarUrl: null },
    body,
    created,
    updated: created,
    edited: false,
    status: 'confirmed',
    error: null,
    own: false,
    pendingAction: null,
  }
}
