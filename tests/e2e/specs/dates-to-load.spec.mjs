// The dates to load (a reading rule): rows dated outside are left out of every file, the same in
// the page as on the command line; a file too big for the tab beside the files loaded is refused
// before it is read, and can then be loaded in part.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openApp, loadFiles, saveFile, ipvi } from './fixtures.mjs';

const card = (page, name) => page.locator(`.file-card[data-file="${name}"]`);
const MiB = 1024 * 1024;

test('the dates to load leave rows out of the loaded file, as ipvi check does with the exported rules', async ({ page, scratch: dir }) => {
  await openApp(page);
  let text = 'Case Number,Report Date,Suspect ID,Domestic\n';
  const days = [];
  for (let i = 0; i < 300; i++) {
    const day = new Date(Date.UTC(2018, 0, 1) + i * 5 * 86_400_000).toISOString().slice(0, 10);
    days.push(day);
    text += `R${i},${day},P${i % 40},true\n`;
  }
  const path = join(dir, 'incidents_2018_2022.csv');
  writeFileSync(path, text);
  await loadFiles(page, [path]);
  const c = card(page, 'incidents_2018_2022.csv');
  await expect(c.locator('.rows')).toHaveText('300 read, 300 kept, 0 rejected');

  await page.getByText('Reading rules: IPV rows, column mappings').click();
  await page.locator('#rules-load-from').fill('2019-01-01');
  await page.locator('#rules-load-from').press('Tab');
  await page.locator('#rules-load-to').fill('2019-12-31');
  await page.locator('#rules-load-to').press('Tab');
  const inRange = days.filter((d) => d >= '2019-01-01' && d <= '2019-12-31').length;
  await expect(c.locator('.rows')).toHaveText(`${inRange} read, ${inRange} kept, 0 rejected`);
  await expect(c.locator('.outside-dates')).toHaveText(`from 2019-01-01 to 2019-12-31: ${300 - inRange} rows dated outside left out`);

  const rules = await saveFile(page, page.getByRole('button', { name: 'Export reading rules' }));
  const rulesPath = join(dir, rules.name);
  writeFileSync(rulesPath, rules.bytes);
  const out = execFileSync(ipvi, ['check', path, '--map', rulesPath]).toString();
  expect(out).toContain(`rows: ${inRange} read, ${inRange} kept, 0 rejected`);
  expect(out).toContain(`rows dated outside them, left out: ${300 - inRange}`);
});

/** A CSV of `rows` ([case, date] pairs) followed by `padMiB` MiB of empty lines (skipped when
 * read): a file of that size, quick to write and to read. */
function writePaddedFile(path, header, rows, padMiB) {
  const fd = openSync(path, 'w');
  writeSync(fd, header + '\n');
  for (const [id, date] of rows) writeSync(fd, `${id},${date},P1,true\n`);
  const chunk = Buffer.alloc(MiB, '\n');
  for (let i = 0; i < padMiB; i++) writeSync(fd, chunk);
  closeSync(fd);
}

test('a file the tab could not hold beside the files loaded is refused before it is read, then loads in part', async ({ page, scratch: dir }) => {
  test.setTimeout(90_000);
  // A device with 256 MB of memory, as the browser tells the page: a tab there holds 128 MiB.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 0.25 }));
  await openApp(page);
  const calls = join(dir, 'calls_2018.csv');
  writePaddedFile(calls, 'Call Number,Call Date,Call Type,Domestic', [['C1', '2018-05-01']], 26);
  await loadFiles(page, [calls]);
  await expect(card(page, 'calls_2018.csv').locator('.rows')).toHaveText('1 read, 1 kept, 0 rejected');

  // 20 MiB more would need more than the tab holds: refused by its size, not read.
  const incidents = join(dir, 'incidents_2018_2021.csv');
  const rows = [['R1', '2018-03-01'], ['R2', '2020-02-01'], ['R3', '2021-06-30']];
  writePaddedFile(incidents, 'Case Number,Report Date,Suspect ID,Domestic', rows, 20);
  await page.locator('#file-input').setInputFiles(incidents);
  const error = page.locator('.error-card', { hasText: 'incidents_2018_2021.csv' });
  await expect(error).toContainText('the file has 20.0 MiB and, with the files already loaded, would need about 138.0 MiB');
  await expect(error).toContainText('more than the 128 MiB a browser tab can hold: load only some of its dates');
  await expect(page.getByRole('status')).toContainText('Could not load');
  await expect(card(page, 'calls_2018.csv').locator('.rows')).toHaveText('1 read, 1 kept, 0 rejected');

  // The offer: dates to load, then the same file again, read in the worker; only its rows in
  // range reach the page.
  await error.locator('#refused-load-from').fill('2020-01-01');
  await error.locator('#refused-load-from').press('Tab');
  await error.getByRole('button', { name: 'Load the file with these dates' }).click();
  const c = card(page, 'incidents_2018_2021.csv');
  await expect(c.locator('.rows')).toHaveText('2 read, 2 kept, 0 rejected');
  await expect(c.locator('.outside-dates')).toHaveText('from 2020-01-01: 1 rows dated outside left out');
  await expect(error).toHaveCount(0);
  // The calls file was read again with the same rule: its one row is from 2018, so it stays as
  // it was loaded, and says why.
  await expect(page.locator('.error-card', { hasText: 'calls_2018.csv' })).toContainText('none of its 1 rows is dated within the dates to load (from 2020-01-01)');
  await expect(card(page, 'calls_2018.csv').locator('.rows')).toHaveText('1 read, 1 kept, 0 rejected');
});

test('a file over the size limit is refused before it is read', async ({ page, scratch: dir }) => {
  await openApp(page);
  // Sparse: the browser is handed the file, not its bytes, and refuses it by its size.
  const big = join(dir, 'incidents_2010_2025.csv');
  writeFileSync(big, '');
  truncateSync(big, 1100 * MiB);
  await page.locator('#file-input').setInputFiles(big);
  const error = page.locator('.error-card', { hasText: 'incidents_2010_2025.csv' });
  await expect(error).toContainText('more than the 1 GiB the workbench reads');
  await expect(page.getByRole('status')).toContainText('Could not load');
});
