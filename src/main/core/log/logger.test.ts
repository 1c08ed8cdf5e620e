import { describe, expect, it } from 'vitest'
import { createLogger, formatLine, MAX_LINE_CHARS, passes } from './logger'

function recorder(level?: 'error' | 'warn' | 'info' | 'debug') {
  const lines: string[] = []
  const log = createLogger({
    write: (l) => lines.push(l),
    now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
    ...(level ? { level } : {}),
  })
  return { lines, log }
}

describe('logger', () => {
  it('filters by the threshold, which a setting changes at run time', () => {
    const { lines, log } = recorder('warn')
    log.error('e')
    log.warn('w')
    log.info('i')
    log.debug('d')
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['ERROR', 'WARN'])
    log.setLevel('debug')
    log.debug('now visible')
    expect(lines).toHaveLength(3)
    expect(passes('info', 'info')).toBe(true)
    expect(passes('debug', 'info')).toBe(false)
  })

  it('defaults to info and shares the threshold with scoped loggers', () => {
    const { lines, log } = recorder()
    const chat = log.scoped('chat')
    chat.debug('hidden')
    log.setLevel('debug')
    chat.debug('shown')
    expect(lines).toEqual(['2026-01-02T03:04:05.000Z DEBUG [chat] shown\n'])
  })

  it('writes one redacted line per entry, context as JSON', () => {
    const line = formatLine(0, 'info', 'ipc', 'sign-in password=hunter2\nforged line', {
      email: 'a@b.c',
      password: 'hunter2',
    })
    expect(line).not.toContain('hunter2')
    expect(line.trimEnd().split('\n')).toHaveLength(1)
    expect(line).toContain('"email":"a@b.c"')
  })

  it('cuts an overlong line', () => {
    const line = formatLine(0, 'warn', 's', 'x'.repeat(MAX_LINE_CHARS * 2))
    expect(line.length).toBeLessThan(MAX_LINE_CHARS + 20)
    expect(line.endsWith('… (cut)\n')).toBe(true)
  })

  it('never throws when the sink does', () => {
    const log = createLogger({
      write: () => {
        throw new Error('disk full')
      },
    })
    expect(() => log.error('still fine')).not.toThrow()
  })
})
