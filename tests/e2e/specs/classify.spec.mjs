// The Classify page: live criteria edits, the person timeline, the export, persistence, and the
// same levels as the command line tool.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, loadDemo, navLink } from './fixtures.mjs';

const ipvi = fileURLToPath(new URL('../../../target/debug/ipvi', import.meta.url));
const levelCount = async (page, level) =>
  Number((await page.locator(`#distribution tr[data-level="${level}"] td`).first().textContent()).replace(/,/g, ''));

async function openClassify(page) {
  await openApp(page);
  await loadDemo(page);
  await navLink(page, 'Classify').click();
  await expect(page.locator('#distribution')).toBeVisible();
}

async function exportList(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-list').click()]);
  return readFileSync(await download.path(), 'utf8');
}

test('editing a threshold reclassifies at once, and the edit survives a reload', async ({ page }) => {
  await openClassify(page);
  await expect(page.locator('#notification-mode')).toContainText('recorded');
  const before = { C: await levelCount(page, 'C'), B: await levelCount(page, 'B') };
  // Level B: "charges at least 2" becomes "at least 3".
  const threshold = page.getByLabel('Level B group 1 condition 1: threshold');
  await expect(threshold).toHaveValue('2');
  await threshold.fill('3');
  await threshold.press('Tab');
  await expect.poll(() => levelCount(page, 'C')).toBeGreaterThan(before.C);
  expect(await levelCount(page, 'B')).toBeLessThan(before.B);
  // An impossible value is explained and not applied.
  await page.getByLabel('Lookback window (days)').fill('0');
  await page.getByLabel('Lookback window (days)').press('Tab');
  await expect(page.locator('.criteria .field-error')).toContainText('lookback must be 1 to 36,500 days');
  await expect(page.getByLabel('Lookback window (days)')).toHaveAttribute('aria-invalid', 'true');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Load data first' })).toBeVisible();
  await navLink(page, 'Data').click();
  await loadDemo(page);
  await navLink(page, 'Classify').click();
  await expect(page.getByLabel('Level B group 1 condition 1: threshold')).toHaveValue('3');
  await expect(page.getByLabel('Lookback window (days)')).toHaveValue('1826');
});

test('a refused edit or import is said next to the field it is about', async ({ page }) => {
  await openClassify(page);
  // Removing the only condition of level C's group would leave a group that always holds.
  await page.getByLabel('Remove Level C group 1 condition 1', { exact: true }).click();
  const group = page.getByRole('group', { name: 'Level C group 1', exact: true });
  await expect(group).toHaveAttribute('aria-invalid', 'true');
  await expect(group.locator('.field-error')).toHaveText('Level C group 1 has no condition: add one, or remove the group');
  await expect(page.locator('.criteria .field-error')).toHaveCount(1);
  await expect(page.getByLabel('Level C group 1 condition 1: threshold', { exact: true })).toHaveValue('1');
  // A file that is not JSON is refused with its line and column; the edited field is fine again.
  await page.locator('.criteria input[type=file]').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "schema": 1,\n  "name" "x"\n}'),
  });
  await expect(page.locator('#import-error')).toHaveText(/^broken\.json: not a criteria file: the JSON is broken at line 3, column \d+/);
  await expect(group).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.criteria input[type=file]')).toHaveAttribute('aria-invalid', 'true');
});

test('a person\'s timeline shows incidents, levels and notifications with reasons', async ({ page }) => {
  await openClassify(page);
  await page.locator('#level-filter').selectOption('A');
  const first = page.locator('table.people tbody tr').first();
  await expect(first.locator('.level')).toHaveText('A');
  const name = await first.locator('button.link').textContent();
  await first.locator('button.link').click();
  const timeline = page.locator('#timeline');
  await expect(timeline.getByRole('heading')).toHaveText(`Timeline of ${name}`);
  await expect(timeline.locator('tbody tr', { hasText: 'Incident' }).first()).toBeVisible();
  await expect(timeline.locator('tbody')).toContainText('Notification at level');
  await expect(timeline.locator('tbody')).toContainText(/[ABCD]: .* within 5 years/);
  await expect(timeline.locator('svg circle').first()).toBeVisible();
  await page.locator('#person-search').fill(name);
  await expect(page.locator('table.people tbody tr')).toHaveCount(1);
});

test('the export is the list as the command line tool writes it, and pseudonyms hide ids', async ({ page, scratch: dir }) => {
  await openClassify(page);
  const csv = await exportList(page);
  execFileSync(ipvi, ['demo', '--out', dir]);
  // The demo's IPV rows are the intimate relationships (its family incidents are not IPV).
  const rules = join(dir, 'rules.json');
  writeFileSync(rules, JSON.stringify({ ipv: { incidents: { relationships: ['SE', 'CS', 'BG', 'XS', 'HR', 'XR'] } } }));
  const cli = execFileSync(ipvi, ['classify', '--incidents', join(dir, 'incidents.csv'), '--notifications',
    join(dir, 'notifications.csv'), '--map', rules], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  expect(csv.split('\r\n').length).toBeGreaterThan(1000);
  expect(csv).toBe(cli);
  const total = Number((await page.locator('#people-total').textContent()).replace(/,/g, ''));
  expect(csv.trim().split('\r\n').length).toBe(total + 1);
  await page.getByLabel('Pseudonym key (optional)').fill('training key');
  const hidden = await exportList(page);
  expect(hidden.split('\r\n')[1]).toMatch(/^X[0-9a-f]{16},/);
  expect(hidden).not.toContain('P00');
});

test('what-if compares the edited criteria with a preset', async ({ page }) => {
  await openClassify(page);
  await expect(page.locator('#what-if-changed')).toContainText('people change level');
  await page.locator('#what-if-other').selectOption('IPVI default');
  await expect(page.locator('#what-if-changed')).toHaveText(/^0 of [0-9,]+ people change level\.$/);
});
