import { describe, expect, it } from 'vitest'
import { FakeClock } from '../test-support/fake-clock'
import type { Notifier } from '../ports'
import type { AttentionState } from './notification-policy'
import type { NativeNotice, NotificationCenterDeps } from './notification-center'
import { createNotificationCenter } from './notification-center'

// What a hostile room member (or a hostile server) can make the desktop show. The sink records
// every native notification exactly as it would be handed to Electron.

const hidden: AttentionState = {
  windowVisible: false,
  windowFocused: false,
  activeRoom: null,
  messageNotifications: true,
  mentionNotifications: true,
  selfUsername: 'alice',
}

/** The center with the chat facts fixed, called the way the tests read best: room, names, body. */
function withChat(notifier: Notifier, chat: AttentionState) {
  return {
    error: notifier.error.bind(notifier),
    message: (roomKey: string, roomName: string, author: string, body: string) =>
      notifier.message({ roomKey, roomName, author, body }, chat),
  }
}

function setup(platform: NodeJS.Platform = 'linux') {
  const clock = new FakeClock()
  const shown: NativeNotice[] = []
  const deps: NotificationCenterDeps = { window: () => hidden, clock, platform }
  const notifier = withChat(createNotificationCenter(deps, { show: (n) => shown.push(n) }), hidden)
  return { clock, shown, notifier }
}

const BIDI_AND_ZERO_WIDTH =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/

describe('native notifications from hostile text', () => {
  it('escapes markup in Linux bodies, where the notification server renders it', () => {
    const { shown, notifier } = setup('linux')
    notifier.message(
      'alice/general',
      'General',
      'mallory',
      '<b>x</b> <a href="http://evil.example">sign in</a>',
    )
    expect(shown).toHaveLength(1)
    expect(shown[0]!.body).toBe(
      '&lt;b&gt;x&lt;/b&gt; &lt;a href=&quot;http://evil.example&quot;&gt;sign in&lt;/a&gt;',
    )
  })

  it('leaves bodies as they are where notifications are plain text', () => {
    const { shown, notifier } = setup('win32')
    notifier.message('alice/general', 'General', 'mallory', '<b>x</b> & co')
    expect(shown[0]!.body).toBe('<b>x</b> & co')
  })

  it('strips bidi controls and zero-width characters from titles and bodies', () => {
    const { shown, notifier } = setup()
    notifier.message(
      'alice/general',
      'Gen\u202Eeral',
      'mal\u202Elory\u200B',
      'hi\u2066 the\uFEFFre',
    )
    notifier.error('Gen\u202Eeral', 'bad\u061C frame\u200F', 'alice/general')
    expect(shown).toHaveLength(2)
    for (const n of shown) {
      expect(n.title).not.toMatch(BIDI_AND_ZERO_WIDTH)
      expect(n.body).not.toMatch(BIDI_AND_ZERO_WIDTH)
    }
    expect(shown[0]!.title).toBe('mallory in General')
    expect(shown[0]!.body).toBe('hi there')
  })

  it('cuts a 5,023-character author name short, with an ellipsis', () => {
    const { shown, notifier } = setup()
    notifier.message('alice/general', 'General', 'm'.repeat(5023), 'hi')
    const title = shown[0]!.title
    expect([...title].length).toBeLessThanOrEqual(100)
    expect(title).toMatch(/^m+… in General$/)
  })

  it('turns a flood of 2,000 different errors and 2,000 messages into a handful', () => {
    const { clock, shown, notifier } = setup()
    for (let i = 0; i < 2000; i++) {
      notifier.error('General', `Bad frame number ${i}`, 'alice/general')
      notifier.message('alice/general', 'General', `user${i % 7}`, `message ${i}`)
      clock.advance(1)
    }
    // Long after the flood: whatever was held back by the rate limit has been shown by now.
    clock.advance(10 * 60_000)
    expect(shown.length).toBeLessThanOrEqual(8)
    const messages = shown.filter((n) => n.key === 'message:alice/general')
    expect(messages.at(-1)).toMatchObject({ title: '2,000 new messages in General' })
    const errors = shown.filter((n) => n.key === 'error:alice/general')
    expect(errors.length).toBeGreaterThanOrEqual(1)
    expect(errors.length).toBeLessThanOrEqual(3)
  })
})

