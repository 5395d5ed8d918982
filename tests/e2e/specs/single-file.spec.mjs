// The offline single file (scripts/build-single): opened from disk as an agency would, it runs
// the demo through Classify and Outcomes to the Report page with no request but the file itself
// and without breaking its strict Content-Security-Policy. The served page's fixtures do not
// apply (their origin is 127.0.0.1); this spec keeps its own, stricter, records.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadDemo, navLink } from './fixtures.mjs';

const single = fileURLToPath(new URL('../../../dist-single/ipvi-workbench.html', import.meta.url));
const releaseWasm = fileURLToPath(new URL('../../../dist/ipvi-web_bg.wasm', import.meta.url));
const singleUrl = pathToFileURL(single).href;

/** The file exists and was made from the release build the other specs test. */
function expectFreshSingleFile() {
  const hint = 'run scripts/build-single (or scripts/build-single --skip-build after scripts/build)';
  expect(existsSync(single), `${single} is missing: ${hint}`).toBe(true);
  if (existsSync(releaseWasm)) {
    expect(statSync(single).mtimeMs, `${single} is older than dist/: ${hint}`).toBeGreaterThanOrEqual(
      statSync(releaseWasm).mtimeMs,
    );
  }
}

/** Pixels that are not near-white on a canvas: a chart was drawn on it. */
const inkedPixels = (canvas) =>
  canvas.evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked++;
    return inked;
  });

async function saved(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFileSync(await download.path());
}

test('the single file runs from disk: demo, levels, charts, report, no request, strict CSP', async ({ page }) => {
  expectFreshSingleFile();
  const requests = [];
  const consoleErrors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  // Injected by the test harness (not subject to the page's CSP), before the page's own script.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample}`),
    );
  });

  await page.goto(singleUrl);
  await expect(page.locator('header .product')).toHaveText('IPVI Workbench');
  await loadDemo(page);

  await navLink(page, 'Classify').click();
  const levels = page.locator('#distribution tr[data-level]');
  await expect(levels.first()).toBeVisible();
  expect(await levels.count()).toBeGreaterThanOrEqual(4);
  // The level bars are drawn by style attributes (allowed by style-src-attr only): a blocked
  // attribute stays in the DOM but leaves every bar without width.
  const barWidths = await page
    .locator('.bars .bar')
    .evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));
  expect(barWidths).toHaveLength(4);
  expect(Math.max(...barWidths)).toBeGreaterThan(100);
  // A download is a blob: link: it works from file:// under the policy.
  const list = (await saved(page, page.locator('#export-list'))).toString('utf8');
  expect(list.split(/\r?\n/)[0]).toBe('person_id,level,reason,level_date,ipv_incidents,first_incident,last_incident');

  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#calls-finding')).toContainText('IPV calls for service');
  const calls = page.locator('[data-chart="ipv-calls-per-month"]');
  await expect.poll(() => inkedPixels(calls.locator('canvas'))).toBeGreaterThan(2000);
  expect(await inkedPixels(page.locator('[data-chart="reoffending-by-level"] canvas'))).toBeGreaterThan(2000);
  // A PNG comes from canvas.toBlob: no img-src or connect-src needed.
  const png = await saved(page, calls.getByRole('button', { name: 'Save chart as PNG' }));
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

  await navLink(page, 'Report').click();
  await expect(page).toHaveURL(/#\/report$/);
  await expect(page.getByRole('heading', { name: 'Report', exact: true, level: 1 })).toBeVisible();
  const report = page.locator('article.ipvi-report');
  await expect(report).toContainText('Reproducibility');
  // The report's style sheet applies (inlined under the file's hash-based policy, not blocked).
  expect(await report.evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Georgia');

  // data: and blob: URLs never leave the browser; list them so that a change shows in the output.
  // Soft checks: a failure still reports the policy violations and console errors behind it.
  console.log(`single file: requests seen: ${JSON.stringify(requests.map((url) => url.slice(0, 60)))}`);
  const fromDisk = requests.filter((url) => !/^(data|blob):/.test(url));
  expect.soft(fromDisk, 'requests other than the file itself').toEqual([singleUrl]);
  expect.soft(await page.evaluate(() => window.cspViolations), 'Content-Security-Policy violations').toEqual([]);
  expect(consoleErrors, 'console errors').toEqual([]);
});
