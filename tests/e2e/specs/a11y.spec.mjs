// Accessible on any screen: axe-core finds nothing serious on any page (with the demo and with
// files loaded); no page scrolls sideways at 360 px or at 200% zoom, wide tables scroll inside
// their cards; chart text is at least 11 CSS px; every coloured label has a contrast of 4.5:1;
// controls' names contain their visible words; a page change moves the focus to its heading and
// is announced.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, loadDemo, loadFiles, navLink, axeViolations, PAGE_LINKS } from './fixtures.mjs';

const dialects = fileURLToPath(new URL('../../data/dialects/', import.meta.url));
/** Incidents, notifications and calls for service, in three different dialects. */
const FILES = ['bom_semicolon_crlf.csv', 'utf16le_bom.csv', 'windows1252.csv'].map((f) => join(dialects, f));

const DATASETS = {
  demo: async (page) => {
    await openApp(page);
    await loadDemo(page);
  },
  files: async (page) => {
    await openApp(page);
    await loadFiles(page, FILES);
  },
};

/** Shows a page as fully as a user could: its heading, a person's timeline on Classify, every
 * `<details>` open, the charts drawn. */
async function showPage(page, link) {
  // A timeline left open is a modal dialog: the rest of the page waits behind it.
  await page.evaluate(() => document.querySelectorAll('dialog[open]').forEach((d) => d.close()));
  await navLink(page, link).click();
  await expect(navLink(page, link)).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('main > h1')).toBeVisible();
  if (link === 'Classify') {
    const person = page.locator('table.people tbody button').first();
    if (await person.count()) {
      await person.click();
      await expect(page.locator('#timeline')).toBeVisible();
    }
  }
  await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => (d.open = true)));
  // Two frames: opened <details> are laid out and the charts in them redrawn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Controls whose accessible name (aria-label) does not contain their visible words, or whose
 * visible text has no word at all ("×"). */
const nameMismatches = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main button, main a, header a, main [role=button]')]
      .filter((el) => el.checkVisibility())
      .map((el) => ({ visible: el.innerText.trim().replace(/\s+/g, ' '), name: el.getAttribute('aria-label') }))
      .filter(({ visible, name }) =>
        !/[\p{L}\p{N}]/u.test(visible) || (name !== null && !name.toLowerCase().includes(visible.toLowerCase())))
      .map(({ visible, name }) => `"${visible}" named "${name}"`));

for (const [dataset, load] of Object.entries(DATASETS)) {
  test(`axe-core finds nothing serious or critical on any page, ${dataset} loaded`, async ({ page }) => {
    await load(page);
    const found = {};
    for (const link of PAGE_LINKS) {
      await showPage(page, link);
      const violations = await axeViolations(page);
      const mismatches = await nameMismatches(page);
      if (violations.length || mismatches.length) found[link] = { violations, mismatches };
    }
    expect(found, `accessibility problems:\n${JSON.stringify(found, null, 2)}`).toEqual({});
  });
}

test('axe-core finds nothing serious or critical on a trainee\'s exercise: a case, its feedback, the results', async ({ page }) => {
  await openApp(page, '#/training?seed=7&cases=3&difficulty=mixed&criteria=ipvi-default');
  await expect(page.locator('#case-progress')).toHaveText('Case 1 of 3');
  expect(await axeViolations(page), 'a case').toEqual([]);
  await page.locator('#case-progress').click();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('n');
    await expect(page.locator('.feedback .verdict')).toBeVisible();
    if (i === 0) expect(await axeViolations(page), 'a case with its feedback').toEqual([]);
    await page.keyboard.press('Enter');
  }
  await expect(page.locator('#confusion')).toBeVisible();
  await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => (d.open = true)));
  expect(await axeViolations(page), 'the results').toEqual([]);
  expect(await nameMismatches(page), 'the results').toEqual([]);
});

/** What makes the page wider than the window, what spills out of its card, scroll boxes that
 * a keyboard cannot reach, and date fields too narrow for their date. */
