#!/usr/bin/env node
// Turns the release build in dist/ into one self-contained page, dist-single/ipvi-workbench.html,
// that opens from disk (file://) with no network: the stylesheets become <style> elements, the
// wasm-bindgen glue, boot.js and the wasm (base64) become one inline module script. The page's
// Content-Security-Policy stays strict: the script and the style elements are allowed by their
// SHA-256 hashes, not by 'unsafe-inline' (which only style attributes get), and nothing may be
// fetched or connected to.
//
// Usage: node scripts/build-single.mjs [--dist DIR] [--out FILE]   (scripts/build-single wraps it)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`build-single: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { dist: join(root, 'dist'), out: join(root, 'dist-single', 'ipvi-workbench.html') };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!['--dist', '--out'].includes(flag) || value === undefined) {
      fail(`unknown argument ${flag}; usage: build-single.mjs [--dist DIR] [--out FILE]`);
    }
    options[flag.slice(2)] = resolve(value);
  }
  return options;
}

function readDist(dist, name) {
  try {
    return readFileSync(join(dist, name));
  } catch (error) {
    fail(`cannot read ${join(dist, name)} (${error.code}); run scripts/build first`);
  }
}

// The HTML parser turns CR LF into LF before a script or style element sees its text, and the
// browser hashes that text: hash what the browser will see.
const normalizeNewlines = (text) => text.replace(/\r\n?/g, '\n');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Replaces the one match of `pattern` in `text`; any other count means the input changed shape. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g')) ?? [];
  if (matches.length !== 1) fail(`expected one ${what}, found ${matches.length}; update scripts/build-single.mjs`);
  return text.replace(pattern, replacement);
}

/** Text that would end or confuse an inline element early in the HTML parser is refused. */
function checkInlineText(text, tag, source) {
  const closing = new RegExp(`</${tag}`, 'i');
  if (closing.test(text) || /<!--/.test(text) || (tag === 'script' && /<script/i.test(text))) {
    fail(`${source} contains text that would end its inline <${tag}> early; cannot inline it`);
  }
}