describe('coalescing, error limits and the rate limit', () => {
  it("folds a room's messages within a few seconds into one notification that replaces the last", () => {
    const { clock, shown, notifier } = setup('linux')
    notifier.message('alice/general', 'General', 'bob', 'first')
    clock.advance(2000)
    notifier.message('alice/general', 'General', 'carol', 'second <b>')
    clock.advance(2000)
    notifier.message('alice/general', 'General', 'bob', 'third')
    expect(shown).toEqual([
      {
        key: 'message:alice/general',
        title: 'bob in General',
        body: 'first',
        roomKey: 'alice/general',
      },
      {
        key: 'message:alice/general',
        title: '2 new messages in General',
        body: 'carol: second &lt;b&gt;',
        roomKey: 'alice/general',
      },
      {
        key: 'message:alice/general',
        title: '3 new messages in General',
        body: 'bob: third',
        roomKey: 'alice/general',
      },
    ])
    // A quiet spell ends the group; another room has its own.
    clock.advance(60_000)
    notifier.message('alice/general', 'General', 'bob', 'later')
    notifier.message('bob/private', 'Private', 'bob', 'elsewhere')
    expect(shown.slice(3).map((n) => [n.key, n.title])).toEqual([
      ['message:alice/general', 'bob in General'],
      ['message:bob/private', 'bob in Private'],
    ])
  })

  it('shows a few errors per room per minute and counts the rest into the next one', () => {
    const { clock, shown, notifier } = setup()
    for (let i = 0; i < 40; i++) notifier.error('General', `error ${i}`, 'alice/general')
    expect(shown.map((n) => n.body)).toEqual(['error 0', 'error 1', 'error 2'])
    clock.advance(61_000)
    notifier.error('General', 'error 40', 'alice/general')
    expect(shown.at(-1)).toEqual({
      key: 'error:alice/general',
      title: 'General',
      body: 'error 40 (and 37 more errors)',
      roomKey: 'alice/general',
    })
    // Each room has its own budget; app-wide errors too.
    notifier.error('Private', 'error', 'bob/private')
    notifier.error('EduSphere', 'Connection failed after 5 attempts', null)
    expect(shown.slice(-2).map((n) => n.key)).toEqual(['error:bob/private', 'error:'])
  })

  it('holds back what the rate limit refuses, and shows only the latest of each room later', () => {
    const { clock, shown, notifier } = setup()
    const rooms = Array.from({ length: 12 }, (_, i) => `host/room${i}`)
    for (const room of rooms) notifier.message(room, room, 'bob', `hi ${room}`)
    expect(shown).toHaveLength(5)
    for (const room of rooms) notifier.message(room, room, 'bob', `again ${room}`)
    expect(shown).toHaveLength(5)
    clock.advance(12 * 6000)
    // Rooms 0-4 were shown, then held once more; rooms 5-11 waited and show their latest count.
    expect(shown).toHaveLength(17)
    expect(shown.filter((n) => n.roomKey === 'host/room11')).toEqual([
      expect.objectContaining({
        title: '2 new messages in host/room11',
        body: 'bob: again host/room11',
      }),
    ])
    expect(clock.pending()).toEqual([])
  })

  it('a member posting every second for an hour gets about one notification per 6 s, not 3,600', () => {
    const { clock, shown, notifier } = setup()
    for (let i = 0; i < 3600; i++) {
      notifier.message('alice/general', 'General', 'mallory', `spam ${i}`)
      clock.advance(1000)
    }
    clock.advance(60_000)
    expect(shown.length).toBeLessThanOrEqual(5 + 3660 / 6)
    expect(shown.at(-1)!.title).toBe('3,600 new messages in General')
  })

  it('stays quiet for own messages and the room in view, as the policy says', () => {
    const clock = new FakeClock()
    const shown: NativeNotice[] = []
    const looking: AttentionState = {
      ...hidden,
      windowVisible: true,
      windowFocused: true,
      activeRoom: 'alice/general',
    }
    const notifier = withChat(
      createNotificationCenter(
        { window: () => looking, clock, platform: 'linux' },
        { show: (n) => shown.push(n) },
      ),
      looking,
    )
    notifier.message('alice/general', 'General', 'bob', 'seen')
    notifier.message('bob/private', 'Private', 'alice', 'mine')
    expect(shown).toEqual([])
  })

  it('groups mentions apart, so a burst of chatter never hides one', () => {
    const { shown, notifier } = setup('darwin')
    notifier.message('alice/general', 'General', 'bob', 'chatter 1')
    notifier.message('alice/general', 'General', 'carol', 'hey @alice, your turn')
    notifier.message('alice/general', 'General', 'bob', 'chatter 2')
    notifier.message('alice/general', 'General', 'bob', '@ALICE again')
    expect(shown.map((n) => [n.key, n.title])).toEqual([
      ['message:alice/general', 'bob in General'],
      ['mention:alice/general', 'carol mentioned you in General'],
      ['message:alice/general', '2 new messages in General'],
      ['mention:alice/general', '2 mentions of you in General'],
    ])
  })
})
