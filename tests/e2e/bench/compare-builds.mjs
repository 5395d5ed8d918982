// Two release builds of the app side by side (not a test): the same file loaded and classified
// in each, alternately, through the real file input, and the medians printed with their ratio.
// For choices that trade bundle size for speed, such as the wasm's opt-level:
//   node bench/compare-builds.mjs DIST_A DIST_B FILE.csv [RUNS]
import { serveDir, launchChromium } from './harness.mjs';
import { runApp } from './peers/browser-runs.mjs';
import { readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [a, b, file, runs = '3'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/compare-builds.mjs DIST_A DIST_B FILE.csv [RUNS]');
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** The wasm of a build: bytes, and bytes gzipped (what a server would send). */
function wasmSize(dir) {
  const wasm = readdirSync(dir).find((f) => f.endsWith('.wasm'));
  const bytes = readFileSync(join(dir, wasm));
  return { bytes: statSync(join(dir, wasm)).size, gzip: gzipSync(bytes, { level: 9 }).length };
}

const builds = [a, b].map((dir, i) => ({ dir, port: 4190 + i, results: [] }));
const servers = await Promise.all(builds.map((x) => serveDir(x.dir, x.port)));
const browser = await launchChromium();
try {
  for (let run = 0; run < Number(runs); run++) {
    for (const build of builds) build.results.push(await runApp(browser, `http://127.0.0.1:${build.port}/`, file));
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.kill());
}
const fields = ['load', 'classify', 'levelsWall', 'edit', 'longestTask', 'wasmMB', 'peakMB'];
const rows = builds.map((x) => ({ ...Object.fromEntries(fields.map((f) => [f, median(x.results.map((r) => r[f] ?? NaN))])), ...wasmSize(x.dir) }));
console.log(`file ${file}, median of ${runs} runs each, alternating`);
console.log('build'.padEnd(40) + fields.map((f) => f.padStart(11)).join('') + '  wasm KB  gzip KB');
for (const [i, x] of builds.entries()) {
  const r = rows[i];
  console.log(x.dir.padEnd(40) + fields.map((f) => r[f].toFixed(3).padStart(11)).join('') + `  ${(r.bytes / 1024).toFixed(0).padStart(7)}  ${(r.gzip / 1024).toFixed(0).padStart(7)}`);
}
console.log('B / A'.padEnd(40) + fields.map((f) => (rows[1][f] / rows[0][f]).toFixed(2).padStart(11)).join('') + `  ${(rows[1].bytes / rows[0].bytes).toFixed(2).padStart(7)}  ${(rows[1].gzip / rows[0].gzip).toFixed(2).padStart(7)}`);
