// Writes the peer benchmark's incident extracts (deterministic, seeded), once:
//   node make-data.mjs OUT_DIR 100k 1M 2.5M
// Each size N gives OUT_DIR/incidents_N.csv and OUT_DIR/incidents_N.json (rows, bytes, distinct
// suspects, the generator's version). A file whose sidecar matches is kept, not written again.
// Shape: about 4.4 incidents per suspect, skewed (most suspects have 1-2, a few 20+), dates over
// 2016-2023 in date order, mostly IPV call types with some others, flags as true/false.
import { createWriteStream, existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';

const VERSION = 1;
export const HEADER = 'incident_id,date,suspect_id,victim_id,address,call_type,arrest,charged,felony,weapon,strangulation,injury,po_violation';

/** "100k" -> 100000, "2.5M" -> 2500000, "5000" -> 5000. */
export function parseSize(text) {
  const m = /^([0-9]+(?:\.[0-9]+)?)([kKmM]?)$/.exec(text);
  if (!m) throw new Error(`size "${text}" is not a number of rows like 100k, 1M or 2.5M`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]]);
}

/** mulberry32: small, fast, the same on every platform. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_DAY = Date.UTC(2016, 0, 1) / 86400000;
const DAYS = (Date.UTC(2024, 0, 1) / 86400000) - FIRST_DAY; // 2016-01-01 .. 2023-12-31
const DIRS = ['N', 'S', 'E', 'W'];
const STREETS = ['MAIN', 'OAK', 'PINE', 'MAPLE', 'CEDAR', 'ELM', 'WASHINGTON', 'LAKE', 'HILL', 'PARK', 'LINCOLN',
  'JACKSON', 'FRANKLIN', 'MADISON', 'RIVER', 'CHURCH', 'MARKET', 'WALNUT', 'CHESTNUT', 'SPRING', 'HIGH', 'MILL',
  'KING', 'STATE', 'UNION', 'GRANT', 'CENTRAL', 'BROAD', 'WATER', 'FOREST', '1ST', '2ND', '3RD', '4TH', '5TH'];
const SUFFIXES = ['ST', 'ST', 'AVE', 'AVE', 'BLVD', 'DR', 'RD', 'PL', 'CT'];
// [call type, weight, is IPV].
const CALL_TYPES = [
  ['SIMPLE ASSAULT - DOMESTIC', 38, true],
  ['DOMESTIC DISTURBANCE - NO CRIME', 20, true],
  ['AGG ASSAULT - DOMESTIC', 10, true],
  ['VIOLATION OF PROTECTIVE ORDER', 7, true],
  ['CRIMINAL DAMAGE - DOMESTIC', 5, true],
  ['THEFT', 6, false],
  ['BURGLARY', 4, false],
  ['DISORDERLY CONDUCT', 5, false],
  ['NARCOTICS', 5, false],
];
const CALL_TOTAL = CALL_TYPES.reduce((s, c) => s + c[1], 0);
// A suspect's first incident names the relationship ("DOMESTIC"), so every suspect counts as an
// IPV suspect for every tool (a protective-order violation alone does not say who the victim was).
const IPV_CALLS = CALL_TYPES.filter((c) => c[0].includes('DOMESTIC'));
const IPV_TOTAL = IPV_CALLS.reduce((s, c) => s + c[1], 0);

function pick(list, total, u) {
  let x = u * total;
  for (const item of list) if ((x -= item[1]) < 0) return item;
  return list[list.length - 1];
}

/** Incidents of one suspect: log-normal count (median ~1.5, mean ~4.4, capped at 150). */
function incidentCount(rand) {
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.min(150, Math.max(1, Math.round(Math.exp(0.41 + 1.45 * z))));
}

function address(rand) {
  const block = String(1 + Math.floor(rand() * 160)).padStart(3, '0');
  const dir = DIRS[Math.floor(rand() * 4)];
  return `${block}XX ${dir} ${STREETS[Math.floor(rand() * STREETS.length)]} ${SUFFIXES[Math.floor(rand() * SUFFIXES.length)]}`;
}

function isoDate(day) {
  return new Date((FIRST_DAY + day) * 86400000).toISOString().slice(0, 10);
}

