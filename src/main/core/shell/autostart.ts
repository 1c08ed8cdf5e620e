/**
 * "Start at login" on Linux. Electron's app.setLoginItemSettings works on macOS and Windows only,
 * so on Linux the shell writes an XDG autostart entry (~/.config/autostart/<id>.desktop) itself.
 * Pure: the file's path and text are computed here and tested.
 */
import { join } from 'node:path'

/** The desktop entry id, shared with electron-builder's StartupWMClass and desktopName. */
export const DESKTOP_ENTRY_ID = 'edusphere-desktop'

/** Where the autostart entry lives, per the XDG base directory spec. */
export function autostartFile(env: { XDG_CONFIG_HOME?: string; HOME?: string }): string | null {
  const configHome = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : null)
  return configHome ? join(configHome, 'autostart', `${DESKTOP_ENTRY_ID}.desktop`) : null
}

/** Quotes one Exec argument as the Desktop Entry spec requires. */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_\-./=:,+@]+$/.test(arg)) return arg
  return '"' + arg.replace(/["`$\\]/g, (c) => '\\' + c) + '"'
}

/** The autostart entry: starts the app hidden in the tray. */
export function autostartEntry(executable: string, name: string): string {
  // In Exec, '%' is a field-code marker and a literal one must be doubled.
  const exec = [executable, '--hidden'].map(quoteExecArg).join(' ').replace(/%/g, '%%')
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name.replace(/[\r\n]/g, ' ')}`,
    `Exec=${exec}`,
    `StartupWMClass=${DESKTOP_ENTRY_ID}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n')
}
