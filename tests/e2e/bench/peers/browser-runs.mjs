// One timed run of each browser tool: a fresh context, the file through the page's file input,
// renderer memory polled meanwhile. Used by bench.mjs (scripts/bench-peers).
import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';

const MB = 1024 * 1024;
const TIMEOUT = 900_000;

/** Pids of every process below `pid` (chromium's renderers are grandchildren of this node). */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch { /* the process ended meanwhile */ }
  }
  const out = [];
  const todo = [pid];
  while (todo.length) for (const child of children.get(todo.pop()) ?? []) out.push(child), todo.push(child);
  return out;
}

/** Summed resident memory (bytes) of our chromium's renderer processes (tabs and their workers). */
function rendererRss() {
  let total = 0;
  for (const pid of descendants(process.pid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      total += Number(/VmRSS:\s+([0-9]+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
    } catch { /* ended meanwhile */ }
  }
  return total;
}

/** Polls renderer RSS every ~100 ms from now; stop() gives the peak above the baseline in MB. */
function memorySampler() {
  const baseline = rendererRss();
  let peak = baseline;
  const timer = setInterval(() => { peak = Math.max(peak, rendererRss()); }, 100);
  return { stop() { clearInterval(timer); peak = Math.max(peak, rendererRss()); return (peak - baseline) / MB; } };
}

/** A fresh context whose pages may fetch from loopback only (a request elsewhere is refused and counted). */
async function freshPage(browser) {
  const context = await browser.newContext();
  const outside = [];
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  return { context, page: await context.newPage(), outside };
}

const seconds = (ms) => (ms == null ? null : ms / 1000);
const lastDuration = (entries) => (entries.length ? entries[entries.length - 1] : null);

/** The app: file chosen -> dataset loaded, then Classify -> levels shown (and one criteria edit). */
export async function runApp(browser, base, path) {
  const name = basename(path);
  const { context, page, outside } = await freshPage(browser);
  // The main thread's long tasks (over 50 ms, as Chromium reports them), from the page's start.
  await page.addInitScript(() => {
    window.ipviLongTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.ipviLongTasks.push(e.duration)))
      .observe({ type: 'longtask', buffered: true });
  });
  try {
    const opened = Date.now();
    await page.goto(base);
    await page.waitForFunction(() => typeof window.ipviWasmBytes === 'function');
    const startupMs = Date.now() - opened;
    const tasksBefore = await page.evaluate(() => window.ipviLongTasks.length);
    const memory = memorySampler();
    const t0 = Date.now();
    await page.locator('#file-input').setInputFiles(path);
    const status = page.getByRole('status').filter({ hasText: `Loaded ${name}` });
    await status.waitFor({ timeout: TIMEOUT });
    const loadWallMs = Date.now() - t0;
    const statusText = (await status.textContent()).trim();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Classify', exact: true }).click();
    const time = page.locator('#classify-time');
    await time.waitFor({ timeout: TIMEOUT });
    await page.locator('#distribution').waitFor({ timeout: TIMEOUT });
    const levelsWallMs = Date.now() - t0;
    const peakMB = memory.stop();
    const classifyText = (await time.textContent()).trim();
    const people = Number(/of ([0-9,]+) people/.exec(classifyText)?.[1].replace(/,/g, ''));
    // The page's own measures, when this build has them (a measure may land a frame after the redraw).
    await page.waitForFunction(() => performance.getEntriesByName('ipvi:classify').length > 0, null, { timeout: 1000 }).catch(() => {});
    const measures = await readMeasures(page);
    // Long tasks from the file chosen to the levels shown (the page's own start-up left out).
    const longTasks = await page.evaluate((from) => window.ipviLongTasks.slice(from), tasksBefore);
    const editMs = await timeCriteriaEdit(page);
    const editMeasures = (await readMeasures(page))['ipvi:classify'];
    const wasmMB = (await page.evaluate(() => window.ipviWasmBytes())) / MB;
    const statusSeconds = Number(/\(([0-9.]+) s\)/.exec(statusText)?.[1]);
    return {
      startup: seconds(startupMs),
      load: seconds(lastDuration(measures['ipvi:load'])) ?? (Number.isFinite(statusSeconds) ? statusSeconds : seconds(loadWallMs)),
      loadSource: measures['ipvi:load'].length ? 'ipvi:load' : Number.isFinite(statusSeconds) ? 'status text' : 'wall clock',
      loadWall: seconds(loadWallMs),
      levelsWall: seconds(levelsWallMs),
      classify: seconds(lastDuration(measures['ipvi:classify'])),
      outcomes: seconds(lastDuration(measures['ipvi:outcomes'])),
      classifyText,
      edit: seconds(editMs),
      editMeasure: editMeasures.length > measures['ipvi:classify'].length ? seconds(lastDuration(editMeasures)) : null,
      peakMB,
      wasmMB,
      longestTask: seconds(Math.max(0, ...longTasks)),
      longTasksOver100: longTasks.filter((d) => d > 100).length,
      longTasks: longTasks.map(Math.round),
      suspects: people,
      outside,
    };
  } finally {
    await context.close();
  }
}

