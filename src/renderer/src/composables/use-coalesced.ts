/**
 * Follows a changing number (a revision) but passes changes on at most once per `intervalMs`:
 * the first change after a quiet spell goes through at once, later ones in the same window are
 * folded into one update at its end. Used to keep bursts of messages from re-rendering the
 * history on every animation frame.
 */
import { getCurrentScope, onScopeDispose, ref, watch } from 'vue'
import type { Ref } from 'vue'

/** A ref that trails `source` with at most one update per `intervalMs`. */
export function useCoalesced(
  source: () => number,
  intervalMs: number,
  now: () => number = () => performance.now(),
): Readonly<Ref<number>> {
  const shown = ref(source())
  let lastAt = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = watch(
    source,
    (value) => {
      if (timer !== undefined) return
      const wait = lastAt + intervalMs - now()
      if (wait <= 0) {
        lastAt = now()
        shown.value = value
        return
      }
      timer = setTimeout(() => {
        timer = undefined
        lastAt = now()
        shown.value = source()
      }, wait)
    },
    { flush: 'sync' },
  )
  if (getCurrentScope())
    onScopeDispose(() => {
      stop()
      clearTimeout(timer)
    })
  return shown
}
