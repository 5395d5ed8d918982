// The Outcomes page: findings, charts with their titles, settings that change them, exports.
import { readFileSync } from 'node:fs';
import { test, expect, openApp, loadDemo, navLink } from './fixtures.mjs';

async function openOutcomes(page) {
  await openApp(page);
  await loadDemo(page);
  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#calls-finding')).toBeVisible();
}

async function saved(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** The canvas really has a chart on it: a backing store at the screen's pixel density, and
 * pixels that are not all white (ink for the axes, labels and lines). */
async function expectDrawn(canvas) {
  const drawn = await canvas.evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked++;
    return { inked, width: c.width, expected: Math.round(c.clientWidth * devicePixelRatio) };
  });
  expect(drawn.width).toBe(drawn.expected);
  expect(drawn.inked, 'dark pixels on the canvas').toBeGreaterThan(2000);
}

test('findings and charts of calls for service and reoffending are shown', async ({ page }) => {
  await openOutcomes(page);
  await expect(page.locator('#calls-finding')).toHaveText(/^IPV calls per day fell \d+% \(95% CI \d+-\d+%\) after the start \(\d+ \w+ 2019\)\.$/);
  await expect(page.locator('#reoffending-finding')).toContainText('of notified people (95% CI');
  const calls = page.locator('[data-chart="ipv-calls-per-month"]');
  await expect(page.getByRole('img', { name: 'IPV calls per month before and after the intervention start' })).toBeVisible();
  await expect(calls.locator('figcaption')).toContainText('Horizontal axis: Month. Vertical axis: IPV calls per month.');
  await expect(calls.locator('figcaption')).toContainText(/marks the intervention start \(\d+ \w+ 2019\)/);
  await expect(page.locator('[data-chart="reoffending-by-level"] figcaption')).toContainText(/Level A, n = \d+/);
  await expectDrawn(calls.locator('canvas'));
  await expectDrawn(page.locator('[data-chart="reoffending-by-level"] canvas'));
  // A narrower window: the chart is drawn again at the figure's new width.
  const before = await calls.locator('canvas').evaluate((c) => c.width);
  await page.setViewportSize({ width: 480, height: 800 });
  await expect.poll(() => calls.locator('canvas').evaluate((c) => c.width)).toBeLessThan(before);
  await expectDrawn(calls.locator('canvas'));
  await expect(page.locator('#reoffending-by-cohort-note')).toContainText('p < 0.001');
});

test('changing the start date updates the finding and the chart, and survives a reload', async ({ page }) => {
  await openOutcomes(page);
  const before = await page.locator('#calls-finding').textContent();
  await page.locator('#outcome-start').fill('2020-01-01');
  await page.locator('#outcome-start').press('Tab');
  await expect(page.locator('#calls-finding')).not.toHaveText(before);
  await expect(page.locator('#calls-finding')).toContainText('(1 Jan 2020)');
  await expect(page.locator('[data-chart="ipv-calls-per-month"] figcaption')).toContainText('intervention start (1 Jan 2020)');
  await page.reload();
  await navLink(page, 'Data').click();
  await loadDemo(page);
  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#outcome-start')).toHaveValue('2020-01-01');
});

test('charts save as SVG and PNG, tables as CSV', async ({ page }) => {
  await openOutcomes(page);
  const figure = page.locator('[data-chart="ipv-calls-per-month"]');
  const svg = await saved(page, figure.getByRole('button', { name: 'Save chart as SVG' }));
  expect(svg.name).toBe('ipv-calls-per-month.svg');
  const text = svg.bytes.toString();
  expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="820" height="380"/);
  expect(text).toContain('<title>IPV calls per month before and after the intervention start</title>');
  const texts = [...text.matchAll(/<text[^>]*>\s*([^<]*?)\s*<\/text>/g)].map((m) => m[1]);
  for (const expected of ['Month', 'IPV calls per month', 'Jan 2019', 'Fitted (segmented regression)']) {
    expect(texts, expected).toContain(expected);
  }
  expect(texts.some((t) => /^Intervention start \(\d+ \w+ 2019\)$/.test(t)), 'the start label').toBe(true);
  const png = await saved(page, figure.getByRole('button', { name: 'Save chart as PNG' }));
  expect(png.name).toBe('ipv-calls-per-month.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The PNG is drawn at twice the SVG's size: width and height from its IHDR chunk.
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([1640, 760]);
  await page.getByText('Table', { exact: true }).first().click();
  const csv = await saved(page, page.locator('.outcome').first().getByRole('button', { name: 'Save table as CSV' }));
  const lines = csv.bytes.toString().trim().split('\r\n');
  expect(lines[0]).toBe('month,ipv_calls,fitted');
  expect(lines[1]).toMatch(/^2016-01,\d+,[0-9.]+$/);
});

test('known addresses, pauses, services and sanctions each have a finding and a table', async ({ page }) => {
  await openOutcomes(page);
  await expect(page.locator('#known-addresses .finding')).toContainText('known addresses');
  await expect(page.locator('#known-addresses figcaption')).toContainText('Vertical axis: IPV calls per month (known addresses).');
  await expectDrawn(page.locator('#known-addresses canvas'));
  await expect(page.locator('#pauses .finding')).toContainText('had no incident in the year after');
  await expect(page.locator('#services .finding')).toContainText('of notified offenders and');
  await expect(page.locator('#sanctions .finding')).toContainText('had a sanction after the reoffence');
  await page.locator('#services').getByText('Table: service contact within 90 days').click();
  await expect(page.locator('#table-services tbody tr')).toHaveCount(2);
});

test('follow-up windows are the user\'s to set, and a bad list is explained', async ({ page }) => {
  await openOutcomes(page);
  await page.locator('#windows').fill('60, 730');
  await page.locator('#windows').press('Tab');
  await page.locator('#reoffending-title').locator('..').getByText('Table: reoffending within fixed windows').click();
  await expect(page.locator('#table-reoffending-windows tbody tr').first().locator('td').first()).toHaveText('60');
  await page.locator('#windows').fill('a year');
  await page.locator('#windows').press('Tab');
  await expect(page.locator('.field-error')).toContainText('Windows must be whole numbers of days');
});
