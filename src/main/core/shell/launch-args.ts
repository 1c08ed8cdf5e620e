/**
 * What a launch asks for, from its command line and environment: pure, so the first launch and a
 * second instance (whose argv arrives through 'second-instance') are read the same way.
 */
import { isAbsolute } from 'node:path'
import { RoomKeySchema } from '../../../shared/ipc-contract'
import type { RoomKey } from '../../../shared/ipc-contract'

/** The URL scheme of room deep links: `edusphere://room/<host>/<slug>`. */
export const DEEP_LINK_SCHEME = 'edusphere'

export interface LaunchRequest {
  /** Start in the tray without showing the window (login items use this). */
  hidden: boolean
  /** A room to open, from `--open-room=host/slug` or a deep link. */
  openRoom: RoomKey | null
  /** A server to prefill on the sign-in form, from `--default-server=<url>`. */
  defaultServer: string | null
  /** Arguments we recognised but could not use, in words for the log. */
  problems: string[]
}

function httpUrl(text: string): string | null {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

function roomFromDeepLink(link: string): RoomKey | null {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return null
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.hostname !== 'room') return null
  const parts = url.pathname.split('/').filter(Boolean)
  if (parts.length !== 2) return null
  let key: string
  try {
    key = parts.map((p) => decodeURIComponent(p)).join('/')
  } catch {
    return null
  }
  return RoomKeySchema.safeParse(key).success ? key : null
}

/** Reads the arguments we understand and ignores the rest (Chromium adds its own switches). */
export function parseLaunchArgs(argv: readonly string[]): LaunchRequest {
  const request: LaunchRequest = {
    hidden: false,
    openRoom: null,
    defaultServer: null,
    problems: [],
  }
  for (const arg of argv) {
    if (arg === '--hidden') request.hidden = true
    else if (arg.startsWith('--open-room=')) {
      const key = arg.slice('--open-room='.length)
      if (RoomKeySchema.safeParse(key).success) request.openRoom = key
      else request.problems.push(`ignored --open-room: "${key}" is not host/slug`)
    } else if (arg.startsWith('--default-server=')) {
      const server = httpUrl(arg.slice('--default-server='.length))
      if (server) request.defaultServer = server
      else request.problems.push('ignored --default-server: not an http(s) URL')
    } else if (arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) {
      const key = roomFromDeepLink(arg)
      if (key) request.openRoom = key
      else
        request.problems.push(
          `ignored link "${arg.slice(0, 200)}": expected ${DEEP_LINK_SCHEME}://room/<host>/<slug>`,
        )
    }
  }
  return request
}

/** Settings only a developer or a test sets, through the environment. */
export interface ShellEnvironment {
  /** 'memory' keeps the token in memory only (tests). There is never a plaintext option. */
  secretStore: 'keychain' | 'memory'
  /** A separate profile directory (tests, several accounts side by side). */
  userDataDir: string | null
  /** The server `npm start` launched, prefilled on the sign-in form. */
  defaultServer: string | null
  problems: string[]
}

/** Reads EDUSPHERE_SECRET_STORE, EDUSPHERE_USER_DATA_DIR and EDUSPHERE_DEFAULT_SERVER. */
export function readShellEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): ShellEnvironment {
  const result: ShellEnvironment = {
    secretStore: 'keychain',
    userDataDir: null,
    defaultServer: null,
    problems: [],
  }
  const store = env.EDUSPHERE_SECRET_STORE
  if (store === 'memory') result.secretStore = 'memory'
  else if (store !== undefined && store !== '' && store !== 'keychain')
    result.problems.push(
      `ignored EDUSPHERE_SECRET_STORE="${store}": only "memory" or "keychain" are allowed`,
    )
  const dir = env.EDUSPHERE_USER_DATA_DIR
  if (dir) {
    if (isAbsolute(dir)) result.userDataDir = dir
    else result.problems.push('ignored EDUSPHERE_USER_DATA_DIR: it must be an absolute path')
  }
  const server = env.EDUSPHERE_DEFAULT_SERVER
  if (server) {
    result.defaultServer = httpUrl(server)
    if (!result.defaultServer)
      result.problems.push('ignored EDUSPHERE_DEFAULT_SERVER: not an http(s) URL')
  }
  return result
}
