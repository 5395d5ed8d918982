// The Training page: a shared exercise link, answering every case by keyboard with feedback,
// progress kept across a reload, the score against `ipvi agreement`, the fingerprint against
// `ipvi exercise`, the trainer's setup, printable cards and explain mode.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, loadDemo, navLink } from './fixtures.mjs';

const ipvi = fileURLToPath(new URL('../../../target/debug/ipvi', import.meta.url));

/** Runs `ipvi exercise` and returns its fingerprint and key (case -> level). */
function cliExercise(dir, args) {
  const out = execFileSync(ipvi, ['exercise', ...args, '--out', dir], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const fingerprint = out.match(/^fingerprint: ([0-9a-f]{64})$/m)[1];
  const key = readFileSync(join(dir, 'key.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[1]);
  return { fingerprint, key };
}

const keyOf = (level) => (level === 'none' ? 'n' : level.toLowerCase());
/** A wrong answer for a level: the next one up (D for "none", none for A). */
const wrongFor = (level) => ({ none: 'D', D: 'C', C: 'B', B: 'A', A: 'none' })[level];

/** Answers the case shown by key, checks the feedback, and goes on with Enter. */
async function answerByKey(page, number, total, level, right) {
  await expect(page.locator('#case-progress')).toHaveText(`Case ${number} of ${total}`);
  await expect(page.locator('.case-card h3')).toHaveText(`Case case-${String(number).padStart(2, '0')}`);
  await page.keyboard.press(keyOf(right ? level : wrongFor(level)));
  const verdict = page.locator('.feedback .verdict');
  if (right) await expect(verdict).toHaveText(/^Correct: /);
  else await expect(verdict).toHaveText(/^You chose .*; the answer is /);
  await expect(page.locator('.feedback .key-reason')).not.toBeEmpty();
  await page.keyboard.press('Enter');
}

test('a shared link: every case by keyboard, a reload midway, the score as `ipvi agreement` gives it', async ({ page, scratch: dir }) => {
  const { fingerprint, key } = cliExercise(dir, ['--seed', '7', '--cases', '6', '--difficulty', 'mixed']);
  await openApp(page, '#/training?seed=7&cases=6&difficulty=mixed&criteria=ipvi-default');
  await expect(page.locator('#exercise-summary')).toHaveText(/^6 cases \(\d+ at a threshold\), mixed difficulty, criteria "IPVI default" \(ipvi-default\), seed 7; /);
  await expect(page.locator('#exercise-fingerprint')).toHaveText(fingerprint);
  await page.getByLabel('Your name (for the answers file)').fill('Ana');
  await page.locator('#case-progress').click();
  // Cases 2 and 5 answered wrongly, the rest rightly.
  const right = key.map((_, i) => i !== 1 && i !== 4);
  for (let i = 0; i < 3; i++) await answerByKey(page, i + 1, 6, key[i], right[i]);
  // Midway: the name, the answers and the place survive a reload of the shared link.
  await page.reload();
  await expect(page.locator('#case-progress')).toHaveText('Case 4 of 6');
  await expect(page.getByLabel('Your name (for the answers file)')).toHaveValue('Ana');
  for (let i = 3; i < 6; i++) await answerByKey(page, i + 1, 6, key[i], right[i]);

  await expect(page.locator('#score')).toHaveText(/^4 of 6 answers match the key: 66\.7% \(95% CI /);
  // The confusion table: a row per answer chosen, the diagonal holds the right answers.
  const table = page.locator('#confusion');
  const order = ['none', 'D', 'C', 'B', 'A'];
  for (const chosen of order) {
    const cells = await table.locator(`tr[data-chosen="${chosen}"] td`).allTextContents();
    const expected = order.map((correct) =>
      key.filter((k, i) => k === correct && (right[i] ? k : wrongFor(k)) === chosen).length);
    expect(cells.map(Number), `row ${chosen}`).toEqual(expected);
  }
  await expect(page.locator('#review-list > li')).toHaveCount(2);
  await expect(page.locator('#review-list .case-card h3')).toHaveText(['Case case-02', 'Case case-05']);

  // The answers file reads with `ipvi agreement`, whose accuracy is the page's score.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#save-answers').click()]);
  expect(download.suggestedFilename()).toBe('ipvi-answers-seed7-ana.csv');
  const file = join(dir, download.suggestedFilename());
  writeFileSync(file, readFileSync(await download.path()));
  const json = JSON.parse(execFileSync(ipvi, ['agreement', file, '--key', join(dir, 'key.csv'), '--json']).toString());
  const ana = json.trainees[0];
  expect([ana.name, ana.answered, ana.correct]).toEqual(['Ana', 6, 4]);
  const shown = (await page.locator('#score').textContent()).match(/: ([\d.]+)% \(95% CI ([\d.]+)-([\d.]+)%\)/);
  const pct = (x) => (x * 100).toFixed(1);
  expect(shown.slice(1)).toEqual([pct(ana.accuracy.value), pct(ana.accuracy.low), pct(ana.accuracy.high)]);

  // Start over forgets the exercise and leaves the link.
  await page.locator('#start-over').first().click();
  await expect(page.getByRole('heading', { name: 'Set up an exercise' })).toBeVisible();
  await expect(page).toHaveURL(/#\/training$/);
});

test('the trainer sets up an exercise, copies its link, prints the cards and explains a case', async ({ page, scratch: dir }) => {
  const { fingerprint, key } = cliExercise(dir, ['--seed', '11', '--cases', '5', '--difficulty', 'hard', '--criteria', 'rfgv']);
  await openApp(page, '#/training');
  await page.getByLabel('Criteria').selectOption('rfgv');
  await page.getByLabel(/Number of cases/).fill('5');
  await page.getByLabel('Difficulty').selectOption('hard');
  await page.getByLabel(/^Seed/).fill('11');
  await page.locator('#copy-link').click();
  await expect(page.locator('#trainee-link')).toHaveValue(/\/ipvi\/#\/training\?seed=11&cases=5&difficulty=hard&criteria=rfgv$/);
  // A wrong number is said next to the form and nothing starts.
  await page.getByLabel(/Number of cases/).fill('0');
  await expect(page.locator('.training-setup .field-error')).toHaveText('an exercise has 1 to 60 cases, not 0');
  await expect(page.locator('#start-exercise')).toBeDisabled();
  await page.getByLabel(/Number of cases/).fill('5');
  await page.locator('#start-exercise').click();
  await expect(page.locator('#exercise-fingerprint')).toHaveText(fingerprint);

  // The trainer's tools: the key, explain mode step by step, the print views.
  await page.getByText('For the trainer: case cards, answer key, explanations').click();
  const keyRows = page.locator('.trainer .answer-key tbody tr');
  await expect(keyRows).toHaveCount(5);
  expect(await keyRows.locator('td:nth-child(2)').allTextContents()).toEqual(key.map((k) => (k === 'none' ? '–' : k)));
  await page.getByRole('button', { name: 'Explain case-01' }).click();
  const explain = page.locator('.trainer .explain');
  await expect(explain.locator('.explain-step')).toHaveText(/^Step 1 of \d+: After incident 1 \(/);
  const steps = await explain.locator('.explain-steps li').count();
  for (let i = 1; i < steps; i++) await explain.getByRole('button', { name: 'Next step' }).click();
  await expect(explain.locator('.explain-step')).toHaveText(new RegExp(`^Step ${steps} of ${steps}: As of `));
  await expect(explain.getByRole('button', { name: 'Next step' })).toBeDisabled();
  await explain.getByRole('button', { name: 'Previous step' }).click();
  await expect(explain.locator('.explain-step')).toHaveText(new RegExp(`^Step ${steps - 1} of ${steps}: `));

  await page.locator('#print-cards').click();
  await expect(page.locator('#print-view .case-card')).toHaveCount(5);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#exercise-title')).toBeHidden();
  await expect(page.locator('#print-view .case-card').first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.locator('#print-view').getByRole('button', { name: 'Close' }).click();
  await page.locator('#print-key').click();
  await expect(page.locator('#print-view .answer-key tbody tr')).toHaveCount(5);
});

test('a broken exercise link says what is wrong', async ({ page }) => {
  await openApp(page, '#/training?seed=7&cases=20&difficulty=medium&criteria=ipvi-default');
  await expect(page.locator('#link-error')).toHaveText(
    'the exercise address cannot be read: difficulty is easy, mixed or hard, not "medium"');
  await expect(page.getByRole('heading', { name: 'Set up an exercise' })).toBeVisible();
});

test('real cases: an opt-in with a warning, no link, built from the loaded data and not kept', async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await navLink(page, 'Training').click();
  const optIn = page.getByLabel('Use cases from the loaded data');
  await expect(optIn).not.toBeChecked();
  await expect(page.locator('#real-cases-warning')).toHaveText(
    /^Real cases may identify people even without names\. .*allowed to see these records\. Real cases are never put in a link\.$/);
  await expect(page.locator('#copy-link')).toBeVisible();
  await optIn.check();
  await expect(page.locator('#copy-link')).toHaveCount(0);
  await expect(page.locator('#no-trainee-link')).toHaveText(
    'A link cannot carry real cases: print the case cards, or run the exercise on this computer.');
  await page.locator('#start-exercise').click();
  await expect(page.locator('#exercise-title')).toHaveText('Cases from the loaded data');
  await expect(page.locator('#trainee-link')).toHaveCount(0);
  await expect(page.locator('#exercise-fingerprint')).toHaveCount(0);
  await expect(page.locator('#case-progress')).toHaveText('Case 1 of 12');
  await expect(page.locator('.case-card h3')).toHaveText('Case case-01');
  await expect(page.locator('.case-card')).not.toContainText(/\bP\d{7}\b|\bV\d{7}-/);
  await page.locator('#case-progress').click();
  await page.keyboard.press('d');
  await expect(page.locator('.feedback .verdict')).toHaveText(/^(Correct: |You chose level D; the answer is )/);
  await expect(page.locator('.feedback .key-reason')).not.toBeEmpty();
  // The data is kept in memory only: after a reload the exercise cannot be rebuilt and says so.
  await page.reload();
  await expect(page.getByText(/which is no longer loaded/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Set up an exercise' })).toBeVisible();
});
