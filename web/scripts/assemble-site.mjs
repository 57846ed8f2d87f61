// After the two Vite builds: makes build/site a self-contained static folder (the wasm engine,
// lessons/, widgets/ with their data, the embed example, every lesson pre-parsed by that
// engine) and prints what each page costs to transfer (gzip), counting the worker and the
// engine a page starts.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SITE = join(ROOT, 'build/site');
const ENGINE = join(ROOT, 'build/wasm/bindings');

function copy(from, to, what) {
  if (!existsSync(from)) {
    console.warn(`assemble: ${relative(ROOT, from)} is missing: the site has no ${what}`);
    return false;
  }
  cpSync(from, join(SITE, to), { recursive: true });
  return true;
}

if (!existsSync(join(SITE, 'lesson.html'))) {
  console.error('assemble: build/site/lesson.html is missing; run the Vite builds first (npm run build)');
  process.exit(1);
}
const engine = ['engine.mjs', 'engine.wasm'].every((f) => copy(join(ENGINE, f), f, `wasm engine (${f}); build it with tools/lab build`));
copy(join(ROOT, 'lessons'), 'lessons', 'lessons');
copy(join(ROOT, 'widgets'), 'widgets', 'widget files');
copy(join(ROOT, 'web/embed-example.html'), 'embed-example.html', 'embed example');
copy(join(ROOT, 'web/embed-example.css'), 'embed-example.css', 'embed example stylesheet');

// ---- lessons pre-parsed: the site's own engine.mjs/engine.wasm (under Node) parses every
// lesson file as the lesson page's worker would, parseLesson(text, file name). The page takes
// the answer when its lesson file still hashes the same (web/src/lesson/lesson-source.ts) and
// renders without waiting for the engine to download and start; any other file it parses with
// the engine as before. parsed-lessons/index.json maps a file's site path to its SHA-256 (of
// the text as a browser decodes it: UTF-8, a BOM dropped) and its answer's file; an answer's
// lesson body, the text from `bodyStart` on, is left out (the page cuts it from the file).
// lessons/index.json is parsed the same way (parseCatalog; the index's `catalog`). ----
const PARSED = join(SITE, 'parsed-lessons');
rmSync(PARSED, { recursive: true, force: true });
mkdirSync(PARSED, { recursive: true });
const parsedIndex = { note: 'lesson files parsed at build time by this site\'s engine; see web/scripts/assemble-site.mjs', lessons: {} };
if (engine && existsSync(join(SITE, 'lessons'))) {
  // Emscripten 3.1.6's ES-module output reads __dirname and require on Node (tests/js/helpers/load-engine.mjs).
  globalThis.__dirname ??= SITE;
  globalThis.require ??= createRequire(import.meta.url);
  const { default: createEngine } = await import(pathToFileURL(join(SITE, 'engine.mjs')).href);
  const parser = await createEngine({ wasmBinary: readFileSync(join(SITE, 'engine.wasm')) });
  const lessonFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? lessonFiles(join(dir, e.name)) : e.name.endsWith('.md') && e.name !== 'README.md' ? [join(dir, e.name)] : []);
  for (const file of lessonFiles(join(SITE, 'lessons')).sort()) {
    const text = new TextDecoder().decode(readFileSync(file));
    const sha256 = createHash('sha256').update(new TextEncoder().encode(text)).digest('hex');
    const sitePath = relative(SITE, file).split('\\').join('/');
    const filename = basename(file);
    const out = `${filename.replace(/\.md$/, '').replace(/[^A-Za-z0-9_.-]/g, '_')}.${sha256.slice(0, 12)}.json`;
    const answer = JSON.parse(parser.parseLesson(text, filename));
    // The body is the file's own text from some offset on: the page has that text already.
    const body = answer?.lesson?.body;
    let bodyStart;
    if (typeof body === 'string' && body && text.endsWith(body)) {
      bodyStart = text.length - body.length;
      delete answer.lesson.body;
    }
    writeFileSync(join(PARSED, out), `${JSON.stringify({ filename, sha256, bodyStart, answer })}\n`);
    parsedIndex.lessons[sitePath] = { sha256, file: out };
  }
  // The catalog likewise: the course and lesson pages list what the engine's parseCatalog gives.
  const catalogFile = join(SITE, 'lessons', 'index.json');
  if (existsSync(catalogFile)) {
    const text = new TextDecoder().decode(readFileSync(catalogFile));
    const sha256 = createHash('sha256').update(new TextEncoder().encode(text)).digest('hex');
    const answer = JSON.parse(parser.parseCatalog(text, 'index.json'));
    const out = `catalog.${sha256.slice(0, 12)}.json`;
    writeFileSync(join(PARSED, out), `${JSON.stringify({ sha256, answer })}\n`);
    parsedIndex.catalog = { sha256, file: out };
  }
}
writeFileSync(join(PARSED, 'index.json'), `${JSON.stringify(parsedIndex, null, 1)}\n`);

