// The Outcomes page and `ipvi outcomes` give the same tables and charts, byte for byte, for the same data and
// settings: the page's settings file drives the command line tool.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, navLink, ipvi, saveFile, loadDemoExtracts, TABLES } from './fixtures.mjs';

test('every table and chart the page saves equals the one ipvi outcomes --tables writes', async ({ page, scratch }) => {
  // The same files and reading rules on both faces.
  const { dir, rules } = await loadDemoExtracts(page, scratch);
  // And the demo's comparison areas, as `ipvi demo` wrote them beside the extracts.
  await page.locator('#comparison-input').setInputFiles(join(dir, 'comparison_areas.csv'));
  await expect(page.locator('section.comparison-card .comparison-source')).toHaveText('comparison_areas.csv');

  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#calls-finding')).toBeVisible();
  await page.locator('#windows').fill('60, 730');
  await page.locator('#windows').press('Tab');
  await page.locator('#reoffense').selectOption('charged');
  await expect(page.locator('#table-reoffending-windows tbody tr').first().locator('td').first()).toHaveText('60');
  const settings = await saveFile(page, page.locator('#save-outcome-settings'));
  expect(settings.name).toBe('ipvi-outcome-settings.json');

  await page.evaluate(() => document.querySelectorAll('.outcome details').forEach((d) => (d.open = true)));
  const pageTables = {};
  for (const button of await page.getByRole('button', { name: 'Save table as CSV' }).all()) {
    const file = await saveFile(page, button);
    pageTables[file.name] = file.bytes.toString('utf8');
  }
  expect(Object.keys(pageTables).length).toBeGreaterThanOrEqual(10);
  expect(Object.keys(pageTables)).toContain('other-areas-weights.csv');
  const pageCharts = {};
  for (const button of await page.getByRole('button', { name: 'Save chart as SVG' }).all()) {
    const file = await saveFile(page, button);
    pageCharts[file.name] = file.bytes.toString('utf8');
  }

  const settingsFile = join(scratch, 'settings.json');
  writeFileSync(settingsFile, settings.bytes);
  const out = join(scratch, 'tables');
  const args = ['outcomes', '--map', rules, '--settings', settingsFile, '--tables', out];
  args.push('--comparison', join(dir, 'comparison_areas.csv'));
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
  await expect(page.locator('#reoffending')).toContainText(`(notifications ${mode});`);
});
