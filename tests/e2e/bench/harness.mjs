// What the browser benchmarks share: the release build served on loopback, and Debian's chromium.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Serves `dir` on 127.0.0.1:`port` with scripts/serve.mjs; returns the server process. */
export async function serveDir(dir, port) {
  const server = spawn('node', [`${root}scripts/serve.mjs`, '--dir', dir, '--port', String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  return server;
}

/** Debian's chromium, headless, never Playwright's own download. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Serves dist/ on `port`, launches chromium, runs `body(browser, baseUrl)`, then cleans up. */
export async function withBrowser(port, body) {
  const server = await serveDir(`${root}dist`, port);
  const browser = await launchChromium();
  try {
    await body(browser, `http://127.0.0.1:${port}/`);
  } finally {
    await browser.close();
    server.kill();
  }
}
