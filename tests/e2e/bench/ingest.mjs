// Browser benchmark of data intake (not a test): loads the files the native benchmark wrote
// (target/bench-data/incidents_*.csv) through the real file input of the release build in
// Debian's chromium, and prints time, MB/s, rows/s, wasm memory and the ratio to native.
// Also times the default demo jurisdiction. Run: scripts/bench-ingest
import { withBrowser, root } from './harness.mjs';
import { readFileSync } from 'node:fs';

const native = JSON.parse(readFileSync(`${root}target/bench-data/native.json`, 'utf8'));
await withBrowser(4181, async (browser, base) => {
  for (const { file, rows, mb, seconds } of native) {
    let best = Infinity;
    let outside = Infinity;
    let memory = 0;
    for (let run = 0; run < 2; run++) {
      const page = await browser.newPage();
      await page.goto(base);
      await page.waitForFunction(() => typeof window.ipviWasmBytes === 'function');
      const started = Date.now();
      await page.locator('#file-input').setInputFiles(`${root}target/bench-data/${file}`);
      const status = page.getByRole('status').filter({ hasText: `Loaded ${file}` });
      await status.waitFor({ timeout: 600_000 });
      // The page's own measure (from the file input's change to the parsed table), and ours
      // (which adds Playwright's hand-over of the file and the redraw).
      const inPage = Number((await status.textContent()).match(/\(([0-9.]+) s\)/)[1]);
      outside = Math.min(outside, (Date.now() - started) / 1000);
      best = Math.min(best, inPage);
      memory = Math.max(memory, await page.evaluate(() => window.ipviWasmBytes()));
      await page.close();
    }
    console.log(
      `browser ingest ${file.padEnd(22)} ${String(rows).padStart(9)} rows ${mb.toFixed(1).padStart(7)} MB  ${best.toFixed(3).padStart(6)} s  ` +
      `${(mb / best).toFixed(1).padStart(6)} MB/s  ${(rows / best).toFixed(0).padStart(9)} rows/s  wasm memory ${(memory / 1048576).toFixed(0)} MB  ` +
      `browser/native ${(best / seconds).toFixed(2)}  (with redraw ${outside.toFixed(3)} s)`,
    );
  }
  const page = await browser.newPage();
  await page.goto(base);
  await page.getByRole('button', { name: 'Try the demo jurisdiction' }).click();
  const status = await page.getByRole('status').filter({ hasText: 'Demo jurisdiction loaded' }).textContent();
  console.log(`browser demo (5,000 people, generate + fingerprint): ${status}`);
});
