import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import boundaries from './tools/eslint-boundaries.mjs'

// Globals only Node has (process, Buffer, require, __dirname…): forbidden where Node does not run.
const nodeOnlyGlobals = Object.keys(globals.node).filter((name) => !(name in globals.browser))
const noNodeGlobals = nodeOnlyGlobals.map((name) => ({
  name,
  message: `'${name}' is a Node global; this code also runs in the browser or a sandboxed page.`,
}))

const test = '\\.(test|spec)\\.ts$'
/** Files where Electron may be imported: the shell (src/main/*.ts) and the preload entry. */
const electronShell = '^src/main/(?![^/]*\\.test\\.ts$)[^/]+\\.ts$|^src/preload/index\\.ts$'

/** Who may import what (tools/eslint-boundaries.mjs); tools/lint-boundaries.test.ts probes each. */
const zones = [
  {
    name: 'server',
    files: '^server/',
    forbid: ['^src/(main|renderer|preload)(/|$)'],
    message:
      'server/ stands alone: it may use src/shared, never the app (src/main, src/renderer, src/preload).',
  },
  {
    name: 'shared',
    files: '^src/shared/',
    except: [test],
    allowOnly: ['^src/shared/', '^zod$'],
    message:
      'src/shared is pure TypeScript run by main, preload and renderer: it imports only src/shared and zod.',
  },
  {
    name: 'shared tests',
    files: '^src/shared/.*' + test,
    forbid: ['^src/(main|renderer|preload)(/|$)'],
    message: 'Tests of src/shared may use the server as an oracle, never the app.',
  },
  {
    name: 'plain-Node core',
    files: '^src/main/core/',
    forbid: ['^src/(renderer|preload)(/|$)', '^src/main/[^/]+$', '^(electron|vue|pinia)(/|$)'],
    message:
      'src/main/core runs in plain Node: no renderer, no preload, no Electron shell, no electron, vue or pinia.',
  },
  {
    name: 'renderer',
    files: '^src/renderer/',
    builtins: false,
    forbid: [
      '^src/(main|preload)(/|$)',
      '^server(/|$)',
      '^(electron|ws|keytar|better-sqlite3)(/|$)',
    ],
    message:
      'The renderer is a web page: it imports only its own files, src/shared and browser packages.',
  },
  {
    name: 'preload',
    files: '^src/preload/',
    except: [test],
    allowOnly: ['^src/preload/', '^src/shared/', '^electron$'],
    typeOnly: ['^src/shared/'],
    typeOnlyExcept: ['^src/shared/ipc-methods$'],
    message:
      'The sandboxed preload may require only electron: it imports types from src/shared (values only from the value-free ipc-methods).',
  },
  {
    name: 'value-free method map',
    files: '^src/shared/ipc-methods\\.ts$',
    typeOnly: ['.'],
    message: 'ipc-methods.ts is bundled into the sandboxed preload, so it may import types only.',
  },
  {
    name: 'electron',
    files: '.',
    except: [electronShell],
    valueImportsOnly: true,
    forbid: ['^electron(/|$)'],
    message:
      'Only the Electron shell (src/main/*.ts, src/preload/index.ts) may import electron; Node cannot load it here.',
  },
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'vue/multi-word-component-names': 'off',
      'vue/no-v-html': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // CommonJS entry points (a worker thread's loader bootstrap) are plain Node scripts.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { plugins: { boundaries }, rules: { 'boundaries/imports': ['error', zones] } },
  // Node globals only where Node runs. TypeScript files skip no-undef, so the browser-side folders
  // also forbid the Node-only globals by name.
  {
    files: [
      'server/**',
      'src/main/**',
      'src/preload/index.ts',
      'bench/**',
      'soak/**',
      'tools/**',
      'e2e/**',
      '*.ts',
      '**/*.mjs',
      '**/*.cjs',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-globals': ['error', ...noNodeGlobals] },
  },
  {
    files: ['src/shared/**', 'src/preload/**'],
    ignores: ['src/preload/index.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: { 'no-restricted-globals': ['error', ...noNodeGlobals] },
  },
)
