/**
 * Fetches and parses an update feed over HTTP: the pure side's way to read a release server
 * (tests serve one on loopback). The packaged app reads the GitHub releases feed through
 * electron-updater instead, which hands over the same fields.
 */
import { readBoundedText } from '../session/bounded-body'
import type { UpdateFeed } from './update-feed'
import { parseUpdateFeed } from './update-feed'

/** A feed is a few hundred bytes; anything near this is not one. */
export const MAX_FEED_BYTES = 256 * 1024

/** GETs `baseUrl/fileName` and parses it; throws an Error saying what was wrong. */
export async function fetchUpdateFeed(
  baseUrl: string,
  fileName: string,
  fetchImpl: typeof fetch = fetch,
): Promise<UpdateFeed> {
  const url = `${baseUrl.replace(/\/+$/, '')}/${fileName}`
  let response: Response
  try {
    response = await fetchImpl(url, { cache: 'no-store', redirect: 'follow' })
  } catch (error) {
    throw new Error(`the update server cannot be reached (${(error as Error).message})`)
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined)
    throw new Error(`the update server answered ${response.status} for ${fileName}`)
  }
  const parsed = parseUpdateFeed(await readBoundedText(response, url, MAX_FEED_BYTES))
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.feed
}
