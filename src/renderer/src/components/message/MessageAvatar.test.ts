// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import MessageAvatar from './MessageAvatar.vue'

// Real deployments serve /media/ from a reverse proxy; the bare backend answers 404 there, so an
// avatar the app fetches for the page may not load (docs/protocol.md §4 "Media").
describe('MessageAvatar', () => {
  const url = '/avatar/avatars%2Fbob.png'

  it('shows the picture while it loads', () => {
    const w = mount(MessageAvatar, { props: { name: 'bob', url } })
    expect(w.get('img.avatar').attributes('src')).toBe(url)
    expect(w.find('.avatar-initials').exists()).toBe(false)
  })

  it('an avatar that fails to load (404) shows the initials instead', async () => {
    const w = mount(MessageAvatar, { props: { name: 'bob.smith', url } })
    await w.get('img.avatar').trigger('error')
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('.avatar-initials').text()).toBe('BS')
  })

  it('a new address is tried again after a failure', async () => {
    const w = mount(MessageAvatar, { props: { name: 'bob', url } })
    await w.get('img.avatar').trigger('error')
    await w.setProps({ url: '/avatar/avatars%2Fbob-2.png' })
    expect(w.get('img.avatar').attributes('src')).toMatch(/bob-2\.png$/)
  })

  it('no avatar at all shows the initials', () => {
    const w = mount(MessageAvatar, { props: { name: 'carol', url: null } })
    expect(w.get('.avatar-initials').text()).toBe('C')
  })
})
