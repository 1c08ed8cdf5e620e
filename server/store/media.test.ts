import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import { avatarSvg } from './demo-avatar'
import { DEMO_AVATAR_SIZE, avatarPng, mediaFile } from './media'

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/** RGBA pixels of a name's avatar at 64 px. */
function pixels(name: string): { at(x: number, y: number): number[]; colours: number } {
  const image = new Resvg(avatarSvg(name), { fitTo: { mode: 'width', value: 64 } }).render()
  const data = image.pixels
  const seen = new Set<number>()
  for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 255) seen.add(data.readUInt32BE(i))
  return {
    at: (x, y) => [...data.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 4)],
    colours: seen.size,
  }
}

describe('demo avatars', () => {
  it("serves bob's avatar as a PNG at the demo size, the same bytes every time", () => {
    const png = mediaFile('avatars/bob.png')!
    expect(pngSize(png)).toEqual({ width: DEMO_AVATAR_SIZE, height: DEMO_AVATAR_SIZE })
    expect(avatarPng('bob').equals(png)).toBe(true)
    expect(mediaFile('avatars/nobody.png')).toBeNull()
    expect(mediaFile('../secret')).toBeNull()
  })

  it('look like avatars: a face on a round coloured disc, not a flat colour', () => {
    const bob = pixels('bob')
    expect(bob.at(0, 0)[3]).toBe(0) // outside the disc: transparent
    expect(bob.at(32, 4)[3]).toBe(255)
    // Background, skin, hair, shirt, eyes and smile: well over a handful of solid colours.
    expect(bob.colours).toBeGreaterThanOrEqual(6)
    // The eyes are dark spots in the skin.
    const eye = bob.at(27, 29)
    expect(Math.max(eye[0]!, eye[1]!, eye[2]!)).toBeLessThan(80)
  })

  it('differ between users and stay the same for one user', () => {
    expect(avatarSvg('alice')).toBe(avatarSvg('alice'))
    const looks = new Set(['alice', 'bob', 'carol', 'dave', 'erin'].map(avatarSvg))
    expect(looks.size).toBe(5)
  })
})
