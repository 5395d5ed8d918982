// The Outcomes page against comparison areas: what the data can detect comes first; the demo's
// own areas give the difference-in-differences, its event study and the synthetic control;
// areas marked by an area column give the same words as `ipvi outcomes --treated-areas`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openApp, loadDemo, loadFiles, navLink, ipvi, saveFile } from './fixtures.mjs';

/** The chart is on its canvas: pixels that are not all white. */
async function expectInked(canvas) {
  const inked = await canvas.evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
    return n;
  });
  expect(inked, 'dark pixels on the canvas').toBeGreaterThan(2000);
}

test('the demo is compared with its areas, after what the data can detect', async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#other-areas-finding')).toBeVisible({ timeout: 30_000 });
  // What the data can detect is the first section, before any result.
  const ids = await page.locator('section.outcome').evaluateAll((s) => s.map((e) => e.id));
  expect(ids.slice(0, 3)).toEqual(['detectable', 'calls', 'other-areas']);
  await expect(page.locator('#detectable-finding')).toHaveText(
    /^With the 36 complete months after the start, a drop in IPV calls for service of \d+% or more would be found 4 times in 5\.$/,
  );
  await expect(page.locator('#comparison-in-use')).toHaveText('Compared with 24 areas, January 2016 to December 2021 (72 months) from comparison_areas.csv.');
  await expect(page.locator('#other-areas-finding')).toHaveText(
    /^After the start, IPV calls for service in the loaded data fell by about \d+% relative to 24 comparison areas \(difference-in-differences\)\.$/,
  );
  await expect(page.locator('#other-areas')).toContainText('Synthetic control: a weighted mix of');
  await expect(page.locator('#other-areas')).toContainText('Placebo test in time of the difference-in-differences: the same estimate was computed at');
  await expect(page.locator('#other-areas-event-study-chart-title')).toHaveText('Difference from the comparison areas, month by month (event study)');
  await expectInked(page.locator('[data-chart="other-areas-event-study"] canvas'));
  await expectInked(page.locator('[data-chart="other-areas-synthetic"] canvas'));
  await page.evaluate(() => document.querySelectorAll('.outcome details').forEach((d) => (d.open = true)));
  await expect(page.locator('#table-other-areas-weights tbody tr')).toHaveCount(24);
  await expect(page.locator('#table-other-areas-event-study tbody tr')).toHaveCount(72);
  // The calls section says which count model its trend uses and why.
  await expect(page.locator('#calls')).toContainText(/The trend model counts them: the counts vary (no )?more than a Poisson model allows/);
});

/** The demo's calls with a Beat column (12 beats, in turn). */
function callsWithBeats(dir) {
  const [header, ...rows] = readFileSync(join(dir, 'calls.csv'), 'utf8').split('\n').filter((l) => l.length > 0);
  const path = join(dir, 'calls_beats.csv');
  writeFileSync(path, [`${header},Beat`, ...rows.map((r, i) => `${r},Beat ${String((i % 12) + 1).padStart(2, '0')}`)].join('\n') + '\n');
  return path;
}

test('areas marked by an area column are compared with the others, as ipvi outcomes does', async ({ page, scratch }) => {
  const dir = join(scratch, 'demo');
  execFileSync(ipvi, ['demo', '--people', '1500', '--out', dir]);
  const calls = callsWithBeats(dir);
  await openApp(page);
  await loadFiles(page, [join(dir, 'incidents.csv'), join(dir, 'notifications.csv'), calls]);
  await navLink(page, 'Outcomes').click();
  const areas = page.locator('#treated-areas');
  await expect(areas.locator('legend')).toHaveText('Areas where the programme ran (area column Beat)');
  await expect(areas.locator('input[type="checkbox"]')).toHaveCount(12);
  await expect(page.locator('#other-areas')).toContainText('Not available: no comparison areas are loaded');
  await areas.getByLabel('Beat 01').check();
  await areas.getByLabel('Beat 02').check();
  await expect(page.locator('#comparison-in-use')).toHaveText('Compared with the other 10 areas of the area column Beat (2 marked as where the programme ran).');
  const finding = page.locator('#other-areas-finding');
  await expect(finding).toContainText('in the 2 areas where the programme ran', { timeout: 30_000 });

  const args = ['outcomes', '--incidents', join(dir, 'incidents.csv'), '--notifications', join(dir, 'notifications.csv'), '--calls', calls];
  const json = JSON.parse(execFileSync(ipvi, [...args, '--treated-areas', 'Beat 01,Beat 02', '--json']).toString());
  await expect(finding).toHaveText(json.other_areas.Ok.finding);
  // The marked areas travel with the saved outcome settings, which the command line reads.
  const settings = await saveFile(page, page.locator('#save-outcome-settings'));
  expect(JSON.parse(settings.bytes.toString('utf8')).treated_areas).toEqual(['Beat 01', 'Beat 02']);
  const settingsFile = join(scratch, 'settings.json');
  writeFileSync(settingsFile, settings.bytes);
  const again = JSON.parse(execFileSync(ipvi, [...args, '--settings', settingsFile, '--json']).toString());
  expect(again.other_areas.Ok.finding).toBe(json.other_areas.Ok.finding);
});
