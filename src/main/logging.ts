/**
 * The log files: main.log and renderer.log in the app's logs folder (app.getPath('logs')),
 * rotated by size, every line redacted (core/log). Main's console warnings and errors also go to
 * main.log, so what a user sends us has the same problems the developer's terminal shows.
 */
import { app, shell } from 'electron'
import { createLogger } from './core/log/logger'
import type { Logger } from './core/log/logger'
import { openRotatingFile } from './core/log/rotating-file'
import type { LogLevel } from '../shared/ipc-contract'

export interface AppLogs {
  dir: string
  main: Logger
  renderer: Logger
  /** Opens the logs folder in the file manager (Help › Open Logs Folder). */
  openFolder(): Promise<void>
}

/** Opens the log files; `level` is the user's setting. */
export function openAppLogs(level: LogLevel): AppLogs {
  const dir = app.getPath('logs')
  const reportOnce = (name: string) => (error: unknown) =>
    // The log cannot be written: the terminal is all that is left.
    process.stderr.write(`EduSphere: cannot write ${name}.log in ${dir}: ${String(error)}\n`)
  const mainFile = openRotatingFile({ dir, name: 'main', onError: reportOnce('main') })
  const rendererFile = openRotatingFile({ dir, name: 'renderer', onError: reportOnce('renderer') })
  const main = createLogger({ write: (line) => mainFile.write(line), level })
  const renderer = createLogger({
    write: (line) => rendererFile.write(line),
    level,
    scope: 'renderer',
  })
  main.info(`EduSphere Desktop ${app.getVersion()} starting`, {
    electron: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    packaged: app.isPackaged,
  })
  return {
    dir,
    main,
    renderer,
    async openFolder() {
      const problem = await shell.openPath(dir)
      if (problem) main.warn(`could not open the logs folder: ${problem}`)
    },
  }
}

/** Mirrors console.warn and console.error into `log` (the console still prints them). */
export function mirrorConsole(log: Logger): void {
  const format = (args: unknown[]): string =>
    args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ')
  for (const level of ['warn', 'error'] as const) {
    const original = console[level].bind(console)
    console[level] = (...args: unknown[]) => {
      original(...args)
      const error = args.find((a): a is Error => a instanceof Error)
      log.scoped('console')[level](format(args), error ? { stack: error.stack } : undefined)
    }
  }
}
