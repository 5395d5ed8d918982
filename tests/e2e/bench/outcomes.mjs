// Browser benchmark of the outcome analyses (not a test): a ~1M-incident demo jurisdiction
// generated in the page, then the time from opening the Outcomes page, and from a change of the
// start date, to the updated finding. Run: scripts/bench-outcomes
import { withBrowser } from './harness.mjs';

const people = Number(process.env.IPVI_BENCH_PEOPLE ?? 463000);
await withBrowser(4183, async (browser, base) => {
  const page = await browser.newPage();
  await page.addInitScript((n) => {
    localStorage.setItem('ipvi.demo-params.v1', JSON.stringify({ people: n }));
    // Every main-thread task over 50 ms, to report the longest while the outcomes are computed.
    window.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push([e.startTime, e.duration])))
      .observe({ type: 'longtask', buffered: true });
  }, people);
  const now = () => page.evaluate(() => performance.now());
  // The longest task since `from` (ms), and how many were over 100 ms.
  const longest = async (from) => {
    const tasks = await page.evaluate((f) => window.longTasks.filter(([s]) => s >= f).map(([, d]) => d), from);
    return `longest main-thread task ${Math.round(Math.max(0, ...tasks))} ms, ${tasks.filter((d) => d > 100).length} over 100 ms`;
  };
  await page.goto(base);
  await page.getByRole('button', { name: 'Try the demo jurisdiction' }).click();
  await page.getByRole('status').filter({ hasText: 'Demo jurisdiction loaded' }).waitFor({ timeout: 600_000 });
  // The levels first, so that what follows is the outcomes alone.
  await page.locator('nav a[href="#/classify"]').click();
  await page.locator('#distribution').waitFor({ timeout: 600_000 });
  await page.waitForTimeout(1000);
  let from = await now();
  let started = Date.now();
  await page.locator('nav a[href="#/outcomes"]').click();
  await page.locator('#calls-finding').waitFor({ timeout: 600_000 });
  const measured = async () => Math.round(await page.evaluate(() => performance.getEntriesByName('ipvi:outcomes').at(-1).duration));
  console.log(`browser outcomes, ${people} people: page with every analysis after ${Date.now() - started} ms (ipvi:outcomes ${await measured()} ms; ${await longest(from)})`);
  for (const date of ['2020-01-01', '2019-06-01', '2019-01-01']) {
    const before = await page.locator('#calls-finding').textContent();
    // A date input fires its change event on fill: the clock starts before it.
    from = await now();
    started = Date.now();
    await page.locator('#outcome-start').fill(date);
    await page.locator('#outcome-start').press('Tab');
    await page.waitForFunction((b) => document.querySelector('#calls-finding')?.textContent === b ? false : !!document.querySelector('#calls-finding'), before, { polling: 'raf', timeout: 600_000 });
    const ms = Date.now() - started;
    await page.waitForTimeout(300);
    console.log(`browser outcomes after a start-date change (${date}): ${ms} ms to the updated page (ipvi:outcomes ${await measured()} ms; ${await longest(from)})`);
  }
});
