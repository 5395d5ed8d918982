// Browser benchmark of classification (not a test): a demo jurisdiction of about 1M incidents
// generated in the page, then the time to re-classify after a criteria edit, as the page
// measures it and as the user sees it (edit to redrawn distribution). Run: scripts/bench-classify
import { withBrowser } from './harness.mjs';

const people = Number(process.env.IPVI_BENCH_PEOPLE ?? 463000);
await withBrowser(4182, async (browser, base) => {
  const page = await browser.newPage();
  await page.addInitScript((n) => localStorage.setItem('ipvi.demo-params.v1', JSON.stringify({ people: n })), people);
  await page.goto(base);
  await page.getByRole('button', { name: 'Try the demo jurisdiction' }).click();
  const loaded = page.getByRole('status').filter({ hasText: 'Demo jurisdiction loaded' });
  await loaded.waitFor({ timeout: 600_000 });
  console.log(`browser demo, ${people} people: ${await loaded.textContent()}`);
  let started = Date.now();
  await page.locator('nav a[href="#/classify"]').click();
  const time = page.locator('#classify-time');
  await time.waitFor({ timeout: 600_000 });
  console.log(`browser classify, first view: ${await time.textContent()} (page shown after ${Date.now() - started} ms)`);
  for (const value of ['3', '2', '4']) {
    const before = await page.locator('#distribution tr[data-level="B"] td').first().textContent();
    const threshold = page.getByLabel('Level B group 1 condition 1: threshold');
    await threshold.fill(value);
    started = Date.now();
    await threshold.press('Tab');
    await page.waitForFunction((b) => document.querySelector('#distribution tr[data-level="B"] td')?.textContent !== b, before, { polling: 'raf', timeout: 600_000 });
    console.log(`browser re-classify after an edit (B: charges >= ${value}): ${await time.textContent()} edit to redrawn distribution ${Date.now() - started} ms`);
  }
});
