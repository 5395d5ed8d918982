// The demo jurisdiction: one click from the page to a loaded, labelled, reproducible data set.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, loadDemo, navLink } from './fixtures.mjs';

const ipvi = fileURLToPath(new URL('../../../target/debug/ipvi', import.meta.url));
const cliFingerprint = (...args) => execFileSync(ipvi, ['demo', '--fingerprint-only', ...args]).toString().trim();

test('the demo button loads a labelled synthetic jurisdiction and shows its summary', async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await expect(page.getByText('Demo jurisdiction: synthetic data.')).toBeVisible();
  const rows = page.locator('#data-summary tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first().locator('th')).toHaveText('incidents');
  const incidents = Number((await rows.first().locator('td').first().textContent()).replace(/,/g, ''));
  expect(incidents).toBeGreaterThan(5000);
  await expect(page.locator('#fact-ipv')).toContainText('%');
  await expect(page.getByRole('status')).toContainText('Demo jurisdiction loaded');
  // Pages that needed data now know it is there.
  await navLink(page, 'Classify').click();
  await expect(page.getByRole('heading', { name: 'Load data first' })).toHaveCount(0);
});

test('the in-browser demo is byte-identical to the command line tool', async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await expect(page.locator('#demo-fingerprint')).toHaveText(cliFingerprint());
});

test('demo settings survive a reload and change the data', async ({ page }) => {
  await openApp(page);
  await page.getByText('Demo settings (size, seed, planted effect)').click();
  await page.getByLabel('People with incidents').fill('800');
  await page.getByLabel('People with incidents').press('Tab');
  await page.getByLabel('Seed').fill('7');
  await page.getByLabel('Seed').press('Tab');
  await page.reload();
  await page.getByText('Demo settings (size, seed, planted effect)').click();
  await expect(page.getByLabel('Seed')).toHaveValue('7');
  await expect(page.getByLabel('People with incidents')).toHaveValue('800');
  await loadDemo(page);
  await expect(page.locator('#demo-fingerprint')).toHaveText(cliFingerprint('--people', '800', '--seed', '7'));
  // An impossible value is explained and not kept.
  await page.getByLabel('People with incidents').fill('0');
  await page.getByLabel('People with incidents').press('Tab');
  await expect(page.locator('.field-error')).toContainText('people must be between 1');
});
