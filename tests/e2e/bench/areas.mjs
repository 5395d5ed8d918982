// Browser benchmark of the comparison with other areas (not a test): the demo over 10 years
// (2012-2021, start 2019) against 200 comparison areas, from opening the Outcomes page to the
// difference-in-differences finding, with the longest main-thread task. Run:
// cd tests/e2e && node bench/areas.mjs
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withBrowser } from './harness.mjs';

/** 200 areas x 120 months of seasonal counts with a seeded wobble standing in for noise. */
function areasFile() {
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 2;
  const lines = ['area,month,count'];
  for (let a = 0; a < 200; a++) {
    const size = 20 + (a % 37) * 3;
    for (let y = 2012; y < 2022; y++) {
      for (let m = 1; m <= 12; m++) {
        const mean = size * (1 + 0.15 * Math.sin(((m + (a % 5)) * Math.PI) / 6));
        lines.push(`Area ${String(a).padStart(3, '0')},${y}-${String(m).padStart(2, '0')},${Math.max(0, Math.round(mean + noise() * Math.sqrt(3 * mean)))}`);
      }
    }
  }
  const path = join(mkdtempSync(join(tmpdir(), 'ipvi-areas-')), 'areas200.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

await withBrowser(4183, async (browser, base) => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    // Days since 1970-01-01: 2012-01-01, 2021-12-31 and the start 2019-01-01.
    localStorage.setItem('ipvi.demo-params.v1', JSON.stringify({ people: 5000, first_day: 15340, last_day: 18992, start_day: 17897 }));
    window.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push([e.startTime, e.duration])))
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(base);
  await page.getByRole('button', { name: 'Try the demo jurisdiction' }).click();
  await page.getByRole('status').filter({ hasText: 'Demo jurisdiction loaded' }).waitFor({ timeout: 600_000 });
  await page.locator('#comparison-input').setInputFiles(areasFile());
  await page.locator('.comparison-summary').filter({ hasText: '200 areas' }).waitFor();
  // The levels first, so that what follows is the outcomes alone.
  await page.locator('nav a[href="#/classify"]').click();
  await page.locator('#distribution').waitFor({ timeout: 600_000 });
  await page.waitForTimeout(1000);
  const from = await page.evaluate(() => performance.now());
  await page.locator('nav a[href="#/outcomes"]').click();
  await page.locator('#other-areas-finding').waitFor({ timeout: 600_000 });
  const ms = Math.round(await page.evaluate(() => performance.getEntriesByName('ipvi:outcomes').at(-1).duration));
  const tasks = await page.evaluate((f) => window.longTasks.filter(([s]) => s >= f).map(([, d]) => Math.round(d)), from);
  console.log(`browser, 10 years against 200 comparison areas: every outcome (ipvi:outcomes) ${ms} ms; longest main-thread task ${Math.max(0, ...tasks)} ms; over 100 ms: [${tasks.filter((d) => d > 100).join(', ')}]`);
});
