/** The About dialog's text: the app's version and the versions of what it runs on. */

export interface AboutVersions {
  app: string
  electron: string
  chrome: string
  node: string
  v8: string
  os: string
}

/** Title, message and detail for the About message box; `detail` is also what "Copy" copies. */
export function aboutText(
  appName: string,
  versions: AboutVersions,
): { title: string; message: string; detail: string } {
  return {
    title: `About ${appName}`,
    message: `${appName} ${versions.app}`,
    detail: [
      `Version: ${versions.app}`,
      `Electron: ${versions.electron}`,
      `Chromium: ${versions.chrome}`,
      `Node.js: ${versions.node}`,
      `V8: ${versions.v8}`,
      `OS: ${versions.os}`,
    ].join('\n'),
  }
}
