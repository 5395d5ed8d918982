// What the browser benchmarks share: the release build served on loopback, and Debian's chromium.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Serves dist/ on `port`, launches chromium, runs `body(browser, baseUrl)`, then cleans up. */
export async function withBrowser(port, body) {
  const server = spawn('node', [`${root}scripts/serve.mjs`, '--dir', `${root}dist`, '--port', String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await body(browser, `http://127.0.0.1:${port}/`);
  } finally {
    await browser.close();
    server.kill();
  }
}
