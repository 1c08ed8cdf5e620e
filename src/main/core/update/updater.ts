/**
 * The update loop, independent of electron-updater: check on start and every few hours, download
 * a release this install should take in the background, then offer "Restart to update". Off in
 * development (never checks). The shell supplies an UpdateSource (electron-updater in a packaged
 * build, a loopback feed in tests) and turns each phase into menu and tray items (update-view.ts).
 */
import type { Clock, TimerHandle } from '../ports'
import type { UpdateFeed } from './update-feed'
import { decideUpdate } from './update-decision'

export type UpdatePhase =
  | { kind: 'off'; reason: string }
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'up-to-date'; version: string }
  | { kind: 'downloading'; version: string; percent: number | null }
  | { kind: 'ready'; version: string }
  | { kind: 'failed'; message: string }

export interface UpdateSource {
  /** What the release server offers now. */
  latest(): Promise<UpdateFeed>
  /** Downloads `version`; resolves once it is ready to install. */
  download(version: string, progress: (percent: number) => void): Promise<void>
  /** Quits the app and installs the downloaded update. */
  install(): void
}

export interface UpdaterOptions {
  /** Null in a packaged build; otherwise why updates are off (a code of UPDATES_OFF in update-view). */
  disabledReason: string | null
  currentVersion: string
  /** This install's stable id (electron-updater's .updaterId): its rollout position. */
  installId: string
  source: UpdateSource
  clock: Clock
  /** Between automatic checks. */
  intervalMs?: number
  onChange?: (phase: UpdatePhase) => void
}

export interface Updater {
  phase(): UpdatePhase
  /** First check now, then every interval. */
  start(): void
  /** A check (the menu's "Check for updates…"); resolves with the phase it ends in. */
  checkNow(): Promise<UpdatePhase>
  /** Installs a downloaded update; false when none is ready. */
  restartToUpdate(): boolean
  stop(): void
}

export const DEFAULT_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000

/** Creates the update loop; nothing happens until start() or checkNow(). */
export function createUpdater(options: UpdaterOptions): Updater {
  const interval = options.intervalMs ?? DEFAULT_CHECK_INTERVAL_MS
  let phase: UpdatePhase = options.disabledReason
    ? { kind: 'off', reason: options.disabledReason }
    : { kind: 'idle' }
  let timer: TimerHandle | null = null
  let running: Promise<UpdatePhase> | null = null
  let stopped = false

  const set = (next: UpdatePhase): UpdatePhase => {
    phase = next
    options.onChange?.(next)
    return next
  }

  async function run(): Promise<UpdatePhase> {
    set({ kind: 'checking' })
    let feed: UpdateFeed
    try {
      feed = await options.source.latest()
    } catch (error) {
      return set({ kind: 'failed', message: (error as Error).message })
    }
    const decision = decideUpdate(options.currentVersion, feed, options.installId)
    if (decision.action === 'none')
      return set({ kind: 'up-to-date', version: options.currentVersion })
    set({ kind: 'downloading', version: decision.version, percent: null })
    try {
      await options.source.download(decision.version, (percent) => {
        if (phase.kind === 'downloading')
          set({ ...phase, percent: Math.max(0, Math.min(100, Math.round(percent))) })
      })
    } catch (error) {
      return set({
        kind: 'failed',
        message: `the update could not be downloaded: ${(error as Error).message}`,
      })
    }
    return set({ kind: 'ready', version: decision.version })
  }

  const checkNow = (): Promise<UpdatePhase> => {
    // Off, busy or already downloaded: nothing to do but report where things stand.
    if (phase.kind === 'off' || phase.kind === 'ready') return Promise.resolve(phase)
    running ??= run().finally(() => {
      running = null
    })
    return running
  }

  const schedule = (): void => {
    if (stopped) return
    timer = options.clock.setTimeout(() => {
      void checkNow().finally(schedule)
    }, interval)
  }

  return {
    phase: () => phase,
    start() {
      if (phase.kind === 'off' || timer !== null || stopped) return
      void checkNow()
      schedule()
    },
    checkNow,
    restartToUpdate() {
      if (phase.kind !== 'ready') return false
      options.source.install()
      return true
    },
    stop() {
      stopped = true
      if (timer !== null) options.clock.clearTimeout(timer)
      timer = null
    },
  }
}
