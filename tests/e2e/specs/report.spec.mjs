// The Report page: the evaluation report for the demo, in full on screen and in print, each chart
// whole on one A4 page, and its HTML file equal byte for byte to `ipvi report`'s.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { test, expect, openApp, loadDemo, navLink, ipvi, saveFile, loadDemoExtracts, TABLES } from './fixtures.mjs';

const DATE = '2026-01-31';

/** The report `ipvi report --demo` writes for DATE, and its part headings in order. */
function cliReport(scratch) {
  const out = join(scratch, 'report.html');
  execFileSync(ipvi, ['report', '--demo', '--generated', DATE, '--out', out], { stdio: 'pipe' });
  const bytes = readFileSync(out);
  const headings = [...bytes.toString('utf8').matchAll(/<section class="part" id="[^"]+">\n<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
  return { bytes, headings };
}

async function openReport(page) {
  await openApp(page);
  await loadDemo(page);
  await navLink(page, 'Report').click();
  await expect(page.locator('.ipvi-report h1')).toBeVisible({ timeout: 30_000 });
}

const partHeadings = (page) => page.locator('.ipvi-report section.part > h2');

test('the demo report shows every part the engine writes, each with its switch and notes', async ({ page, scratch }) => {
  const { headings } = cliReport(scratch);
  expect(headings.length, 'parts in the command line report').toBeGreaterThan(8);
  await openReport(page);
  await expect(partHeadings(page)).toHaveText(headings);
  // One switch per part, named as the part is (without its number).
  const titles = headings.map((h) => h.replace(/^\d+\. /, ''));
  await expect(page.locator('.part-choice > label')).toHaveText(titles);
  // The contents lead to a part without leaving the page.
  await page.locator('.ipvi-report .contents a', { hasText: 'Reproducibility' }).click();
  await expect(page.locator('.ipvi-report #reproducibility > h2')).toBeInViewport();
  await expect(page.locator('main > h1')).toHaveText('Report');
  // A part switched off leaves the report (and the numbering closes up); a note is printed at its part's end.
  await page.locator('.report-parts > summary').click();
  await page.getByLabel('Methods and definitions', { exact: true }).uncheck();
  await expect(partHeadings(page)).toHaveCount(headings.length - 1);
  await expect(page.locator('.ipvi-report #methods')).toHaveCount(0);
  await page.locator('.part-choice').filter({ hasText: 'Caveats and warnings' }).locator('summary').click();
  await page.getByLabel('Notes for Caveats and warnings').fill('Read the pauses with care.');
  await page.getByLabel('Notes for Caveats and warnings').press('Tab');
  await expect(page.locator('.ipvi-report #caveats')).toContainText('Read the pauses with care.');
  // The choices are kept between visits.
  await page.reload();
  await navLink(page, 'Data').click();
  await loadDemo(page);
  await navLink(page, 'Report').click();
  await expect(page.locator('.ipvi-report #caveats')).toContainText('Read the pauses with care.');
  await expect(page.locator('.ipvi-report #methods')).toHaveCount(0);
});

test('printed, the page is the report alone: no header, controls or footer, every part shown', async ({ page, scratch }) => {
  const { headings } = cliReport(scratch);
  await openReport(page);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-header', '.site-footer', '.demo-banner', '.report-controls', '.project-card', 'main > h1']) {
    await expect(page.locator(hidden), hidden).toBeHidden();
  }
  await expect(partHeadings(page)).toHaveText(headings);
  for (const heading of await partHeadings(page).all()) await expect(heading).toBeVisible();
  // Other pages print as before: the Outcomes page keeps its heading.
  await page.emulateMedia({ media: 'screen' });
  await navLink(page, 'Outcomes').click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('main > h1')).toBeVisible();
  await expect(page.locator('.site-header .brand')).toBeVisible();
});

/** Each PDF page's text with all white space removed (wrapping and spacing differ from the page's). */
async function pdfPages(bytes) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true }).promise;
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => item.str).join('').replace(/\s+/g, ''));
  }
  return pages;
}

