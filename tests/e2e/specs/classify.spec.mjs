// The Classify page: live criteria edits, the person timeline, the export, persistence, and the
// same levels as the command line tool.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, loadDemo, navLink, openGroup } from './fixtures.mjs';

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
  // Level B: "2 or more charges" becomes "3 or more".
  const groupB = await openGroup(page, 'B', 1);
  await expect(groupB.locator('summary')).toHaveText('Group 1: 2 or more charges');
  const threshold = page.getByLabel('Level B group 1 condition 1: threshold');
  await expect(threshold).toHaveValue('2');
  await threshold.fill('3');
  await threshold.press('Tab');
  await expect.poll(() => levelCount(page, 'C')).toBeGreaterThan(before.C);
  await expect(groupB.locator('summary')).toHaveText('Group 1: 3 or more charges');
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
  await openGroup(page, 'C', 1);
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

test('a person\'s timeline opens over the page, takes the focus and gives it back', async ({ page }) => {
  await openClassify(page);
  await page.locator('#level-filter').selectOption('A');
  const first = page.locator('table.people tbody tr').first();
  await expect(first.locator('.level')).toHaveText('A');
  const name = await first.locator('button.link').textContent();
  await first.locator('button.link').click();
  const timeline = page.locator('#timeline');
  await expect(timeline).toBeVisible();
  await expect(timeline.getByRole('heading')).toHaveText(`Timeline of ${name}`);
  // Where the user is: the dialog is in the viewport, and the focus is inside it.
  await expect(timeline).toBeInViewport();
  expect(await timeline.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await expect(timeline.locator('tbody tr', { hasText: 'Incident' }).first()).toBeVisible();
  await expect(timeline.locator('tbody')).toContainText('Notification at level');
  await expect(timeline.locator('tbody')).toContainText(/[ABCD]: .* within 5 years/);
  await expect(timeline.locator('svg circle').first()).toBeVisible();
  // Escape closes it and the focus goes back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(timeline).toBeHidden();
  await expect(first.locator('button.link')).toBeFocused();
  await page.locator('#person-search').fill(name);
  await expect(page.locator('table.people tbody tr')).toHaveCount(1);
  // Close gives the focus back too.
  await page.locator('table.people tbody tr button.link').click();
  await timeline.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('table.people tbody tr button.link')).toBeFocused();
});

test('the people counted agree with the Data page, and the criteria read as sentences', async ({ page }) => {
  await openClassify(page);
  const total = (await page.locator('#people-total').textContent()).trim();
  await expect(page.locator('#coverage')).toContainText(`${total} people with an IPV incident on or before`);
  await expect(page.locator('#lookback-words')).toHaveText('= 5 years');
  await page.getByRole('button', { name: 'Skip to the results' }).click();
  await expect(page.locator('#distribution-title')).toBeFocused();
  await navLink(page, 'Data').click();
  const ipvPeople = (await page.locator('#fact-ipv-offenders').textContent()).trim();
  const suspects = (await page.locator('#fact-offenders').textContent()).trim();
  await navLink(page, 'Classify').click();
  await expect(page.locator('#coverage')).toContainText(`of the ${suspects} suspects in the data have no IPV incident`);
  const n = (t) => Number(t.replace(/,/g, ''));
  const later = (await page.locator('#coverage').textContent()).match(/([\d,]+) more have a first IPV incident/);
  expect(n(total) + (later ? n(later[1]) : 0)).toBe(n(ipvPeople));
});

test('without suspect ids Classify says what is missing, and a composite id from two columns fixes it', async ({ page, scratch: dir }) => {
  await openApp(page);
  const file = join(dir, 'no_ids.csv');
  writeFileSync(file, 'Date,Offense,Domestic,Name,Born\n2019-03-01,ASSAULT,Y,SMITH JOHN,1980-04-02\n'
    + '2019-03-02,ASSAULT,Y,SMITH JOHN,1980-04-02\n2019-03-05,ASSAULT,Y,SMITH JOHN,1991-07-01\n');
  await page.locator('#file-input').setInputFiles(file);
  const c = page.locator('.file-card[data-file="no_ids.csv"]');
  await expect(c.locator('.rows')).toHaveText('3 read, 3 kept, 0 rejected');
  await navLink(page, 'Classify').click();
  await expect(page.locator('#no-person-ids')).toContainText('No suspect ids: nobody can be placed at a level');
  await expect(page.locator('#no-person-ids')).toContainText('Column mapping');
  await expect(page.locator('table.people')).toHaveCount(0);
  // Name and date of birth together make the suspect id.
  await navLink(page, 'Data').click();
  await c.getByText(/Column mapping/).click();
  await c.getByLabel('Field of column Name').selectOption({ label: 'suspect id' });
  await expect(c.locator('.rows')).toHaveText('3 read, 3 kept, 0 rejected');
  // The file is read again (its choices wait meanwhile) and its card drawn anew, with the
  // mapping still open.
  await expect(c.getByLabel('Field of column Born')).toBeEnabled();
  await expect(c.locator('details.mapping')).toHaveJSProperty('open', true);
  await c.getByLabel('Field of column Born').selectOption({ label: 'suspect id' });
  await expect(c.locator('.warnings')).toContainText('the suspect id is built from "Name" and "Born" together');
  await navLink(page, 'Classify').click();
  await expect(page.locator('#people-total')).toHaveText('2');
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

test('what-if lists everyone who changes, with both reasons, sorted and paged', async ({ page }) => {
  await openClassify(page);
  const changed = page.locator('#what-if-changed');
  // Computed only once opened: closed, it holds no comparison.
  await expect(page.locator('#what-if')).not.toHaveAttribute('open');
  await expect(changed).toBeEmpty();
  await page.locator('#what-if summary').click();
  await expect(changed).toContainText('people change level');
  const count = Number((await changed.textContent()).match(/^([\d,]+) of/)[1].replace(/,/g, ''));
  expect(count).toBeGreaterThan(25);
  const rows = page.locator('#what-if-changes tbody tr');
  await expect(rows).toHaveCount(25);
  await expect(page.locator('#what-if-changes caption')).toContainText(`page 1 of ${Math.ceil(count / 25)}`);
  await expect(rows.first().locator('td.reason').first()).not.toBeEmpty();
  await page.locator('#what-if').getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#what-if-changes caption')).toContainText('page 2 of');
  await page.locator('#what-if-order').selectOption('id');
  await expect(page.locator('#what-if-changes caption')).toContainText('page 1 of');
  const ids = await rows.locator('th button').allTextContents();
  expect(ids).toEqual([...ids].sort());
  // A name opens that person's timeline.
  await rows.first().locator('th button').click();
  await expect(page.locator('#timeline').getByRole('heading')).toHaveText(`Timeline of ${ids[0]}`);
  await page.keyboard.press('Escape');
  await page.locator('#what-if-other').selectOption('IPVI default');
  await expect(changed).toHaveText(/^0 of [0-9,]+ people change level\.$/);
  await expect(rows).toHaveCount(0);
});
