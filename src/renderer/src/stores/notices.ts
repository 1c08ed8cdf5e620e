/** Toasts: every error event and failed call becomes one; they dismiss themselves. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { appLog } from '../lib/app-log'

export type NoticeKind = 'error' | 'info'

export interface Notice {
  id: number
  kind: NoticeKind
  /** Short context, e.g. the room name; null for app-wide notices. */
  title: string | null
  message: string
  /** How many times the same notice arrived while shown (bursts collapse into one toast). */
  repeat: number
  /** Different errors of the same room folded into this toast ("and 37 more errors"). */
  more: number
}

/** How long a toast stays, long enough to read a sentence twice. */
export const NOTICE_TIMEOUT_MS = 6000
/** Older toasts give way so the stack never covers the window. */
export const MAX_NOTICES = 4
/**
 * Different error toasts of one room on screen at once; further ones are counted into the newest,
 * so a room (or a hostile server) sending thousands of errors cannot push everything else away.
 */
export const MAX_ERRORS_PER_ROOM = 2

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let nextId = 1

  function schedule(id: number): void {
    const old = timers.get(id)
    if (old !== undefined) clearTimeout(old)
    timers.set(
      id,
      setTimeout(() => dismiss(id), NOTICE_TIMEOUT_MS),
    )
  }

  /** Shows a toast, or bumps the identical one already shown. */
  function push(kind: NoticeKind, message: string, title: string | null = null): number {
    // Logs: what the user was told, so a log sent to us shows the errors they saw.
    appLog(kind === 'error' ? 'warn' : 'info', 'notice', title ? `${title}: ${message}` : message)
    const same = notices.value.find(
      (n) => n.kind === kind && n.message === message && n.title === title,
    )
    if (same) {
      same.repeat++
      schedule(same.id)
      return same.id
    }
    if (kind === 'error' && title !== null) {
      const sameRoom = notices.value.filter((n) => n.kind === 'error' && n.title === title)
      const newest = sameRoom.at(-1)
      if (newest && sameRoom.length >= MAX_ERRORS_PER_ROOM) {
        newest.more++
        schedule(newest.id)
        return newest.id
      }
    }
    const id = nextId++
    notices.value.push({ id, kind, title, message, repeat: 1, more: 0 })
    while (notices.value.length > MAX_NOTICES) dismiss(notices.value[0]!.id)
    schedule(id)
    return id
  }

  /** Removes a toast now (its close button, or its timer). */
  function dismiss(id: number): void {
    const timer = timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(id)
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  /** Keeps a toast on screen while the pointer or focus is on it (WCAG 2.2.1). */
  function hold(id: number): void {
    const timer = timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(id)
  }

  function release(id: number): void {
    if (notices.value.some((n) => n.id === id)) schedule(id)
  }

  function clear(): void {
    for (const n of [...notices.value]) dismiss(n.id)
  }

  return { notices, push, dismiss, hold, release, clear }
})
