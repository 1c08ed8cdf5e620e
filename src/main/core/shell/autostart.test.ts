import { describe, expect, it } from 'vitest'
import { autostartEntry, autostartFile, quoteExecArg } from './autostart'

describe('autostartFile', () => {
  it('follows XDG_CONFIG_HOME, then HOME/.config', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/a' })).toBe(
      '/x/cfg/autostart/edusphere-desktop.desktop',
    )
    expect(autostartFile({ HOME: '/home/a' })).toBe(
      '/home/a/.config/autostart/edusphere-desktop.desktop',
    )
    expect(autostartFile({})).toBeNull()
  })
})

describe('autostartEntry', () => {
  it('starts the app hidden, grouped with its windows', () => {
    const text = autostartEntry('/opt/EduSphere Desktop/edusphere-desktop', 'EduSphere Desktop')
    expect(text).toContain('Exec="/opt/EduSphere Desktop/edusphere-desktop" --hidden\n')
    expect(text).toContain('Name=EduSphere Desktop\n')
    expect(text).toContain('StartupWMClass=edusphere-desktop\n')
    expect(text.startsWith('[Desktop Entry]\n')).toBe(true)
  })

  it('escapes quotes, dollars, backticks, backslashes and percent signs', () => {
    expect(quoteExecArg('/usr/bin/app')).toBe('/usr/bin/app')
    expect(quoteExecArg('a "b" $c `d` \\e')).toBe('"a \\"b\\" \\$c \\`d\\` \\\\e"')
    expect(autostartEntry('/tmp/100%/app', 'X')).toContain('Exec="/tmp/100%%/app" --hidden')
  })
})
