// PapaParse peer: from the file chosen, parse the File to arrays on the page's thread (chunked,
// rows kept), then group by suspect with a Map. Results go to window.peerResult.
window.peerStartup = { ms: 0, version: Papa.PAPA_VERSION || 'papaparse' };
document.getElementById('file').addEventListener('change', (event) => {
  const t0 = performance.now();
  const rows = [];
  Papa.parse(event.target.files[0], {
    worker: false,
    skipEmptyLines: true,
    chunk: (results) => { for (const row of results.data) rows.push(row); },
    error: (e) => { window.peerError = String(e); },
    complete: () => {
      const t1 = performance.now();
      const header = rows[0];
      const suspect = header.indexOf('suspect_id');
      const charged = header.indexOf('charged');
      const groups = new Map();
      for (let i = 1; i < rows.length; i++) {
        const row = rows[i];
        const g = groups.get(row[suspect]);
        const c = row[charged] === 'true' ? 1 : 0;
        if (g) { g.incidents++; g.charged += c; } else groups.set(row[suspect], { incidents: 1, charged: c });
      }
      const t2 = performance.now();
      let total = 0;
      for (const g of groups.values()) total += g.charged;
      window.peerResult = { loadMs: t1 - t0, groupMs: t2 - t1, rows: rows.length - 1, suspects: groups.size, charged: total };
      document.getElementById('out').textContent = JSON.stringify(window.peerResult, null, 1);
    },
  });
});
