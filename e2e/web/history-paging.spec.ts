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
    // Every frame, the page notes the row at the top of the view and where it is; the last note
    // taken at offset 0 is what the reader saw right before the page went in front.
    await history.evaluate((el) => {
      const w = window as unknown as {
        __seen?: { text: string; y: number } | null
        __stop?: boolean
      }
      w.__seen = null
      w.__stop = false
      const note = (): void => {
        if (w.__stop) return
        if (el.scrollTop === 0) {
          const box = el.getBoundingClientRect()
          const row = Array.from(el.querySelectorAll('article.message')).find(
            (r) => r.getBoundingClientRect().bottom > box.top + 40,
          )
          if (row) w.__seen = { text: row.textContent ?? '', y: row.getBoundingClientRect().top }
        }
        requestAnimationFrame(note)
      }
      el.scrollTo({ top: 0 })
      requestAnimationFrame(note)
    })
    await expect
      .poll(() => history.evaluate((el) => el.scrollTop), { message: 'a page went in front' })
      .toBeGreaterThan(0)
    // That row is still where the reader saw it (once the rows above it are measured).
    await expect
      .poll(
        () =>
          history.evaluate((el) => {
            const w = window as unknown as { __seen?: { text: string; y: number } | null }
            const seen = w.__seen
            if (!seen) return 'nothing seen'
            const row = Array.from(el.querySelectorAll('article.message')).find(
              (r) => r.textContent === seen.text,
            )
            if (!row) return 'row gone'
            return Math.abs(row.getBoundingClientRect().top - seen.y) < 40 ? 'kept' : 'moved'
          }),
        { message: 'the reader stays where they were' },
      )
      .toBe('kept')
    await history.evaluate(() => ((window as unknown as { __stop?: boolean }).__stop = true))
  }
  await expect(history.locator('.history-top')).toHaveText('Beginning of the room')
  await history.evaluate((el) => el.scrollTo({ top: 0 }))
  await expect(messageRow(page, 'paged line 0')).toBeVisible()
  expect(desktop.pageErrors).toEqual([])
})