// ---- offline manifest: every file lab-sw.js caches on install, and a version that changes
// whenever any of them does (the service worker then replaces its cache) ----
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [relative(SITE, join(dir, e.name)).split('\\').join('/')]);
}
const offlineFiles = listFiles(SITE).filter((f) => f !== 'offline-manifest.json' && f !== 'lab-sw.js').sort();
const digest = createHash('sha256');
for (const f of offlineFiles) digest.update(f).update(readFileSync(join(SITE, f)));
writeFileSync(join(SITE, 'offline-manifest.json'),
  `${JSON.stringify({ version: digest.digest('hex').slice(0, 16), files: offlineFiles }, null, 1)}\n`);

// ---- transfer sizes ----
const gz = new Map();
const gzipSize = (file) => {
  if (!gz.has(file)) gz.set(file, existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0);
  return gz.get(file);
};
const local = (ref, from) => {
  if (/^[a-z]+:|^\/\//i.test(ref)) return null;
  const path = join(ref.startsWith('/') ? SITE : dirname(from), ref.split(/[?#]/)[0]);
  return existsSync(path) && statSync(path).isFile() ? path : null;
};

/** A file and everything it statically pulls in: HTML's scripts/styles, JS's imports. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const refs = file.endsWith('.html')
    ? [...text.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    : file.endsWith('.js') ? [...text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]) : [];
  for (const ref of refs) {
    const path = local(ref, file);
    if (path) closure(path, seen);
  }
  return seen;
}

// Pages that start the engine worker as they open (the lesson page parses its lesson with it).
const ENGINE_PAGES = new Set(['lesson.html', 'widget.html', 'embed-example.html']);
const runtime = ['lab-engine-worker.js', 'engine.mjs', 'engine.wasm'].map((f) => join(SITE, f)).filter(existsSync);
const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
console.log('\ntransfer size (gzip -9) per page, incl. the engine worker and wasm it starts:');
for (const page of readdirSync(SITE).filter((f) => f.endsWith('.html')).sort()) {
  const files = [...closure(join(SITE, page))];
  const own = files.reduce((sum, f) => sum + gzipSize(f), 0);
  const startsEngine = ENGINE_PAGES.has(page);
  const total = own + (startsEngine ? runtime.reduce((sum, f) => sum + gzipSize(f), 0) : 0);
  console.log(`  ${page.padEnd(20)} page ${kb(own)}   total ${kb(total)}   (${files.length} files${startsEngine ? ' + worker and engine' : ''})`);
}
for (const f of runtime) console.log(`    ${relative(SITE, f).padEnd(22)} ${kb(gzipSize(f))}`);
const offlineTotal = offlineFiles.reduce((sum, f) => sum + gzipSize(join(SITE, f)), 0);
console.log(`  offline cache (lab-sw.js fetches it in the background after a first visit): ${kb(offlineTotal).trim()} in ${offlineFiles.length} files`);
if (!engine) console.log('  (engine.mjs/engine.wasm not built yet: sizes exclude the engine)');
