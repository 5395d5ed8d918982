// Shared fixtures: every test records every request and console error of its page, and fails
// if any request goes anywhere but the app's own origin, or the console shows an error.
import { test as base, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The command line tool, built by `cargo build --bin ipvi` before the browser tests. */
export const ipvi = fileURLToPath(new URL('../../../target/debug/ipvi', import.meta.url));

/** Requests that are not to the given origin (blob: and data: URLs stay in the browser). */
export function foreignRequests(urls, origin) {
  return urls.filter((url) => !url.startsWith(origin + '/') && !/^(blob|data):/.test(url));
}

export const test = base.extend({
  requests: async ({ page }, use) => {
    const urls = [];
    page.on('request', (request) => urls.push(request.url()));
    await use(urls);
  },
  consoleErrors: async ({ page }, use) => {
    const errors = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (error) => errors.push(String(error)));
    await use(errors);
  },
  // A temporary folder for files a test writes, removed afterwards.
  scratch: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'ipvi-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  // Tests that provoke errors on purpose opt out of the console check.
  allowConsoleErrors: [false, { option: true }],
  guard: [
    async ({ requests, consoleErrors, allowConsoleErrors, baseURL }, use) => {
      await use();
      const origin = new URL(baseURL).origin;
      expect(foreignRequests(requests, origin), 'requests that left 127.0.0.1').toEqual([]);
      if (!allowConsoleErrors) expect(consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app and waits until it has mounted. */
export async function openApp(page, hash = '') {
  await page.goto('./' + hash);
  await expect(page.locator('header .product')).toHaveText('IPVI Workbench');
}

/** Clicks the demo button and waits for the data summary. */
export async function loadDemo(page) {
  await page.getByRole('button', { name: 'Try the demo jurisdiction' }).click();
  await expect(page.locator('#data-summary')).toBeVisible({ timeout: 30_000 });
}

/** The navigation link to a page. */
export function navLink(page, name) {
  return page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true });
}

/** Clicks a button that saves a file; returns its name and bytes. Spaced as a person's clicks
 * would be: Chromium drops a download that follows another too closely. */
/** Opens a group of a level's rule on the Classify page (groups show as sentences until
 * opened) and returns it. */
export async function openGroup(page, level, n) {
  const rule = page.locator('fieldset.rule').filter({ has: page.locator('legend .level', { hasText: new RegExp(`^${level}$`) }) });
  const group = rule.locator('details.group').nth(n - 1);
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
  return group;
}

export async function saveFile(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  await page.waitForTimeout(400);
  return file;
}

/** The demo's five extracts, as `ipvi demo` writes them. */
export const TABLES = ['incidents', 'notifications', 'calls', 'services', 'sanctions'];

/** Writes the demo's extracts and reading rules (the intimate relationship codes: its family
 * incidents are not IPV) into `scratch`, and loads both in the page as a user would. */
export async function loadDemoExtracts(page, scratch) {
  const dir = join(scratch, 'demo');
  execFileSync(ipvi, ['demo', '--out', dir]);
  const rules = join(scratch, 'rules.json');
  writeFileSync(rules, JSON.stringify({ ipv: { incidents: { relationships: ['SE', 'CS', 'BG', 'XS', 'HR', 'XR'] } } }));
  await openApp(page);
  await page.locator('.reading-rules input[type="file"]').setInputFiles(rules);
  await expect(page.locator('[role="status"]').first()).toContainText('Reading rules imported from rules.json');
  await page.locator('#file-input').setInputFiles(TABLES.map((t) => join(dir, `${t}.csv`)));
  await expect(page.locator('#data-summary tbody tr')).toHaveCount(5, { timeout: 30_000 });
  return { dir, rules };
}

/** The pages in the navigation, by the names of their links. */
export const PAGE_LINKS = ['Data', 'Classify', 'Outcomes', 'Training', 'Report', 'Privacy'];

/** axe-core's own script, read from node_modules: the check never fetches anything. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (given to the page the way DevTools would, so the page's strict
 * Content-Security-Policy stays as it is) and returns its violations of the given impacts, each
 * with the elements and what is wrong with them, ready to print. */
export async function axeViolations(page, impacts = ['serious', 'critical']) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Also whether a control's visible words are in its accessible name (off by default in axe).
    const results = await window.axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  return violations.filter((v) => impacts.includes(v.impact));
}

/** Loads CSV files through the file input as a user would and waits until each has its card. */
export async function loadFiles(page, paths) {
  await page.locator('#file-input').setInputFiles(paths);
  for (const path of paths) {
    await expect(page.locator(`.file-card[data-file="${basename(path)}"]`)).toBeVisible({ timeout: 30_000 });
  }
}

/** Writes large_incidents.csv (1.5M rows, about 60 MB) into `dir`, for tests that act while a
 * load is under way; returns its path. */
export async function writeLargeIncidents(dir) {
  const path = join(dir, 'large_incidents.csv');
  const out = createWriteStream(path);
  out.write('Case Number,Date,Suspect ID,Domestic,Arrest\n');
  const rows = [];
  for (let i = 0; i < 1_500_000; i++) {
    rows.push(`R${i},2019-0${1 + (i % 9)}-${10 + (i % 18)} 12:${10 + (i % 50)},P${i % 250000},true,${i % 3 === 0}`);
    if (rows.length === 100_000) {
      out.write(rows.join('\n') + '\n');
      rows.length = 0;
    }
  }
  await new Promise((resolve) => out.end(resolve));
  return path;
}
