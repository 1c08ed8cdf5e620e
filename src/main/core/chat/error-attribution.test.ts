import { describe, expect, it } from 'vitest'
import { ServerErrorText } from '../../../shared/frames'
import type { AttributionHints } from './error-attribution'
import { attributeError } from './error-attribution'
import { Outbox } from './outbox'

const KNOWN = '11111111-1111-4111-8111-111111111111'
const UNKNOWN = '22222222-2222-4222-8222-222222222222'
const hints: AttributionHints = {
  exists: (id) => id === KNOWN,
  isOwn: (id) => id === KNOWN,
}

/** An outbox with entries sent in the given order. */
function sent(...entries: Parameters<Outbox['add']>[0][]) {
  const outbox = new Outbox()
  for (const e of entries) outbox.markInFlight(outbox.add(e), 0)
  return outbox
}

const text = (clientId: string, body = 'hi') => ({ kind: 'text' as const, clientId, body })
const edit = (clientId: string, messageId = KNOWN, body = 'new') => ({
  kind: 'edit' as const,
  clientId,
  messageId,
  body,
})
const del = (clientId: string, messageId = KNOWN) => ({
  kind: 'delete' as const,
  clientId,
  messageId,
})

function blame(textOfError: string, outbox: Outbox): string | null {
  return attributeError(textOfError, outbox.inFlight(), hints)?.clientId ?? null
}

describe('attributeError', () => {
  it('"exceeds" prefers a text or edit whose body we would reject ourselves', () => {
    const outbox = sent(text('ok'), edit('e-empty', KNOWN, ''), text('long', 'x'.repeat(501)))
    expect(blame(ServerErrorText.tooLong, outbox)).toBe('e-empty')
  })

  it('"exceeds" falls back to the oldest in-flight text or edit, never a delete', () => {
    expect(blame(ServerErrorText.tooLong, sent(del('d'), edit('e'), text('t')))).toBe('e')
    expect(blame(ServerErrorText.tooLong, sent(del('d')))).toBeNull()
  })

  it('"Message not found." goes to an edit or delete, preferring an unknown target', () => {
    expect(blame(ServerErrorText.notFound, sent(text('t'), edit('e'), del('d')))).toBe('e')
    expect(blame(ServerErrorText.notFound, sent(text('t'), edit('e'), del('d', UNKNOWN)))).toBe('d')
    expect(blame(ServerErrorText.notFound, sent(text('t')))).toBeNull()
  })

  it('"You can only edit your own messages." goes to an edit only', () => {
    expect(blame(ServerErrorText.notYourEdit, sent(del('d'), text('t'), edit('e')))).toBe('e')
    expect(blame(ServerErrorText.notYourEdit, sent(edit('mine'), edit('theirs', UNKNOWN)))).toBe(
      'theirs',
    )
    expect(blame(ServerErrorText.notYourEdit, sent(del('d')))).toBeNull()
  })

  it('"You can only delete your own messages." goes to a delete only', () => {
    expect(blame(ServerErrorText.notYourDelete, sent(edit('e'), del('d')))).toBe('d')
    expect(blame(ServerErrorText.notYourDelete, sent(edit('e')))).toBeNull()
  })

  it('unknown texts are attributed to nothing', () => {
    expect(blame('Internal error', sent(text('t'), edit('e'), del('d')))).toBeNull()
  })

  it('"oldest" means oldest sent, not oldest created (a retried text goes last)', () => {
    const outbox = new Outbox()
    const retried = outbox.add(text('retried'))
    const later = outbox.add(text('later'))
    outbox.markInFlight(later, 0)
    outbox.markInFlight(retried, 1)
    expect(blame(ServerErrorText.tooLong, outbox)).toBe('later')
  })
})

describe('Outbox', () => {
  it('moves in-flight entries to unknown when the socket drops, and keeps queued ones', () => {
    const outbox = new Outbox()
    const a = outbox.add(text('a'))
    outbox.add(text('b'))
    outbox.markInFlight(a, 5)
    outbox.connectionLost()
    expect(outbox.unknown().map((e) => e.clientId)).toEqual(['a'])
    expect(outbox.queued().map((e) => e.clientId)).toEqual(['b'])
    expect(a.firstSentAt).toBe(5)
    outbox.requeue(a)
    outbox.markInFlight(a, 99)
    expect(a.firstSentAt).toBe(5) // matching against history uses the first attempt
  })

  it('matches an edit echo by id and body, falling back to the id', () => {
    const outbox = sent(edit('e1', KNOWN, 'one'), edit('e2', KNOWN, 'two'))
    expect(outbox.matchEdit(KNOWN.toUpperCase(), 'two')?.clientId).toBe('e2')
    expect(outbox.matchEdit(KNOWN, 'normalised by server')?.clientId).toBe('e1')
    expect(outbox.matchEdit(UNKNOWN, 'one')).toBeUndefined()
  })
})
