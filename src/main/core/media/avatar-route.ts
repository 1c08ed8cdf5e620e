/**
 * The `/avatar/…` route of the app's own origin, as a web Response: the Electron protocol handler
 * and the web e2e harness both answer avatar requests with it. A refused or missing avatar is a
 * 404, which the page shows as the author's initials.
 */
import type { AvatarFetcher } from './avatar-fetcher'
import { avatarPathFromRequest } from './avatar-path'

/** Headers on every avatar: the bytes are an image and nothing else, whatever they contain. */
const AVATAR_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'private, max-age=300',
}

const notFound = (): Response =>
  new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })

/** Answers an `/avatar/<encoded path>` request through the fetcher. */
export async function avatarResponse(
  fetcher: AvatarFetcher,
  requestUrl: string,
): Promise<Response> {
  const path = avatarPathFromRequest(requestUrl)
  if (path === null) return notFound()
  const result = await fetcher.get(path)
  if (!result.ok) return notFound()
  return new Response(result.body, {
    status: 200,
    headers: {
      ...AVATAR_HEADERS,
      'content-type': result.type,
      'content-length': String(result.body.byteLength),
    },
  })
}
