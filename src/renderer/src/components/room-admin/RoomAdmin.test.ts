// @vitest-environment happy-dom
/**
 * Room info, creating a room, and the host's rename / re-describe / delete, driven through the
 * whole renderer on the fake ChatApi; server form errors land on their fields.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import type { RoomDetails } from '../../../../shared/ipc-contract'
import { signedInSession } from '../../test-support/fake-chat-api'
import { makeRoom } from '../../test-support/messages'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp()

const details = (overrides: Partial<RoomDetails> = {}): RoomDetails => ({
  key: 'alice/general',
  name: 'General',
  topic: 'Math',
  description: 'General chat',
  host: { id: '1', username: 'alice', name: 'Alice', avatarUrl: null },
  participants: [
    { id: '2', username: 'bob', name: 'Bob', avatarUrl: '/avatar/avatars%2Fbob.png' },
    { id: '1', username: 'alice', name: 'Alice', avatarUrl: null },
  ],
  created: '2026-11-01T10:00:00+00:00',
  isHost: true,
  ...overrides,
})

async function openInfo(w: VueWrapper): Promise<VueWrapper> {
  await w.get('.room-button').trigger('click')
  await flushPromises()
  const button = w.findAll('button').find((b) => b.text() === 'Room info')!
  await button.trigger('click')
  await flushPromises()
  return w
}

const dialog = (w: VueWrapper, title: string) =>
  w.findAll('[role=dialog]').find((d) => d.text().startsWith(title))!

describe('room info', () => {
  it('shows topic, description, the host first and every participant with their avatar', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      details: { 'alice/general': details() },
    })
    await openInfo(w)
    const info = dialog(w, 'Room info')
    expect(info.text()).toContain('General chat')
    expect(info.get('.topic-chip').text()).toBe('Math')
    const people = info.findAll('.person')
    expect(people.map((p) => p.get('.person-name').text())).toEqual(['Alice', 'Bob'])
    expect(people[0]!.text()).toContain('Host')
    expect(people[0]!.text()).toContain('You')
    expect(people[0]!.find('img').exists()).toBe(false) // no avatar: initials
    expect(people[1]!.get('img').attributes('src')).toBe('/avatar/avatars%2Fbob.png')
    expect(info.get('#room-people-title').text()).toBe('2 participants')
    expect(app.fake.callsOf('getRoomDetails')).toEqual([['alice/general']])
  })

  it('a participant who is not the host sees no edit or delete', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom({ host: 'bob', slug: 'club' })],
      details: { 'bob/club': details({ key: 'bob/club', isHost: false }) },
    })
    await openInfo(w)
    const labels = dialog(w, 'Room info')
      .findAll('button')
      .map((b) => b.text())
    expect(labels).not.toContain('Edit room')
    expect(labels).not.toContain('Delete room')
  })

  it('a room deleted meanwhile: the info says so', async () => {
    const w = await app.start({ session: signedInSession, rooms: [makeRoom()], details: {} })
    await openInfo(w)
    expect(dialog(w, 'Room info').get('[role=alert]').text()).toBe(
      "Couldn't load the room's info: This room was deleted by its host.",
    )
  })

  it('the host renames it: only the changed field is sent, and the header follows', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      details: { 'alice/general': details() },
    })
    await openInfo(w)
    await dialog(w, 'Room info')
      .findAll('button')
      .find((b) => b.text() === 'Edit room')!
      .trigger('click')
    const form = w.get('form[aria-label="Edit room"]')
    await form.get('input[name=room-name]').setValue('')
    await form.trigger('submit')
    expect(form.get('[role=alert]').text()).toBe('Give the room a name.')
    expect(app.fake.callsOf('updateRoom')).toEqual([])

    await form.get('input[name=room-name]').setValue('Lounge')
    app.fake.failNext('updateRoom', {
      code: 'invalid-argument',
      message: 'The server did not accept this: You already have a room with this name.',
      fields: { __all__: ['You already have a room with this name.'] },
    })
    await form.trigger('submit')
    await flushPromises()
    expect(form.get('input[name=room-name]').attributes('aria-invalid')).toBe('true')
    expect(form.text()).toContain('You already have a room with this name.')

    await form.trigger('submit')
    await flushPromises()
    expect(app.fake.callsOf('updateRoom').at(-1)).toEqual(['alice/general', { name: 'Lounge' }])
    expect(w.get('.room-title').text()).toBe('# Lounge')
    expect(dialog(w, 'Room info').get('.info-name').text()).toBe('Lounge')
  })

  it('the host deletes it after confirming; cancelling keeps it', async () => {
    const w = await app.start({
      session: signedInSession,
      rooms: [makeRoom()],
      details: { 'alice/general': details() },
    })
    await openInfo(w)
    const del = () =>
      dialog(w, 'Room info')
        .findAll('button')
        .find((b) => b.text() === 'Delete room')!
    await del().trigger('click')
    const confirm = dialog(w, 'Delete General?')
    expect(confirm.text()).toContain('It cannot be undone.')
    await confirm
      .findAll('button')
      .find((b) => b.text() === 'Cancel')!
      .trigger('click')
    expect(app.fake.callsOf('deleteRoom')).toEqual([])

    await del().trigger('click')
    await dialog(w, 'Delete General?')
      .findAll('button')
      .find((b) => b.text() === 'Delete room')!
      .trigger('click')
    await flushPromises()
    expect(app.fake.callsOf('deleteRoom')).toEqual([['alice/general']])
    expect(w.findAll('[role=dialog]')).toHaveLength(0)
    expect(w.findAll('.room-button')).toHaveLength(0)
    expect(w.text()).toContain('Pick a room')
  })
})

describe('creating a room', () => {
  it('asks for name and topic, suggests topics, shows server errors, then opens the room', async () => {
    const w = await app.start({ session: signedInSession, rooms: [], topics: ['Math', 'Music'] })
    await w.get('button[aria-label="New room"]').trigger('click')
    await flushPromises()
    const create = dialog(w, 'Create a room')
    expect(create.findAll('datalist option').map((o) => o.attributes('value'))).toEqual([
      'Math',
      'Music',
    ])
    await create.get('form').trigger('submit')
    expect(create.text()).toContain('Give the room a name.')
    expect(create.text()).toContain('Pick a topic, or type a new one.')
    expect(app.fake.callsOf('createRoom')).toEqual([])

    await create.get('input[name=room-name]').setValue('Algebra Club')
    await create.get('input[name=room-topic]').setValue('Math')
    await create.get('textarea').setValue('Proofs on Fridays')
    app.fake.failNext('createRoom', {
      code: 'invalid-argument',
      message: 'x',
      fields: { topic: ['Ensure this value has at most 200 characters (it has 201).'] },
    })
    await create.get('form').trigger('submit')
    await flushPromises()
    expect(create.get('input[name=room-topic]').attributes('aria-invalid')).toBe('true')
    expect(create.text()).toContain('Ensure this value has at most 200 characters')

    await create.get('form').trigger('submit')
    await flushPromises()
    expect(app.fake.callsOf('createRoom').at(-1)).toEqual([
      { name: 'Algebra Club', topic: 'Math', description: 'Proofs on Fridays' },
    ])
    expect(w.findAll('[role=dialog]')).toHaveLength(0)
    expect(w.get('.room-title').text()).toBe('# Algebra Club')
    expect(app.fake.callsOf('openRoom')).toEqual([['alice/algebra-club']])
  })

  it('a failure that is not about a field is shown for the whole form', async () => {
    const w = await app.start({ session: signedInSession, rooms: [] })
    await w.get('button[aria-label="New room"]').trigger('click')
    const create = dialog(w, 'Create a room')
    await create.get('input[name=room-name]').setValue('X')
    await create.get('input[name=room-topic]').setValue('Y')
    app.fake.failNext('createRoom', { code: 'unreachable', message: 'Cannot reach the server.' })
    await create.get('form').trigger('submit')
    await flushPromises()
    expect(create.get('[role=alert]').text()).toBe(
      "Couldn't create the room: Cannot reach the server.",
    )
  })
})
