import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageBin } from './package-bin.mjs'

const root = resolve(__dirname, '..')

describe('packageBin', () => {
  it("finds electron-vite's CLI although its exports map hides the bin file", () => {
    const cli = packageBin('electron-vite', 'electron-vite', root)
    expect(cli).toMatch(/electron-vite[/\\]bin[/\\]electron-vite\.js$/)
    expect(existsSync(cli)).toBe(true)
  })

  it("finds electron-builder's CLI", () => {
    const cli = packageBin('electron-builder', 'electron-builder', root)
    expect(readFileSync(cli, 'utf8')).toMatch(/^#!.*node/)
  })

  it('says which command a package lacks', () => {
    expect(() => packageBin('electron-vite', 'no-such-command', root)).toThrow(
      'electron-vite declares no "no-such-command" command in its package.json',
    )
  })
})
