/**
 * The renderer's only door to the app: `window.edusphere`, exposed by the preload. Nothing else
 * in the renderer reads it; tests and the benchmark install a fake through `setChatApi`.
 */
import type { AppErrorShape, ChatApi, Result } from '../../../shared/ipc-contract'

declare global {
  interface Window {
    edusphere?: ChatApi
  }
}

let override: ChatApi | null = null

/** Replaces the bridge (tests only); pass null to go back to `window.edusphere`. */
export function setChatApi(api: ChatApi | null): void {
  override = api
}

/** The ChatApi, or a clear error when the page runs without its preload. */
export function chatApi(): ChatApi {
  const api = override ?? (typeof window === 'undefined' ? undefined : window.edusphere)
  if (!api)
    throw new Error('The EduSphere bridge (window.edusphere) is missing: the preload did not run.')
  return api
}

/** True when a bridge is available, so the app can show a useful screen instead of crashing. */
export function hasChatApi(): boolean {
  return override !== null || (typeof window !== 'undefined' && window.edusphere !== undefined)
}

/**
 * Calls the bridge and turns a thrown or rejected call into an ordinary failed Result, so a broken
 * transport reads like any other error instead of an unhandled rejection.
 */
export async function call<T>(run: (api: ChatApi) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run(chatApi())
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const shape: AppErrorShape = { code: 'internal', message }
    return { ok: false, error: shape }
  }
}
