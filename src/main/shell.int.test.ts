/**
 * The Electron shell's wiring, end to end except Electron itself: src/main/index.ts runs against a
 * recording stand-in for the `electron` module (the binary cannot run here; see
 * test-support/fake-electron.ts) with the REAL chat service, secret store, WebSockets and GraphQL
 * talking to the REAL local server on port 0. e2e/electron covers the same with real Electron.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestServer } from '../../server/test-support'
import { ProtocolClient, demoUsers, openSocket, startTestServer } from '../../server/test-support'
import type { ChatEvent, Result, SessionSnapshot } from '../shared/ipc-contract'
import { eventChannels, invokeChannelNames } from '../shared/ipc-contract'
import { APP_ENTRY_URL } from './core/shell/app-origin'
import type { FakeBrowserWindow, FakeMenu } from './test-support/fake-electron'
import { app, fakeElectronModule, fakeEvent, recorder } from './test-support/fake-electron'

vi.mock('electron', async () => (await import('./test-support/fake-electron')).fakeElectronModule)

let server: TestServer
let profile: string
let win: FakeBrowserWindow

beforeAll(async () => {
  server = await startTestServer()
  profile = mkdtempSync(join(tmpdir(), 'edusphere-shell-'))
  process.env.EDUSPHERE_USER_DATA_DIR = profile
  process.env.EDUSPHERE_SECRET_STORE = 'memory'
  process.env.EDUSPHERE_DEFAULT_SERVER = server.url
  await import('./index')
  app.becomeReady()
  await vi.waitFor(() => expect(recorder.windows).toHaveLength(1), { timeout: 10_000 })
  win = recorder.windows[0]!
})

afterAll(async () => {
  if (recorder.exitCode === null) app.quit()
  await vi.waitFor(() => expect(recorder.exitCode).toBe(0), { timeout: 10_000 })
  await server.dispose()
  rmSync(profile, { recursive: true, force: true })
})

const trusted = () => ({
  senderFrame: { url: APP_ENTRY_URL, parent: null },
  sender: { id: win.webContents.id },
})

async function invoke<T>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  const handler = recorder.ipcHandlers.get(channel)
  if (!handler) throw new Error(`no IPC handler for ${channel}`)
  return (await handler(trusted(), ...args)) as Result<T>
}

function sentEvents(): ChatEvent[] {
  return win.webContents.sent
    .filter(([channel]) => channel === eventChannels.events)
    .flatMap(([, events]) => events as ChatEvent[])
}

function upsertedBodies(): string[] {
  return sentEvents().flatMap((e) => (e.kind === 'message-upserted' ? [e.message.body] : []))
}

/** Bob, outside the app: a real sign-in and a real socket in alice/general. */
async function bobInGeneral() {
  const bob = new ProtocolClient(server.url)
  const token = await bob.signIn(demoUsers.bob.email, demoUsers.bob.password)
  const socket = await openSocket(server.url, 'alice', 'general', token)
  if (!socket.ok) throw new Error(`bob could not connect: ${socket.status}`)
  return socket
}

function lastTrayMenu(): FakeMenu['template'] {
  const tray = recorder.trays[0]
  return tray?.menus[tray.menus.length - 1]?.template ?? []
}

