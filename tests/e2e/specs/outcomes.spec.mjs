// The Outcomes page: findings, charts with their titles, settings that change them, exports.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  // The demo's documented start, and a plain finding per month, the chart's unit.
  await expect(page.locator('#outcome-start')).toHaveValue('2019-01-01');
  await expect(page.locator('#calls-finding')).toHaveText(
    /^IPV calls for service fell by about \d+% after the start \(1 Jan 2019\): on average [\d,]+ a month before, [\d,]+ a month after\.$/,
  );
  await expect(page.locator('#reoffending-finding')).toContainText(/^About 1 in \d+ notified people \(\d+%\) were the suspect in another IPV incident within a year/);
  await expect(page.locator('#reoffending-finding')).not.toContainText('hazard');
  await expect(page.locator('#calls')).toContainText('allows for the usual seasonal pattern (month-of-year terms, on by default)');
  const calls = page.locator('[data-chart="ipv-calls-per-month"]');
  await expect(page.getByRole('img', { name: 'IPV calls per month before and after the intervention start' })).toBeVisible();
  // Each chart's title is on the page, not only said to screen readers.
  await expect(page.locator('#ipv-calls-per-month-chart-title')).toBeVisible();
  await expect(page.locator('#ipv-calls-per-month-chart-title')).toHaveText('IPV calls per month before and after the intervention start');
  await expect(page.locator('#reoffending-by-level-chart-title')).toHaveText('Share not reoffended after notification, by level');
  await expect(page.locator('#known-addresses-chart-title')).toBeVisible();
  await expect(calls.locator('figcaption')).toContainText('Horizontal axis: Month. Vertical axis: IPV calls per month.');
  await expect(calls.locator('figcaption')).toContainText('marks the intervention start (1 Jan 2019)');
  // D, C, B and A differ by line style as well as colour, and the legend says so.
  const levels = page.locator('[data-chart="reoffending-by-level"] figcaption');
  await expect(levels).toContainText(/Level D, n = [\d,]+ \(steps, with its 95% confidence band\)/);
  await expect(levels).toContainText(/Level C, n = [\d,]+ \(long-dashed steps/);
  await expect(levels).toContainText(/Level A, n = [\d,]+ \(dotted steps/);
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
  for (const expected of ['Month', 'IPV calls per month', 'Jan 2019', 'Trend model (segmented regression)']) {
    expect(texts, expected).toContain(expected);
  }
  expect(texts.some((t) => /^Intervention start \(\d+ \w+ 2019\)$/.test(t)), 'the start label').toBe(true);
  const png = await saved(page, figure.getByRole('button', { name: 'Save chart as PNG' }));
  expect(png.name).toBe('ipv-calls-per-month.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The PNG is drawn at twice the SVG's size: width and height from its IHDR chunk.
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([1640, 760]);
  await page.getByText('Table: IPV calls per month', { exact: true }).click();
  // The page shows human column names; the CSV keeps the machine names.
  await expect(page.locator('#table-ipv-calls-per-month thead th')).toHaveText(['Month', 'IPV calls', 'Trend model', 'Month in the data']);
  const csv = await saved(page, page.locator('#calls').getByRole('button', { name: 'Save table as CSV' }).first());
  const lines = csv.bytes.toString().trim().split('\r\n');
  expect(lines[0]).toBe('month,ipv_calls,fitted,coverage');
  expect(lines[1]).toMatch(/^2016-01,\d+,[0-9.]+,whole$/);
});

test('known addresses, pauses, services and sanctions each have a finding and a table', async ({ page }) => {
  await openOutcomes(page);
  // Never the known-address fall alone: the all-address change and regression to the mean beside it.
  const known = page.locator('#known-addresses .finding');
  await expect(known).toContainText(/^IPV calls from the [\d,]+ known addresses fell by about \d+%, while calls from all addresses fell by about \d+%; /);
  await expect(known).toContainText('(regression to the mean), so the all-address change is the fairer measure.');
  await expect(page.locator('#known-addresses figcaption')).toContainText('Vertical axis: IPV calls per month (known addresses).');
  await expectDrawn(page.locator('#known-addresses canvas'));
  await expect(page.locator('#pauses .finding')).toContainText('had no IPV incident in the year after');
  await expect(page.locator('#services .finding')).toContainText(/notified offenders \(\d+%\) and .* had contact with a service/);
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

test('technical details, human column names and the glossary are there on demand', async ({ page }) => {
  await openOutcomes(page);
  const technical = page.locator('#reoffending-technical');
  await expect(technical.getByText(/^Within-person hazard ratio 0\.\d+ \(95% CI/)).toBeHidden();
  await technical.getByText('Technical details').click();
  await expect(technical.getByText(/^Within-person hazard ratio 0\.\d+ \(95% CI/)).toBeVisible();
  await expect(technical).toContainText(/Log-rank test between the levels: chi-square [\d.]+ on 3 degrees of freedom, p < 0\.001\./);
  await page.locator('#calls-technical').getByText('Technical details').click();
  await expect(page.locator('#calls-technical')).toContainText(/Rate ratio 0\.\d+ \(95% CI 0\.\d+ to 0\.\d+\)/);
  await expect(page.locator('#calls-technical')).toContainText('Interrupted time series (segmented regression on 72 complete months, with month-of-year terms)');

  await page.locator('#reoffending').getByText('Table: reoffending within fixed windows').click();
  const header = page.locator('#table-reoffending-windows thead th');
  await expect(header.first()).toHaveText('Window (days)');
  await expect(header).toContainText(['95% CI low', '95% CI high']);
  expect(await header.allTextContents()).not.toContain('window_days');

  await expect(page.getByText('Regression to the mean', { exact: true })).toBeHidden();
  await page.locator('#glossary summary').click();
  await expect(page.getByText('Regression to the mean', { exact: true })).toBeVisible();
  await expect(page.locator('#glossary-hazard-ratio')).toHaveText('Hazard ratio');
});

test('a three-week extract says "Not enough data" and states no change', async ({ page, scratch }) => {
  // Three weeks of IPV calls and incidents, 5 to 25 Mar 2024; the start 10 days in.
  const calls = ['Call Number,Time Created,Call Type,Address'];
  const incidents = ['Case Number,Report Date,Suspect ID,Victim ID,Relationship,Address,Offense,Domestic'];
  for (let i = 0; i < 21; i++) {
    const day = `2024-03-${String(5 + i).padStart(2, '0')}`;
    for (let k = 0; k < 8; k++) calls.push(`CAD${i}${k},${day} 1${k}:15,DOMESTIC DISTURBANCE,00${k % 5}XX N MAIN ST`);
    incidents.push(`RMS${i},${day} 12:00,P${i % 7},V${i % 7},SE,00${i % 5}XX N MAIN ST,DOMESTIC BATTERY,true`);
  }
  const files = [join(scratch, 'calls.csv'), join(scratch, 'incidents.csv')];
  writeFileSync(files[0], calls.join('\n') + '\n');
  writeFileSync(files[1], incidents.join('\n') + '\n');
  await openApp(page);
  await page.locator('#file-input').setInputFiles(files);
  await expect(page.locator('#data-summary tbody tr')).toHaveCount(2, { timeout: 30_000 });
  await navLink(page, 'Outcomes').click();
  await page.locator('#outcome-start').fill('2024-03-15');
  await page.locator('#outcome-start').press('Tab');
  const sentence = 'Not enough data: complete months before the start (need 6, have 0).';
  await expect(page.locator('#calls-finding')).toHaveText(sentence);
  await expect(page.locator('#ipv-calls-per-month-note')).toHaveText(sentence);
  await expect(page.locator('#known-addresses-finding')).toHaveText(sentence);
  for (const finding of await page.locator('.finding').allTextContents()) expect(finding).not.toMatch(/\d%/);
  await expect(page.locator('#calls-technical')).toHaveCount(0);
});
