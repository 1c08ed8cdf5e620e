import { describe, expect, it } from 'vitest'
import { ServerErrorText } from '../../../shared/frames'
import {
  decideErrorNotification,
  decideMessageNotification,
  notificationName,
} from './notification-policy'
import type { AttentionState } from './notification-policy'

const msg = { roomKey: 'alice/general', roomName: 'General', author: 'bob', body: 'hi  there\nall' }
const away: AttentionState = {
  windowVisible: false,
  windowFocused: false,
  activeRoom: 'alice/general',
  messageNotifications: true,
  mentionNotifications: true,
  selfUsername: 'alice',
}

describe('decideMessageNotification', () => {
  it('notifies when the window is hidden, even for the active room', () => {
    expect(decideMessageNotification(msg, away)).toMatchObject({
      show: true,
      title: 'bob in General',
      body: 'hi there all',
      roomKey: 'alice/general',
    })
  })

  it('notifies when the window is visible but unfocused', () => {
    const v = decideMessageNotification(msg, { ...away, windowVisible: true })
    expect(v.show).toBe(true)
  })

  it('notifies for another room while the user looks at this one', () => {
    const v = decideMessageNotification(msg, {
      ...away,
      windowVisible: true,
      windowFocused: true,
      activeRoom: 'bob/private',
    })
    expect(v.show).toBe(true)
  })

  it('stays quiet for the room the user is looking at', () => {
    expect(
      decideMessageNotification(msg, { ...away, windowVisible: true, windowFocused: true }),
    ).toEqual({ show: false, reason: 'room-in-view' })
  })

  it('never notifies for own messages, whatever the case of the name', () => {
    expect(decideMessageNotification({ ...msg, author: 'Alice' }, away)).toEqual({
      show: false,
      reason: 'own-message',
    })
  })

  it('respects the setting before anything else', () => {
    expect(decideMessageNotification(msg, { ...away, messageNotifications: false })).toEqual({
      show: false,
      reason: 'setting-off',
    })
  })

  it('shortens long bodies and handles an empty one and a nameless room', () => {
    const long = decideMessageNotification({ ...msg, body: '😀'.repeat(500), roomName: '' }, away)
    expect(long.show && [...long.body].length).toBe(180)
    expect(long.show && long.body.endsWith('…')).toBe(true)
    expect(long.show && long.title).toBe('bob in alice/general')
    const empty = decideMessageNotification({ ...msg, body: '   ' }, away)
    expect(empty.show && empty.body).toBe('(empty message)')
  })

  it('notifies when nobody is signed in as far as the shell knows', () => {
    expect(decideMessageNotification(msg, { ...away, selfUsername: null }).show).toBe(true)
  })
})

describe('decideErrorNotification', () => {
  const err = { title: 'General', body: ServerErrorText.notYourEdit, roomKey: 'alice/general' }

  it('shows protocol errors with their exact text', () => {
    expect(decideErrorNotification(err, 0, new Map())).toEqual({ show: true, ...err })
  })

  it('shows "Connection failed after 5 attempts" without a room', () => {
    const v = decideErrorNotification(
      { title: 'EduSphere', body: 'Connection failed after 5 attempts', roomKey: null },
      0,
      new Map(),
    )
    expect(v).toMatchObject({
      show: true,
      body: 'Connection failed after 5 attempts',
      roomKey: null,
    })
  })

  it('folds a burst of the same error into one, and shows it again later', () => {
    const recent = new Map<string, number>()
    expect(decideErrorNotification(err, 1000, recent).show).toBe(true)
    expect(decideErrorNotification(err, 5000, recent)).toEqual({ show: false, reason: 'duplicate' })
    expect(decideErrorNotification({ ...err, roomKey: 'bob/private' }, 5000, recent).show).toBe(
      true,
    )
    expect(decideErrorNotification(err, 11_000, recent).show).toBe(true)
  })

  it('forgets old entries so the memory stays small', () => {
    const recent = new Map<string, number>()
    for (let i = 0; i < 100; i++)
      decideErrorNotification({ ...err, body: `e${i}` }, i * 20_000, recent)
    expect(recent.size).toBe(1)
  })
})

describe('notificationName', () => {
  it('keeps short text and never splits a surrogate pair', () => {
    expect(notificationName('a b')).toBe('a b')
    expect(notificationName('😀😀😀', 2)).toBe('😀…')
  })
})

describe('mentions of the user', () => {
  const mention = { ...msg, body: 'hey @Alice, look at this' }

  it('notify with their own title, even with message notifications off', () => {
    expect(decideMessageNotification(mention, { ...away, messageNotifications: false })).toEqual({
      show: true,
      title: 'bob mentioned you in General',
      body: 'hey @Alice, look at this',
      roomKey: 'alice/general',
      author: 'bob',
      room: 'General',
      mention: true,
    })
  })

  it('follow the mention switch, not the message switch', () => {
    const off = { ...away, mentionNotifications: false }
    expect(decideMessageNotification(mention, off)).toEqual({ show: false, reason: 'setting-off' })
    expect(decideMessageNotification(msg, off)).toMatchObject({ show: true, mention: false })
  })

  it('stay quiet in the room in view and for own messages', () => {
    const looking = { ...away, windowVisible: true, windowFocused: true }
    expect(decideMessageNotification(mention, looking)).toEqual({
      show: false,
      reason: 'room-in-view',
    })
    expect(decideMessageNotification({ ...mention, author: 'alice' }, away)).toEqual({
      show: false,
      reason: 'own-message',
    })
  })

  it('are whole-word: an e-mail address or a longer name is not a mention', () => {
    const quiet = { ...away, messageNotifications: false }
    for (const body of ['mail alice@example.org', 'hi @alice2', 'hi @alicex'])
      expect(decideMessageNotification({ ...msg, body }, quiet).show).toBe(false)
  })
})
