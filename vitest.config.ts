import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  test: {
    // One fast-check seed per run: FC_SEED, else fixed under CI=true, else random (printed on failure).
    setupFiles: ['tools/test-setup/fast-check-seed.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.ts',
            'server/**/*.test.ts',
            'tools/**/*.test.ts',
            'soak/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // Not a speed check: on a loaded 2-core machine a 300-run property can pass 5 s.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: [
            'src/**/*.int.test.ts',
            'server/**/*.int.test.ts',
            'tools/**/*.int.test.ts',
            'e2e/**/*.int.test.ts',
            'soak/**/*.int.test.ts',
            'bench/**/*.int.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
})
