// The Outcomes page and `ipvi outcomes` give the same tables and charts, byte for byte, for the same data and
// settings: the page's settings file drives the command line tool.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, navLink } from './fixtures.mjs';

const ipvi = fileURLToPath(new URL('../../../target/debug/ipvi', import.meta.url));

// Chromium drops a download that follows the previous one too closely (the eleventh of a quick
// series was lost on an idle machine), so the saves are spaced as a person's clicks would be.
async function saved(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  await page.waitForTimeout(400);
  return file;
}

const TABLES = ['incidents', 'notifications', 'calls', 'services', 'sanctions'];

test('every table and chart the page saves equals the one ipvi outcomes --tables writes', async ({ page, scratch }) => {
  // The same files and reading rules on both faces: the demo's extracts, read with the intimate
  // relationship codes (its family incidents are not IPV).
  const dir = join(scratch, 'demo');
  execFileSync(ipvi, ['demo', '--out', dir]);
  const rules = join(scratch, 'rules.json');
  writeFileSync(rules, JSON.stringify({ ipv: { incidents: { relationships: ['SE', 'CS', 'BG', 'XS', 'HR', 'XR'] } } }));
  await openApp(page);
  await page.locator('.reading-rules input[type="file"]').setInputFiles(rules);
  await expect(page.locator('[role="status"]').first()).toContainText('Reading rules imported from rules.json');
  await page.locator('#file-input').setInputFiles(TABLES.map((t) => join(dir, `${t}.csv`)));
  await expect(page.locator('#data-summary tbody tr')).toHaveCount(5, { timeout: 30_000 });

  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#calls-finding')).toBeVisible();
  await page.locator('#windows').fill('60, 730');
  await page.locator('#windows').press('Tab');
  await page.locator('#reoffense').selectOption('charged');
  await expect(page.locator('#table-reoffending-windows tbody tr').first().locator('td').first()).toHaveText('60');
  const settings = await saved(page, page.locator('#save-outcome-settings'));
  expect(settings.name).toBe('ipvi-outcome-settings.json');

  await page.evaluate(() => document.querySelectorAll('.outcome details').forEach((d) => (d.open = true)));
  const pageTables = {};
  for (const button of await page.getByRole('button', { name: 'Save table as CSV' }).all()) {
    const file = await saved(page, button);
    pageTables[file.name] = file.bytes.toString('utf8');
  }
  expect(Object.keys(pageTables).length).toBeGreaterThanOrEqual(10);
  const pageCharts = {};
  for (const button of await page.getByRole('button', { name: 'Save chart as SVG' }).all()) {
    const file = await saved(page, button);
    pageCharts[file.name] = file.bytes.toString('utf8');
  }

  const settingsFile = join(scratch, 'settings.json');
  writeFileSync(settingsFile, settings.bytes);
  const out = join(scratch, 'tables');
  const args = ['outcomes', '--map', rules, '--settings', settingsFile, '--tables', out];
  for (const table of TABLES) args.push(`--${table}`, join(dir, `${table}.csv`));
  const summary = execFileSync(ipvi, args).toString();

  const cliTables = readdirSync(out).filter((f) => f.endsWith('.csv')).sort();
  expect(cliTables).toEqual(Object.keys(pageTables).sort());
  for (const name of cliTables) {
    expect(pageTables[name], name).toBe(readFileSync(join(out, name), 'utf8'));
  }
  // Charts: plotters' SVG in wasm and natively, the same bytes.
  const cliCharts = readdirSync(out).filter((f) => f.endsWith('.svg')).sort();
  expect(cliCharts).toEqual(Object.keys(pageCharts).sort());
  for (const name of cliCharts) {
    expect(pageCharts[name], name).toBe(readFileSync(join(out, name), 'utf8'));
  }
  // One notification-mode rule, worded the same on both faces.
  const mode = summary.match(/notifications (recorded|simulated by policy)\./)[1];
  await expect(page.locator('#reoffending')).toContainText(`Notifications ${mode};`);
});
