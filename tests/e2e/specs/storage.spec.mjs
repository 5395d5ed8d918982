// Storage faults: local storage that throws on every use, that is full, or that holds corrupted
// or older-format values. In each case the app starts, says what it could not restore (where
// something could not be), loads the demo, classifies, shows outcomes and takes a criteria edit.
import { test, expect, openApp, loadDemo, navLink, openGroup } from './fixtures.mjs';

/** The settings keys (src/settings.rs). */
const KEYS = [
  'ipvi.demo-params.v1', 'ipvi.criteria.v1', 'ipvi.outcome-settings.v1', 'ipvi.ingest-settings.v1',
  'ipvi.training-progress.v1', 'ipvi.report-choices.v1',
];

/** The demo loads, Classify shows levels and takes a threshold edit, Outcomes shows a finding. */
async function appWorks(page) {
  await loadDemo(page);
  await navLink(page, 'Classify').click();
  await expect(page.locator('#distribution')).toBeVisible();
  await openGroup(page, 'B', 1);
  const threshold = page.getByLabel('Level B group 1 condition 1: threshold');
  await threshold.fill('3');
  await threshold.press('Tab');
  await expect(threshold).toHaveValue('3');
  await expect(page.locator('#distribution tr[data-level="B"]')).toBeVisible();
  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#calls-finding')).toBeVisible();
  await expect(page.locator('header .product')).toHaveText('IPVI Workbench');
}

const unavailable = 'Saved settings could not be restored: this browser does not let the page use its local storage';

test('local storage whose every access throws: a notice, and the app works without it', async ({ page }) => {
  await page.addInitScript(() => {
    const refuse = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
    for (const name of ['getItem', 'setItem', 'removeItem', 'clear', 'key']) Storage.prototype[name] = refuse;
  });
  await openApp(page);
  await expect(page.getByRole('alert')).toContainText(unavailable);
  await appWorks(page);
});

test('a browser that refuses to hand out local storage at all: a notice, and the app works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
    });
  });
  await openApp(page);
  await expect(page.getByRole('alert')).toContainText(unavailable);
  await appWorks(page);
});

test('full local storage (quota exceeded on every save): no notice, and the app works', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await openApp(page);
  // Nothing failed to be restored, so nothing is said.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await appWorks(page);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});

test('garbage under every settings key: a notice for each, the defaults, and the app works', async ({ page }) => {
  await page.addInitScript((keys) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const key of keys) localStorage.setItem(key, '{"garbage": [1, 2,, "\u0000');
  }, KEYS);
  await openApp(page);
  const alerts = page.getByRole('alert');
  for (const key of KEYS) await expect(alerts.filter({ hasText: `(${key}) could not be read` })).toHaveCount(1);
  await appWorks(page);
  // The edited criteria replaced the garbage with a value that reads back.
  const saved = await page.evaluate(() => localStorage.getItem('ipvi.criteria.v1'));
  expect(() => JSON.parse(saved)).not.toThrow();
});

test('values of an older format: what cannot be used is said, and the app works', async ({ page }) => {
  const older = {
    'ipvi.demo-params.v1': '{"people": "5000", "seed": "seven"}',
    'ipvi.criteria.v1': '"ipvi-default"',
    'ipvi.outcome-settings.v1': '"start=2020-01-01"',
    'ipvi.ingest-settings.v1': '{"flags": "yes,y,1", "mappings": {"old": true}}',
    'ipvi.training-progress.v1': '"seed=7&answers=ABCD"',
    'ipvi.report-choices.v1': '{"title": 42}',
  };
  await page.addInitScript((values) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
  }, older);
  await openApp(page);
  const alerts = page.getByRole('alert');
  for (const key of KEYS) await expect(alerts.filter({ hasText: `(${key}) could not be read` })).toHaveCount(1);
  await appWorks(page);
});

test('criteria saved in the current format but outside the bounds: said, and the default used', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('ipvi.criteria.v1', JSON.stringify({ name: 'x', levels: [], lookback_days: -1 }));
  });
  await openApp(page);
  await expect(page.getByRole('alert')).toContainText(/ipvi\.criteria\.v1|The saved criteria could not be used/);
  await appWorks(page);
});