test('as an A4 PDF no chart is split across pages', async ({ page }) => {
  await openReport(page);
  // Every chart's title, its words in drawing order, then its caption (a note, when it has one): a
  // figure that is whole on a page has them all together there, in that order.
  const figures = await page.locator('.ipvi-report figure').evaluateAll((list) =>
    list.map((figure) => ({
      id: figure.id,
      title: figure.querySelector('.chart-title').textContent,
      chart: [...figure.querySelectorAll('svg text')].map((t) => t.textContent.trim()),
      caption: figure.querySelector('figcaption')?.textContent ?? '',
    })),
  );
  expect(figures.length, 'figures in the report').toBeGreaterThanOrEqual(6);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = await pdfPages(pdf);
  console.log(`The demo report prints on ${pages.length} A4 pages.`);
  expect(pages.length).toBeGreaterThan(3);
  const squash = (text) => text.replace(/\s+/g, '');
  for (const figure of figures) {
    expect(figure.chart.length, `${figure.id} has words in its chart`).toBeGreaterThan(3);
    expect(figure.title.length, `${figure.id} has a visible title`).toBeGreaterThan(10);
    const whole = squash(figure.title + figure.chart.join('') + figure.caption);
    const on = pages.flatMap((text, i) => (text.includes(whole) ? [i + 1] : []));
    expect(on.length, `${figure.id}: the whole chart and its caption on one page`).toBe(1);
  }
  // Every part is printed, in order, after the title page (whose contents name them too).
  let last = 2;
  for (const heading of await partHeadings(page).allTextContents()) {
    const at = pages.findIndex((text, i) => i + 1 >= last && text.includes(squash(heading))) + 1;
    expect(at, `${heading} printed after the title page, in order`).toBeGreaterThanOrEqual(last);
    last = at;
  }
});

test('"Save report as HTML" gives the bytes of ipvi report for the same inputs and date', async ({ page, scratch }) => {
  const cli = cliReport(scratch);
  await openReport(page);
  await page.locator('#report-date').fill(DATE);
  await page.locator('#report-date').press('Tab');
  await expect(page.locator('.ipvi-report .title-block .facts')).toContainText('31 Jan 2026');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#save-report-html').click()]);
  expect(download.suggestedFilename()).toBe(`ipvi-report-${DATE}.html`);
  const bytes = readFileSync(await download.path());
  expect(bytes.length).toBe(cli.bytes.length);
  expect(bytes.equals(cli.bytes), 'the page\'s file equals the command line\'s, byte for byte').toBe(true);
});

/** Paths where two JSON values differ (to say where, when the bytes differ). */
function differences(a, b, path = '') {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? [] : [`${path}: ${a} vs ${b}`];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((key) => (key in a && key in b ? differences(a[key], b[key], `${path}.${key}`) : [`${path}.${key}: on one side only`]));
}

test('every chart saves as a 2x PNG and a well-formed SVG, and all results as the JSON of ipvi outcomes --json', async ({ page, scratch }) => {
  // The demo's extracts on both faces, read with the intimate relationship codes.
  const { dir, rules } = await loadDemoExtracts(page, scratch);
  await navLink(page, 'Outcomes').click();
  await expect(page.locator('#calls-finding')).toBeVisible();

  const figures = await page.locator('figure.chart').all();
  expect(figures.length, 'charts on the Outcomes page').toBeGreaterThanOrEqual(6);
  for (const figure of figures) {
    const name = await figure.getAttribute('data-chart');
    const svg = await saveFile(page, figure.getByRole('button', { name: 'Save chart as SVG' }));
    expect(svg.name).toBe(`${name}.svg`);
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg'), `${name}.svg starts with <svg`).toBe(true);
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      const root = doc.documentElement;
      return { root: root.nodeName, errors: doc.getElementsByTagName('parsererror').length, width: Number(root.getAttribute('width')), height: Number(root.getAttribute('height')) };
    }, text);
    expect(parsed, `${name}.svg is well-formed`).toMatchObject({ root: 'svg', errors: 0 });
    const png = await saveFile(page, figure.getByRole('button', { name: 'Save chart as PNG' }));
    expect(png.name).toBe(`${name}.png`);
    expect([...png.bytes.subarray(0, 8)], `${name}.png signature`).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.toString('latin1', 12, 16), `${name}.png starts with its IHDR chunk`).toBe('IHDR');
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], `${name}.png at twice the chart's size`).toEqual([2 * parsed.width, 2 * parsed.height]);
  }

  const args = ['outcomes', '--map', rules, '--json'];
  for (const table of TABLES) args.push(`--${table}`, join(dir, `${table}.csv`));
  const cli = execFileSync(ipvi, args, { maxBuffer: 1 << 28 });
  const fromOutcomes = await saveFile(page, page.getByRole('button', { name: 'Save all results as JSON' }));
  expect(fromOutcomes.name).toBe('ipvi-outcomes.json');
  expect(fromOutcomes.bytes.toString('utf8').endsWith('}\n'), 'a final line end, as the command prints').toBe(true);
  const [ours, theirs] = [JSON.parse(fromOutcomes.bytes), JSON.parse(cli)];
  expect(Object.keys(ours)).toEqual(Object.keys(theirs));
  // The same results to the last bit: the engine's maths uses libm, the same in wasm and natively.
  expect(differences(ours, theirs), 'results that differ from ipvi outcomes --json').toEqual([]);
  expect(fromOutcomes.bytes.equals(cli), 'the page\'s file equals the command line\'s, byte for byte').toBe(true);
  await navLink(page, 'Report').click();
  const fromReport = await saveFile(page, page.getByRole('button', { name: 'Save all results as JSON' }));
  expect(fromReport.bytes.equals(fromOutcomes.bytes), 'the Report page saves the same file').toBe(true);
});