/** Suspects and their incident days for `rows` rows, then the rows in date order. */
function plan(rows, rand) {
  const suspectOf = new Int32Array(rows);
  const dayOf = new Int32Array(rows);
  const firstOf = new Uint8Array(rows); // the suspect's first incident (always IPV)
  let n = 0;
  let suspects = 0;
  while (n < rows) {
    const k = Math.min(incidentCount(rand), rows - n);
    const window = Math.min(DAYS, 60 + k * 110);
    const start = Math.floor(rand() * (DAYS - window + 1));
    const days = Array.from({ length: k }, () => start + Math.floor(rand() * window)).sort((a, b) => a - b);
    for (let i = 0; i < k; i++, n++) {
      suspectOf[n] = suspects;
      dayOf[n] = days[i];
      firstOf[n] = i === 0 ? 1 : 0;
    }
    suspects++;
  }
  // Counting sort by day: a records system's export in date order, suspects interleaved.
  const perDay = new Int32Array(DAYS + 1);
  for (let i = 0; i < rows; i++) perDay[dayOf[i] + 1]++;
  for (let d = 0; d < DAYS; d++) perDay[d + 1] += perDay[d];
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[perDay[dayOf[i]]++] = i;
  return { suspectOf, dayOf, firstOf, order, suspects };
}

function flag(b) {
  return b ? 'true' : 'false';
}

async function writeSize(path, rows, seed) {
  const rand = prng(seed);
  const { suspectOf, dayOf, firstOf, order, suspects } = plan(rows, rand);
  // Each suspect's home address and number of partners, drawn once from a second stream.
  const homeRand = prng(seed ^ 0x9e3779b9);
  const homes = Array.from({ length: suspects }, () => address(homeRand));
  const partners = Uint8Array.from({ length: suspects }, () => (homeRand() < 0.18 ? 2 : 1));
  const out = createWriteStream(`${path}.tmp`);
  let chunk = HEADER + '\n';
  let bytes = 0;
  for (let r = 0; r < rows; r++) {
    const i = order[r];
    const s = suspectOf[i];
    const date = isoDate(dayOf[i]);
    const id = String((s * 7919 + 1234567) % 10000000).padStart(7, '0');
    const call = firstOf[i] ? pick(IPV_CALLS, IPV_TOTAL, rand()) : pick(CALL_TYPES, CALL_TOTAL, rand());
    const victim = `V${id}-${1 + Math.floor(rand() * partners[s])}`;
    const where = rand() < 0.8 ? homes[s] : address(rand);
    const arrest = rand() < (call[0].startsWith('AGG') ? 0.8 : 0.42);
    const charged = arrest ? rand() < 0.78 : rand() < 0.08;
    const felony = call[0].startsWith('AGG') || rand() < 0.05;
    const weapon = rand() < (felony ? 0.45 : 0.03);
    const strangulation = rand() < 0.04;
    const injury = rand() < (felony ? 0.6 : 0.2);
    const po = call[0] === 'VIOLATION OF PROTECTIVE ORDER' || rand() < 0.02;
    chunk += `RMS${date.slice(2, 4)}-${String(r + 1).padStart(7, '0')},${date},P${id},${victim},${where},${call[0]},` +
      `${flag(arrest)},${flag(charged)},${flag(felony)},${flag(weapon)},${flag(strangulation)},${flag(injury)},${flag(po)}\n`;
    if (chunk.length > 1 << 20 || r === rows - 1) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.tmp`, path);
  return { rows, bytes, suspects };
}

/** Makes sure OUT_DIR/incidents_LABEL.csv exists for each label; returns their descriptions. */
export async function makeData(outDir, labels) {
  mkdirSync(outDir, { recursive: true });
  const made = [];
  for (const label of labels) {
    const rows = parseSize(label);
    const file = `${outDir}/incidents_${label}.csv`;
    const sidecar = `${outDir}/incidents_${label}.json`;
    const wanted = { version: VERSION, rows, seed: 20260 + rows };
    let info = existsSync(sidecar) && existsSync(file) ? JSON.parse(readFileSync(sidecar, 'utf8')) : null;
    if (!info || info.version !== wanted.version || info.rows !== rows) {
      const started = Date.now();
      info = { ...wanted, ...(await writeSize(file, rows, wanted.seed)) };
      writeFileSync(sidecar, JSON.stringify(info, null, 1));
      console.log(`wrote ${file}: ${rows} rows, ${(info.bytes / 1e6).toFixed(1)} MB, ${info.suspects} suspects ` +
        `(${(rows / info.suspects).toFixed(2)} incidents each) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    made.push({ label, file, ...info });
  }
  return made;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, ...labels] = process.argv.slice(2);
  if (!outDir || labels.length === 0) {
    console.error('usage: node make-data.mjs OUT_DIR SIZE... (e.g. 100k 1M 2.5M)');
    process.exit(2);
  }
  await makeData(outDir, labels);
}
