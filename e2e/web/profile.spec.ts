/**
 * The profile in real Chromium against the real core and server: name and bio, and an avatar
 * checked (size, type, real image) and previewed before the bytes go over IPC to main, which
 * uploads them as a GraphQL multipart request; the sidebar then shows the new picture.
 */
import { TINY_PNG } from '../../src/main/core/test-support/tiny-png'
import { expect, signIn, test } from './fixtures'

test('edits name and bio, refuses bad pictures, uploads a good one with a preview', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await signIn(page, server.url)
  await page.getByRole('button', { name: 'Your profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Your profile' })
  await expect(dialog.getByLabel('Name')).toHaveValue('Alice')
  const avatar = dialog.getByLabel('Avatar')

  await avatar.setInputFiles({
    name: 'huge.png',
    mimeType: 'image/png',
    buffer: Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024)]),
  })
  await expect(dialog.getByTestId('avatar-error')).toHaveText(
    'That picture is 2.0 MB; the server accepts at most 2 MB. Choose a smaller one.',
  )
  await avatar.setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('hi'),
  })
  await expect(dialog.getByTestId('avatar-error')).toContainText('not a PNG or JPEG picture')
  // PNG-looking bytes that Chromium cannot decode are refused too.
  await avatar.setInputFiles({
    name: 'broken.png',
    mimeType: 'image/png',
    buffer: Buffer.concat([TINY_PNG.subarray(0, 16), Buffer.alloc(8)]),
  })
  await expect(dialog.getByTestId('avatar-error')).toHaveText(
    'That picture could not be read: it may be damaged. Choose another one.',
  )

  await avatar.setInputFiles({ name: 'alice.png', mimeType: 'image/png', buffer: TINY_PNG })
  await expect(dialog.getByTestId('avatar-error')).toHaveCount(0)
  await expect(dialog.getByRole('img', { name: 'Preview of alice.png' })).toBeVisible()
  await dialog.getByLabel('Name').fill('Alice Liddell')
  await dialog.getByLabel('Bio').fill('Curiouser and curiouser.')
  await dialog.getByRole('button', { name: 'Save profile' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Your profile is saved.')

  // The sidebar follows: the new name, and the uploaded picture served back by the server.
  await expect(page.locator('.me-name')).toHaveText('Alice Liddell')
  const picture = page.locator('.me img.avatar')
  await expect(picture).toHaveAttribute('src', /^\/avatar\/avatars%2F.+\.png$/)
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1)

  // What the server now holds.
  await dialog.getByRole('button', { name: 'Close' }).click()
  await page.getByRole('button', { name: 'Your profile' }).click()
  await expect(dialog.getByLabel('Bio')).toHaveValue('Curiouser and curiouser.')
  expect(desktop.pageErrors).toEqual([])
})
