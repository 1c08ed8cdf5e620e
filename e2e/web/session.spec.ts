/** Sign-in errors, the keychain, and sign-out, with the real keytar against gnome-keyring. */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { accountFor } from '../../src/main/core/session/secret-store'
import { demoUsers } from '../../server/store/seed'
import { expect, signIn, test } from './fixtures'

test('shows inline errors for wrong credentials and an unreachable server', async ({
  desktop,
  server,
}) => {
  const { page } = desktop
  await page.getByLabel('Server address').fill(server.url)
  await page.getByLabel('Email').fill('alice@example.com')
  await page.getByLabel('Password').fill('wrong-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong email or password')

  // A port nobody listens on: the server's own port after it stops.
  await server.stop()
  await page.getByLabel('Password').fill(demoUsers.alice.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText("Can't reach the server")
  await server.start()
})

test('says a server that refuses our Host name does not accept the address', async ({
  desktop,
}) => {
  const { page } = desktop
  // Django's answer, on every path, to a Host outside its ALLOWED_HOSTS.
  const django = createServer((req, res) => {
    req.resume()
    res.writeHead(400, { 'content-type': 'text/html' }).end('<h1>Bad Request (400)</h1>')
  })
  django.listen(0, '127.0.0.1')
  await once(django, 'listening')
  try {
    await page
      .getByLabel('Server address')
      .fill(`http://127.0.0.1:${(django.address() as AddressInfo).port}`)
    await page.getByLabel('Email').fill(demoUsers.alice.email)
    await page.getByLabel('Password').fill(demoUsers.alice.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const alert = page.getByRole('alert')
    await expect(alert).toContainText(
      'This server does not accept the address 127.0.0.1; ask its administrator to allow it.',
    )
    await expect(alert).not.toContainText('EduSphere server')
  } finally {
    django.closeAllConnections()
    django.close()
  }
})

test('keeps the token in the keychain and sign-out removes it', async ({ desktop, server }) => {
  test.skip(
    desktop.keychainReason !== null,
    `no Secret Service here: ${desktop.keychainReason ?? ''}`,
  )
  const { page, store } = desktop
  await signIn(page, server.url)
  const account = accountFor(server.url, demoUsers.alice.email)
  await expect.poll(() => store.accounts()).toContain(account)
  expect(await store.get(account)).toBeTruthy()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await expect.poll(() => store.accounts()).not.toContain(account)
  expect(await store.get(account)).toBeNull()
})