/** Durations (ms) of the app's performance measures so far, by name. */
function readMeasures(page) {
  return page.evaluate(() =>
    Object.fromEntries(['ipvi:load', 'ipvi:classify', 'ipvi:outcomes'].map((n) => [n, performance.getEntriesByName(n).map((e) => e.duration)])));
}

/** Level B "2 or more charges" -> 3: edit to redrawn distribution, in ms (null if the page differs). */
async function timeCriteriaEdit(page) {
  try {
    const rule = page.locator('fieldset.rule').filter({ has: page.locator('legend .level', { hasText: /^B$/ }) });
    const group = rule.locator('details.group').first();
    if (!(await group.evaluate((d) => d.open, null, { timeout: 5000 }))) await group.locator('summary').click();
    const before = await page.locator('#distribution tr[data-level="B"] td').first().textContent();
    const threshold = page.getByLabel('Level B group 1 condition 1: threshold');
    await threshold.fill('3', { timeout: 5000 });
    const started = Date.now();
    await threshold.press('Tab');
    await page.waitForFunction((b) => document.querySelector('#distribution tr[data-level="B"] td')?.textContent !== b, before,
      { polling: 'raf', timeout: TIMEOUT });
    return Date.now() - started;
  } catch (e) {
    console.warn(`(criteria edit not timed: ${e.message.split('\n')[0]})`);
    return null;
  }
}

/** A peer page (duckdb.html or papaparse.html): start-up, then file chosen -> loaded -> grouped. */
export async function runPeer(browser, url, path) {
  const { context, page, outside } = await freshPage(browser);
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.peerStartup || window.peerError, null, { timeout: TIMEOUT });
    const startup = await page.evaluate(() => window.peerStartup ?? { error: window.peerError });
    if (startup.error) throw new Error(`${url}: ${startup.error}`);
    const memory = memorySampler();
    const t0 = Date.now();
    await page.locator('#file').setInputFiles(path);
    await page.waitForFunction(() => window.peerResult || window.peerError, null, { timeout: TIMEOUT, polling: 50 });
    const wallMs = Date.now() - t0;
    const peakMB = memory.stop();
    const result = await page.evaluate(() => window.peerResult ?? { error: window.peerError });
    if (result.error) throw new Error(`${url}: ${result.error}`);
    return {
      startup: seconds(startup.ms),
      version: startup.version,
      load: seconds(result.loadMs),
      group: seconds(result.groupMs),
      total: seconds(result.loadMs + result.groupMs),
      wall: seconds(wallMs),
      rows: result.rows,
      suspects: result.suspects,
      charged: result.charged,
      peakMB,
      outside,
    };
  } finally {
    await context.close();
  }
}