describe('the Electron shell', () => {
  it('hardens before anything loads', () => {
    expect(recorder.sandboxEnabled).toBe(true)
    expect(recorder.userDataPath).toBe(profile)
    expect(recorder.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    })
    expect(win.webContents.url).toBe(APP_ENTRY_URL)
    expect(win.visible).toBe(true)
  })

  it('denies every permission', () => {
    const answers: boolean[] = []
    recorder.permissionRequestHandler?.(win.webContents, 'notifications', (ok: boolean) =>
      answers.push(ok),
    )
    recorder.permissionRequestHandler?.(win.webContents, 'media', (ok: boolean) => answers.push(ok))
    expect(answers).toEqual([false, false])
    expect(recorder.permissionCheckHandler?.(win.webContents, 'clipboard-read')).toBe(false)
  })

  it('serves the renderer over app:// with the CSP header, and nothing outside it', async () => {
    const handler = recorder.protocolHandlers.get('app')!
    const page = await handler(new Request(APP_ENTRY_URL))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toBe(readFileSync(join(__dirname, '../renderer/index.html'), 'utf8'))
    expect((await handler(new Request('app://edusphere/..%2f..%2fpackage.json'))).status).toBe(404)
    expect((await handler(new Request('app://edusphere/missing.js'))).status).toBe(404)
  })

  it('cancels renderer requests that leave the app, remote images included', () => {
    const verdicts: unknown[] = []
    const ask = (url: string, resourceType: string) =>
      recorder.beforeRequest?.(
        { url, resourceType, webContentsId: win.webContents.id },
        (v: unknown) => verdicts.push(v),
      )
    ask('app://edusphere/assets/index.js', 'script')
    ask(`${server.url}/graphql/`, 'xhr')
    ask(`${server.url}/media/avatars/bob.png`, 'image')
    recorder.beforeRequest?.(
      { url: `${server.url}/graphql/`, resourceType: 'other' },
      (v: unknown) => verdicts.push(v),
    )
    ask('https://tracker.example/p.png?who=alice', 'image')
    expect(verdicts).toEqual([
      { cancel: false },
      { cancel: true },
      { cancel: true },
      { cancel: false },
      { cancel: true },
    ])
  })

  it('blocks navigation and new windows, sending http(s) links to the browser', () => {
    const navigate = fakeEvent()
    win.webContents.emit('will-navigate', navigate, 'https://example.org/x')
    expect(navigate.defaultPrevented).toBe(true)
    const file = fakeEvent()
    win.webContents.emit('will-navigate', file, 'file:///etc/passwd')
    expect(file.defaultPrevented).toBe(true)
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.org/popup' })).toEqual({
      action: 'deny',
    })
    expect(win.webContents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({
      action: 'deny',
    })
    const webview = fakeEvent()
    win.webContents.emit('will-attach-webview', webview)
    expect(webview.defaultPrevented).toBe(true)
    expect(recorder.openedExternally).toEqual([
      'https://example.org/x',
      'https://example.org/popup',
    ])
  })

  it('registers every contract channel and refuses untrusted senders', async () => {
    expect([...recorder.ipcHandlers.keys()].sort()).toEqual([...invokeChannelNames].sort())
    const handler = recorder.ipcHandlers.get('session:get-state')!
    for (const sender of [
      {
        senderFrame: { url: 'https://evil.example/', parent: null },
        sender: { id: win.webContents.id },
      },
      { senderFrame: { url: APP_ENTRY_URL, parent: {} }, sender: { id: win.webContents.id } },
      { senderFrame: { url: APP_ENTRY_URL, parent: null }, sender: { id: 9999 } },
      null,
    ]) {
      expect(await handler(sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    const state = await invoke<SessionSnapshot>('session:get-state')
    expect(state).toMatchObject({ ok: true, value: { status: 'signed-out', server: server.url } })
  })

  it('signs in over IPC, and the tray lists the joined rooms', async () => {
    const result = await invoke<SessionSnapshot>('session:sign-in', {
      server: server.url,
      email: demoUsers.alice.email,
      password: demoUsers.alice.password,
    })
    expect(result).toMatchObject({ ok: true, value: { status: 'signed-in' } })
    await vi.waitFor(
      () => {
        const labels = lastTrayMenu().map((i) => i.label)
        expect(labels).toContain('General')
        expect(labels).toContain('Connected')
      },
      { timeout: 10_000 },
    )
    expect(lastTrayMenu().find((i) => i.id === 'sign-out')?.enabled).toBe(true)
    expect(recorder.trays[0]!.tooltip).toBe('EduSphere Desktop — no unread messages')
  })

  it('copies text to the system clipboard from main (the page has no clipboard permission)', async () => {
    expect(await invoke('app:copy-text', 'copied from the menu')).toMatchObject({ ok: true })
    expect(recorder.copied).toEqual(['copied from the menu'])
  })

  it('serves the signed-in server avatars over app://, fetched by main, and nothing else', async () => {
    const handler = recorder.protocolHandlers.get('app')!
    const bob = await handler(new Request('app://edusphere/avatar/avatars%2Fbob.png'))
    expect(bob.status).toBe(200)
    expect(bob.headers.get('content-type')).toBe('image/png')
    expect(bob.headers.get('x-content-type-options')).toBe('nosniff')
    const escape = await handler(new Request('app://edusphere/avatar/..%2F..%2Fapi%2Fcsrf%2F'))
    expect(escape.status).toBe(404)
    const missing = await handler(new Request('app://edusphere/avatar/avatars%2Fnobody.png'))
    expect(missing.status).toBe(404)
  })

  it('the open room in a focused window stays quiet; once the window loses focus it notifies', async () => {
    expect(await invoke('rooms:open-room', 'alice/general')).toMatchObject({ ok: true })
    win.focus()
    const bob = await bobInGeneral()
    bob.probe.send({ type: 'text', message: 'Seen as it arrives' })
    await vi.waitFor(() => expect(upsertedBodies()).toContain('Seen as it arrives'), {
      timeout: 10_000,
    })
    expect(recorder.notifications.some((n) => n.body.includes('Seen as it arrives'))).toBe(false)
    expect(lastTrayMenu().map((i) => i.label)).toContain('General')

    win.blur()
    bob.probe.send({ type: 'text', message: 'Sent while you looked away' })
    // Messages of a room close together share one notification ("2 new messages in General",
    // body "bob: …"), so the body is matched by its end.
    await vi.waitFor(
      () =>
        expect(
          recorder.notifications.some((n) => n.body.endsWith('Sent while you looked away')),
        ).toBe(true),
      { timeout: 10_000 },
    )
    await vi.waitFor(() => expect(lastTrayMenu().map((i) => i.label)).toContain('General (1)'), {
      timeout: 10_000,
    })
    // Focus back on the open room: main reads it, with no call from the renderer.
    win.focus()
    await vi.waitFor(() => expect(lastTrayMenu().map((i) => i.label)).toContain('General'))
    expect(lastTrayMenu().map((i) => i.label)).not.toContain('General (1)')
    await bob.probe.close()
  })

  it('closing hides to the tray; a message from bob notifies, counts as unread, and a click opens the room', async () => {
    win.close()
    expect(win.isDestroyed()).toBe(false)
    expect(win.visible).toBe(false)
    const settings = JSON.parse(readFileSync(join(profile, 'settings.json'), 'utf8')) as {
      window: unknown
    }
    expect(settings.window).toEqual({
      bounds: { x: 10, y: 20, width: 900, height: 600 },
      maximized: false,
    })

    const socket = await bobInGeneral()
    socket.probe.send({ type: 'text', message: 'Hello from bob' })

    const fromBob = (n: { title: string; body: string }): boolean =>
      /^(bob|\d+ new messages) in General$/.test(n.title) && /^(bob: )?Hello from bob$/.test(n.body)
    await vi.waitFor(() => expect(recorder.notifications.some(fromBob)).toBe(true), {
      timeout: 10_000,
    })
    await vi.waitFor(() => expect(lastTrayMenu().map((i) => i.label)).toContain('General (1)'), {
      timeout: 10_000,
    })
    expect(recorder.trays[0]!.tooltip).toBe('EduSphere Desktop — 1 unread message')
    expect(recorder.trays[0]!.images.at(-1)).toMatch(/tray-unread\.png$/)
    expect(recorder.badgeCounts.at(-1)).toBe(1)

    recorder.notifications.find(fromBob)!.emit('click')
    expect(win.visible).toBe(true)
    await vi.waitFor(() =>
      expect(sentEvents()).toContainEqual({
        kind: 'open-room-requested',
        roomKey: 'alice/general',
      }),
    )
    await socket.probe.close()
  })

  it('turning message notifications off is persisted and honoured', async () => {
    expect(await invoke('settings:update-settings', { messageNotifications: false })).toMatchObject(
      {
        ok: true,
        value: { messageNotifications: false },
      },
    )
    const saved = JSON.parse(readFileSync(join(profile, 'settings.json'), 'utf8')) as {
      messageNotifications: boolean
    }
    expect(saved.messageNotifications).toBe(false)
    win.hide()
    const socket = await bobInGeneral()
    socket.probe.send({ type: 'text', message: 'Nobody should be told' })
    // The click before showed and focused the window on General, which read it: this is the one.
    await vi.waitFor(() => expect(lastTrayMenu().map((i) => i.label)).toContain('General (1)'), {
      timeout: 10_000,
    })
    expect(recorder.notifications.some((n) => n.body.includes('Nobody should be told'))).toBe(false)
    await socket.probe.close()
    await invoke('settings:update-settings', { messageNotifications: true })
  })

  it('a second launch shows the window and opens the room it names', async () => {
    win.hide()
    app.emit('second-instance', fakeEvent(), ['edusphere-desktop', '--hidden'], '/')
    expect(win.visible).toBe(false)
    const before = sentEvents().length
    app.emit(
      'second-instance',
      fakeEvent(),
      ['edusphere-desktop', 'edusphere://room/alice/general'],
      '/',
    )
    expect(win.visible).toBe(true)
    expect(win.focused).toBe(true)
    await vi.waitFor(() =>
      expect(sentEvents().slice(before)).toContainEqual({
        kind: 'open-room-requested',
        roomKey: 'alice/general',
      }),
    )
  })

  it('signs out from the tray menu', async () => {
    lastTrayMenu().find((i) => i.id === 'sign-out')!.click!()
    await vi.waitFor(
      () => expect(recorder.trays[0]!.tooltip).toBe('EduSphere Desktop — signed out'),
      {
        timeout: 10_000,
      },
    )
    expect(recorder.badgeCounts.at(-1)).toBe(0)
  })

  it('quits from the tray menu, closing the chat service first', async () => {
    lastTrayMenu().find((i) => i.id === 'quit')!.click!()
    await vi.waitFor(() => expect(recorder.exitCode).toBe(0), { timeout: 10_000 })
    expect(recorder.quitCalls).toBe(2) // the first quit waits for the service's dispose
    expect(recorder.trays[0]!.destroyed).toBe(true)
    expect(fakeElectronModule.app).toBe(app)
  })
})
