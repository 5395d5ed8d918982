// Peer benchmark (not a test): the app's intake and classification against DuckDB-Wasm,
// PapaParse and the native `ipvi`, on the same generated incident extracts, in one run.
//   node bench.mjs [SIZES...]   (default 100k 1M 2.5M; run it through scripts/bench-peers)
// Prints one table and writes it as JSON to target/bench-data/peers/results.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { launchChromium, root, serveDir } from '../harness.mjs';
import { makeData } from './make-data.mjs';
import { runApp, runPeer } from './browser-runs.mjs';

const RUNS = 3;
const sizes = process.argv.length > 2 ? process.argv.slice(2) : ['100k', '1M', '2.5M'];
const outDir = `${root}target/bench-data/peers`;
const ipvi = `${root}target/release/ipvi`;
const here = new URL('./', import.meta.url).pathname;

/** Median of each numeric field over the runs (other fields from the first run). */
function medians(runs) {
  const out = { ...runs[0] };
  for (const [key, value] of Object.entries(runs[0])) {
    if (typeof value !== 'number') continue;
    const sorted = runs.map((r) => r[key]).filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
    out[key] = sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
  }
  return out;
}

async function repeat(times, run) {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await run());
  return medians(runs);
}

/** Wall time (s), peak RSS (MiB) and standard error of a native command. */
async function native(args) {
  const started = process.hrtime.bigint();
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-f', 'peak-kb %M', ipvi, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) throw new Error(`ipvi ${args.join(' ')} failed:\n${r.stderr}`);
    return { seconds, peakMB: Number(/peak-kb ([0-9]+)/.exec(r.stderr)[1]) / 1024, stderr: r.stderr };
  }
  // Without GNU time: poll the process's high-water mark.
  const child = spawn(ipvi, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let hwm = 0;
  child.stderr.on('data', (d) => { stderr += d; });
  const timer = setInterval(() => {
    try { hwm = Math.max(hwm, Number(/VmHWM:\s+([0-9]+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1])); } catch { /* ended */ }
  }, 20);
  const code = await new Promise((r) => child.on('close', r));
  clearInterval(timer);
  if (code !== 0) throw new Error(`ipvi ${args.join(' ')} failed:\n${stderr}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMB: hwm / 1024, stderr };
}

/** `ipvi check` must read the file as an incidents table with every column mapped. */
function checkColumns(file) {
  const r = spawnSync(ipvi, ['check', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ipvi check ${file} refused the file:\n${r.stdout}${r.stderr}`);
  if (!/: incidents table/.test(r.stdout)) throw new Error(`ipvi check did not read ${file} as incidents:\n${r.stdout}`);
  const columns = r.stdout.split('columns (field: filled):')[1].trim().split('\n').map((l) => l.trim().split(/\s{2,}/));
  const unmapped = columns.filter(([, field]) => !field || /not used|unmapped|ignored/i.test(field)).map(([c]) => c);
  if (unmapped.length) console.warn(`ipvi check: columns not recognised in ${file}: ${unmapped.join(', ')}`);
  return { columns: columns.map(([column, field]) => ({ column, field })), unmapped };
}

function machine(chromiumVersion) {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  const field = (name) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(info)?.[1];
  const cpu = `${field('model name') ?? 'unknown'} (family ${field('cpu family')}, model ${field('model')})`;
  const ramKb = Number(/MemTotal:\s+([0-9]+)/.exec(readFileSync('/proc/meminfo', 'utf8'))[1]);
  return { nproc: availableParallelism(), cpu, ramGB: +(ramKb / 1048576).toFixed(1), chromium: chromiumVersion, node: process.version };
}

const data = await makeData(outDir, sizes);
const results = { sizes: [] };
const appServer = await serveDir(`${root}dist`, 4191);
const peerServer = await serveDir(here, 4192);
const browser = await launchChromium();
try {
  results.machine = machine(browser.version());
  for (const d of data) {
    const mapping = checkColumns(d.file);
    console.log(`${d.label}: ${d.rows} rows, ${(d.bytes / 1e6).toFixed(1)} MB, ${d.suspects} suspects; ipvi check maps ${mapping.columns.length - mapping.unmapped.length} of ${mapping.columns.length} columns`);
    const check = await repeat(RUNS, () => native(['check', d.file]));
    const classify = await repeat(RUNS, async () => {
      const r = await native(['classify', '--incidents', d.file, '--out', '/dev/null']);
      return { ...r, suspects: Number(/classified ([0-9]+) people/.exec(r.stderr)?.[1]) };
    });
    const app = await repeat(RUNS, () => runApp(browser, 'http://127.0.0.1:4191/', d.file));
    const duck = await repeat(RUNS, () => runPeer(browser, 'http://127.0.0.1:4192/duckdb.html', d.file));
    const papa = await repeat(RUNS, () => runPeer(browser, 'http://127.0.0.1:4192/papaparse.html', d.file));
    results.sizes.push({ ...d, mapping, tools: { app, duckdb: duck, papaparse: papa, check, classify } });
    writeFileSync(`${outDir}/results.json`, JSON.stringify(results, null, 1));
  }
} finally {
  await browser.close();
  appServer.kill();
  peerServer.kill();
}

