import { defineConfig } from '@playwright/test'

/** Debian's Chromium: Playwright's own browser download cannot work on these machines. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: { launchOptions: chromiumLaunchOptions, screenshot: 'only-on-failure', trace: 'off' },
  projects: [
    { name: 'web', testDir: 'e2e/web' },
    // After the whole web run: its log files hold no token, password or message body.
    { name: 'web-logs', testDir: 'e2e/web-logs', dependencies: ['web'] },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
})
