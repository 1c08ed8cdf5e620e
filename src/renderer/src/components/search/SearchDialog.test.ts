// @vitest-environment happy-dom
/**
 * Search on the mounted app (fake ChatApi): Ctrl/Cmd+F searches the open room, Ctrl/Cmd+Shift+F
 * every room; matches are highlighted; choosing one opens its room, asks main for the window
 * around it when the renderer does not hold it, and highlights the message.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { SearchHit } from '../../../../shared/ipc-contract'
import { signedInSession } from '../../test-support/fake-chat-api'
import { makeMessage, makeRoom } from '../../test-support/messages'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp({ historyHeight: 600 })
const mod = /mac/i.test(navigator.platform) ? { metaKey: true } : { ctrlKey: true }

async function press(key: string, mods: KeyboardEventInit = {}): Promise<void> {
  const target = document.activeElement ?? document.body
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...mods }))
  await flushPromises()
}

async function type(text: string): Promise<void> {
  const input = document.activeElement as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input'))
  await press('Enter')
}

const general = makeRoom()
const algebra = makeRoom({ slug: 'algebra', name: 'Algebra' })
const inGeneral = [
  makeMessage({ body: 'first' }),
  makeMessage({ body: 'the proof on page 112' }),
  makeMessage({ body: 'last' }),
]
const old = makeMessage({ roomKey: 'alice/algebra', body: 'an old proof' })

function hitOf(m: (typeof inGeneral)[number], snippet: string, at: number): SearchHit {
  return {
    roomKey: m.roomKey,
    id: m.id,
    author: { id: m.author.id, username: m.author.username },
    created: m.created,
    snippet,
    ranges: [[at, at + 5]],
  }
}

async function startInGeneral() {
  const w = await app.start({
    session: signedInSession,
    rooms: [general, algebra],
    history: { 'alice/general': inGeneral, 'alice/algebra': [] },
  })
  await w.findAll('.room-button')[0]!.trigger('click')
  await flushPromises()
  return w
}

describe('search', () => {
  it('Ctrl/Cmd+F searches the open room and highlights the matches', async () => {
    const w = await startInGeneral()
    app.fake.searchHits = [hitOf(inGeneral[1]!, 'the proof on page 112', 4)]
    await press('f', mod)
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Search messages')
    expect(w.text()).toContain('Search #General')
    await type('proof')
    expect(app.fake.callsOf('searchMessages')).toEqual([
      [{ query: 'proof', roomKey: 'alice/general' }],
    ])
    expect(w.get('[role=status].search-status').text()).toBe('1 result')
    const result = w.get('.search-result')
    expect(result.get('mark').text()).toBe('proof')
    expect(result.text()).toContain('bob')
    expect(result.text()).not.toContain('#General')
  })

  it('Ctrl/Cmd+Shift+F searches every room and names each hit’s room; no match says so', async () => {
    const w = await startInGeneral()
    await press('F', { ...mod, shiftKey: true })
    expect(w.text()).toContain('Search all rooms')
    await type('nothing')
    expect(app.fake.callsOf('searchMessages')).toEqual([[{ query: 'nothing', roomKey: null }]])
    expect(w.text()).toContain('No messages match “nothing”.')
    app.fake.searchHits = [hitOf(old, 'an old proof', 7)]
    await type('proof')
    expect(w.get('.search-result').text()).toContain('#Algebra')
    // The scope can change after opening: the search runs again, in the room.
    await w.get('input[value=room]').setValue(true)
    await flushPromises()
    expect(app.fake.callsOf('searchMessages').at(-1)).toEqual([
      { query: 'proof', roomKey: 'alice/general' },
    ])
  })

  it('shows why a search failed', async () => {
    const w = await startInGeneral()
    await press('f', mod)
    app.fake.failNext('searchMessages', { code: 'internal', message: 'disk unreadable' })
    await type('proof')
    expect(w.get('.search-problem').text()).toBe("Couldn't search: disk unreadable")
  })

  it('jumps to a hit in the open room: the dialog closes and the message is highlighted', async () => {
    const w = await startInGeneral()
    app.fake.searchHits = [hitOf(inGeneral[1]!, 'the proof on page 112', 4)]
    await press('f', mod)
    await type('proof')
    await w.get('.search-result').trigger('click')
    await flushPromises()
    expect(w.find('[role=dialog]').exists()).toBe(false)
    const row = w.get(`[data-message-id="${inGeneral[1]!.id}"]`)
    expect(row.classes()).toContain('highlighted')
    expect(row.attributes('aria-current')).toBe('true')
    // It was already loaded: nothing to reveal.
    expect(app.fake.callsOf('revealMessage')).toEqual([])
  })

  it('jumps to a hit outside the loaded history: opens its room and reveals its window', async () => {
    const w = await startInGeneral()
    app.fake.searchHits = [hitOf(old, 'an old proof', 7)]
    app.fake.revealed['alice/algebra'] = [makeMessage({ roomKey: 'alice/algebra' }), old]
    await press('F', { ...mod, shiftKey: true })
    await type('proof')
    // Keyboard: ↓ from the field to the first result, Enter on it.
    await press('ArrowDown')
    expect(document.activeElement?.classList.contains('search-result')).toBe(true)
    ;(document.activeElement as HTMLButtonElement).click()
    await flushPromises()
    expect(app.fake.callsOf('openRoom').at(-1)).toEqual(['alice/algebra'])
    expect(app.fake.callsOf('revealMessage')).toEqual([['alice/algebra', old.id]])
    expect(w.get('.room-title').text()).toBe('# Algebra')
    expect(w.get(`[data-message-id="${old.id}"]`).classes()).toContain('highlighted')
  })

  it('says so when the message cannot be shown any more', async () => {
    const w = await startInGeneral()
    app.fake.searchHits = [hitOf(old, 'an old proof', 7)]
    await press('F', { ...mod, shiftKey: true })
    await type('proof')
    app.fake.failNext('revealMessage', {
      code: 'not-found',
      message: 'That message is no longer in this room: it may have been deleted.',
    })
    await w.get('.search-result').trigger('click')
    await flushPromises()
    expect(w.text()).toContain("Couldn't show that message: That message is no longer")
    expect(w.find('.highlighted').exists()).toBe(false)
  })
})
