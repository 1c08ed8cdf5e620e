/** The About dialog's text: the app's version and the versions of what it runs on. */
import { text } from '../../../shared/i18n'

export interface AboutVersions {
  app: string
  electron: string
  chrome: string
  node: string
  v8: string
  os: string
}

/** Title, message, detail and buttons (OK, Copy) for the About message box; `detail` is also what "Copy" copies. */
export function aboutText(
  appName: string,
  versions: AboutVersions,
): { title: string; message: string; detail: string; buttons: [string, string] } {
  return {
    title: text('about.title', { app: appName }),
    message: `${appName} ${versions.app}`,
    detail: [
      text('about.version', { version: versions.app }),
      `Electron: ${versions.electron}`,
      `Chromium: ${versions.chrome}`,
      `Node.js: ${versions.node}`,
      `V8: ${versions.v8}`,
      text('about.os', { os: versions.os }),
    ].join('\n'),
    buttons: [text('about.ok'), text('about.copy')],
  }
}
