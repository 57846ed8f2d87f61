// tools/lib/site-server.mjs (the server tools/serve.mjs runs): MIME types, the CSP header,
// paths that try to leave the served folder, content coding, validators and byte ranges.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { cacheStats, compressible, MIN_COMPRESS_BYTES, negotiate } from '../../tools/lib/compression.mjs';
import { CSP, createSiteServer } from '../../tools/lib/site-server.mjs';

let server;
let port;
const outside = mkdtempSync(join(tmpdir(), 'lab-serve-outside-'));
const site = mkdtempSync(join(tmpdir(), 'lab-serve-site-'));

before(async () => {
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  mkdirSync(join(site, 'lessons'));
  for (const [name, text] of [['index.html', '<!doctype html>'], ['engine.wasm', '\0asm'], ['engine.mjs', 'export {}'],
    ['lessons/a.md', '# a'], ['lessons/index.json', '{}'], ['data.csv', 'a\n1'], ['style.css', 'a{}']]) {
    writeFileSync(join(site, name), text);
  }
  symlinkSync(join(outside, 'secret.txt'), join(site, 'link.txt'));
  server = createSiteServer(site);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
});
after(() => server.close());

/** A raw GET, so paths reach the server exactly as written (no client-side normalization);
 *  `headers`: a browser's revalidation headers, for instance. */
function get(path, method = 'GET', headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('MIME types the site needs', async () => {
  const types = {
    '/': 'text/html', '/engine.wasm': 'application/wasm', '/engine.mjs': 'text/javascript',
    '/lessons/a.md': 'text/markdown', '/lessons/index.json': 'application/json', '/data.csv': 'text/csv', '/style.css': 'text/css',
  };
  for (const [path, type] of Object.entries(types)) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-type'].split(';')[0], type, path);
  }
});

test('every file is sent with the strict CSP and nosniff', async () => {
  const res = await get('/index.html?x=1#y');
  assert.equal(res.headers['content-security-policy'], CSP);
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(CSP, /frame-src https:\/\/www\.youtube-nocookie\.com/);
  assert.doesNotMatch(CSP, /unsafe-inline|'unsafe-eval'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
});

test('paths that leave the folder are refused', async () => {
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/lessons/..%2f..%2fsecret.txt', '/link.txt', '/a%00b', '/%E0%A4%A', '/lessons\\..\\..\\x']) {
    const res = await get(path);
    assert.ok(res.status === 403 || res.status === 400, `${path}: ${res.status}`);
    assert.doesNotMatch(res.body, /secret/);
  }
  assert.equal((await get('//lessons/a.md')).status, 200, 'a doubled slash is a path, not a host');
  assert.equal((await get('/missing.txt')).status, 404);
});

