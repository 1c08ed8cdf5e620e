/**
 * Error frames carry no id (docs/protocol.md §4), so each one is attributed by what it can mean: the
 * text says which kinds of request could have caused it, and what we know about the targets breaks
 * ties. Never by position alone: the broadcast of request N may arrive after the error of N+1.
 */
import { bodyError, ServerErrorText } from '../../../shared/frames'
import type { OutboxEntry } from './outbox'

/** What the room knows about the message an edit or delete targets. */
export interface AttributionHints {
  /** The message is in the room's confirmed state. */
  exists(messageId: string): boolean
  /** The message is known to be ours. */
  isOwn(messageId: string): boolean
}

function oldestPreferring(
  candidates: OutboxEntry[],
  preferred: (e: OutboxEntry) => boolean,
): OutboxEntry | null {
  return candidates.find(preferred) ?? candidates[0] ?? null
}

/**
 * The in-flight entry an error frame belongs to, or null when none can have caused it.
 * `inFlight` must be ordered oldest-sent first.
 */
export function attributeError(
  text: string,
  inFlight: readonly OutboxEntry[],
  hints: AttributionHints,
): OutboxEntry | null {
  switch (text) {
    case ServerErrorText.tooLong: {
      // Also the answer to an empty body; a body we would reject ourselves is the likeliest cause.
      const bodies = inFlight.filter((e) => e.kind === 'text' || e.kind === 'edit')
      return oldestPreferring(bodies, (e) => e.kind !== 'delete' && bodyError(e.body) !== null)
    }
    case ServerErrorText.notFound: {
      const targeted = inFlight.filter((e) => e.kind === 'edit' || e.kind === 'delete')
      return oldestPreferring(targeted, (e) => e.kind !== 'text' && !hints.exists(e.messageId))
    }
    case ServerErrorText.notYourEdit: {
      const edits = inFlight.filter((e) => e.kind === 'edit')
      return oldestPreferring(edits, (e) => e.kind === 'edit' && !hints.isOwn(e.messageId))
    }
    case ServerErrorText.notYourDelete: {
      const deletes = inFlight.filter((e) => e.kind === 'delete')
      return oldestPreferring(deletes, (e) => e.kind === 'delete' && !hints.isOwn(e.messageId))
    }
    default:
      return null
  }
}
