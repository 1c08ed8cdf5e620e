/**
 * Who may call IPC: only the top frame of our own window, showing our own page. Pure: the shell
 * extracts these facts from Electron's event (see describeSender) and asks here.
 */

/** The facts about an IPC call's sender that matter for trust. */
export interface SenderInfo {
  /** URL of the frame that sent the call; null when the frame is gone (navigated or destroyed). */
  frameUrl: string | null
  /** True when the sending frame is the page itself, not an iframe inside it. */
  isTopFrame: boolean
  /** The sending webContents' id. */
  webContentsId: number
}

/** What counts as "our page". */
export interface TrustPolicy {
  /** Origins our page is served from: app://edusphere, plus the dev server's in development. */
  origins: readonly string[]
  /** Ids of the webContents we created. */
  webContentsIds: ReadonlySet<number>
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    // Custom standard schemes report origin "null" in some runtimes; rebuild it from the parts.
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

/** True only for a call from the top frame of one of our windows, on one of our origins. */
export function isTrustedSender(sender: SenderInfo, policy: TrustPolicy): boolean {
  if (!sender.isTopFrame || sender.frameUrl === null) return false
  if (!policy.webContentsIds.has(sender.webContentsId)) return false
  const origin = originOf(sender.frameUrl)
  return origin !== null && policy.origins.includes(origin)
}

/**
 * Extracts SenderInfo from whatever Electron passed (an IpcMainInvokeEvent), defensively: anything
 * unexpected yields an untrusted sender instead of a throw.
 */
export function describeSender(event: unknown): SenderInfo {
  const untrusted: SenderInfo = { frameUrl: null, isTopFrame: false, webContentsId: -1 }
  if (event === null || typeof event !== 'object') return untrusted
  const e = event as {
    senderFrame?: { url?: unknown; parent?: unknown } | null
    sender?: { id?: unknown } | null
  }
  const frame = e.senderFrame
  const id = e.sender?.id
  if (!frame || typeof frame.url !== 'string' || typeof id !== 'number') return untrusted
  return { frameUrl: frame.url, isTopFrame: frame.parent === null, webContentsId: id }
}
