import { describe, expect, it } from 'vitest'
import { judgeDraft } from './composer'

describe('judgeDraft', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(judgeDraft('😀😀').count).toBe(2)
  })

  it('refuses only an empty body or one past 500 code points', () => {
    expect(judgeDraft('').canSend).toBe(false)
    expect(judgeDraft('   ').canSend).toBe(true)
    expect(judgeDraft('a'.repeat(500)).canSend).toBe(true)
    const over = judgeDraft('😀'.repeat(501))
    expect(over).toEqual({ count: 501, max: 500, over: true, canSend: false })
  })
})
