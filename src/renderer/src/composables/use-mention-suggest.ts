/**
 * The composer's `@` suggestions as state: the query at the caret, the matching participants,
 * the highlighted one, and the keys that drive the list while it is open (↑/↓ move, Enter or
 * Tab pick, Esc closes until the caret leaves that `@`). The composer only forwards its events.
 */
import { computed, nextTick, ref, useId } from 'vue'
import type { Ref } from 'vue'
import type { MentionQuery } from '../lib/mention-query'
import { insertMention, mentionQueryAt, suggestMentions } from '../lib/mention-query'

export interface MentionSuggestDeps {
  input: Readonly<Ref<HTMLTextAreaElement | null>>
  participants(): readonly string[]
  self(): string | null
  /** Sets the composer's text (v-model). */
  setText(text: string): void
}

export function useMentionSuggest(deps: MentionSuggestDeps) {
  const listId = `mention-list-${useId()}`
  const query = ref<MentionQuery | null>(null)
  const active = ref(0)
  /** The `@` the user closed the list on with Esc: it stays closed until another one. */
  let dismissed: number | null = null

  const items = computed(() =>
    query.value ? suggestMentions(deps.participants(), query.value.query, deps.self()) : [],
  )
  const open = computed(() => items.value.length > 0)
  const optionId = (i: number) => `${listId}-${i}`

  /** Re-reads the query at the caret (after typing, clicking or moving the caret). */
  function update(): void {
    const el = deps.input.value
    if (!el) return
    const next = mentionQueryAt(el.value, el.selectionStart ?? el.value.length)
    if (next === null || next.start !== dismissed) dismissed = null
    const shown = next !== null && next.start !== dismissed ? next : null
    if (shown?.start !== query.value?.start || shown?.query !== query.value?.query) active.value = 0
    query.value = shown
  }

  function close(): void {
    query.value = null
  }

  function pick(index: number): void {
    const el = deps.input.value
    const q = query.value
    const name = items.value[index]
    if (!el || !q || name === undefined) return
    const next = insertMention(el.value, q, el.selectionStart ?? el.value.length, name)
    query.value = null
    deps.setText(next.text)
    void nextTick(() => {
      el.focus()
      el.setSelectionRange(next.caret, next.caret)
    })
  }

  /** Handles a key while the list is open; true when it was the list's key. */
  function onKeydown(event: KeyboardEvent): boolean {
    if (!open.value || event.isComposing) return false
    const n = items.value.length
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active.value = (active.value + (event.key === 'ArrowDown' ? 1 : n - 1)) % n
    } else if ((event.key === 'Enter' || event.key === 'Tab') && plain) {
      pick(active.value)
    } else if (event.key === 'Escape') {
      dismissed = query.value?.start ?? null
      close()
    } else return false
    event.preventDefault()
    event.stopPropagation()
    return true
  }

  /** What the textarea carries for assistive technology (the ARIA 1.2 combobox pattern). */
  const inputAria = computed(() => ({
    role: 'combobox',
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open.value,
    'aria-controls': listId,
    'aria-activedescendant': open.value ? optionId(active.value) : undefined,
  }))

  return { listId, items, active, open, optionId, update, close, pick, onKeydown, inputAria }
}
