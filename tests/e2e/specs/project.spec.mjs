// Project files: saved in one browser profile and opened in a fresh one, they restore the reading
// rules, criteria, outcome settings and report choices; with the data included (after a
// warning) they carry the extracts too; a file from a newer version is refused, changing nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, loadDemo, navLink, openGroup } from './fixtures.mjs';

const ipvi = fileURLToPath(new URL('../../../target/debug/ipvi', import.meta.url));
const TABLES = ['incidents', 'notifications', 'calls', 'services', 'sanctions'];
const THRESHOLD = 'Level B group 1 condition 1: threshold';

// Spaced as a person's clicks would be: Chromium drops a download that follows another too closely.
async function saved(page, button, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = join(dir, download.suggestedFilename());
  writeFileSync(file, readFileSync(await download.path()));
  await page.waitForTimeout(400);
  return { name: download.suggestedFilename(), file };
}

/** A page in a new browser profile (nothing in its storage), failing the test on console errors. */
async function freshPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  return { page, errors, close: () => context.close() };
}

async function setField(locator, value) {
  await locator.fill(value);
  await locator.press('Tab');
}

test('a project saved in one profile restores reading rules, criteria, settings and title in a fresh one', async ({ page, browser, baseURL, scratch }) => {
  await openApp(page);
  await loadDemo(page);
  const demoFingerprint = await page.locator('#demo-fingerprint').textContent();
  await page.locator('.reading-rules > summary').click();
  await setField(page.locator('#incidents-relationships'), 'SE, CS, BG');
  await navLink(page, 'Classify').click();
  await openGroup(page, 'B', 1);
  await setField(page.getByLabel(THRESHOLD), '3');
  await navLink(page, 'Outcomes').click();
  await setField(page.locator('#windows'), '60, 730');
  await page.locator('#reoffense').selectOption('charged');
  await navLink(page, 'Report').click();
  await setField(page.locator('#report-title'), 'Springfield evaluation 2025');
  await expect(page.locator('.ipvi-report h1')).toHaveText('Springfield evaluation 2025');
  // The demo is never stored: the data box cannot be ticked.
  await expect(page.locator('#include-data')).toBeDisabled();
  const project = await saved(page, page.locator('#save-project'), scratch);
  expect(project.name).toBe('springfield-evaluation-2025.ipvi.json');
  const json = JSON.parse(readFileSync(project.file, 'utf8'));
  expect(json).toMatchObject({ format: 'ipvi-workbench-project', version: 1, data: [], outcomes: { windows: [60, 730], reoffense: 'Charged' } });
  // Saved on the demo: its parameters, so that opening the project regenerates the same demo.
  expect(json.demo).toMatchObject({ people: 5000 });

  const fresh = await freshPage(browser, baseURL);
  const other = fresh.page;
  await openApp(other);
  await expect(other.locator('#try-demo')).toBeVisible();
  await other.locator('#project-input').setInputFiles(project.file);
  await expect(other.locator('[role="status"]')).toHaveText(new RegExp(
    `^Opened the project ${project.name.replaceAll('.', '\\.')}: reading rules, criteria, outcome settings and report choices restored; demo jurisdiction loaded in \\d+ ms\\.$`,
  ), { timeout: 30_000 });
  await expect(other.locator('#demo-fingerprint')).toHaveText(demoFingerprint);
  await other.locator('.reading-rules > summary').click();
  await expect(other.locator('#incidents-relationships')).toHaveValue('SE, CS, BG');
  await navLink(other, 'Classify').click();
  await expect(other.getByLabel(THRESHOLD)).toHaveValue('3');
  await navLink(other, 'Outcomes').click();
  await expect(other.locator('#windows')).toHaveValue('60, 730');
  await expect(other.locator('#reoffense')).toHaveValue('charged');
  await navLink(other, 'Report').click();
  await expect(other.locator('#report-title')).toHaveValue('Springfield evaluation 2025');
  await expect(other.locator('.ipvi-report h1')).toHaveText('Springfield evaluation 2025');
  // The reopened project is kept in the new profile like any edit.
  await other.reload();
  await navLink(other, 'Data').click();
  await loadDemo(other);
  await navLink(other, 'Report').click();
  await expect(other.locator('#report-title')).toHaveValue('Springfield evaluation 2025');
  expect(fresh.errors, 'console errors in the fresh profile').toEqual([]);
  await fresh.close();
});

test('a project file from a newer version is refused with a clear message and changes nothing', async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  const future = { format: 'ipvi-workbench-project', version: 999, report: { title: 'From the future' } };
  await page.locator('#project-input').setInputFiles({
    name: 'future.ipvi.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(future)),
  });
  await expect(page.locator('.notice')).toContainText(
    'future.ipvi.json could not be opened as a project. This project file was made by a newer version of IPVI Workbench (project format 999)',
  );
  await expect(page.locator('.notice')).toContainText('Nothing was changed.');
  await navLink(page, 'Report').click();
  await expect(page.locator('#report-title')).toHaveValue('Evaluation of the Intimate Partner Violence Intervention');
  await navLink(page, 'Classify').click();
  await expect(page.getByLabel(THRESHOLD)).toHaveValue('2');
});

test('with the data included after a warning, the project carries the extracts and reopens them', async ({ page, browser, baseURL, scratch }) => {
  const dir = join(scratch, 'demo');
  execFileSync(ipvi, ['demo', '--out', dir]);
  await openApp(page);
  await page.locator('#file-input').setInputFiles(TABLES.map((t) => join(dir, `${t}.csv`)));
  await expect(page.locator('#data-summary tbody tr')).toHaveCount(5, { timeout: 30_000 });
  await navLink(page, 'Report').click();
  const include = page.locator('#include-data');
  // Declining the warning leaves the box unticked.
  page.once('dialog', (dialog) => dialog.dismiss());
  await include.click();
  await expect(include).not.toBeChecked();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain("victim-survivors' and offenders' ids");
    dialog.accept();
  });
  await include.click();
  await expect(include).toBeChecked();
  await expect(page.locator('.project-card [role="alert"]')).toContainText('Keep it as safe as the extracts themselves');
  const project = await saved(page, page.locator('#save-project'), scratch);
  const json = JSON.parse(readFileSync(project.file, 'utf8'));
  expect(json.data.map((f) => f.name).sort()).toEqual(TABLES.map((t) => `${t}.csv`).sort());
  for (const file of json.data) {
    expect(Buffer.from(file.base64, 'base64').equals(readFileSync(join(dir, file.name))), file.name).toBe(true);
  }

  // A fresh profile opens it from the Data page with nothing loaded: the extracts come back.
  const fresh = await freshPage(browser, baseURL);
  const other = fresh.page;
  await openApp(other);
  await other.locator('#project-input').setInputFiles(project.file);
  await expect(other.locator('#data-summary tbody tr')).toHaveCount(5, { timeout: 30_000 });
  // Its report equals the one `ipvi report --project` writes from the same file.
  await navLink(other, 'Report').click();
  await setField(other.locator('#report-date'), '2026-01-31');
  await expect(other.locator('.ipvi-report #data-sources')).toContainText('incidents.csv');
  const html = await saved(other, other.locator('#save-report-html'), scratch);
  const cli = join(scratch, 'cli-report.html');
  execFileSync(ipvi, ['report', '--project', project.file, '--generated', '2026-01-31', '--out', cli], { stdio: 'pipe' });
  expect(readFileSync(html.file).equals(readFileSync(cli)), 'page and ipvi report --project, byte for byte').toBe(true);
  expect(fresh.errors, 'console errors in the fresh profile').toEqual([]);
  await fresh.close();
});
