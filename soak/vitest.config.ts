/**
 * Runs the soak's CI test on its own (`npx vitest run --config soak/vitest.config.ts`) until the
 * root config's int project includes soak/**.
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['soak/**/*.int.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
