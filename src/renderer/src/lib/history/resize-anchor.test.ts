import { describe, expect, it } from 'vitest'
import { adjustsOffset } from './resize-anchor'

const reading = { offset: 1000, scrollingUp: false, following: false }

describe('adjustsOffset', () => {
  it('keeps the rows in view still when a chunk above them changes size', () => {
    expect(adjustsOffset({ start: 200, end: 400, firstMeasure: true }, 30, reading)).toBe(true)
    expect(adjustsOffset({ start: 200, end: 400, firstMeasure: true }, -30, reading)).toBe(true)
    expect(adjustsOffset({ start: 200, end: 400, firstMeasure: false }, -30, reading)).toBe(true)
  })

  it('leaves the offset alone for chunks in view or below, and while the reader scrolls up', () => {
    expect(adjustsOffset({ start: 1200, end: 1400, firstMeasure: true }, 30, reading)).toBe(false)
    expect(adjustsOffset({ start: 900, end: 1100, firstMeasure: false }, 30, reading)).toBe(false)
    const up = { ...reading, scrollingUp: true }
    expect(adjustsOffset({ start: 200, end: 400, firstMeasure: false }, 30, up)).toBe(false)
  })

  it('never moves the view while following the end (the list pins the end itself)', () => {
    const following = { ...reading, following: true }
    expect(adjustsOffset({ start: 200, end: 400, firstMeasure: true }, -30, following)).toBe(false)
    expect(adjustsOffset({ start: 200, end: 400, firstMeasure: false }, -30, following)).toBe(false)
    expect(adjustsOffset({ start: 200, end: 400, firstMeasure: true }, 30, following)).toBe(false)
  })
})
