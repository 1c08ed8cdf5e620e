/** The composer's verdict on a draft, mirroring the server's rules (docs/protocol.md §4). */
import { MAX_BODY_CODE_POINTS, bodyError, codePointLength } from '../../../shared/frames'

export interface DraftVerdict {
  /** Code points, as the server counts them (an emoji is 1). */
  count: number
  max: number
  /** Past the limit: the server would answer "Message exceeds 500 characters." */
  over: boolean
  /**
   * Sendable: not empty and within the limit. Whitespace-only drafts are sendable because the
   * server accepts them; only a truly empty body is refused, exactly where the server refuses.
   */
  canSend: boolean
}

/** Judges a draft with the shared body rule main decides with (the count is for the counter). */
export function judgeDraft(body: string): DraftVerdict {
  const count = codePointLength(body)
  const over = count > MAX_BODY_CODE_POINTS
  return { count, max: MAX_BODY_CODE_POINTS, over, canSend: bodyError(body) === null }
}
