// Loading extracts through the real file input: good, messy, bad and large files.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, navLink, writeLargeIncidents } from './fixtures.mjs';

const dialects = fileURLToPath(new URL('../../data/dialects/', import.meta.url));
const bad = fileURLToPath(new URL('../../data/bad/', import.meta.url));
const ipvi = fileURLToPath(new URL('../../../target/debug/ipvi', import.meta.url));
const card = (page, name) => page.locator(`.file-card[data-file="${name}"]`);

async function loadFiles(page, paths) {
  await page.locator('#file-input').setInputFiles(paths);
}

test('a good file loads, shows its quality and mapping, and feeds the summary', async ({ page }) => {
  await openApp(page);
  await loadFiles(page, [join(dialects, 'bom_semicolon_crlf.csv')]);
  const c = card(page, 'bom_semicolon_crlf.csv');
  await expect(c.locator('.rows')).toHaveText('2 read, 2 kept, 0 rejected');
  await expect(c).toContainText('UTF-8 with byte-order mark, semicolon delimited, header row');
  await expect(c.locator('.ipv')).toHaveText('1 of 2 (50.0%)');
  await c.getByText(/Column mapping/).click();
  await expect(c.getByLabel('Field of column RPT_DT')).toHaveValue('1');
  await expect(c.locator('tr', { hasText: 'RPT_DT' }).locator('.samples')).toHaveText('2019-03-01 14:32 · 2019-03-02 11:05');
  await expect(page.locator('#data-summary')).toContainText('incidents');
  await expect(page.getByRole('status')).toContainText('Loaded bom_semicolon_crlf.csv as the incidents table');
  await navLink(page, 'Classify').click();
  await expect(page.getByRole('heading', { name: 'Load data first' })).toHaveCount(0);
});

test('the messy demo extracts all load, and the IPV rule is the user\'s to set', async ({ page, scratch: dir }) => {
  execFileSync(ipvi, ['demo', '--people', '400', '--seed', '3', '--messy', '--out', dir]);
  await openApp(page);
  const names = ['incidents_messy.csv', 'calls_messy.csv', 'notifications_messy.csv', 'services_messy.csv', 'sanctions_messy.csv'];
  await loadFiles(page, names.map((n) => join(dir, n)));
  for (const name of names) {
    await expect(card(page, name).locator('.rows')).toContainText(' kept, 0 rejected');
  }
  await expect(card(page, 'calls_messy.csv')).toContainText('Windows-1252');
  await expect(card(page, 'notifications_messy.csv')).toContainText('tab delimited');
  await expect(page.locator('#data-summary tbody tr')).toHaveCount(5);
  const incidents = card(page, 'incidents_messy.csv');
  await expect(incidents.locator('.ipv')).toContainText('(100.0%)');
  // Count only intimate relationships: family violence drops out.
  await page.getByText('Reading rules: IPV rows, column mappings').click();
  await page.getByLabel(/relationship code is one of/).fill('SE, CS, BG, XS, HR, XR');
  await page.getByLabel(/relationship code is one of/).press('Tab');
  await expect(card(page, 'incidents_messy.csv').locator('.ipv')).not.toContainText('(100.0%)');
  // The rule survives a reload.
  await page.reload();
  await page.getByText('Reading rules: IPV rows, column mappings').click();
  await expect(page.getByLabel(/relationship code is one of/)).toHaveValue('SE, CS, BG, XS, HR, XR');
});