const layoutProblems = (page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems = [];
    if (document.documentElement.scrollWidth > width) {
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
    }
    const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} "${(el.innerText ?? '').trim().slice(0, 40)}"`;
    const clips = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const insideScroller = (el) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (clips(up)) return true;
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (!el.checkVisibility() || insideScroller(el) || el.closest('.skip-link, .visually-hidden')) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) problems.push(`${describe(el)} reaches ${Math.round(box.right)} px`);
    }
    for (const card of document.querySelectorAll('.card')) {
      if (card.checkVisibility() && card.scrollWidth > card.clientWidth + 1) problems.push(`${describe(card)} spills out of its card`);
    }
    // Boxes a user can scroll (not text for screen readers only, clipped to a pixel on purpose).
    for (const el of document.querySelectorAll('body *')) {
      const scrollable = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
      if (!el.checkVisibility() || !scrollable || el.scrollWidth <= el.clientWidth + 1) continue;
      if (el.matches('input, select, textarea, .visually-hidden')) continue;
      if (el.getAttribute('tabindex') !== '0' || !el.getAttribute('aria-label')) {
        problems.push(`${describe(el)} scrolls but is not a labelled tab stop`);
      }
    }
    // A date field's own width fits its date and calendar button; narrower, the year is cut.
    for (const input of document.querySelectorAll('input[type=date]')) {
      if (!input.checkVisibility()) continue;
      const natural = input.cloneNode();
      natural.style.cssText = 'width: auto; min-width: 0; max-width: none; position: absolute; visibility: hidden';
      input.after(natural);
      const needed = natural.offsetWidth;
      natural.remove();
      if (input.offsetWidth < needed) problems.push(`date field #${input.id} is ${input.offsetWidth} px wide, its date needs ${needed} px`);
    }
    return problems;
  });

const SCREENS = {
  '1366 px': { viewport: { width: 1366, height: 768 } },
  '360 px': { viewport: { width: 360, height: 740 } },
  // A 1366 px window at 200% zoom: 683 CSS px, two device pixels each.
  '200% zoom': { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
};

for (const [screen, options] of Object.entries(SCREENS)) {
  test.describe(`at ${screen}`, () => {
    test.use(options);

    for (const [dataset, load] of Object.entries(DATASETS)) {
      test(`no page scrolls sideways and wide tables scroll in their cards, ${dataset} loaded`, async ({ page }) => {
        await load(page);
        const found = {};
        for (const link of PAGE_LINKS) {
          await showPage(page, link);
          const problems = await layoutProblems(page);
          if (problems.length) found[link] = problems;
        }
        expect(found, `layout problems:\n${JSON.stringify(found, null, 2)}`).toEqual({});
      });
    }

    test('a trainee\'s exercise does not scroll sideways, from the first case to the results', async ({ page }) => {
      await openApp(page, '#/training?seed=7&cases=3&difficulty=mixed&criteria=ipvi-default');
      await expect(page.locator('#case-progress')).toHaveText('Case 1 of 3');
      expect(await layoutProblems(page), 'a case').toEqual([]);
      await page.locator('#case-progress').click();
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('n');
        await expect(page.locator('.feedback .verdict')).toBeVisible();
        expect(await layoutProblems(page), `case ${i + 1} with its feedback`).toEqual([]);
        await page.keyboard.press('Enter');
      }
      await expect(page.locator('#confusion')).toBeVisible();
      expect(await layoutProblems(page), 'the results').toEqual([]);
    });
  });
}

/** Each chart's smallest text as shown, in CSS px, and whether its backing store matches its CSS
 * width times the pixel ratio (the number is then current, not from an older width). */
const chartText = (page) =>
  page.locator('canvas.chart-canvas').evaluateAll((canvases) =>
    canvases.map((c) => ({
      chart: c.getAttribute('aria-label'),
      smallest: Number(c.dataset.smallestTextPx),
      current: Math.abs(c.width - c.clientWidth * devicePixelRatio) <= 1,
    })));

async function expectReadableCharts(page, where) {
  await expect(page.locator('canvas.chart-canvas').first()).toBeVisible();
  await expect.poll(() => chartText(page).then((charts) => charts.every((c) => c.current)), `${where}: charts redrawn`).toBe(true);
  const charts = await chartText(page);
  expect(charts.length).toBeGreaterThan(0);
  for (const c of charts) expect(c.smallest, `${where}: smallest text of "${c.chart}"`).toBeGreaterThanOrEqual(11);
}

/** The text of the SVG charts on the page (the report shown in place, the timeline), as shown:
 * its font size times the SVG's scale on screen. */
const svgText = (page) =>
  page.locator('main svg text').evaluateAll((texts) =>
    texts.map((t) => {
      // The scale of the text's x axis on screen, turned or not (the y axis title is).
      const { a, b } = t.getScreenCTM();
      return { text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(a, b) };
    }));

async function expectReadableReportCharts(page, where) {
  await navLink(page, 'Report').click();
  await expect(page.locator('.report-view figure svg').first()).toBeVisible();
  const texts = await svgText(page);
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) expect(t.px, `${where}: report chart text "${t.text}"`).toBeGreaterThanOrEqual(11);
}

test('chart text is at least 11 CSS px on a desktop, and again after the window shrinks to 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await DATASETS.demo(page);
  await navLink(page, 'Outcomes').click();
  await expectReadableCharts(page, '1366 px');
  await expectReadableReportCharts(page, '1366 px');
  await navLink(page, 'Outcomes').click();
  await page.setViewportSize({ width: 360, height: 740 });
  await expectReadableCharts(page, '360 px');
  await expectReadableReportCharts(page, '360 px');
  // The timeline's dates are text under its strip, which shrinks with the window.
  await navLink(page, 'Classify').click();
  await page.locator('table.people tbody button').first().click();
  await expect(page.locator('#timeline .timeline-ends')).toBeVisible();
  expect(await svgText(page)).toEqual([]);
});

