// Files are read and parsed in a Web Worker (src/worker.rs): the same results as reading them on
// the page (which the offline single file does, having no worker), and a page that answers
// clicks while a large file loads.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, ipvi, loadDemoExtracts, navLink, TABLES, writeLargeIncidents } from './fixtures.mjs';

const single = fileURLToPath(new URL('../../../dist-single/ipvi-workbench.html', import.meta.url));
const words = (n) => n.toLocaleString('en-US');

/** Each file card's text, by file, the data summary's, and the report's input files (each file's
 * size and SHA-256: the worker's by the browser's own digest, the page's by the engine's). */
async function results(page) {
  const cards = {};
  for (const card of await page.locator('.file-card').all()) {
    cards[await card.getAttribute('data-file')] = await card.innerText();
  }
  const summary = await page.locator('#data-summary').innerText();
  await navLink(page, 'Report').click();
  const sources = await page.locator('.ipvi-report #reproducibility').innerText();
  await navLink(page, 'Data').click();
  return { cards, summary, sources };
}

test('files read in the worker give what reading them on the page gives', async ({ page, browser, requests, scratch }) => {
  test.setTimeout(120_000);
  const { dir, rules } = await loadDemoExtracts(page, scratch);
  expect(requests.some((url) => url.endsWith('/ipvi-worker_bg.wasm')), 'the served page read the files in its worker').toBe(true);
  const inWorker = await results(page);
  expect(Object.keys(inWorker.cards).sort()).toEqual(TABLES.map((t) => `${t}.csv`).sort());

  // The command line reads the same files to the same rows kept and rejected.
  const files = TABLES.map((t) => join(dir, `${t}.csv`));
  let checked;
  try {
    checked = execFileSync(ipvi, ['check', '--json', '--map', rules, ...files], { encoding: 'utf8' });
  } catch (error) {
    checked = error.stdout; // exit 1 when a file is not usable; the reports are printed all the same
  }
  for (const report of JSON.parse(checked)) {
    const rejected = report.rejected.reduce((sum, group) => sum + group.count, 0);
    const rows = `${words(report.rows_read)} read, ${words(report.rows_kept)} kept, ${words(rejected)} rejected`;
    await expect(page.locator(`.file-card[data-file="${report.file}"] .rows`)).toHaveText(rows);
  }

  for (const file of files) {
    expect(inWorker.sources, file).toContain(createHash('sha256').update(readFileSync(file)).digest('hex'));
  }

  // The single file has no worker: it reads on the page.
  expect(existsSync(single), `${single} is missing: run scripts/build-single --skip-build`).toBe(true);
  const direct = await browser.newPage();
  const directRequests = [];
  direct.on('request', (request) => directRequests.push(request.url()));
  await direct.goto(pathToFileURL(single).href);
  await direct.locator('.reading-rules input[type="file"]').setInputFiles(rules);
  await expect(direct.locator('[role="status"]').first()).toContainText('Reading rules imported from rules.json');
  await direct.locator('#file-input').setInputFiles(files);
  await expect(direct.locator('#data-summary tbody tr')).toHaveCount(5, { timeout: 30_000 });
  expect(directRequests.filter((url) => url !== pathToFileURL(single).href)).toEqual([]);
  const onPage = await results(direct);
  await direct.close();
  expect(inWorker).toEqual(onPage);
});

test('the page answers a click while a large file loads', async ({ page, scratch }) => {
  test.setTimeout(120_000);
  const path = await writeLargeIncidents(scratch);
  await page.goto('./');
  await page.locator('#file-input').setInputFiles(path);
  await expect(page.getByText(/Parsing large_incidents\.csv: .* of .* MB/)).toBeVisible({ timeout: 30_000 });
  await navLink(page, 'Privacy').click();
  await expect(page.getByRole('heading', { name: 'Privacy: what happens to your data' })).toBeVisible();
  // The click took effect while the file was still loading.
  const status = page.locator('p.status[role="status"]');
  await expect(status).not.toContainText('Loaded large_incidents.csv');
  await expect(status).toContainText('Loaded large_incidents.csv as the incidents table: 1,500,000 rows kept', {
    timeout: 60_000,
  });
  expect(readFileSync(path).length).toBeGreaterThan(50_000_000);
});

/** An incidents extract of about 9 MB: quoted notes over line ends and with commas and quotes,
 * CRLF line ends, case numbers and people seen again across the file, unknown flag values and
 * rejected rows all through it. */
function writeTangledIncidents(dir) {
  const lines = ['Case Number,Report Date,Suspect ID,Victim ID,Address,Offense,Domestic,Notes'];
  for (let i = 0; i < 140_000; i++) {
    const date = i % 997 === 5 ? 'not a date' : `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const note = i % 7 === 0 ? `"called back,\r\nsaid ""later"""` : i % 11 === 0 ? 'seen twice' : '';
    const domestic = ['Y', 'N', 'maybe'][i % 3];
    const caseNumber = i % 1013 === 0 ? `C${i >> 1}` : `C${i}`;
    lines.push(`${caseNumber},${date},P${(i * 7919) % 40_000},V${i % 35_000},${i % 9_000} Elm St,Assault,${domestic},${note}`);
  }
  const path = join(dir, 'tangled_incidents.csv');
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

test('a large tangled file read in the worker gives what reading it on the page gives', async ({ page, browser, scratch }) => {
  test.setTimeout(120_000);
  const path = writeTangledIncidents(scratch);
  expect(readFileSync(path).length).toBeGreaterThan(8 * 1024 * 1024);
  const workers = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto('./');
  await page.locator('#file-input').setInputFiles(path);
  await expect(page.locator('p.status[role="status"]')).toContainText('Loaded tangled_incidents.csv', { timeout: 60_000 });
  expect(workers.length, 'a worker parsed the file').toBe(1);
  const inWorkers = await results(page);
  expect(inWorkers.cards['tangled_incidents.csv']).toMatch(/140,000 read/);

  const direct = await browser.newPage();
  await direct.goto(pathToFileURL(single).href);
  await direct.locator('#file-input').setInputFiles(path);
  await expect(direct.locator('p.status[role="status"]')).toContainText('Loaded tangled_incidents.csv', { timeout: 90_000 });
  const onPage = await results(direct);
  await direct.close();
  expect(inWorkers).toEqual(onPage);
});

test('Cancel ends the worker of a large file', async ({ page, scratch }) => {
  test.setTimeout(120_000);
  const path = await writeLargeIncidents(scratch);
  const closed = [];
  page.on('worker', (worker) => closed.push(new Promise((resolve) => worker.on('close', resolve))));
  await page.goto('./');
  await page.locator('#file-input').setInputFiles(path);
  await expect(page.getByText(/Parsing large_incidents\.csv: .* of .* MB/)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText('Loading large_incidents.csv was cancelled; nothing was changed.');
  expect(closed.length, 'a worker parsed the file').toBe(1);
  await Promise.all(closed);
});
