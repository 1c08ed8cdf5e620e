import { describe, expect, it } from 'vitest'
import { GROUP_WINDOW_MS, estimateRowPx, layoutAt } from './message-layout'
import { makeMessage } from '../../test-support/messages'

const bob = { id: '2', username: 'bob', avatarUrl: null }
const alice = { id: '1', username: 'alice', avatarUrl: null }
const t0 = new Date(2026, 10, 25, 10, 0).getTime()

describe('layoutAt', () => {
  it('starts a day and a group at the first message', () => {
    expect(layoutAt([makeMessage({ created: t0 })], 0)).toEqual({
      startsDay: true,
      continued: false,
    })
  })

  it('groups consecutive messages by the same author within the window', () => {
    const list = [
      makeMessage({ author: bob, created: t0 }),
      makeMessage({ author: bob, created: t0 + 1000 }),
      makeMessage({ author: alice, created: t0 + 2000 }),
      makeMessage({ author: alice, created: t0 + 2000 + GROUP_WINDOW_MS }),
    ]
    expect(list.map((_, i) => layoutAt(list, i).continued)).toEqual([false, true, false, false])
  })

  it('puts a separator where the local day changes and breaks the group there', () => {
    const list = [
      makeMessage({ author: bob, created: new Date(2026, 10, 24, 23, 59).getTime() }),
      makeMessage({ author: bob, created: new Date(2026, 10, 25, 0, 1).getTime() }),
    ]
    expect(layoutAt(list, 1)).toEqual({ startsDay: true, continued: false })
  })

  it('never groups a failed or unconfirmed message, so its reason stands out', () => {
    for (const status of ['failed', 'unconfirmed'] as const) {
      const list = [
        makeMessage({ author: bob, created: t0 }),
        makeMessage({ author: bob, created: t0 + 1, status }),
      ]
      expect(layoutAt(list, 1).continued).toBe(false)
    }
  })

  it('answers out-of-range indexes without throwing', () => {
    expect(layoutAt([], 3)).toEqual({ startsDay: false, continued: false })
  })
})

describe('estimateRowPx', () => {
  const words = (n: number): string => Array.from({ length: n }, () => 'word').join(' ')

  it('guesses group heads taller than the rows that continue them', () => {
    const list = [
      makeMessage({ author: bob, body: 'hi' }),
      makeMessage({ author: bob, body: 'again' }),
      makeMessage({ author: alice, body: 'hello' }),
    ]
    const head = estimateRowPx(list, 0, 1000)
    expect(estimateRowPx(list, 1, 1000)).toBeLessThan(head)
    expect(estimateRowPx(list, 2, 1000)).toBe(head)
    expect(estimateRowPx(list, 3, 1000)).toBe(0)
  })

  it('grows with the lines a long body wraps into, fewer in a wider list', () => {
    const list = [
      makeMessage({ author: bob, body: words(10) }),
      makeMessage({ author: bob, body: words(200) }),
    ]
    expect(estimateRowPx(list, 1, 1000)).toBeGreaterThan(estimateRowPx(list, 0, 1000))
    expect(estimateRowPx(list, 1, 600)).toBeGreaterThan(estimateRowPx(list, 1, 1200))
    // Before the list's width is known the guess is still a sensible height.
    expect(estimateRowPx(list, 1, 0)).toBeGreaterThan(estimateRowPx(list, 0, 0))
  })
})