results.table = printTable(results);
writeFileSync(`${outDir}/results.json`, JSON.stringify(results, null, 1));
console.log(`\nwritten to ${outDir}/results.json`);

function printTable({ machine: m, sizes: all }) {
  const rows = [];
  for (const s of all) {
    const { app, duckdb: duck, papaparse: papa, check, classify } = s.tools;
    const base = duck.total;
    const baseWithStartup = duck.total + duck.startup;
    const row = (tool, time, startup, peakMB, suspects, wall, note = '') => rows.push({
      size: s.label, tool, seconds: time, mbPerS: time ? s.bytes / 1e6 / time : null, startup, peakMB, suspects,
      ratio: time / base, ratioWithStartup: (time + (startup ?? 0)) / baseWithStartup, wall, note,
    });
    row('app: file -> dataset loaded', app.load, app.startup, null, null, app.loadWall, `from ${app.loadSource}`);
    row('app: file -> levels shown', app.levelsWall, app.startup, app.peakMB, app.suspects, app.levelsWall,
      `wasm ${app.wasmMB.toFixed(0)} MiB; classify ${app.classify == null ? app.classifyText.replace(/.* computed in (.*)\.$/, '$1') : `${app.classify.toFixed(3)} s (ipvi:classify)`}` +
      (app.edit == null ? '' : `; criteria edit ${app.edit.toFixed(3)} s`) +
      (app.editMeasure == null ? '' : ` (ipvi:classify ${app.editMeasure.toFixed(3)} s)`) +
      (app.outcomes == null ? '' : `; ipvi:outcomes ${app.outcomes.toFixed(3)} s`) +
      (app.longestTask == null ? '' : `; longest main-thread task ${app.longestTask.toFixed(3)} s, ${app.longTasksOver100} over 100 ms`));
    row('DuckDB-Wasm load (read_csv)', duck.load, duck.startup, null, null, null, duck.version);
    row('DuckDB-Wasm group-by', duck.group, null, null, null, null);
    row('DuckDB-Wasm load + group-by', duck.total, duck.startup, duck.peakMB, duck.suspects, duck.wall);
    row('PapaParse parse to arrays', papa.load, papa.startup, null, null, null);
    row('PapaParse parse + Map group-by', papa.total, papa.startup, papa.peakMB, papa.suspects, papa.wall);
    row('native ipvi check', check.seconds, null, check.peakMB, null, check.seconds);
    row('native ipvi classify', classify.seconds, null, classify.peakMB, classify.suspects, classify.seconds);
    const found = { generator: s.suspects, app: app.suspects, duckdb: duck.suspects, papaparse: papa.suspects, 'ipvi classify': classify.suspects };
    s.suspectsAgree = new Set(Object.values(found)).size === 1;
    s.suspectsFound = found;
    const outside = [...app.outside, ...duck.outside, ...papa.outside];
    if (outside.length) console.warn(`${s.label}: requests outside loopback were refused: ${outside.join(', ')}`);
  }
  const f = (v, digits) => (v == null || !Number.isFinite(v) ? '-' : v.toFixed(digits));
  console.log(`\nPeer benchmark, ${m.nproc} cores (${m.cpu}), ${m.ramGB} GB RAM, chromium ${m.chromium}, node ${m.node}; median of ${RUNS} runs`);
  console.log('time: in the page from the file input\'s change (app load: its own measure or status text); app levels and native: wall clock.\n' +
    'wall: from Playwright choosing the file to the result on the page. ratio: time / DuckDB-Wasm load + group-by time; w/ start-up: both plus\n' +
    'their start-up (page open to ready). peak: renderer processes\' RSS above the pre-load baseline, polled every 100 ms; native: peak RSS.');
  const head = ['size', 'tool', 'time s', 'wall s', 'MB/s', 'start-up s', 'peak MiB', 'suspects', 'ratio', 'w/ start-up', 'notes'];
  const lines = rows.map((r) => [r.size, r.tool, f(r.seconds, 3), f(r.wall, 3), f(r.mbPerS, 1), f(r.startup, 3), f(r.peakMB, 0),
    r.suspects == null ? '' : String(r.suspects), f(r.ratio, 2), f(r.ratioWithStartup, 2), r.note]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const text = [head, ...lines].map((l) => l.map((c, i) => (i < 2 || i === 10 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd());
  console.log(text.join('\n'));
  for (const s of all) {
    const found = Object.entries(s.suspectsFound).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`${s.label}: ${(s.bytes / 1e6).toFixed(1)} MB, suspects found: ${found}${s.suspectsAgree ? ' (all agree)' : '  <-- MISMATCH'}`);
  }
  return rows;
}
