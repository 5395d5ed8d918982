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

test('findings and charts of calls for service and reoffending are shown', async ({ page }) => {
  await openOutcomes(page);
  await expect(page.locator('#calls-finding')).toHaveText(/^IPV calls per day fell \d+% \(95% CI \d+-\d+%\) after the start \(\d+ \w+ 2019\)\.$/);
  await expect(page.locator('#reoffending-finding')).toContainText('of notified people (95% CI');
  const calls = page.locator('[data-chart="ipv-calls-per-month"] svg');
  await expect(calls.locator('text', { hasText: 'IPV calls per month' }).first()).toBeVisible();
  await expect(calls.locator('text', { hasText: /^Intervention start/ })).toBeVisible();
  await expect(page.locator('[data-chart="reoffending-by-level"] svg text', { hasText: /^Level A, n = \d+/ })).toBeVisible();
  await expect(page.locator('#reoffending-by-cohort-note')).toContainText('p < 0.001');
});

test('changing the start date updates the finding and the chart, and survives a reload', async ({ page }) => {
  await openOutcomes(page);
  const before = await page.locator('#calls-finding').textContent();
  await page.locator('#outcome-start').fill('2020-01-01');
  await page.locator('#outcome-start').press('Tab');
  await expect(page.locator('#calls-finding')).not.toHaveText(before);
  await expect(page.locator('#calls-finding')).toContainText('(1 Jan 2020)');
  await expect(page.locator('[data-chart="ipv-calls-per-month"] svg text', { hasText: 'Intervention start (1 Jan 2020)' })).toBeVisible();
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
  expect(svg.bytes.toString()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const png = await saved(page, figure.getByRole('button', { name: 'Save chart as PNG' }));
  expect(png.name).toBe('ipv-calls-per-month.png');
  expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await page.getByText('Table', { exact: true }).first().click();
  const csv = await saved(page, page.locator('.outcome').first().getByRole('button', { name: 'Save table as CSV' }));
  const lines = csv.bytes.toString().trim().split('\r\n');
  expect(lines[0]).toBe('month,ipv_calls,fitted');
  expect(lines[1]).toMatch(/^2016-01,\d+,[0-9.]+$/);
});

test('known addresses, pauses, services and sanctions each have a finding and a table', async ({ page }) => {
  await openOutcomes(page);
  await expect(page.locator('#known-addresses .finding')).toContainText('known addresses');
  await expect(page.locator('#known-addresses svg text', { hasText: 'IPV calls per month (known addresses)' })).toBeVisible();
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
