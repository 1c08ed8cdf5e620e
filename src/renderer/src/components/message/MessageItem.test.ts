// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import MessageItem from './MessageItem.vue'
import { makeMessage } from '../../test-support/messages'
import { unconfirmedText } from '../../../../shared/user-text'

function render(
  overrides: Parameters<typeof makeMessage>[0] = {},
  extra: { continued?: boolean; dayLabel?: string | null } = {},
) {
  return mount(MessageItem, {
    props: {
      message: makeMessage(overrides),
      continued: extra.continued ?? false,
      dayLabel: extra.dayLabel ?? null,
      editing: false,
    },
  })
}

describe('MessageItem', () => {
  it('gives own confirmed messages Edit and Delete, and every message the "…" menu button', async () => {
    const own = render({ own: true, author: { id: '1', username: 'alice', avatarUrl: null } })
    const buttons = own.findAll('.message-actions button').map((b) => b.text())
    expect(buttons).toEqual(['Edit', 'Delete', '…'])
    await own.findAll('.message-actions button')[1]!.trigger('click')
    expect(own.emitted('delete')).toHaveLength(1)
    const actions = (w: ReturnType<typeof render>) =>
      w.findAll('.message-actions button').map((b) => b.text())
    expect(actions(render({ own: false }))).toEqual(['…'])
    expect(actions(render({ own: true, status: 'pending' }))).toEqual(['…'])
  })

  it('asks for its menu from the "…" button, a right click, Shift+F10 and the Menu key', async () => {
    const item = render({ own: false, body: 'menu me' })
    const more = item.get('button[aria-haspopup="menu"]')
    expect(more.attributes('aria-label')).toBe('More actions for message: menu me')
    await more.trigger('click')
    await item.get('article').trigger('contextmenu', { clientX: 30, clientY: 40 })
    await item.get('.body').trigger('keydown', { key: 'F10', shiftKey: true })
    await item.get('article').trigger('keydown', { key: 'ContextMenu' })
    await item.get('article').trigger('keydown', { key: 'F10' })
    const requests = item.emitted('menu') as [{ message: { body: string }; x: number; y: number }][]
    expect(requests).toHaveLength(4)
    expect(requests.every(([r]) => r.message.body === 'menu me')).toBe(true)
    expect(requests[1]![0]).toMatchObject({ x: 30, y: 40 })
  })

  it('shows pending and failed states, with Retry and Discard for failures', async () => {
    expect(render({ status: 'pending', own: true }).text()).toContain('Sending…')
    const failed = render({ status: 'failed', own: true, error: 'Message exceeds 500 characters.' })
    expect(failed.get('.status-failed').text()).toContain(
      'Not sent: Message exceeds 500 characters.',
    )
    const [retry, discard] = failed.findAll('.status-failed button')
    await retry!.trigger('click')
    await discard!.trigger('click')
    expect(failed.emitted('retry')).toHaveLength(1)
    expect(failed.emitted('discard')).toHaveLength(1)
  })

  it('shows an unconfirmed message like a failed one, with its own words, Send again and Discard', async () => {
    const unconfirmed = render({ status: 'unconfirmed', own: true, error: unconfirmedText() })
    expect(unconfirmed.get('article').classes()).toContain('failed')
    const status = unconfirmed.get('.status-failed')
    expect(status.text()).toContain(unconfirmedText())
    expect(status.text()).not.toContain('Not sent')
    expect(unconfirmed.findAll('.message-actions button').map((b) => b.text())).toEqual(['…'])
    const buttons = status.findAll('button')
    expect(buttons.map((b) => b.text())).toEqual(['Send again', 'Discard'])
    await buttons[0]!.trigger('click')
    await buttons[1]!.trigger('click')
    expect(unconfirmed.emitted('retry')).toHaveLength(1)
    expect(unconfirmed.emitted('discard')).toHaveLength(1)
  })

  it('shows author, local time with the full timestamp on hover, and the edited mark', () => {
    const w = render({
      edited: true,
      author: {
        id: '2',
        username: 'bob',
        avatarUrl: '/avatar/avatars%2Fbob.png',
      },
    })
    expect(w.get('.author').text()).toBe('bob')
    const time = w.get('.message-header time')
    expect(time.attributes('title')).toMatch(/\d{4}/)
    expect(time.attributes('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(w.get('.edited').text()).toBe('(edited)')
    expect(w.get('img.avatar').attributes('src')).toBe('/avatar/avatars%2Fbob.png')
  })

  it('never points an image at anything but the app avatar route (initials instead)', () => {
    for (const avatarUrl of [
      'https://tracker.example/p.png?who=alice',
      'http://localhost:8000/media/avatars/bob.png',
      '//tracker.example/p.png',
      'data:image/png;base64,iVBORw0KGgo=',
      '/avatar/../index.html',
      '/avatar/a/b',
    ]) {
      const w = render({ author: { id: '2', username: 'bob', avatarUrl } })
      expect(w.find('img').exists(), avatarUrl).toBe(false)
      expect(w.get('.avatar-initials').text()).toBe('B')
    }
  })

  it('uses initials without an avatar and hides the header in a group', () => {
    expect(
      render({ author: { id: '3', username: 'carol', avatarUrl: null } })
        .get('.avatar-initials')
        .text(),
    ).toBe('C')
    const continued = render({}, { continued: true })
    expect(continued.find('.message-header').exists()).toBe(false)
    expect(continued.find('.avatar').exists()).toBe(false)
  })

  it('draws a day separator above the first message of a day', () => {
    expect(render({}, { dayLabel: 'Today' }).get('[role=separator]').text()).toBe('Today')
  })

  it('renders markup as inert text and links as anchors that ask to open', async () => {
    const xss = '<img src=x onerror="window.pwned=1"> see https://example.org'
    const w = render({ body: xss })
    expect(w.find('.body img').exists()).toBe(false)
    expect(w.get('.body').text()).toContain('<img src=x onerror="window.pwned=1">')
    const link = w.get('.body a')
    expect(link.attributes('href')).toBe('https://example.org/')
    await link.trigger('click')
    expect(w.emitted('openLink')).toEqual([['https://example.org/']])
  })
})

describe('MessageItem with hostile text', () => {
  it('isolates the body, so a right-to-left override cannot reorder the "(edited)" marker', () => {
    const w = render({ body: 'see \u202Eevil', edited: true })
    const body = w.get('.body .message-body')
    expect(body.element.tagName).toBe('BDI')
    expect(body.attributes('dir')).toBe('auto')
    // The marker is outside the isolated body, in the paragraph's own direction.
    const edited = w.get('.edited')
    expect(body.element.contains(edited.element)).toBe(false)
    expect(edited.element.parentElement).toBe(body.element.parentElement)
  })

  it('isolates the author name', () => {
    const w = render({ author: { id: '9', username: '\u202Eecila', avatarUrl: null } })
    expect(w.get('.author').element.tagName).toBe('BDI')
  })

  it('shows a link by where it goes: no decoded override, the real host, isolated left-to-right', async () => {
    const w = render({
      body: 'photo: http://evil.example/%E2%80%AEgpj.exe and http://evil.example/\u202Egpj.exe',
    })
    const links = w.findAll('.body a')
    expect(links.map((a) => a.text())).toEqual([
      'http://evil.example/%E2%80%AEgpj.exe',
      'http://evil.example/%E2%80%AEgpj.exe',
    ])
    for (const a of links) {
      expect(a.attributes('dir')).toBe('ltr')
      expect(a.text()).not.toMatch(/\u202E/)
    }
    const homograph = render({ body: 'https://xn--pypal-4ve.com/login' })
    expect(homograph.get('.body a').text()).toBe('https://xn--pypal-4ve.com/login')
    await links[0]!.trigger('click')
    expect(w.emitted('openLink')).toEqual([['http://evil.example/%E2%80%AEgpj.exe']])
  })
})
