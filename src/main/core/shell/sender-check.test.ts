import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, APP_ORIGIN } from './app-origin'
import { describeSender, isTrustedSender } from './sender-check'

const policy = { origins: [APP_ORIGIN], webContentsIds: new Set([7]) }
const ours = { frameUrl: APP_ENTRY_URL, isTopFrame: true, webContentsId: 7 }

describe('isTrustedSender', () => {
  it('trusts the top frame of our window on our origin', () => {
    expect(isTrustedSender(ours, policy)).toBe(true)
    expect(
      isTrustedSender({ ...ours, frameUrl: `${APP_ORIGIN}/index.html#/room/a/b` }, policy),
    ).toBe(true)
  })

  it('rejects iframes, even on our origin', () => {
    expect(isTrustedSender({ ...ours, isTopFrame: false }, policy)).toBe(false)
  })

  it('rejects other webContents', () => {
    expect(isTrustedSender({ ...ours, webContentsId: 8 }, policy)).toBe(false)
  })

  it('rejects foreign origins and look-alikes', () => {
    for (const frameUrl of [
      'https://evil.example/index.html',
      'app://evil/index.html',
      'app://edusphere.evil/index.html',
      'file:///tmp/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSender({ ...ours, frameUrl }, policy), frameUrl).toBe(false)
    }
  })

  it('rejects a frame that is gone', () => {
    expect(isTrustedSender({ ...ours, frameUrl: null }, policy)).toBe(false)
  })

  it('trusts the dev server only when it is listed', () => {
    const dev = { ...ours, frameUrl: 'http://localhost:5173/index.html' }
    expect(isTrustedSender(dev, policy)).toBe(false)
    expect(
      isTrustedSender(dev, { ...policy, origins: [APP_ORIGIN, 'http://localhost:5173'] }),
    ).toBe(true)
  })
})

describe('describeSender', () => {
  it('reads an Electron-like invoke event', () => {
    const event = { senderFrame: { url: APP_ENTRY_URL, parent: null }, sender: { id: 7 } }
    expect(describeSender(event)).toEqual(ours)
    const child = { senderFrame: { url: APP_ENTRY_URL, parent: {} }, sender: { id: 7 } }
    expect(describeSender(child).isTopFrame).toBe(false)
  })

  it('turns anything odd into an untrusted sender instead of throwing', () => {
    for (const event of [
      null,
      undefined,
      42,
      {},
      { senderFrame: null, sender: { id: 1 } },
      { senderFrame: { url: 5 }, sender: { id: 1 } },
      { senderFrame: { url: APP_ENTRY_URL, parent: null }, sender: {} },
    ]) {
      expect(isTrustedSender(describeSender(event), policy)).toBe(false)
    }
  })
})
