// Privacy over a whole visit: the demo loaded, Classify (a threshold edit, a timeline), Outcomes
// (a chart PNG, a table CSV), Training (an exercise started, one case answered) and Report (HTML,
// JSON and a project file saved). The page asks the server for its own files on first load and
// for nothing after; no person id is ever in the address, the title or local storage.
import { test, expect, openApp, loadDemo, navLink, saveFile, openGroup } from './fixtures.mjs';

/** The settings keys (src/settings.rs): the only things the app may keep. */
const KEYS = [
  'ipvi.demo-params.v1', 'ipvi.criteria.v1', 'ipvi.outcome-settings.v1', 'ipvi.ingest-settings.v1',
  'ipvi.training-progress.v1', 'ipvi.report-choices.v1',
];

/** The app's own files: the page, its script, its wasm and its style sheet (hashed names). */
const OWN_FILE = /^\/ipvi\/(index\.html|[\w.-]+\.(js|wasm|css)|favicon\.(ico|svg)|[\w.-]+\.(svg|png|ico|webmanifest))?$/;

test('a whole visit asks for nothing after the first load and puts no data in the address, title or storage', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL).origin;
  const firstLoad = [];
  const afterMount = [];
  let mounted = false;
  page.on('request', (request) => (mounted ? afterMount : firstLoad).push(request.url()));
  const addresses = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && addresses.push(frame.url()));
  const titles = new Set();
  const look = async () => {
    addresses.push(page.url());
    titles.add(await page.title());
  };

  await openApp(page);
  mounted = true;
  await loadDemo(page);
  await look();

  // Classify: a threshold edit, then the timeline of a person at level A.
  await navLink(page, 'Classify').click();
  await expect(page.locator('#distribution')).toBeVisible();
  const ids = new Set((await page.locator('table.people tbody tr button.link').allTextContents()).map((t) => t.trim()));
  await openGroup(page, 'B', 1);
  const threshold = page.getByLabel('Level B group 1 condition 1: threshold');
  await threshold.fill('3');
  await threshold.press('Tab');
  await page.locator('#level-filter').selectOption('A');
  const first = page.locator('table.people tbody tr').first();
  for (const id of await page.locator('table.people tbody tr button.link').allTextContents()) ids.add(id.trim());
  await first.locator('button.link').click();
  await expect(page.locator('#timeline').getByRole('heading')).toHaveText(/^Timeline of /);
  await look();
  await page.keyboard.press('Escape');

  // Outcomes: a chart as PNG and a table as CSV.
  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#calls-finding')).toBeVisible();
  const figure = page.locator('[data-chart="ipv-calls-per-month"]');
  const png = await saveFile(page, figure.getByRole('button', { name: 'Save chart as PNG' }));
  expect(png.name).toBe('ipv-calls-per-month.png');
  await page.getByText('Table: IPV calls per month', { exact: true }).click();
  const csv = await saveFile(page, page.locator('#calls').getByRole('button', { name: 'Save table as CSV' }).first());
  expect(csv.name).toMatch(/\.csv$/);
  await look();

  // Training: an exercise started and one case answered.
  await navLink(page, 'Training').click();
  await page.locator('#start-exercise').click();
  await expect(page.locator('#case-progress')).toHaveText(/^Case 1 of \d+$/);
  await page.locator('#case-progress').click();
  await page.keyboard.press('a');
  await expect(page.locator('.feedback .verdict')).toBeVisible();
  await look();

  // Report: the HTML, all results as JSON, and a project file.
  await navLink(page, 'Report').click();
  await expect(page.locator('.ipvi-report h1')).toBeVisible({ timeout: 30_000 });
  const html = await saveFile(page, page.locator('#save-report-html'));
  expect(html.name).toMatch(/^ipvi-report-.*\.html$/);
  const json = await saveFile(page, page.getByRole('button', { name: 'Save all results as JSON' }));
  expect(json.name).toBe('ipvi-outcomes.json');
  const project = await saveFile(page, page.locator('#save-project'));
  expect(project.bytes.length).toBeGreaterThan(0);
  await look();

  // Requests: on first load, only the app's own files from its own origin; after it mounted,
  // none at all (a saved file is a blob made in the page, not a request).
  expect(firstLoad.length).toBeGreaterThan(0);
  for (const url of firstLoad) {
    const u = new URL(url);
    expect(u.origin, url).toBe(origin);
    expect(u.search, url).toBe('');
    expect(u.pathname, url).toMatch(OWN_FILE);
  }
  expect(afterMount.filter((url) => !/^(blob|data):/.test(url)), 'requests after the app mounted').toEqual([]);

  // No person id in any address (fragments included) or title; storage holds only the settings.
  expect(ids.size, 'person ids seen on Classify').toBeGreaterThan(5);
  for (const id of ids) expect(id).toMatch(/^P\d{7}$/);
  for (const address of addresses) for (const id of ids) expect(address.includes(id), `${id} in ${address}`).toBe(false);
  for (const title of titles) for (const id of ids) expect(title.includes(id), `${id} in the title`).toBe(false);
  const stored = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  for (const key of Object.keys(stored)) expect(KEYS, `stored key ${key}`).toContain(key);
  expect(Object.keys(stored)).toContain('ipvi.criteria.v1');
  for (const [key, value] of Object.entries(stored)) {
    for (const id of ids) expect(value.includes(id), `${id} stored under ${key}`).toBe(false);
  }
  expect(await page.evaluate(() => sessionStorage.length), 'session storage').toBe(0);
});
