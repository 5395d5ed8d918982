// The Training page's room results: the trainer opens the key and the answers files, sees every
// figure `ipvi agreement --json` gives for the same files, and a broken file is named without
// losing the others.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp } from './fixtures.mjs';

const ipvi = fileURLToPath(new URL('../../../target/debug/ipvi', import.meta.url));
const ORDER = ['none', 'D', 'C', 'B', 'A'];

/** The key's (case, level) pairs; case ids and levels hold no commas or quotes. */
function keyCases(path) {
  const [, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => line.split(',').slice(0, 2));
}

/** One level up or down the order none < D < C < B < A: a near miss. */
const nextTo = (level) => ORDER[(ORDER.indexOf(level) + 1) % ORDER.length];

/** Writes an answers file: `choose(level, i)` is the answer to the i-th case (null: skipped). */
function writeAnswers(dir, trainee, cases, choose) {
  const rows = cases.flatMap(([id, level], i) => {
    const chosen = choose(level, i);
    return chosen === null ? [] : [`${trainee},${id},${chosen}`];
  });
  const path = join(dir, `answers-${trainee.toLowerCase()}.csv`);
  writeFileSync(path, ['trainee,case,level', ...rows].join('\n') + '\n');
  return path;
}

// The page's ways of writing the engine's figures (src/words.rs, src/training/results.rs).
const percent = (share) => `${(share * 100).toFixed(1)}%`;
const withCi = (e) => `${percent(e.value)} (95% CI ${(e.low * 100).toFixed(1)}-${(e.high * 100).toFixed(1)}%)`;
const kappa = (k) => `${k.kappa.toFixed(2)} (${Math.max(k.low, -1).toFixed(2)} to ${Math.min(k.high, 1).toFixed(2)})`;

async function saved(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('the room results equal ipvi agreement, and a broken file is named while the others stay', async ({ page, scratch }) => {
  const dir = join(scratch, 'exercise');
  execFileSync(ipvi, ['exercise', '--seed', '5', '--cases', '10', '--out', dir]);
  const keyPath = join(dir, 'key.csv');
  const cases = keyCases(keyPath);
  expect(cases).toHaveLength(10);
  const answers = [
    writeAnswers(scratch, 'Ana', cases, (level, i) => (i === 3 ? nextTo(level) : level)),
    writeAnswers(scratch, 'Bo', cases, (level, i) => (i % 3 === 0 ? nextTo(level) : level)),
    writeAnswers(scratch, 'Cy', cases, (level, i) => (i === 9 ? null : i % 2 === 0 ? nextTo(nextTo(level)) : level)),
  ];
  const broken = join(scratch, 'answers-dee.csv');
  writeFileSync(broken, `trainee,case,level\nDee,${cases[0][0]},B\nDee,${cases[1][0]},E\n`);

  await openApp(page, '#/training');
  const input = page.locator('#room-file-input');
  await input.setInputFiles([keyPath, ...answers, broken]);
  const problems = page.locator('.room-problems li');
  await expect(problems).toHaveText(['answers-dee.csv line 3, column "level": "E" is not a level (A, B, C, D or none)']);
  const trainees = page.locator('#table-room-trainees tbody tr');
  await expect(trainees).toHaveCount(3);

  const json = JSON.parse(execFileSync(ipvi, ['agreement', ...answers, '--key', keyPath, '--json']).toString());
  await expect(page.locator('#room-summary')).toContainText(
    `3 trainees, 10 cases (key.csv): ${json.answers} answers, ${json.correct} match the key (${percent(json.accuracy)}).`,
  );
  for (const [i, t] of json.trainees.entries()) {
    const cells = trainees.nth(i).locator('th, td');
    await expect(cells.nth(0)).toHaveText(t.name);
    await expect(cells.nth(1)).toHaveText(String(t.answered));
    await expect(cells.nth(4)).toHaveText(withCi(t.accuracy));
    await expect(cells.nth(5)).toHaveText(kappa(t.kappa));
    await expect(cells.nth(6)).toHaveText(kappa(t.weighted_kappa));
  }
  expect(json.fleiss.cases_used).toBe(9);
  await expect(page.locator('#room-fleiss')).toContainText(
    `Fleiss' kappa (95% CI): ${kappa(json.fleiss.kappa)}, over the 9 cases every trainee answered; 1 case left out`,
  );

  // The pooled table, in the order none, D, C, B, A, saved as CSV with the same counts.
  const confusion = await saved(page, page.locator('.room-table', { has: page.locator('#table-room-confusion') }).getByRole('button', { name: 'Save table as CSV' }));
  expect(confusion.name).toBe('room-confusion.csv');
  const lines = confusion.text.trim().split(/\r\n/);
  expect(lines[0]).toBe('answer chosen,key none,key D,key C,key B,key A');
  expect(lines.slice(1)).toEqual(json.confusion.counts.map((row, i) => [`chose ${ORDER[i]}`, ...row].join(',')));
  // The cases that split the room, in the engine's order, with what people chose.
  const split = page.locator('#table-room-most-disagreed tbody tr th');
  await expect(split).toHaveText(json.most_disagreed);
  await expect(page.locator('#table-room-cases tbody tr')).toHaveCount(10);

  // Printed on A4 (about 180 mm, 680 px, between the margins) no table is cut at the right.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 680, height: 960 });
  await expect(page.locator('#room-file-input')).toBeHidden();
  for (const table of await page.locator('.room-results table').all()) {
    const fits = await table.evaluate((t) => t.getBoundingClientRect().right <= document.documentElement.clientWidth);
    expect(fits, await table.getAttribute('id')).toBe(true);
  }
  await page.emulateMedia({ media: 'screen' });

  // A file answering a case a second time is left out, named; the room is unchanged.
  const again = join(scratch, 'again.csv');
  writeFileSync(again, `trainee,case,level\nAna,${cases[0][0]},D\n`);
  await input.setInputFiles(again);
  await expect(problems.nth(1)).toHaveText(
    `again.csv line 2, column "case": Ana answered ${cases[0][0]} twice (also answers-ana.csv line 2); this file is left out of the results`,
  );
  await expect(trainees).toHaveCount(3);

  // A corrected file dropped on the page replaces the broken one's message and joins the room.
  const fixed = `trainee,case,level\nDee,${cases[0][0]},${cases[0][1]}\n`;
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'answers-dee.csv', { type: 'text/csv' }));
    document.querySelector('.room-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, fixed);
  await expect(trainees).toHaveCount(4);
  await expect(problems).toHaveCount(1);
  await expect(page.locator('#room-files')).toContainText('answers-dee.csv');
});

test('without the key the page asks for it; the key alone asks for answers', async ({ page, scratch }) => {
  const dir = join(scratch, 'exercise');
  execFileSync(ipvi, ['exercise', '--seed', '5', '--cases', '10', '--out', dir]);
  await openApp(page, '#/training');
  await expect(page.locator('#room-waiting')).toContainText('Open the answer key');
  await page.locator('#room-file-input').setInputFiles(join(dir, 'key.csv'));
  await expect(page.locator('#room-waiting')).toContainText("Open the trainees' answers files");
  await expect(page.locator('#room-files')).toContainText('key.csv (10 cases)');
});