test('a bad file gets a clear message and leaves loaded data as it was', async ({ page }) => {
  await openApp(page);
  await loadFiles(page, [join(dialects, 'quoted.csv')]);
  await expect(card(page, 'quoted.csv').locator('.rows')).toHaveText('2 read, 2 kept, 0 rejected');
  const summary = await page.locator('#data-summary').innerText();
  for (const [file, message] of [
    ['picture.png', 'picture.png: this is not a text (CSV) file'],
    ['empty.csv', 'empty.csv: the file is empty'],
    ['header_only.csv', 'header_only.csv: the file has a header but no rows'],
    ['all_bad_dates.csv', 'all_bad_dates.csv, line 2: no row could be read'],
  ]) {
    await loadFiles(page, [join(dialects, file)]);
    await expect(page.locator('.error-card', { hasText: file })).toContainText(message);
    await expect(card(page, 'quoted.csv')).toBeVisible();
    expect(await page.locator('#data-summary').innerText()).toBe(summary);
  }
  // Where: file, line and column apart, as far as they are known.
  const place = (file) => page.locator('.error-card', { hasText: file }).locator('.error-place dt, .error-place dd');
  await expect(place('all_bad_dates.csv')).toHaveText(['File', 'all_bad_dates.csv', 'Line', '2', 'Column', 'Date']);
  await expect(place('picture.png')).toHaveText(['File', 'picture.png']);
  await page.locator('.error-card', { hasText: 'picture.png' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('.error-card', { hasText: 'picture.png' })).toHaveCount(0);
});

test('title lines above the header are left aside, and a workbook after it changes nothing', async ({ page }) => {
  await openApp(page);
  await loadFiles(page, [join(bad, 'title_rows.csv')]);
  const c = card(page, 'title_rows.csv');
  await expect(c.locator('.rows')).toHaveText('3 read, 3 kept, 0 rejected');
  await expect(c).toContainText('comma delimited, header row');
  await expect(c).toContainText('lines 1-3 are a title above the header row, not data, and were left aside');
  await loadFiles(page, [join(bad, 'xlsx_renamed.csv')]);
  await expect(page.locator('.error-card', { hasText: 'xlsx_renamed.csv' })).toContainText('this is an Excel workbook');
  await expect(c.locator('.rows')).toHaveText('3 read, 3 kept, 0 rejected');
});

test('an open-data extract with unknown names is read by its content, and says so', async ({ page, scratch: dir }) => {
  await openApp(page);
  const offences = ['INTIMATE PARTNER - SIMPLE ASSAULT', 'BURGLARY FROM VEHICLE', 'INTIMATE PARTNER - AGGRAVATED ASSAULT', 'THEFT OF IDENTITY'];
  let text = 'DR_NO,Date Rptd,DATE OCC,TIME OCC,Crm Cd Desc,LOCATION\n';
  for (let i = 0; i < 40; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    text += `${200100000 + i},03/${day}/2020 12:00:00 AM,02/${day}/2020 12:00:00 AM,${(i * 37) % 2400},${offences[i % 4]},${100 + i} W MAIN ST\n`;
  }
  const file = join(dir, 'crime_data.csv');
  writeFileSync(file, text);
  await loadFiles(page, [file]);
  const c = card(page, 'crime_data.csv');
  await expect(c.locator('.rows')).toHaveText('40 read, 40 kept, 0 rejected');
  await expect(c.locator('.ipv')).toHaveText('20 of 40 (50.0%)');
  const decisions = c.locator('.decisions li');
  await expect(decisions.first()).toContainText('column "DATE OCC" is read as the date (and time) by its content');
  await expect(decisions.first()).toContainText('chosen over "Date Rptd"');
  await expect(c.locator('.decisions')).toContainText('IPV rows are those whose "Crm Cd Desc" holds');
  await expect(c.locator('table.ipv-values tbody tr')).toHaveCount(2);
});

test('rejected rows are listed with their line numbers', async ({ page }) => {
  await openApp(page);
  await loadFiles(page, [join(dialects, 'bad_dates.csv')]);
  const c = card(page, 'bad_dates.csv');
  await expect(c.locator('.rows')).toHaveText('4 read, 1 kept, 3 rejected');
  await expect(c.locator('.rejected')).toContainText('2 × unreadable date in column "Date" (line 3, 5)');
  await expect(c.locator('.rejected')).toContainText('1 × no date in column "Date" (line 4)');
});

test('a placeholder date is left out and named, and the reading rules can keep it', async ({ page, scratch: dir }) => {
  const file = join(dir, 'placeholder.csv');
  writeFileSync(file, 'Case Number,Report Date,Suspect ID\r\nR1,2019-03-01,P1\r\nR2,1900-01-01,P2\r\nR3,2019-04-01,P3\r\n');
  await openApp(page);
  await loadFiles(page, [file]);
  const c = card(page, 'placeholder.csv');
  await expect(c.locator('.rows')).toHaveText('3 read, 2 kept, 1 rejected');
  await expect(c.locator('.rejected')).toContainText('1 × placeholder date (such as 1900-01-01 or 9999-12-31) in column "Report Date", left out of the analyses (line 3)');
  await page.locator('.reading-rules > summary').click();
  await page.locator('#keep-implausible-dates').check();
  await expect(c.locator('.rows')).toHaveText('3 read, 3 kept, 0 rejected');
  await page.reload();
  await expect(page.locator('#keep-implausible-dates')).toBeChecked();
});

test('a file without recognisable columns asks for its mapping, and the choice is remembered', async ({ page, scratch: dir }) => {
  await openApp(page);
  // Neither the names nor the content (2 dates in 3 values) say which column is the date.
  const file = join(dir, 'unnamed.csv');
  writeFileSync(file, 'Field A,Field B\nP1,2019-03-01\nP2,unknown\nP3,2019-03-03\n');
  await loadFiles(page, [file]);
  const c = page.locator('.needs-mapping[data-file="unnamed.csv"]');
  await expect(c).toContainText('needs a column for: date');
  await c.getByLabel('Field of column Field B').selectOption({ label: 'date (and time)' });
  await expect(card(page, 'unnamed.csv').locator('.rows')).toHaveText('3 read, 2 kept, 1 rejected');
  await expect(page.locator('.needs-mapping')).toHaveCount(0);
  // Reloaded, the same header row maps itself.
  await page.reload();
  await loadFiles(page, [file]);
  await expect(card(page, 'unnamed.csv').locator('.rows')).toHaveText('3 read, 2 kept, 1 rejected');
});

test('a large file shows its progress and Cancel leaves the loaded data alone', async ({ page, scratch: dir }) => {
  test.setTimeout(120_000);
  const path = await writeLargeIncidents(dir);
  await openApp(page);
  await loadFiles(page, [join(dialects, 'quoted.csv')]);
  await expect(card(page, 'quoted.csv')).toBeVisible();
  await loadFiles(page, [path]);
  const bar = page.locator('#load-progress');
  await expect(bar).toBeVisible();
  await expect(page.getByText(/(Reading|Parsing) large_incidents\.csv: .* of .* MB/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText('Loading large_incidents.csv was cancelled; nothing was changed.');
  await expect(bar).toHaveCount(0);
  await expect(card(page, 'large_incidents.csv')).toHaveCount(0);
  await expect(card(page, 'quoted.csv')).toBeVisible();
});

test('a file picked while another loads waits its turn, and Cancel drops it with the one loading', async ({ page, scratch: dir }) => {
  test.setTimeout(120_000);
  const path = await writeLargeIncidents(dir);
  await openApp(page);
  await loadFiles(page, [path]);
  const progress = page.getByText(/(Reading|Parsing) large_incidents\.csv: .* of .* MB/);
  await expect(progress).toBeVisible();
  // Picked while the large file loads: it waits, and the progress still shows the large file.
  await loadFiles(page, [join(dialects, 'quoted.csv')]);
  await expect(progress).toBeVisible();
  await expect(card(page, 'quoted.csv')).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText('Loading large_incidents.csv was cancelled; nothing was changed.');
  await expect(page.locator('#load-progress')).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect(card(page, 'quoted.csv')).toHaveCount(0);
  await expect(card(page, 'large_incidents.csv')).toHaveCount(0);
  // A file picked afterwards loads as usual.
  await loadFiles(page, [join(dialects, 'quoted.csv')]);
  await expect(card(page, 'quoted.csv')).toBeVisible();
});
