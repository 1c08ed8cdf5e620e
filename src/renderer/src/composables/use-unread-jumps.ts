/**
 * The "New messages" divider's half of the history list: whether the divider is out of view
 * (so "Jump to first unread" helps) and the jump itself. The list stays about rendering rows.
 */
import { nextTick, ref } from 'vue'
import type { Ref } from 'vue'
import type { Virtualizer } from '@tanstack/vue-virtual'
import { chunkOf } from '../lib/history/row-chunks'
import type { Timeline } from '../lib/history/timeline'

export interface UnreadJumpsDeps {
  scroller: Readonly<Ref<HTMLElement | null>>
  virtualizer: Readonly<Ref<Virtualizer<HTMLElement, Element>>>
  /** The divider's message id, or null. */
  firstUnreadId: Readonly<Ref<string | null>>
  timeline(): Timeline
  /** Empty places in front of the first message (the list's short first chunk). */
  lead(): number
  /** Called before jumping: the list stops following the end. */
  stopFollowing(): void
}

export function useUnreadJumps(deps: UnreadJumpsDeps) {
  /** The divider exists but is not on screen. */
  const dividerAway = ref(false)

  function dividerIndex(): number {
    const id = deps.firstUnreadId.value
    return id === null ? -1 : deps.timeline().indexOfId(id)
  }

  /** Reads the divider's row when rendered, else its chunk's place in the list. */
  function check(): void {
    const el = deps.scroller.value
    const index = dividerIndex()
    if (!el || index < 0) {
      dividerAway.value = false
      return
    }
    const divider = el.querySelector('.unread-divider')
    if (divider) {
      const box = el.getBoundingClientRect()
      const at = divider.getBoundingClientRect()
      dividerAway.value = at.bottom <= box.top || at.top >= box.bottom
      return
    }
    const chunk = deps.virtualizer.value.measurementsCache[chunkOf(index, undefined, deps.lead())]
    const top = el.scrollTop
    dividerAway.value =
      chunk !== undefined && (chunk.end <= top || chunk.start >= top + el.clientHeight)
  }

  /** Scrolls the divider to the top of the view. */
  async function jump(): Promise<void> {
    const index = dividerIndex()
    if (index < 0) return
    deps.stopFollowing()
    deps.virtualizer.value.scrollToIndex(chunkOf(index, undefined, deps.lead()), {
      align: 'start',
    })
    await nextTick()
    // The chunk renders and is measured in the next frame; then the divider row itself aligns.
    requestAnimationFrame(() => {
      deps.scroller.value?.querySelector('.unread-divider')?.scrollIntoView({ block: 'start' })
      check()
    })
  }

  return { dividerAway, check, jump }
}