/** The stylesheet links become <style> elements; returns the new page and the styles' hashes. */
function inlineStyles(html, dist) {
  const hashes = [];
  const link = /<link\b[^>]*\brel="?stylesheet"?[^>]*>/gi;
  const page = html.replace(link, (tag) => {
    const href = tag.match(/\bhref="([^"]+)"/)?.[1] ?? fail(`stylesheet link without href: ${tag}`);
    const css = normalizeNewlines(readDist(dist, href.replace(/^\.\//, '')).toString('utf8'));
    checkInlineText(css, 'style', href);
    if (/@import|url\(\s*["']?(?!data:)/i.test(css)) fail(`${href} refers to another file; cannot inline it`);
    hashes.push(sha256(css));
    const media = tag.match(/\bmedia="([^"]+)"/)?.[1];
    return `<style${media ? ` media="${media}"` : ''}>${css}</style>`;
  });
  if (hashes.length === 0) fail('no stylesheet link found in index.html');
  return { page, hashes };
}

/** Base64 of the wasm, decoded in the page (fetching a data: URL would be a request); boot
 * passes a promise of the bytes so that a failed decode reaches its error banner. */
function wasmDecoder(wasm) {
  return [
    `const ipviWasmBase64 = "${wasm.toString('base64')}";`,
    'const ipviWasm = () => {',
    '  const binary = atob(ipviWasmBase64);',
    '  const bytes = new Uint8Array(binary.length);',
    '  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);',
    '  return bytes;',
    '};',
  ].join('\n');
}

/** The one inline module: the glue as is (its exports are valid, unused module code), then
 * boot.js's start-up and error banner with the wasm's bytes instead of its URL. */
function inlineScript(dist) {
  const boot = readDist(dist, 'boot.js').toString('utf8');
  const imported =
    boot.match(/^import (\w+) from '\.\/([\w.-]+\.js)';$/m) ?? fail('boot.js: no "import init from ..." line');
  const [importLine, initName, glueName] = imported;
  const wasmPath = /module_or_path: '\.\/([\w.-]+\.wasm)'/;
  const wasmName = boot.match(wasmPath)?.[1] ?? fail('boot.js: no "module_or_path: \'./NAME.wasm\'"');
  const glue = readDist(dist, glueName).toString('utf8');
  if (/^\s*import\b/m.test(glue)) fail(`${glueName} imports other files (wasm-bindgen snippets); cannot inline it`);
  const exported =
    glue.match(/export \{[^}]*\b(\w+) as default\b[^}]*\};?/) ?? fail(`${glueName}: no default export`);
  // boot.js from its import on (its header explains the external file, not this page).
  const start = boot.slice(boot.indexOf(importLine) + importLine.length);
  const bytes = 'module_or_path: Promise.resolve().then(ipviWasm)';
  const bootCode = replaceOnce(start, wasmPath, bytes, 'wasm path in boot.js');
  const script = normalizeNewlines(
    [
      glue.trimEnd(),
      '',
      '// Start-up (scripts/build-single.mjs: boot.js with the wasm inlined), in a block so that its',
      '// names cannot clash with the glue\'s.',
      '{',
      `const ${initName} = ${exported[1]};`,
      wasmDecoder(readDist(dist, wasmName)),
      bootCode.trim(),
      '}',
      '',
    ].join('\n'),
  );
  checkInlineText(script, 'script', `${glueName} + boot.js`);
  return { script, names: { glueName, wasmName } };
}

// Only the page itself: the script and style elements by hash, the wasm compiled from bytes,
// images from data: (the icon) and blob: (as in the served page), no connection.
// Downloads are blob: links with a download attribute and PNGs come from canvas.toBlob; neither
// is governed by these directives.
function policy(scriptHash, styleHashes) {
  return [
    "default-src 'none'",
    `script-src ${scriptHash} 'wasm-unsafe-eval'`,
    // Style elements by hash; style attributes need 'unsafe-inline' (style-src-attr only): the
    // Classify page draws its level bars with a style="width: …" attribute.
    `style-src ${styleHashes.join(' ')}`,
    "style-src-attr 'unsafe-inline'",
    'img-src data: blob:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function buildPage(dist) {
  let html = normalizeNewlines(readDist(dist, 'index.html').toString('utf8'));
  // Preloads would be requests; Trunk's own leftover <link data-trunk> and blank lines are noise.
  html = html.replace(/[ \t]*<link\b[^>]*\brel="?(modulepreload|preload|prefetch)"?[^>]*>\n?/gi, '');
  html = html.replace(/[ \t]*<link data-trunk\b[^>]*>\n?/g, '').replace(/\n[ \t]*(?=\n)/g, '');
  // A worker's script cannot load from one file (and the policy below forbids it): without the
  // meta that names it, the app reads files on the page. Its comment goes with it.
  html = replaceOnce(html, /[ \t]*<!-- The file reader[^>]*-->\n/, '', 'worker comment in index.html');
  html = replaceOnce(html, /[ \t]*<meta name="ipvi-worker"[^>]*>\n/, '', 'worker meta in index.html');
  const { page, hashes } = inlineStyles(html, dist);
  const { script, names } = inlineScript(dist);
  const bootTag = /<script\b[^>]*\bsrc="[^"]*boot\.js"[^>]*><\/script>/;
  html = replaceOnce(page, bootTag, () => `<script type="module">${script}</script>`, 'boot.js script tag');
  const csp = /(?:<!--[^>]*-->\s*)?(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/;
  const why = '<!-- Nothing outside this file may load, and no connection may go anywhere. -->\n  ';
  const strict = policy(sha256(script), hashes);
  html = replaceOnce(html, csp, (_, open, close) => why + open + strict + close, 'CSP meta tag');
  // Outside the inline script, nothing may point at another file (what the app adds to the page
  // later, tests/e2e/specs/single-file.spec.mjs checks in the browser).
  const outside = html.replace(script, '');
  const refs = [...outside.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !/^(data:|#)/.test(u));
  if (refs.length) fail(`the page still refers to other files: ${refs.join(', ')}`);
  return { html, names, styles: hashes.length };
}

const options = parseArgs(process.argv.slice(2));
const { html, names, styles } = buildPage(options.dist);
mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, html);
const bytes = Buffer.byteLength(html);
const wasmBytes = readDist(options.dist, names.wasmName).length;
console.log(
  `build-single: wrote ${options.out}: ${bytes.toLocaleString('en-US')} bytes (${(bytes / 1048576).toFixed(2)} MiB); ` +
    `${names.wasmName} (${wasmBytes.toLocaleString('en-US')} bytes) as base64, ` +
    `${names.glueName} + boot.js as one inline module, ${styles} stylesheets inline`,
);
// The recipient can check that the file they received is the one sent.
console.log(`build-single: SHA-256 ${createHash('sha256').update(html, 'utf8').digest('hex')}`);
