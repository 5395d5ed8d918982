// Comparison areas on the Data page: the demo brings its own, a user's file loads in its card,
// a broken file is named with its line and field while the areas before stay, and they can be
// removed.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openApp, loadDemo, ipvi } from './fixtures.mjs';

const card = (page) => page.locator('section.comparison-card');

test('the demo jurisdiction comes with its comparison areas', async ({ page }) => {
  await openApp(page);
  await expect(card(page).getByRole('heading', { name: 'Comparison areas (optional)' })).toBeVisible();
  await loadDemo(page);
  await expect(card(page).locator('.comparison-summary')).toHaveText('24 areas, January 2016 to December 2021 (72 months)');
  await expect(card(page).locator('.comparison-source')).toContainText('demo jurisdiction');
});

test('a comparison file loads, a broken one is named by line and field, and remove works', async ({ page, scratch }) => {
  // The file as `ipvi demo` writes it beside the extracts.
  execFileSync(ipvi, ['demo', '--people', '300', '--seed', '9', '--out', scratch]);
  await openApp(page);
  const input = page.locator('#comparison-input');
  await input.setInputFiles(join(scratch, 'comparison_areas.csv'));
  await expect(card(page).locator('.comparison-summary')).toHaveText('24 areas, January 2016 to December 2021 (72 months)');
  await expect(card(page).locator('.comparison-source')).toHaveText('comparison_areas.csv');

  const broken = join(scratch, 'broken.csv');
  writeFileSync(broken, 'month;North;South\n2019-01;3;4\n2019-02;12.5;4\n');
  await input.setInputFiles(broken);
  const error = card(page).locator('.comparison-error');
  await expect(error).toContainText('broken.csv line 3, North: "12.5" is not a whole number of at least 0');
  await expect(error.locator('.error-place')).toContainText('Line3');
  await expect(error.locator('.error-place')).toContainText('FieldNorth');
  await expect(error).toContainText('loaded before are unchanged');
  // The areas loaded before stay.
  await expect(card(page).locator('.comparison-source')).toHaveText('comparison_areas.csv');

  // A file with an area missing a month: loaded, with the area left out and named.
  const gappy = join(scratch, 'gappy.csv');
  writeFileSync(gappy, 'area,month,count\nA,2019-01,1\nA,2019-02,1\nB,2019-01,2\nB,2019-02,2\nC,2019-02,5\n');
  await input.setInputFiles(gappy);
  await expect(card(page).locator('.comparison-summary')).toHaveText('2 areas, January 2019 to February 2019 (2 months)');
  await expect(card(page).locator('.comparison-warnings')).toHaveText('"C" is left out: it has no count for January 2019');
  await expect(error).toHaveCount(0);

  await card(page).getByRole('button', { name: 'Remove' }).click();
  await expect(card(page).locator('.comparison-summary')).toHaveCount(0);
  await expect(card(page).getByRole('heading', { name: 'Comparison areas (optional)' })).toBeVisible();
  await expect(page.locator('#file-input')).toBeAttached();
});
