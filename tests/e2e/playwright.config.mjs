// Browser tests: Playwright drives Debian's chromium (never a downloaded browser) against the
// release build in dist/, served on 127.0.0.1 under a sub-path as a static host would.
import { defineConfig } from '@playwright/test';

// IPVI_E2E_PORT lets two checkouts run their browser tests at once.
export const PORT = Number(process.env.IPVI_E2E_PORT ?? 4173);
export const PREFIX = '/ipvi/';

export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
  workers: 2,
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  webServer: {
    command: `node ../../scripts/serve.mjs --dir ../../dist --port ${PORT} --prefix ${PREFIX}`,
    url: `http://127.0.0.1:${PORT}${PREFIX}`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}${PREFIX}`,
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-default-apps', '--no-first-run', '--no-default-browser-check',
      ],
    },
  },
});
