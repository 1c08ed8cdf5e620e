// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import NoticeToasts from '../components/notice/NoticeToasts.vue'
import { MAX_NOTICES, useNoticesStore } from './notices'

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('a flood of different errors from one room', () => {
  it('shows a few toasts and counts the rest: "and 1,998 more errors"', () => {
    const notices = useNoticesStore()
    notices.push('info', 'Signed in')
    for (let i = 0; i < 2000; i++) notices.push('error', `Bad frame number ${i}`, 'General')
    const general = notices.notices.filter((n) => n.title === 'General')
    expect(general.map((n) => [n.message, n.more])).toEqual([
      ['Bad frame number 0', 0],
      ['Bad frame number 1', 1998],
    ])
    // Other notices are not pushed off the screen by the flood.
    expect(notices.notices.map((n) => n.message)).toContain('Signed in')
    expect(notices.notices.length).toBeLessThanOrEqual(MAX_NOTICES)

    const w = mount(NoticeToasts)
    expect(w.text()).toContain('and 1,998 more errors')
  })

  it('counts again from zero once the folded toast is gone', () => {
    const notices = useNoticesStore()
    for (let i = 0; i < 5; i++) notices.push('error', `e${i}`, 'General')
    const last = notices.notices.at(-1)!
    expect(last.more).toBe(3)
    notices.dismiss(last.id)
    notices.push('error', 'e5', 'General')
    expect(notices.notices.at(-1)).toMatchObject({ message: 'e5', more: 0 })
  })
})
