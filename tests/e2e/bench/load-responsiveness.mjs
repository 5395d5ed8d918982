// How long the page's thread is busy at a stretch while a file loads (not a test): the same file
// loaded through the real file input of each build, and the long tasks (over 50 ms) the page
// ran from the file input's change to "Loaded": the longest, and the total blocking time (each
// task's time past 50 ms, as Lighthouse counts it). For the worker that reads files (src/worker.rs):
//   node bench/load-responsiveness.mjs FILE.csv DIST [DIST...]
import { serveDir, launchChromium } from './harness.mjs';
import { basename } from 'node:path';

const [file, ...dirs] = process.argv.slice(2);
if (!dirs.length) throw new Error('usage: node bench/load-responsiveness.mjs FILE.csv DIST [DIST...]');
const RUNS = 3;
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

async function run(browser, base) {
  const page = await browser.newPage();
  await page.goto(base);
  await page.waitForFunction(() => typeof window.ipviWasmBytes === 'function');
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({
      type: 'longtask',
    });
  });
  const started = await page.evaluate(() => performance.now());
  await page.locator('#file-input').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: `Loaded ${basename(file)}` }).waitFor({ timeout: 600_000 });
  const loaded = await page.evaluate(() => performance.now());
  const tasks = (await page.evaluate(() => window.longTasks)).filter(([start]) => start >= started && start <= loaded);
  await page.close();
  return {
    seconds: (loaded - started) / 1000,
    longest: Math.max(0, ...tasks.map(([, d]) => d)),
    blocking: tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
    count: tasks.length,
  };
}

const servers = await Promise.all(dirs.map((dir, i) => serveDir(dir, 4195 + i)));
const browser = await launchChromium();
const results = dirs.map(() => []);
try {
  for (let r = 0; r < RUNS; r++) {
    for (const [i] of dirs.entries()) results[i].push(await run(browser, `http://127.0.0.1:${4195 + i}/`));
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.kill());
}
console.log(`file ${file}, median of ${RUNS} runs each, alternating`);
console.log('build'.padEnd(40) + ['load s', 'long tasks', 'longest ms', 'blocking ms'].map((h) => h.padStart(12)).join(''));
for (const [i, dir] of dirs.entries()) {
  const m = (f) => median(results[i].map((x) => x[f]));
  console.log(dir.padEnd(40) + [m('seconds').toFixed(3), m('count'), m('longest').toFixed(0), m('blocking').toFixed(0)].map((v) => String(v).padStart(12)).join(''));
}
