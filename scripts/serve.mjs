// A small static file server for dist/ on the loopback interface only.
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--prefix /]
// --prefix serves the app under a sub-path (as a department intranet might), e.g. /tools/ipvi/.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const root = resolve(args.dir ?? 'dist');
const port = Number(args.port ?? 8080);
const prefix = ('/' + (args.prefix ?? '/').replace(/^\/+|\/+$/g, '') + '/').replace('//', '/');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.csv': 'text/csv', '.png': 'image/png', '.ico': 'image/x-icon',
};

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  if (!path.startsWith(prefix)) {
    res.writeHead(path === '/' ? 302 : 404, { Location: prefix }).end();
    return;
  }
  let file = normalize(join(root, path.slice(prefix.length)));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`IPVI Workbench is served at http://127.0.0.1:${port}${prefix}  (Ctrl+C stops it)`);
});
