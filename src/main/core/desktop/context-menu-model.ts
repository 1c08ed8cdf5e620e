/**
 * The right-click menu of the page: spelling suggestions for a misspelled word in the composer
 * (Electron's spell checker finds them; nothing shows them unless the app does), "Add to
 * Dictionary", and the edit actions the spot allows. Pure: context-menu.ts builds the Menu.
 */
import { text } from '../../../shared/i18n'

/** The parts of Electron's ContextMenuParams this needs. */
export interface ContextMenuInput {
  isEditable: boolean
  misspelledWord: string
  dictionarySuggestions: string[]
  selectionText: string
  editFlags: {
    canUndo: boolean
    canRedo: boolean
    canCut: boolean
    canCopy: boolean
    canPaste: boolean
    canSelectAll: boolean
  }
}

export type ContextMenuItem =
  | { kind: 'suggestion'; word: string }
  | { kind: 'add-to-dictionary'; word: string; label: string }
  | { kind: 'note'; label: string }
  | {
      kind: 'role'
      role: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'
      label: string
      enabled: boolean
    }
  | { kind: 'separator' }

const MAX_SUGGESTIONS = 5

/** The items for one right-click, or none (then no menu opens). */
export function buildContextMenu(input: ContextMenuInput): ContextMenuItem[] {
  const items: ContextMenuItem[] = []
  const f = input.editFlags
  if (input.isEditable && input.misspelledWord) {
    const words = input.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
    if (words.length) items.push(...words.map((word) => ({ kind: 'suggestion' as const, word })))
    else items.push({ kind: 'note', label: text('context.noGuesses') })
    items.push({
      kind: 'add-to-dictionary',
      word: input.misspelledWord,
      label: text('context.addToDictionary'),
    })
    items.push({ kind: 'separator' })
  }
  if (input.isEditable) {
    items.push(
      { kind: 'role', role: 'undo', label: text('context.undo'), enabled: f.canUndo },
      { kind: 'role', role: 'redo', label: text('context.redo'), enabled: f.canRedo },
      { kind: 'separator' },
      { kind: 'role', role: 'cut', label: text('context.cut'), enabled: f.canCut },
      { kind: 'role', role: 'copy', label: text('context.copy'), enabled: f.canCopy },
      { kind: 'role', role: 'paste', label: text('context.paste'), enabled: f.canPaste },
      { kind: 'separator' },
      {
        kind: 'role',
        role: 'selectAll',
        label: text('context.selectAll'),
        enabled: f.canSelectAll,
      },
    )
  } else if (input.selectionText.trim()) {
    items.push({ kind: 'role', role: 'copy', label: text('context.copy'), enabled: f.canCopy })
  }
  return items
}
