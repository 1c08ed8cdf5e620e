/**
 * Every word the user reads comes from the catalogues (src/shared/i18n): no component and no
 * main-side module of user text holds an English literal. Converting one: add the sentence to
 * en.ts and de.ts, then write `t('area.key', { param })` (docs/i18n.md).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scriptLiterals, vueLiterals } from './test-support/user-literals'

const root = resolve(__dirname, '..')

/** Main's modules that word what the user sees: tray, menu, notifications, shared failures. */
const MAIN_TEXT_MODULES = [
  'src/main/app-menu.ts',
  'src/main/core/shell/tray-model.ts',
  'src/main/core/shell/notification-center.ts',
  'src/main/core/shell/notification-policy.ts',
  'src/main/core/desktop/about.ts',
  'src/main/core/desktop/app-menu-model.ts',
  'src/main/core/desktop/context-menu-model.ts',
  'src/main/core/desktop/spellcheck.ts',
  'src/main/core/desktop/zoom-keys.ts',
  'src/main/core/desktop/zoom.ts',
  'src/main/core/update/update-view.ts',
  'src/shared/user-text.ts',
]

function tracked(pattern: string): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', pattern], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
}

describe('no user-facing literals', () => {
  it('in any component', () => {
    const files = [...tracked('src/renderer/src/components/**/*.vue'), 'src/renderer/src/App.vue']
    expect(files.length).toBeGreaterThan(15)
    const found = files.flatMap((file) =>
      vueLiterals(readFileSync(resolve(root, file), 'utf8')).map(
        (l) => `${file} (${l.where}): ${l.text}`,
      ),
    )
    expect(found).toEqual([])
  })

  it("in main's user-text modules", () => {
    const found = MAIN_TEXT_MODULES.flatMap((file) =>
      scriptLiterals(readFileSync(resolve(root, file), 'utf8'), false).map(
        (l) => `${file}: ${l.text}`,
      ),
    )
    expect(found).toEqual([])
  })
})

describe('the scanner', () => {
  it('finds template text, read attributes, literals in bindings and toasts', () => {
    const sfc = `
<script setup lang="ts">
import { t } from './i18n'
const notices = { push: (_k: string, _m: string) => 0 }
notices.push('error', \`Couldn't save: \${'x'}\`)
notices.push('error', t('settings.saveFailed'))
function onKey(e: KeyboardEvent) { if (e.key === 'Escape') return }
</script>
<template>
  <h1>Pick a room</h1>
  <p>{{ t('app.pickRoomText') }}</p>
  <input placeholder="Name, topic or host" />
  <button :aria-label="\`Open \${name}\`" :title="t('browse.open')">×</button>
  <span>{{ busy ? 'Signing in…' : t('signIn.submit') }}</span>
  <span :class="\`tone-\${tone}\`">{{ count }}/{{ max }} ↓ E</span>
  <span>EduSphere</span>
</template>`
    expect(vueLiterals(sfc).map((l) => `${l.where}: ${l.text}`)).toEqual([
      "script: Couldn't save: ${…}",
      'template: Pick a room',
      'attribute placeholder: Name, topic or host',
      'attribute aria-label: Open ${…}',
      'interpolation: Signing in…',
    ])
  })

  it('finds phrases in main modules but not keys, comparisons or identifiers', () => {
    const code = `
const label = 'Open EduSphere'
const key = text('tray.open')
if (state === 'connected') {}
const id = 'start-at-login'
const tooltip = \`\${app} — signed out\``
    expect(scriptLiterals(code, false).map((l) => l.text)).toEqual([
      'Open EduSphere',
      '${…} — signed out',
    ])
  })
})
