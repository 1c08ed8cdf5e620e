/**
 * The core's Notifier port as the shell implements it: every message and error the chat service
 * reports is judged by notification-policy.ts, and what survives is handed to a sink that shows
 * it. The sink is Electron's Notification in the app (notifications.ts) and a recorder in tests,
 * so everything that decides what the user sees runs in plain Node.
 *
 * Anyone in a room can post fast, and a hostile server can send any number of error frames, so
 * what reaches the desktop is bounded three ways:
 * - per room, messages arriving within COALESCE_MS of the previous one fold into ONE notification,
 *   "N new messages in Room", which replaces the room's previous one (same `key`); mentions of
 *   the user fold apart from the rest ("N mentions of you in Room"), so chatter never hides one;
 * - at most ERRORS_PER_ROOM_PER_MINUTE error notifications per room; the rest are counted, and
 *   the next error notification of the room says "and N more errors" (the window's toasts get
 *   every error anyway, through the chat events);
 * - a global token bucket over everything shown. A notification it holds back waits (only the
 *   latest per key) and is shown when a token is free, so the final count is never lost.
 */
import type { RoomKey } from '../../../shared/ipc-contract'
import type { Clock, Notifier, TimerHandle } from '../ports'
import type { WindowAttention } from './notification-policy'
import {
  decideErrorNotification,
  decideMessageNotification,
  notificationBody,
} from './notification-policy'
import { escapeMarkup } from './notification-text'
import { TokenBucket } from './token-bucket'
import { text } from '../../../shared/i18n'

/** One native notification to show; it replaces the one shown before under the same key. */
export interface NativeNotice {
  /** `message:<room>` or `error:<room>` (`error:` alone for app-wide errors). */
  key: string
  title: string
  body: string
  roomKey: RoomKey | null
}

/** Carries out the verdicts: shows a notification, closing the previous one with the same key. */
export interface NoticeSink {
  show(notice: NativeNotice): void
}

export interface NotificationLimits {
  /** Messages of a room this close to the previous one join its notification. */
  coalesceMs: number
  /** Error notifications per room per minute. */
  errorsPerRoomPerMinute: number
  /** Notifications shown at once before the rate limit applies. */
  burst: number
  /** After the burst, one notification per this many ms. */
  refillMs: number
}

export const DEFAULT_NOTIFICATION_LIMITS: NotificationLimits = {
  coalesceMs: 5000,
  errorsPerRoomPerMinute: 3,
  burst: 5,
  refillMs: 6000,
}

export interface NotificationCenterDeps {
  /** The window's facts; the chat facts come with each message. */
  window(): WindowAttention
  clock: Clock
  /** Linux notification servers render bodies as markup, so bodies are escaped there. */
  platform: NodeJS.Platform
  limits?: Partial<NotificationLimits>
}

interface RoomGroup {
  count: number
  lastAt: number
}

interface ErrorBudget {
  shownAt: number[]
  /** Errors not shown since the last error notification of the room. */
  suppressed: number
}

const MINUTE_MS = 60_000

/** The Notifier the chat service reports through. */
export function createNotificationCenter(deps: NotificationCenterDeps, sink: NoticeSink): Notifier {
  const limits = { ...DEFAULT_NOTIFICATION_LIMITS, ...deps.limits }
  const markup = deps.platform === 'linux'
  const now = () => deps.clock.now()
  const bucket = new TokenBucket(now, limits.burst, limits.refillMs)
  const recentErrors = new Map<string, number>()
  /** Per `message:<room>` and `mention:<room>`. */
  const groups = new Map<string, RoomGroup>()
  const budgets = new Map<string, ErrorBudget>()
  /** Held back by the rate limit: the latest notice per key, in first-held order. */
  const pending = new Map<string, NativeNotice>()
  let timer: TimerHandle | null = null

  function flush(): void {
    for (const [key, notice] of pending) {
      if (!bucket.take()) break
      pending.delete(key)
      sink.show(key.startsWith('error:') ? withSuppressedCount(key, notice) : notice)
    }
    if (pending.size > 0 && timer === null)
      timer = deps.clock.setTimeout(() => {
        timer = null
        flush()
      }, bucket.msUntilNext())
  }

  function offer(notice: NativeNotice): void {
    const replaced = pending.get(notice.key)
    if (replaced && notice.key.startsWith('error:')) budgetOf(notice.key).suppressed++
    // Re-inserting keeps a room's place in the queue fair: delete, then set at the end.
    pending.delete(notice.key)
    pending.set(notice.key, notice)
    flush()
  }

  function budgetOf(key: string): ErrorBudget {
    let budget = budgets.get(key)
    if (!budget) budgets.set(key, (budget = { shownAt: [], suppressed: 0 }))
    return budget
  }

  function withSuppressedCount(key: string, notice: NativeNotice): NativeNotice {
    const budget = budgetOf(key)
    const more = budget.suppressed
    budget.suppressed = 0
    if (more === 0) return notice
    return { ...notice, body: `${notice.body} ${text('notify.moreErrors', { count: more })}` }
  }

  return {
    error(title, body, roomKey) {
      const verdict = decideErrorNotification(
        { title, body, roomKey },
        now(),
        recentErrors,
        undefined,
        markup,
      )
      if (!verdict.show) return
      const key = `error:${roomKey ?? ''}`
      const budget = budgetOf(key)
      const t = now()
      budget.shownAt = budget.shownAt.filter((at) => t - at < MINUTE_MS)
      if (budget.shownAt.length >= limits.errorsPerRoomPerMinute) {
        budget.suppressed++
        return
      }
      budget.shownAt.push(t)
      offer({ key, title: verdict.title, body: verdict.body, roomKey })
    },
    message(message, chat) {
      const roomKey = message.roomKey
      const verdict = decideMessageNotification(message, { ...deps.window(), ...chat })
      if (!verdict.show) return
      const t = now()
      // Mentions of the user are grouped apart, so a burst of chatter never hides one.
      const key = `${verdict.mention ? 'mention' : 'message'}:${roomKey}`
      const previous = groups.get(key)
      const group =
        previous && t - previous.lastAt < limits.coalesceMs
          ? { count: previous.count + 1, lastAt: t }
          : { count: 1, lastAt: t }
      groups.set(key, group)
      if (group.count === 1) {
        const body = markup ? escapeMarkup(verdict.body) : verdict.body
        offer({ key, title: verdict.title, body, roomKey })
        return
      }
      offer({
        key,
        title: text(verdict.mention ? 'notify.mentionGroupTitle' : 'notify.groupTitle', {
          count: group.count,
          room: verdict.room,
        }),
        body: notificationBody(`${verdict.author}: ${verdict.body}`, markup),
        roomKey,
      })
    },
  }
}
