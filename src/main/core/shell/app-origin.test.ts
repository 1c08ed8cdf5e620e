import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAllowedPageRequest,
  mimeTypeFor,
  resolveAppFile,
} from './app-origin'

const root = resolve('/opt/edusphere/out/renderer')

describe('resolveAppFile', () => {
  it('serves files under the renderer root', () => {
    expect(resolveAppFile(root, APP_ENTRY_URL)).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/index-abc.js?v=1#x`)).toBe(
      join(root, 'assets', 'index-abc.js'),
    )
    expect(resolveAppFile(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, `${APP_ORIGIN}/a%20b.png`)).toBe(join(root, 'a b.png'))
  })

  it('never resolves outside the root (the URL parser already folds plain dot segments)', () => {
    for (const path of ['/../secret', '/%2e%2e/secret', '/assets/%2E%2E/%2E%2E/etc/passwd']) {
      const file = resolveAppFile(root, APP_ORIGIN + path)
      expect(file === null || file.startsWith(root + '/'), path).toBe(true)
    }
  })

  it('refuses encoded separators, backslashes, NUL and broken escapes', () => {
    for (const path of [
      '/..%2fetc%2fpasswd',
      '/assets%2f..%2f..%2f..%2fetc%2fpasswd',
      '/a%5c..%5c..%5cwin.ini',
      '/a%00.html',
      '/%E0%A4%A',
    ]) {
      expect(resolveAppFile(root, APP_ORIGIN + path), path).toBeNull()
    }
  })

  it('refuses other schemes, hosts and garbage', () => {
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull()
    expect(resolveAppFile(root, 'app://evil/index.html')).toBeNull()
    expect(resolveAppFile(root, 'https://edusphere/index.html')).toBeNull()
    expect(resolveAppFile(root, 'not a url')).toBeNull()
  })
})

describe('isAllowedPageRequest (the network filter behind the CSP)', () => {
  const trusted = [APP_ORIGIN, 'http://localhost:5173']
  it.each([
    ['app://edusphere/assets/index.js', 'script'],
    ['app://edusphere/avatar/avatars%2Fbob.png', 'image'],
    ['http://localhost:5173/src/main.ts', 'script'],
    ['devtools://devtools/bundled/x.js', 'script'],
  ])('lets %s through', (url, type) => {
    expect(isAllowedPageRequest(url, type, trusted)).toBe(true)
  })

  it.each([
    ['https://tracker.example/p.png?who=alice', 'image'],
    ['http://127.0.0.1:8000/media/avatars/bob.png', 'image'],
    ['https://edu.example.org/graphql/', 'xhr'],
    ['data:image/png;base64,iVBORw0KGgo=', 'image'],
    ['file:///etc/passwd', 'image'],
    ['app://evil/x.png', 'image'],
  ])('cancels %s', (url, type) => {
    expect(isAllowedPageRequest(url, type, trusted)).toBe(false)
  })
})

describe('mimeTypeFor', () => {
  it('knows the renderer bundle types and falls back to bytes', () => {
    expect(mimeTypeFor('index.html')).toMatch(/^text\/html/)
    expect(mimeTypeFor('a/B.JS')).toMatch(/^text\/javascript/)
    expect(mimeTypeFor('x.woff2')).toBe('font/woff2')
    expect(mimeTypeFor('x.bin')).toBe('application/octet-stream')
  })
})

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    }),
  )

  it('is strict: self only, no network, no eval, no plugins, no framing', () => {
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/)
  })

  it('allows images from the app itself only: avatars come through main over app://', () => {
    expect(directives.get('img-src')).toEqual(["'self'"])
  })

  it('is no looser than the renderer page meta policy for scripts and connections', () => {
    // The page carries its own meta CSP; both apply, so they must agree on what matters.
    const html = readFileSync(resolve(__dirname, '../../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta, 'index.html has a CSP meta tag').toBeTruthy()
    expect(meta).toContain("default-src 'self'")
    expect(meta).toContain("script-src 'self'")
    expect(meta).toContain("connect-src 'none'")
    expect(meta).toMatch(/img-src 'self';/)
    expect(meta).not.toMatch(/img-src[^;]*(http|data)/)
  })
})
