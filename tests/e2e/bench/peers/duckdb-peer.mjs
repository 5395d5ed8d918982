// DuckDB-Wasm peer: start-up (worker + instantiate + connect) on page load, then from the file
// chosen: register the File, CREATE TABLE from read_csv (auto-detect), group by suspect.
// Results go to window.peerStartup and window.peerResult for scripts/bench-peers.
import * as duckdb from './node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';

const dist = new URL('./node_modules/@duckdb/duckdb-wasm/dist/', import.meta.url).href;
const show = (o) => { document.getElementById('out').textContent = JSON.stringify(o, null, 1); };

async function start() {
  const t0 = performance.now();
  // The exception-handling build: every current chromium runs it; no threads, so no COOP/COEP.
  const worker = new Worker(`${dist}duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${dist}duckdb-eh.wasm`);
  const conn = await db.connect();
  // No extension may be fetched from the internet; read_csv is built in.
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  window.peerStartup = { ms: performance.now() - t0, version: await db.getVersion() };
  return { db, conn };
}

const ready = start().catch((e) => { window.peerError = String(e); throw e; });
document.getElementById('file').addEventListener('change', async (event) => {
  try {
    const t0 = performance.now();
    const file = event.target.files[0];
    const { db, conn } = await ready;
    await db.registerFileHandle(file.name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await conn.query(`CREATE OR REPLACE TABLE incidents AS SELECT * FROM read_csv('${file.name}')`);
    const t1 = performance.now();
    const groups = await conn.query(
      'SELECT suspect_id, count(*) AS incidents, sum(CAST(charged AS INTEGER)) AS charged FROM incidents GROUP BY suspect_id');
    const t2 = performance.now();
    const rows = (await conn.query('SELECT count(*)::INTEGER AS n FROM incidents')).getChild('n').get(0);
    const charged = groups.getChild('charged').toArray().reduce((s, v) => s + Number(v), 0);
    window.peerResult = { loadMs: t1 - t0, groupMs: t2 - t1, rows, suspects: groups.numRows, charged };
    show(window.peerResult);
  } catch (e) {
    window.peerError = String(e);
    show({ error: String(e) });
  }
});
