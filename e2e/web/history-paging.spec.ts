/**
 * A room with more messages than main's window, in real Chromium against the real core, store
 * and server: it opens with the newest messages; scrolling to the top brings older pages in
 * front without moving what the reader looks at, down to "Beginning of the room".
 */
import { seedHistory } from '../../src/main/core/test-support/seed-history'
import { expect, messageRow, openGeneral, signIn, test } from './fixtures'

const SEEDED = 700

test('scrolling up pages in older messages, keeps the reader in place, and ends at the beginning', async ({
  desktop,
  server,
}) => {
  await server.stop()
  seedHistory(server.dataDir, SEEDED, { prefix: 'paged line' })
  await server.start()
  const { page } = desktop
  // Signing in runs the server's full-cost password hash: on a loaded machine it takes a while.
  await signIn(page, server.url).catch(() => undefined)
  await expect(page.getByRole('list', { name: 'Your rooms' })).toBeVisible({ timeout: 60_000 })
  await openGeneral(page)
  const history = page.getByRole('log', { name: 'Message history' })
  // The newest window only: the oldest seeded lines are not in the page at all.
  await expect(history.locator('.history-top')).not.toContainText('Beginning of the room')
  await expect(messageRow(page, 'paged line 0')).toHaveCount(0)

  const top = history.locator('.history-top')
  for (let round = 0; round < 10 && !(await top.textContent())?.includes('Beginning'); round++) {
    // To the top; in the same task, how far the reader is from the end (no page can land first).
    const fromEnd = await history.evaluate((el) => {
      el.scrollTo({ top: 0 })
      return el.scrollHeight - el.scrollTop
    })
    // A page goes in front: the view moves down by as much, so the same rows stay in view
    // (the distance to the end is unchanged, give or take rows measured as they render).
    await expect
      .poll(() => history.evaluate((el) => el.scrollTop), { message: 'a page went in front' })
      .toBeGreaterThan(0)
    // Rows measured as they render correct the offset over a few frames: wait for it to settle.
    await expect
      .poll(
        async () => {
          const now = await history.evaluate((el) => el.scrollHeight - el.scrollTop)
          return Math.abs(now - fromEnd)
        },
        { message: 'the reader stays where they were' },
      )
      .toBeLessThan(120)
  }
  await expect(history.locator('.history-top')).toHaveText('Beginning of the room')
  await history.evaluate((el) => el.scrollTo({ top: 0 }))
  await expect(messageRow(page, 'paged line 0')).toBeVisible()
  expect(desktop.pageErrors).toEqual([])
})
