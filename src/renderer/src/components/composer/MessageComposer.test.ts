// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import MessageComposer from './MessageComposer.vue'
import { makeMessage } from '../../test-support/messages'

describe('MessageComposer', () => {
  it('sends on Enter and not on Shift+Enter', async () => {
    const w = mount(MessageComposer, { props: { modelValue: 'hello', editing: null } })
    const input = w.get('textarea')
    await input.trigger('keydown', { key: 'Enter', shiftKey: true })
    expect(w.emitted('submit')).toBeUndefined()
    await input.trigger('keydown', { key: 'Enter' })
    expect(w.emitted('submit')).toEqual([['hello']])
  })

  it('never sends while an IME composition is open', async () => {
    const w = mount(MessageComposer, { props: { modelValue: 'にほ', editing: null } })
    await w.get('textarea').trigger('keydown', { key: 'Enter', isComposing: true })
    expect(w.emitted('submit')).toBeUndefined()
  })

  it('counts code points and blocks past 500 or when empty', async () => {
    const w = mount(MessageComposer, { props: { modelValue: '😀'.repeat(501), editing: null } })
    expect(w.get('.composer-counter').text()).toContain('501/500')
    expect(w.get('button[type=submit]').attributes('disabled')).toBeDefined()
    expect(w.get('textarea').attributes('aria-invalid')).toBe('true')
    await w.get('textarea').trigger('keydown', { key: 'Enter' })
    expect(w.emitted('submit')).toBeUndefined()
    await w.setProps({ modelValue: '😀'.repeat(500) })
    expect(w.get('button[type=submit]').attributes('disabled')).toBeUndefined()
    await w.setProps({ modelValue: '' })
    expect(w.get('button[type=submit]').attributes('disabled')).toBeDefined()
    await w.setProps({ modelValue: '  ' })
    expect(w.get('button[type=submit]').attributes('disabled')).toBeUndefined()
  })

  it('emits typed text through v-model', async () => {
    const w = mount(MessageComposer, { props: { modelValue: '', editing: null } })
    await w.get('textarea').setValue('abc')
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual(['abc'])
  })

  it('Up in an empty composer asks to edit the last message; Esc cancels an edit', async () => {
    const w = mount(MessageComposer, { props: { modelValue: '', editing: null } })
    await w.get('textarea').trigger('keydown', { key: 'ArrowUp' })
    expect(w.emitted('editLast')).toHaveLength(1)
    await w.setProps({
      modelValue: 'old text',
      editing: makeMessage({ own: true, body: 'old text' }),
    })
    expect(w.text()).toContain('Editing message')
    expect(w.get('button[type=submit]').text()).toBe('Save')
    await w.get('textarea').trigger('keydown', { key: 'ArrowUp' })
    expect(w.emitted('editLast')).toHaveLength(1)
    await w.get('textarea').trigger('keydown', { key: 'Escape' })
    expect(w.emitted('cancelEdit')).toHaveLength(1)
  })
})
