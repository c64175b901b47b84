// End-to-end: the built UI in Debian's Chromium against `fieldkit serve --demo` on loopback (always),
// and in Electron where an Electron binary exists. No browser download: Chromium comes from apt.
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 240_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  outputDir: '../test-results/e2e',
  reporter: [['list'], ['./summary-reporter.ts']],
  use: {
    headless: true,
    viewport: { width: 1440, height: 960 },
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
