import { describe, expect, it } from 'vitest'
import { makeMessage } from '../test-support/messages'
import { firstLink, messageMenuItems } from './message-actions'

const actions = (overrides: Parameters<typeof makeMessage>[0]) =>
  messageMenuItems(makeMessage(overrides)).map((i) => i.action)

describe('messageMenuItems', () => {
  it("offers only Copy on someone else's message without a link", () => {
    expect(actions({ body: 'hello' })).toEqual(['copy'])
  })
  it('adds Copy link when the body has a link', () => {
    expect(actions({ body: 'see https://example.org/x.' })).toEqual(['copy', 'copy-link'])
  })
  it('adds Edit and Delete for your own confirmed message, not while something is pending', () => {
    expect(actions({ own: true })).toEqual(['copy', 'edit', 'delete'])
    expect(actions({ own: true, pendingAction: 'edit' })).toEqual(['copy'])
    expect(actions({ own: true, status: 'pending' })).toEqual(['copy'])
  })
  it('offers Retry or Send again, and Discard, for a message that did not go through', () => {
    expect(actions({ own: true, status: 'failed' })).toEqual(['copy', 'retry', 'discard'])
    const unconfirmed = messageMenuItems(makeMessage({ own: true, status: 'unconfirmed' }))
    expect(unconfirmed.map((i) => i.label)).toEqual(['Copy text', 'Send again', 'Discard'])
  })
})

describe('firstLink', () => {
  it('is the first safe link of the body, or null', () => {
    expect(firstLink('a www.example.org and https://b.example/')).toBe('https://www.example.org/')
    expect(firstLink('javascript:alert(1) no link')).toBeNull()
  })
})