test('only GET and HEAD', async () => {
  assert.equal((await get('/index.html', 'POST')).status, 405);
  const head = await get('/engine.mjs', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});

test('a file saved twice within one second is sent again, not answered 304 (the validator changes with every save)', async () => {
  // Two saves of the same size in the same second: a one-second Last-Modified could not tell
  // them apart, and a revalidating browser kept the first save's bytes.
  const file = join(site, 'lessons/saved.md');
  writeFileSync(file, '# first save');
  const first = await get('/lessons/saved.md');
  assert.equal(first.body, '# first save');
  assert.ok(first.headers.etag, 'an ETag is sent');
  writeFileSync(file, '# again save');
  const second = await get('/lessons/saved.md', 'GET', { 'If-None-Match': first.headers.etag, 'If-Modified-Since': first.headers['last-modified'] });
  assert.equal(second.status, 200);
  assert.equal(second.body, '# again save');
  assert.notEqual(second.headers.etag, first.headers.etag);
  // The date alone is never trusted: it may name the second save too.
  assert.equal((await get('/lessons/saved.md', 'GET', { 'If-Modified-Since': second.headers['last-modified'] })).status, 200);
  // Unchanged bytes are still answered 304 (saved again as they were, too).
  writeFileSync(file, '# again save');
  const same = await get('/lessons/saved.md', 'GET', { 'If-None-Match': second.headers.etag });
  assert.equal(same.status, 304);
  assert.equal(same.body, '');
  assert.equal(same.headers.etag, second.headers.etag);
});

// Content coding as static hosts do it (tools/lib/compression.mjs).
/** A GET whose body is kept as bytes (compressed bodies are binary). */
function getBytes(path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Text that compresses (a few KB of a repeated script), written into the served folder. */
function writeText(name, seed) {
  const text = Array.from({ length: 300 }, (_, i) => `export const v${i} = ${JSON.stringify(`${seed} ${i % 7}`)};`).join('\n');
  writeFileSync(join(site, name), text);
  return Buffer.from(text);
}

test('Accept-Encoding negotiation: brotli first, gzip, identity; q-values and * count', () => {
  assert.equal(negotiate('gzip, deflate, br, zstd'), 'br');
  assert.equal(negotiate('gzip, deflate'), 'gzip');
  assert.equal(negotiate('br;q=0.5, gzip'), 'gzip');
  assert.equal(negotiate('br;q=0, gzip;q=0'), null);
  assert.equal(negotiate('identity'), null);
  assert.equal(negotiate(''), null);
  assert.equal(negotiate(undefined), null);
  assert.equal(negotiate('*'), 'br');
  assert.equal(negotiate('*;q=0.2, br;q=0'), 'gzip');
  assert.equal(negotiate('x-gzip'), 'gzip');
  assert.ok(compressible('text/javascript; charset=utf-8', 5000));
  assert.ok(compressible('application/wasm', 5000));
  assert.ok(!compressible('text/javascript; charset=utf-8', MIN_COMPRESS_BYTES - 1), 'tiny bodies are sent as they are');
  assert.ok(!compressible('image/png', 50000), 'already compressed types are sent as they are');
});

test('text is sent brotli- or gzip-compressed as negotiated, with its length, Vary and one ETag per coding', async () => {
  const original = writeText('big.js', 'first');
  const br = await getBytes('/big.js', { 'Accept-Encoding': 'gzip, deflate, br' });
  const gz = await getBytes('/big.js', { 'Accept-Encoding': 'gzip' });
  const plain = await getBytes('/big.js');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.deepEqual(brotliDecompressSync(br.body), original);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.deepEqual(gunzipSync(gz.body), original);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(plain.body, original);
  for (const res of [br, gz, plain]) {
    assert.equal(res.status, 200);
    assert.equal(Number(res.headers['content-length']), res.body.length, 'Content-Length counts the bytes sent');
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8');
  }
  assert.ok(br.body.length < original.length / 4 && gz.body.length < original.length / 4, `${br.body.length} / ${gz.body.length} of ${original.length}`);
  assert.equal(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size, 3, 'each coding has its own ETag');
  const head = await getBytes('/big.js', { 'Accept-Encoding': 'br' }, 'HEAD');
  assert.equal(head.headers['content-length'], br.headers['content-length']);
  assert.equal(head.body.length, 0);
});

test('already-compressed types and tiny bodies are sent as they are, without Vary', async () => {
  writeFileSync(join(site, 'image.png'), Buffer.alloc(4096, 7));
  for (const path of ['/image.png', '/style.css']) {
    const res = await getBytes(path, { 'Accept-Encoding': 'gzip, br' });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-encoding'], undefined, path);
    assert.equal(res.headers.vary, undefined, path);
    assert.equal(Number(res.headers['content-length']), res.body.length, path);
  }
});

test('304 answers only the coding whose ETag the browser holds', async () => {
  writeText('cached.js', 'revalidated');
  const br = await getBytes('/cached.js', { 'Accept-Encoding': 'br' });
  const again = await getBytes('/cached.js', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers.etag, br.headers.etag);
  assert.equal(again.headers.vary, 'Accept-Encoding');
  // The brotli bytes' ETag does not validate the gzip representation.
  const gz = await getBytes('/cached.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': br.headers.etag });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal((await getBytes('/cached.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag })).status, 304);
});

test('byte ranges are served on the bytes sent; If-Range with another version and bad ranges get the whole file', async () => {
  const original = writeText('ranged.js', 'ranges');
  const part = await getBytes('/ranged.js', { Range: 'bytes=10-19' });
  assert.equal(part.status, 206);
  assert.deepEqual(part.body, original.subarray(10, 20));
  assert.equal(part.headers['content-range'], `bytes 10-19/${original.length}`);
  assert.equal(part.headers['content-length'], '10');
  assert.equal(part.headers['accept-ranges'], 'bytes');
  const tail = await getBytes('/ranged.js', { Range: 'bytes=-5' });
  assert.deepEqual(tail.body, original.subarray(original.length - 5));
  const open = await getBytes('/ranged.js', { Range: `bytes=${original.length - 3}-` });
  assert.deepEqual(open.body, original.subarray(original.length - 3));
  assert.equal((await getBytes('/ranged.js', { Range: `bytes=${original.length}-` })).status, 416);
  const whole = await getBytes('/ranged.js');
  assert.equal((await getBytes('/ranged.js', { Range: 'bytes=0-9', 'If-Range': whole.headers.etag })).status, 206);
  for (const headers of [{ Range: 'bytes=0-9', 'If-Range': '"another"' }, { Range: 'bytes=0-1,5-6' }, { Range: 'lines=1-2' }]) {
    const res = await getBytes('/ranged.js', headers);
    assert.equal(res.status, 200, JSON.stringify(headers));
    assert.deepEqual(res.body, original);
  }
  // With a coding, the range counts in the compressed bytes (as the representation sent).
  const br = await getBytes('/ranged.js', { 'Accept-Encoding': 'br' });
  const brPart = await getBytes('/ranged.js', { 'Accept-Encoding': 'br', Range: 'bytes=0-3' });
  assert.equal(brPart.status, 206);
  assert.deepEqual(brPart.body, br.body.subarray(0, 4));
  assert.equal(brPart.headers['content-range'], `bytes 0-3/${br.body.length}`);
});

test('compressed bytes are cached by content hash: repeats are not compressed again, a changed file is', async () => {
  writeText('hashed.js', 'one');
  await getBytes('/hashed.js', { 'Accept-Encoding': 'br' });
  const before = cacheStats().compressions;
  const [a, b] = await Promise.all([getBytes('/hashed.js', { 'Accept-Encoding': 'br' }), getBytes('/hashed.js', { 'Accept-Encoding': 'br' })]);
  assert.deepEqual(a.body, b.body);
  assert.equal(cacheStats().compressions, before, 'served from the cache');
  writeText('copy.js', 'one');  // the same bytes under another name: the same cache entry
  await getBytes('/copy.js', { 'Accept-Encoding': 'br' });
  assert.equal(cacheStats().compressions, before);
  const changed = writeText('hashed.js', 'two');
  const res = await getBytes('/hashed.js', { 'Accept-Encoding': 'br' });
  assert.equal(cacheStats().compressions, before + 1);
  assert.deepEqual(brotliDecompressSync(res.body), changed);
});

test('the live preview\'s pages are compressed too, never cached or revalidated', async () => {
  const page = `<!doctype html><title>t</title>${'<p>lesson text</p>'.repeat(200)}`;
  writeFileSync(join(site, 'live.html'), page);
  const live = { handle: () => false, inject: (html) => html.replace('</title>', '</title><script src="/__lab/live.js"></script>') };
  const liveServer = createSiteServer(site, { live });
  await new Promise((resolve) => liveServer.listen(0, '127.0.0.1', resolve));
  try {
    const res = await new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port: liveServer.address().port, path: '/live.html', headers: { 'Accept-Encoding': 'gzip' } }, (r) => {
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => resolve({ headers: r.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers.etag, undefined);
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assert.match(gunzipSync(res.body).toString(), /<script src="\/__lab\/live\.js"><\/script>/);
  } finally {
    liveServer.close();
  }
});
