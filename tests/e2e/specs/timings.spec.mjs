// The app's own timings: `performance.measure` entries a benchmark reads, and the footer's
// timings line that shows the same figures to the user.
import { test, expect, loadDemoExtracts, navLink } from './fixtures.mjs';

/** The durations (ms) of the page's measures of that name, oldest first. */
async function measures(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);
}

/** The figure the timings line gives for a step, in milliseconds. */
async function shown(page, step) {
  const line = await page.locator('#timings').textContent();
  const [, value, unit] = line.match(new RegExp(`${step} ([0-9.]+) (ms|s)`));
  return Number(value) * (unit === 's' ? 1000 : 1);
}

test('loading, classifying and the outcomes are measured, and the footer shows the same figures', async ({ page, scratch }) => {
  await loadDemoExtracts(page, scratch);
  // One measure per file loaded, each from the file chosen to its data shown.
  const loads = await measures(page, 'ipvi:load');
  expect(loads).toHaveLength(5);
  for (const ms of loads) expect(ms).toBeGreaterThan(0);
  await expect(page.locator('#timings')).toContainText('loading');
  expect(Math.abs((await shown(page, 'loading')) - loads.at(-1))).toBeLessThanOrEqual(10);
  await expect(page.locator('#timings')).not.toContainText('levels');

  await navLink(page, 'Classify').click();
  await expect(page.locator('#classify-time')).toBeVisible();
  await expect(page.locator('#timings')).toContainText('levels');
  const classify = await measures(page, 'ipvi:classify');
  expect(classify).toHaveLength(1);
  expect(Math.abs((await shown(page, 'levels')) - classify[0])).toBeLessThanOrEqual(1);
  const hint = Number((await page.locator('#classify-time').textContent()).match(/computed in ([0-9]+) ms/)[1]);
  expect(Math.abs(hint - classify[0])).toBeLessThanOrEqual(1);

  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#timings')).toContainText('outcomes');
  const outcomes = await measures(page, 'ipvi:outcomes');
  expect(outcomes).toHaveLength(1);
  expect(Math.abs((await shown(page, 'outcomes')) - outcomes[0])).toBeLessThanOrEqual(1);
});
