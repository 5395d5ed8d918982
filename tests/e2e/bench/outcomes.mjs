// Browser benchmark of the outcome analyses (not a test): a ~1M-incident demo jurisdiction
// generated in the page, then the time from opening the Outcomes page, and from a change of the
// start date, to the updated finding. Run: scripts/bench-outcomes
import { withBrowser } from './harness.mjs';

const people = Number(process.env.IPVI_BENCH_PEOPLE ?? 463000);
await withBrowser(4183, async (browser, base) => {
  const page = await browser.newPage();
  await page.addInitScript((n) => localStorage.setItem('ipvi.demo-params.v1', JSON.stringify({ people: n })), people);
  await page.goto(base);
  await page.getByRole('button', { name: 'Try the demo jurisdiction' }).click();
  await page.getByRole('status').filter({ hasText: 'Demo jurisdiction loaded' }).waitFor({ timeout: 600_000 });
  let started = Date.now();
  await page.locator('nav a[href="#/outcomes"]').click();
  await page.locator('#calls-finding').waitFor({ timeout: 600_000 });
  console.log(`browser outcomes, ${people} people: page with every analysis after ${Date.now() - started} ms (includes the first classification)`);
  for (const date of ['2020-01-01', '2019-06-01', '2019-01-01']) {
    const before = await page.locator('#calls-finding').textContent();
    // A date input fires its change event on fill: the clock starts before it.
    started = Date.now();
    await page.locator('#outcome-start').fill(date);
    await page.locator('#outcome-start').press('Tab');
    await page.waitForFunction((b) => document.querySelector('#calls-finding')?.textContent !== b, before, { polling: 'raf', timeout: 600_000 });
    console.log(`browser outcomes after a start-date change (${date}): ${Date.now() - started} ms to the updated page`);
  }
});
