// The levels are computed in slices: a criteria edit keeps the previous levels on the page until
// the new ones are ready (never a blank), and the new ones are those of the command line tool.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, ipvi, openApp, loadDemo, navLink, openGroup } from './fixtures.mjs';

const LEVELS = ['D', 'C', 'B', 'A'];

/** People at each level, as the distribution table shows them. */
async function shownLevels(page) {
  const out = {};
  for (const level of LEVELS) {
    const text = await page.locator(`#distribution tr[data-level="${level}"] td`).first().textContent();
    out[level] = Number(text.replace(/,/g, ''));
  }
  return out;
}

/** People at each level in the list `ipvi classify` writes (person_id,level,reason,...). */
function cliLevels(csv) {
  const out = Object.fromEntries(LEVELS.map((l) => [l, 0]));
  for (const line of csv.trim().split('\r\n').slice(1)) {
    const level = line.split(',')[1];
    if (level in out) out[level] += 1;
  }
  return out;
}

test('a criteria edit keeps the levels shown while they are recomputed, and ends on the command line tool\'s', async ({ page, scratch: dir }) => {
  await openApp(page);
  await loadDemo(page);
  await navLink(page, 'Classify').click();
  await expect(page.locator('#distribution')).toBeVisible();
  const before = await shownLevels(page);
  // From now on, note whether the distribution ever leaves the page and what the status says.
  await page.evaluate(() => {
    window.sliced = { blank: false, said: [] };
    const status = document.querySelector('#classify-status');
    new MutationObserver(() => {
      if (!document.querySelector('#distribution')) window.sliced.blank = true;
      const text = status.textContent.trim();
      if (text && window.sliced.said.at(-1) !== text) window.sliced.said.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // Level B: "2 or more charges" becomes "3 or more".
  await openGroup(page, 'B', 1);
  const threshold = page.getByLabel('Level B group 1 condition 1: threshold');
  await threshold.fill('3');
  await threshold.press('Tab');
  await expect.poll(async () => (await shownLevels(page)).B).toBeLessThan(before.B);
  await expect(page.locator('#classify-status')).toBeEmpty();
  const seen = await page.evaluate(() => window.sliced);
  expect(seen.blank).toBe(false);
  // Whatever the status said meanwhile was about recomputing levels still shown.
  for (const text of seen.said) expect(text).toMatch(/^Recomputing levels… \d+%$/);

  // The same data and the edited criteria through the command line tool.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export criteria' }).click()]);
  const criteria = join(dir, 'criteria.json');
  writeFileSync(criteria, readFileSync(await download.path()));
  execFileSync(ipvi, ['demo', '--out', dir]);
  const rules = join(dir, 'rules.json');
  writeFileSync(rules, JSON.stringify({ ipv: { incidents: { relationships: ['SE', 'CS', 'BG', 'XS', 'HR', 'XR'] } } }));
  const csv = execFileSync(ipvi, ['classify', '--incidents', join(dir, 'incidents.csv'), '--notifications',
    join(dir, 'notifications.csv'), '--map', rules, '--criteria', criteria], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const cli = cliLevels(csv);
  expect(await shownLevels(page)).toEqual(cli);
  expect(cli.B).toBeLessThan(before.B);
  const total = Number((await page.locator('#people-total').textContent()).replace(/,/g, ''));
  expect(total).toBe(LEVELS.reduce((sum, l) => sum + cli[l], 0));
});

test('the simulate setting reclassifies without a blank, and what-if compares in the background too', async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await navLink(page, 'Classify').click();
  await expect(page.locator('#notification-mode')).toContainText('recorded');
  await page.locator('#what-if summary').click();
  await expect(page.locator('#what-if-changed')).toContainText('people change level');
  await page.getByLabel('Simulate notifications').check();
  await expect(page.locator('#notification-mode')).toContainText('simulated by policy');
  await expect(page.locator('#distribution')).toBeVisible();
  await expect(page.locator('#what-if-changed')).toContainText('people change level');
  await expect(page.locator('#classify-status')).toBeEmpty();
  await expect(page.locator('#what-if-progress')).toHaveCount(0);
});
