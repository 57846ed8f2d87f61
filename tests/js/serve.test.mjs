// tools/lib/site-server.mjs (the server tools/serve.mjs runs): MIME types, the CSP header, and
// paths that try to leave the served folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
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
