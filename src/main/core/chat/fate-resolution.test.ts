import { describe, expect, it } from 'vitest'
import type { OutboxEntry } from './outbox'
import { Outbox } from './outbox'
import { OTHER_DEVICE_WINDOW_MS, resolveUnknownFates } from './fate-resolution'
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

  it('does not resend when my other device was active shortly before the send', () => {
    const text = unknownText('maybe deleted by my other device')
    const fates = resolveUnknownFates([text], [], {
      ...base,
      otherDeviceSeenAt: T0 - OTHER_DEVICE_WINDOW_MS + 1000,
    })
    expect(fates.get(text)).toEqual({ kind: 'uncertain' })
  })

  it('does not resend when my other device was seen after the send', () => {
    const text = unknownText('sent')
    const fates = resolveUnknownFates([text], [], { ...base, otherDeviceSeenAt: T0 + 5000 })
    expect(fates.get(text)).toEqual({ kind: 'uncertain' })
  })

  it('still resends when my other device was last seen long before the send', () => {
    const text = unknownText('sent')
    const fates = resolveUnknownFates([text], [], {
      ...base,
      otherDeviceSeenAt: T0 - OTHER_DEVICE_WINDOW_MS - 1000,
    })
    expect(fates.get(text)).toEqual({ kind: 'resend' })
  })

  it('does not resend when the history has a row by me, unknown here, created since the send', () => {
    // The text was stored, then my other device edited it: the body no longer matches.
    const text = unknownText('original body')
    const edited = row(
      '00000000-0000-4000-8000-000000000002',
      'edited elsewhere',
      'alice',
      T0 + 400,
    )
    const fates = resolveUnknownFates([text], [edited], base)
    expect(fates.get(text)).toEqual({ kind: 'uncertain' })
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
