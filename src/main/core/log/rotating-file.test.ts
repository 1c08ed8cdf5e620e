import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { logFilePaths, openRotatingFile } from './rotating-file'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edusphere-logs-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('rotating log file', () => {
  it('creates a private folder and file and appends lines', () => {
    const dir = join(tempDir(), 'logs')
    const file = openRotatingFile({ dir, name: 'main' })
    file.write('one\n')
    file.write('two\n')
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe('one\ntwo\n')
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(file.path).mode & 0o777).toBe(0o600)
  })

  it('rotates by size and keeps only `keep` old files, newest first', () => {
    const dir = tempDir()
    const file = openRotatingFile({ dir, name: 'main', maxBytes: 10, keep: 2 })
    for (const n of [1, 2, 3, 4, 5]) file.write(`line ${n}..\n`) // 10 bytes each
    const [current, first, second] = logFilePaths(dir, 'main', 2)
    expect(readFileSync(current!, 'utf8')).toBe('line 5..\n')
    expect(readFileSync(first!, 'utf8')).toBe('line 4..\n')
    expect(readFileSync(second!, 'utf8')).toBe('line 3..\n')
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2'])
  })

  it('continues an existing file and counts its size', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'main.log'), 'x'.repeat(15))
    const file = openRotatingFile({ dir, name: 'main', maxBytes: 20, keep: 1 })
    file.write('123456\n')
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe('123456\n')
    expect(readFileSync(join(dir, 'main.log.1'), 'utf8')).toBe('x'.repeat(15))
  })

  it('reports a failing disk once and never throws', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'blocker'), '')
    const errors: unknown[] = []
    // A folder that cannot be created: its parent is a file.
    const file = openRotatingFile({
      dir: join(dir, 'blocker', 'logs'),
      name: 'main',
      onError: (e) => errors.push(e),
    })
    expect(() => {
      file.write('a\n')
      file.write('b\n')
    }).not.toThrow()
    expect(errors).toHaveLength(1)
  })
})
