import { describe, expect, it } from 'vitest'
import { parseLaunchArgs, readShellEnvironment } from './launch-args'

const exe = '/opt/EduSphere/edusphere-desktop'

describe('parseLaunchArgs', () => {
  it('reads nothing special from a plain launch', () => {
    expect(parseLaunchArgs([exe])).toEqual({
      hidden: false,
      openRoom: null,
      defaultServer: null,
      problems: [],
    })
  })

  it('reads --hidden, --open-room and --default-server among Chromium switches', () => {
    const r = parseLaunchArgs([
      exe,
      '--no-sandbox',
      '--hidden',
      '--open-room=alice/general',
      '--default-server=http://127.0.0.1:4321/graphql/',
    ])
    expect(r).toEqual({
      hidden: true,
      openRoom: 'alice/general',
      defaultServer: 'http://127.0.0.1:4321',
      problems: [],
    })
  })

  it('reads a room deep link, decoding its parts', () => {
    expect(parseLaunchArgs([exe, 'edusphere://room/alice/general']).openRoom).toBe('alice/general')
    expect(parseLaunchArgs([exe, 'edusphere://room/alice/general/']).openRoom).toBe('alice/general')
    expect(parseLaunchArgs([exe, 'EDUSPHERE://room/b%C3%B6b/x']).openRoom).toBe('böb/x')
  })

  it('ignores bad room keys, links and servers, saying why', () => {
    const r = parseLaunchArgs([
      exe,
      '--open-room=../../etc',
      'edusphere://room/only-one-part',
      'edusphere://settings/x/y',
      'edusphere://room/a%2Fb/c',
      '--default-server=file:///etc/passwd',
    ])
    expect(r.openRoom).toBeNull()
    expect(r.defaultServer).toBeNull()
    expect(r.problems).toHaveLength(5)
    expect(r.problems[0]).toMatch(/not host\/slug/)
  })
})

describe('readShellEnvironment', () => {
  it('defaults to the keychain and the normal profile', () => {
    expect(readShellEnvironment({})).toEqual({
      secretStore: 'keychain',
      userDataDir: null,
      defaultServer: null,
      problems: [],
    })
  })

  it('honours memory, an absolute profile dir and a default server', () => {
    expect(
      readShellEnvironment({
        EDUSPHERE_SECRET_STORE: 'memory',
        EDUSPHERE_USER_DATA_DIR: '/tmp/profile',
        EDUSPHERE_DEFAULT_SERVER: 'http://127.0.0.1:9000',
      }),
    ).toEqual({
      secretStore: 'memory',
      userDataDir: '/tmp/profile',
      defaultServer: 'http://127.0.0.1:9000',
      problems: [],
    })
  })

  it('never turns an unknown store name into anything but the keychain', () => {
    const r = readShellEnvironment({ EDUSPHERE_SECRET_STORE: 'plaintext' })
    expect(r.secretStore).toBe('keychain')
    expect(r.problems[0]).toMatch(/only "memory" or "keychain"/)
  })

  it('ignores a relative profile dir and a non-http server', () => {
    const r = readShellEnvironment({
      EDUSPHERE_USER_DATA_DIR: 'profile',
      EDUSPHERE_DEFAULT_SERVER: 'ftp://x',
    })
    expect(r.userDataDir).toBeNull()
    expect(r.defaultServer).toBeNull()
    expect(r.problems).toHaveLength(2)
  })
})
