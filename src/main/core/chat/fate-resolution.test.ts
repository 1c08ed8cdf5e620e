import { describe, expect, it } from 'vitest'
import type { OutboxEntry } from './outbox'
import { Outbox } from './outbox'
import { ORDER_SLACK_MS, resolveUnknownFates } from './fate-resolution'
import { row, T0 } from '../test-support/chat-fixtures'

/** A text sent at `sentAt` whose socket dropped before the echo. */
function unknownText(body: string, sentAt = T0): OutboxEntry {
  const outbox = new Outbox()
  const entry = outbox.add({ kind: 'text', clientId: `local-${body}`, body })
  outbox.markInFlight(entry, sentAt)
  outbox.connectionLost()
  return entry
}

const base = { me: 'alice', knownIds: new Set<string>(), otherDeviceSeenAt: null }

describe('resolveUnknownFates for texts', () => {
  it('confirms an exact match and resends a text nobody else could have changed', () => {
    const found = unknownText('found')
    const missing = unknownText('missing')
    const stored = row('00000000-0000-4000-8000-000000000001', 'found', 'alice', T0 + 500)
    const fates = resolveUnknownFates([found, missing], [stored], base)
    expect(fates.get(found)).toEqual({ kind: 'confirmed', row: stored })
    expect(fates.get(missing)).toEqual({ kind: 'resend' })
  })

  it('does not resend when my other device was seen at work after the send', () => {
    const text = unknownText('sent')
    const fates = resolveUnknownFates([text], [], { ...base, otherDeviceSeenAt: T0 + 5000 })
    expect(fates.get(text)).toEqual({ kind: 'uncertain' })
  })

  it('still resends when my other device was seen only before the send', () => {
    // It could not have changed a text that was not stored yet; most texts lost to a server crash
    // were never stored, and resending those is safe.
    const text = unknownText('sent')
    const fates = resolveUnknownFates([text], [], { ...base, otherDeviceSeenAt: T0 - 1 })
    expect(fates.get(text)).toEqual({ kind: 'resend' })
  })

  it('does not resend when the history has a row by me, unknown here, newer than all I knew', () => {
    // The text was stored, then my other device edited it: the body no longer matches.
    const known = '00000000-0000-4000-8000-000000000010'
    const text = unknownText('original body', T0 + 1000)
    const rows = [
      row(known, 'seen live before the drop', 'bob', T0 + 900),
      row('00000000-0000-4000-8000-000000000002', 'edited elsewhere', 'alice', T0 + 1200, true),
    ]
    const fates = resolveUnknownFates([text], rows, { ...base, knownIds: new Set([known]) })
    expect(fates.get(text)).toEqual({ kind: 'uncertain' })
  })

  it('anchors "newer" on the server clock: an unseen row of mine older than what I knew is no evidence', () => {
    const known = '00000000-0000-4000-8000-000000000010'
    // The client clock runs an hour ahead: only the server's own times can say "after".
    const text = unknownText('lost', T0 + 3_600_000)
    const rows = [
      row(known, 'seen live before the drop', 'bob', T0 + 10_000),
      row(
        '00000000-0000-4000-8000-000000000011',
        'missed',
        'alice',
        T0 + 10_000 - ORDER_SLACK_MS - 1,
      ),
    ]
    const ctx = { ...base, knownIds: new Set([known]) }
    expect(resolveUnknownFates([text], rows, ctx).get(text)).toEqual({ kind: 'resend' })
    const newer = row(
      '00000000-0000-4000-8000-000000000012',
      'stored meanwhile',
      'alice',
      T0 + 11_000,
    )
    expect(resolveUnknownFates([text], [...rows, newer], ctx).get(text)).toEqual({
      kind: 'uncertain',
    })
  })

  it('without anything known (a first load), falls back to rows created since the send', () => {
    const text = unknownText('original body')
    const edited = row(
      '00000000-0000-4000-8000-000000000002',
      'edited elsewhere',
      'alice',
      T0 + 400,
    )
    expect(resolveUnknownFates([text], [edited], base).get(text)).toEqual({ kind: 'uncertain' })
  })

  it('ignores rows that were known, claimed by another text, older than the send, or not mine', () => {
    const claimedText = unknownText('claimed')
    const text = unknownText('lost')
    const known = '00000000-0000-4000-8000-000000000003'
    const rows = [
      row(known, 'known', 'alice', T0 + 100),
      row('00000000-0000-4000-8000-000000000004', 'claimed', 'alice', T0 + 200),
      row('00000000-0000-4000-8000-000000000005', 'long ago', 'alice', T0 - 3_600_000),
      row('00000000-0000-4000-8000-000000000006', 'from bob', 'bob', T0 + 300),
    ]
    const fates = resolveUnknownFates([claimedText, text], rows, {
      ...base,
      knownIds: new Set([known]),
    })
    expect(fates.get(claimedText)?.kind).toBe('confirmed')
    expect(fates.get(text)).toEqual({ kind: 'resend' })
  })
})

describe('resolveUnknownFates uses the order texts went out on one connection', () => {
  /** Texts sent in this order on one socket, which then dropped. */
  function inFlight(...bodies: string[]): OutboxEntry[] {
    const outbox = new Outbox()
    const entries = bodies.map((body, i) => {
      const entry = outbox.add({ kind: 'text', clientId: `local-${i}`, body })
      outbox.markInFlight(entry, T0 + i)
      return entry
    })
    outbox.connectionLost()
    return entries
  }
  const busyElsewhere = { ...base, otherDeviceSeenAt: T0 + 10_000 }

  it('only the first missing text is in doubt; later ones went out after the break', () => {
    const [a, b, c, d] = inFlight('a', 'b', 'c', 'd')
    const stored = row('00000000-0000-4000-8000-000000000020', 'a', 'alice', T0 + 100)
    const fates = resolveUnknownFates([a!, b!, c!, d!], [stored], busyElsewhere)
    expect([a, b, c, d].map((e) => fates.get(e!)?.kind)).toEqual([
      'confirmed',
      'uncertain',
      'resend',
      'resend',
    ])
  })

  it('the boundary does not trust matches: an identical text from my other device can match', () => {
    const [a, b, c] = inFlight('a', 'b', 'twin text')
    const twin = row('00000000-0000-4000-8000-000000000021', 'twin text', 'alice', T0 + 100)
    expect(
      [a, b, c].map((e) => resolveUnknownFates([a!, b!, c!], [twin], busyElsewhere).get(e!)?.kind),
    ).toEqual(['uncertain', 'resend', 'confirmed'])
    expect(
      [a, b, c].map((e) => resolveUnknownFates([a!, b!, c!], [twin], base).get(e!)?.kind),
    ).toEqual(['resend', 'resend', 'confirmed'])
  })
})