test.describe('at 200% zoom', () => {
  test.use(SCREENS['200% zoom']);
  test('chart text is at least 11 CSS px', async ({ page }) => {
    await DATASETS.demo(page);
    await navLink(page, 'Outcomes').click();
    await expectReadableCharts(page, '200% zoom');
    await expectReadableReportCharts(page, '200% zoom');
  });
});

/** WCAG 2 contrast ratios of coloured labels, from their computed text and background colours
 * (the first opaque background up the tree; the page is white under all). */
const contrasts = (page, selector) =>
  page.locator(selector).evaluateAll((elements) => {
    const rgba = (text) => (text.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]) => {
      const linear = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const background = (el) => {
      for (let up = el; up; up = up.parentElement) {
        const color = rgba(getComputedStyle(up).backgroundColor);
        if (color.length === 3 || color[3] === 1) return color;
      }
      return [255, 255, 255];
    };
    return elements
      .filter((el) => el.checkVisibility())
      .map((el) => {
        const [fg, bg] = [luminance(rgba(getComputedStyle(el).color)), luminance(background(el))];
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        return { label: `${el.className} "${el.textContent.trim()}"`, ratio: Math.round(ratio * 100) / 100 };
      });
  });

test('every level badge and coloured label has a contrast of at least 4.5:1', async ({ page }) => {
  await DATASETS.demo(page);
  const seen = new Set();
  for (const link of ['Data', 'Classify', 'Report']) {
    await showPage(page, link);
    const labels = await contrasts(page, '.level, nav a.current, .button.primary, .demo-banner, .choice');
    for (const { label, ratio } of labels) {
      seen.add(label.match(/level-[a-d]/)?.[0]);
      expect(ratio, `${link}: ${label}`).toBeGreaterThanOrEqual(4.5);
    }
  }
  expect([...seen].filter(Boolean).sort(), 'every level shown').toEqual(['level-a', 'level-b', 'level-c', 'level-d']);
});

/** The accessible name Chromium itself gives the element `selector` (what a screen reader hears). */
async function chromiumName(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  await cdp.detach();
  return nodes[0]?.name?.value;
}

test('the level filter is a select labelled "Level" whose options are read one by one', async ({ page }) => {
  await DATASETS.demo(page);
  await navLink(page, 'Classify').click();
  const filter = page.getByRole('combobox', { name: 'Level', exact: true });
  await expect(filter).toHaveCount(1);
  expect(await chromiumName(page, '#level-filter')).toBe('Level');
  expect(await chromiumName(page, '#people-sort')).toBe('Sort by');
  // The label beside the select, not around it: read from the label's text, a screen reader
  // would otherwise say every option ("Level allABCD").
  await expect(page.locator('label[for="level-filter"]')).toHaveText('Level');
  await expect(page.locator('.filters label:has(select)')).toHaveCount(0);
  const options = await filter.locator('option').allTextContents();
  expect(options.length).toBe(5);
  for (const name of options) await expect(filter.getByRole('option', { name, exact: true })).toHaveCount(1);
  await filter.selectOption('B');
  await expect(page.locator('table.people tbody .level').first()).toHaveText('B');
});

test('a page change moves the focus to the new heading and is announced', async ({ page }) => {
  await openApp(page);
  // The first page is not announced, nor does it take the focus from the browser.
  await expect(page.locator('#page-announcement')).toHaveText('');
  await expect(page.locator('main > h1')).not.toBeFocused();
  await navLink(page, 'Training').click();
  await expect(page.locator('main > h1')).toHaveText('Training');
  await expect(page.locator('main > h1')).toBeFocused();
  await expect(page.locator('#page-announcement')).toHaveText('Training page');
  // By keyboard.
  await navLink(page, 'Privacy').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main > h1')).toHaveText('Privacy: what happens to your data');
  await expect(page.locator('main > h1')).toBeFocused();
  await expect(page.locator('#page-announcement')).toHaveText('Privacy page');
  // A link inside a page.
  await navLink(page, 'Classify').click();
  await page.getByRole('link', { name: 'Go to the Data page' }).click();
  await expect(page.locator('main > h1')).toHaveText('Data');
  await expect(page.locator('main > h1')).toBeFocused();
  await expect(page.locator('#page-announcement')).toHaveText('Data page');
  // The skip link moves the focus to the content and stays on the page.
  await navLink(page, 'Training').click();
  await expect(page.locator('main > h1')).toBeFocused();
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page.locator('main > h1')).toHaveText('Training');
});
