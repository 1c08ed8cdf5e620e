/** Single instance: a second launch with the same profile hands its arguments to the first and exits. */
import {
  expect,
  hasElectron,
  launchSecondInstance,
  signInThroughUi,
  skipReason,
  test,
} from './fixtures'
import { expectShownWithRoom, hideWindow, recordPageEvents } from './window-checks'

test.skip(!hasElectron, skipReason)

test('a second launch shows the first window and opens the room it names', async ({
  app,
  page,
  server,
  userDataDir,
}) => {
  await signInThroughUi(page, server.url, 'alice')
  await recordPageEvents(page)
  await hideWindow(app)

  const exitCode = await launchSecondInstance(userDataDir, server.url, [
    '--open-room=alice/general',
  ])
  expect(exitCode).toBe(0)
  await expectShownWithRoom(app, page, 'alice/general')
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
})

test('a second launch with --hidden leaves a hidden window hidden', async ({
  app,
  page,
  server,
  userDataDir,
}) => {
  await page.waitForLoadState('load')
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide())
  expect(await launchSecondInstance(userDataDir, server.url, ['--hidden'])).toBe(0)
  // The first instance has handled 'second-instance' once a round trip to it completes.
  expect(
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible()),
  ).toBe(false)
})
