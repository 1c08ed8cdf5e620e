import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

const electronOnly = {
  name: 'electron',
  message: 'Only the Electron shell (src/main/*.ts, src/preload/index.ts) may import electron.',
}
const nodeOnly = ['ws', 'keytar', 'better-sqlite3', 'electron', 'vue', 'pinia']

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
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly,
          patterns: [{ group: ['node:*'], message: 'shared/ is pure TypeScript: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**', 'server/**', 'bench/**', 'e2e/web/**', 'tools/**', 'soak/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly, 'vue', 'pinia'] }] },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['ws', 'keytar', 'better-sqlite3', 'electron'],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node.' },
            { group: ['**/main/**', '**/preload/**', '**/server/**'], message: 'The renderer imports only its own files and shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['ws', 'keytar', 'vue', 'pinia'], patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload imports only electron and shared/.' }] },
      ],
    },
  },
)
