/**
 * "Create account" in real Chromium against the real core and server: the server's form errors
 * ("Invalid data" with per-field details) shown on their fields, then the new account signed in.
 */
import { expect, SIGN_IN_TIMEOUT_MS, test } from './fixtures'

test("creates an account: the server's form errors show on their fields, then it signs in", async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await page.getByRole('button', { name: 'Create account' }).click()
  const form = page.getByRole('form', { name: 'Create your EduSphere account' })
  await form.getByLabel('Server address').fill(server.url)
  await form.getByLabel('Username').fill('alice')
  await form.getByLabel('Email').fill('not-an-email')
  await form.getByLabel('Password', { exact: true }).fill('pw-long-1')
  await form.getByLabel('Confirm password').fill('pw-long-2')
  await form.getByRole('button', { name: 'Create account' }).click()

  await expect(form.locator('#register-username-error')).toHaveText(
    'A user with that username already exists.',
  )
  await expect(form.locator('#register-name-error')).toHaveText('This field is required.')
  await expect(form.locator('#register-email-error')).toHaveText('Enter a valid email address.')
  await expect(form.locator('#register-password2-error')).toHaveText(
    'The two password fields didn\u2019t match.',
  )
  await expect(form.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByLabel('Password', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'false',
  )

  await form.getByLabel('Username').fill('dora')
  await form.getByLabel('Full name').fill('Dora Explorer')
  await form.getByLabel('Email').fill('dora@example.com')
  await form.getByLabel('Password', { exact: true }).fill('12345678')
  await form.getByLabel('Confirm password').fill('12345678')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(form.locator('#register-password2-error')).toHaveText(
    'This password is entirely numeric.',
  )

  await form.getByLabel('Password', { exact: true }).fill('maps-and-maths')
  await form.getByLabel('Confirm password').fill('maps-and-maths')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('list', { name: 'Your rooms' })).toBeVisible({
    timeout: SIGN_IN_TIMEOUT_MS,
  })
  await expect(page.locator('.me-name')).toHaveText('Dora Explorer')

  // The new account is a real one: it signs in again after signing out.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByLabel('Email').fill('dora@example.com')
  await page.getByLabel('Password').fill('maps-and-maths')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.locator('.me-name')).toHaveText('Dora Explorer', {
    timeout: SIGN_IN_TIMEOUT_MS,
  })
  expect(desktop.pageErrors).toEqual([])
})
