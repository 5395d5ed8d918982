// The app shell: loads cleanly, every page reachable, nothing requested from anywhere else,
// errors shown instead of a blank page.
import { test, expect, openApp, loadDemo, foreignRequests, navLink } from './fixtures.mjs';

const PAGES = [
  ['Data', 'Data'],
  ['Classify', 'Classify'],
  ['Outcomes', 'Outcomes'],
  ['Training', 'Training'],
  ['Report', 'Report'],
  ['Privacy', 'Privacy: what happens to your data'],
];

test('the page loads with its title, header and a strict Content-Security-Policy', async ({ page }) => {
  await openApp(page);
  await expect(page).toHaveTitle('IPVI Workbench');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-/);
  expect(csp).not.toMatch(/https?:/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data');
  await expect(page.getByText('Your files never leave this computer.')).toBeVisible();
});

test('every page is reachable by click, and pages that need data say so with a way back', async ({ page }) => {
  await openApp(page);
  for (const [link, heading] of PAGES) {
    await navLink(page, link).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(navLink(page, link)).toHaveAttribute('aria-current', 'page');
  }
  for (const link of ['Classify', 'Outcomes', 'Report']) {
    await navLink(page, link).click();
    await expect(page.getByRole('heading', { name: 'Load data first' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the Data page' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data');
  }
});

test('every page is reachable by keyboard alone', async ({ page }) => {
  await openApp(page);
  // From the top of the page, forward into the navigation; after a change of page the page's
  // heading has the focus, and the navigation is just before it: back with Shift+Tab.
  let key = 'Tab';
  for (const [link, heading] of PAGES) {
    let focused = '';
    for (let presses = 0; presses < 40 && focused !== link; presses++) {
      await page.keyboard.press(key);
      focused = await page.evaluate(() =>
        document.activeElement?.closest('nav') ? document.activeElement.textContent.trim() : '');
    }
    expect(focused, `${key} reaches the ${link} link`).toBe(link);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    if (link !== PAGES[0][0]) {
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), 'the heading takes the focus').toBe('H1');
      key = 'Shift+Tab';
    }
  }
});

test('no request is made after the initial load, whatever the user does', async ({ page, requests }) => {
  await openApp(page);
  await page.waitForLoadState('networkidle');
  const initial = [...requests];
  expect(initial.some((u) => u.endsWith('.wasm'))).toBe(true);
  for (const [link] of PAGES) {
    await navLink(page, link).click();
  }
  await navLink(page, 'Data').click();
  await loadDemo(page);
  for (const [link] of PAGES) {
    await navLink(page, link).click();
  }
  await page.waitForTimeout(500);
  expect(requests.slice(initial.length), 'requests after the initial load').toEqual([]);
});

test('the request guard itself catches a page that contacts another origin', async ({ browser, baseURL }) => {
  // A separate page without the app's CSP: it asks for an image from another loopback address.
  const leaky = await browser.newPage();
  const urls = [];
  leaky.on('request', (r) => urls.push(r.url()));
  await leaky.setContent('<img src="http://127.0.0.2:9/pixel.png">');
  await expect.poll(() => urls.length).toBeGreaterThan(0);
  expect(foreignRequests(urls, new URL(baseURL).origin)).toEqual(['http://127.0.0.2:9/pixel.png']);
  await leaky.close();
});

test.describe('errors are shown, never a blank page', () => {
  test.use({ allowConsoleErrors: true });

  test('a Rust panic shows the error banner', async ({ page, consoleErrors }) => {
    await page.goto('./#/debug/panic');
    const banner = page.locator('#fatal-error');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('stopped because of an internal error');
    await expect(banner).toContainText('deliberate panic');
    expect(consoleErrors.join('\n')).toContain('deliberate panic');
  });
});

test('a corrupted saved setting gives a notice and the defaults, and the app still works', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('ipvi.demo-params.v1', '{"people": "many'));
  await openApp(page);
  await expect(page.getByRole('alert')).toContainText('could not be read');
  await page.getByText('Demo settings (size, seed, planted effect)').click();
  await expect(page.getByLabel('People with incidents')).toHaveValue('5000');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
