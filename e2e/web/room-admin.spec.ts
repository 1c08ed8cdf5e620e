/**
 * Rooms in real Chromium against the real core and server: creating one (topic suggestions, the
 * server's error on the name), its info with participants' avatars, the host's rename and delete,
 * and what another participant sees (the server tells no socket: the room-list sync shows it).
 */
import { createTestClient } from '../../src/main/core/test-support/chat-harness'
import { demoUsers } from '../../server/store/seed'
import { E2E_POLICY, expect, messageRow, openGeneral, signIn, test } from './fixtures'

test('creates a room, which opens and chats; a name already used shows on the name field', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await page.getByRole('button', { name: 'New room' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create a room' })
  // The topic field suggests the server's topics.
  await expect(dialog.locator('datalist option[value="Math"]')).toHaveCount(1)
  await dialog.getByRole('button', { name: 'Create room' }).click()
  await expect(dialog.getByText('Give the room a name.')).toBeVisible()

  await dialog.getByLabel('Room name').fill('General')
  await dialog.getByLabel('Topic').fill('Math')
  await dialog.getByRole('button', { name: 'Create room' }).click()
  await expect(dialog.getByLabel('Room name')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog.getByRole('alert')).toHaveText('You already have a room with this name.')

  await dialog.getByLabel('Room name').fill('Algebra Club')
  await dialog.getByLabel('Description').fill('Proofs on Fridays.')
  await dialog.getByRole('button', { name: 'Create room' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('heading', { name: '# Algebra Club' })).toBeVisible()
  await expect(page.locator('.room-description')).toHaveText('Proofs on Fridays.')
  await expect(
    page.getByRole('list', { name: 'Your rooms' }).getByRole('button', { name: /^Algebra Club/ }),
  ).toBeVisible()
  await expect(page.locator('.room-header-state')).toHaveText('Connected')
  const composer = page.getByPlaceholder('Write a message')
  await composer.fill('First!')
  await composer.press('Enter')
  await expect(messageRow(page, 'First!').locator('.status-pending')).toHaveCount(0)
  expect(desktop.pageErrors).toEqual([])
})

test('room info lists the participants with avatars; the host renames, re-describes and deletes', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await openGeneral(page)
  await page.getByRole('button', { name: 'Room info' }).click()
  const info = page.getByRole('dialog', { name: 'Room info' })
  const people = info.getByRole('list', { name: 'Participants' }).getByRole('listitem')
  await expect(people).toHaveCount(2)
  await expect(people.nth(0)).toContainText('Alice')
  await expect(people.nth(0)).toContainText('Host')
  await expect(people.nth(0)).toContainText('You')
  await expect(people.nth(1)).toContainText('@bob')
  // Bob's avatar comes from the server's /media/ through main's avatar route.
  const bobAvatar = people.nth(1).locator('img.avatar')
  await expect(bobAvatar).toHaveAttribute('src', '/avatar/avatars%2Fbob.png')
  await expect
    .poll(() => bobAvatar.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0)

  await info.getByRole('button', { name: 'Edit room' }).click()
  const edit = info.getByRole('form', { name: 'Edit room' })
  await edit.getByLabel('Room name').fill('General Lounge')
  await edit.getByLabel('Description').fill('Everything about the course, and more.')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(info.locator('.info-name')).toHaveText('General Lounge')
  await expect(page.getByRole('heading', { name: '# General Lounge' })).toBeVisible()
  await expect(page.locator('.room-description')).toHaveText(
    'Everything about the course, and more.',
  )
  await info.getByRole('button', { name: 'Close' }).click()

  // Delete asks first; the room then leaves the list and the window.
  await page.getByRole('button', { name: 'Room info' }).click()
  await info.getByRole('button', { name: 'Delete room' }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete General Lounge?' })
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('heading', { name: '# General Lounge' })).toBeVisible()
  await info.getByRole('button', { name: 'Delete room' }).click()
  await confirm.getByRole('button', { name: 'Delete room' }).click()
  await expect(page.getByRole('heading', { name: 'Pick a room' })).toBeVisible()
  await expect(
    page.getByRole('list', { name: 'Your rooms' }).getByRole('button', { name: /^General Lounge/ }),
  ).toHaveCount(0)
  expect(desktop.pageErrors).toEqual([])
})

test('another participant sees the host rename the room and then delete it', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  const bob = createTestClient(server.url, { policy: E2E_POLICY })
  try {
    await bob.service.signIn({
      server: server.url,
      email: demoUsers.bob.email,
      password: demoUsers.bob.password,
    })
    const room = await bob.service.createRoom({
      name: 'Chess Club',
      topic: 'Games',
      description: 'Openings',
    })
    await signIn(page, server.url)
    await page.getByRole('button', { name: 'Browse rooms' }).click()
    await page.getByRole('button', { name: 'Join Chess Club' }).click()
    await expect(page.getByRole('heading', { name: '# Chess Club' })).toBeVisible()
    // Not the host: the info shows no edit or delete.
    await page.getByRole('button', { name: 'Room info' }).click()
    const info = page.getByRole('dialog', { name: 'Room info' })
    await expect(
      info.getByRole('list', { name: 'Participants' }).getByRole('listitem'),
    ).toHaveCount(2)
    await expect(info.getByRole('button', { name: 'Edit room' })).toHaveCount(0)
    await info.getByRole('button', { name: 'Close' }).click()

    await bob.service.updateRoom(room.key, { name: 'Chess Society' })
    // The server tells no socket: the window coming back into focus (the shell's word) syncs.
    desktop.service.setWindowFocused(false)
    desktop.service.setWindowFocused(true)
    await expect(page.getByRole('heading', { name: '# Chess Society' })).toBeVisible()

    await bob.service.deleteRoom(room.key)
    desktop.service.setWindowFocused(false)
    desktop.service.setWindowFocused(true)
    await expect(page.getByRole('heading', { name: 'Pick a room' })).toBeVisible()
    await expect(
      page.getByText(
        'The room "Chess Society" was deleted by its host, so it has been removed from your rooms.',
      ),
    ).toBeVisible()
    expect(desktop.pageErrors).toEqual([])
  } finally {
    await bob.dispose()
  }
})
