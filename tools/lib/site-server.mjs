// The site's static file server, as a library: `createSiteServer(dir)` for tools/serve.mjs (the
// CLI behind `npm run serve` and `tools/lab serve`), the site build's answer recorder
// (web/scripts/record-answers.mjs), the bench (tools/bench/lib/site.mjs) and the tests. It
// imports nothing of the live preview (a LivePreview is passed in), so tools/ and web/scripts/
// import it without a circle.
// It sends the MIME types the site needs (application/wasm lets the browser compile engine.wasm
// while it downloads) and a strict Content-Security-Policy, and refuses paths outside `dir`;
// the caller listens (tools/serve.mjs binds 127.0.0.1 only). Text is sent brotli- or
// gzip-compressed as static hosts send it (./compression.mjs), one ETag per coding; single byte
// ranges are served on the bytes sent.
import { createHash } from 'node:crypto';
import { open, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

import { compressible, encode, negotiate } from './compression.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

// No inline scripts or styles anywhere in the site; wasm compiles under 'wasm-unsafe-eval'
// (not 'unsafe-eval'); the only third-party frame is the privacy-enhanced YouTube player.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  'frame-src https://www.youtube-nocookie.com',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Files up to this size are sent with their content hash as the validator (ETag); bigger ones
 *  (a bench's data files) without one. Every file the site ships is far smaller. */
const HASHED_MAX_BYTES = 16 * 1024 * 1024;

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${text}\n`);
}

/** The file a URL path names inside root, or null if it would leave root. */
async function locate(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  let file = resolve(root, `.${path}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return { file: null };
  const real = await realpath(file);  // a symlink must not lead out of root either
  if (!real.startsWith(root + sep)) return null;
  return { file: real };
}

/** A server for the built site `dir`. `csp: false` serves a host site built by another generator (MkDocs, Sphinx), whose pages
 *  carry inline scripts the lab's own CSP would block. `live`: a LivePreview, whose routes
 *  (/__lab/...) answer first and whose script goes into every HTML page. */
export function createSiteServer(dir, { csp = true, live = null } = {}) {
  return createServer((req, res) => {
    if (live?.handle(req, res)) return;
    serveFile(dir, req, res, csp, live).catch((e) => {
      console.error(`serve: ${req.url}: ${e.message}`);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });
}

async function serveFile(dir, req, res, csp, live) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed');
  }
  const root = await realpath(resolve(dir));
  // The path as sent, without query or fragment (not new URL(): "//x" would become a host).
  const pathname = (req.url ?? '/').split(/[?#]/, 1)[0];
  if (!pathname.startsWith('/')) return send(res, 400, 'bad request');
  const found = await locate(root, pathname);
  if (found === null) return send(res, 403, 'forbidden');
  if (!found.file) return send(res, 404, 'not found');
  const { file } = found;
  // Opened once: the headers describe the very bytes sent, even when the file is replaced
  // meanwhile (the live preview renames a new copy over it).
  let handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    const headers = {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      ...(csp ? { 'Content-Security-Policy': CSP } : {}),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      // Course sites on other origins may load lab-widgets.js, the worker and the engine.
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-cache',
      'Last-Modified': info.mtime.toUTCString(),
    };
    if (live && extname(file).toLowerCase() === '.html') {
      // Never a 304 here: the page's script names the content version it was served at.
      const body = Buffer.from(live.inject(await handle.readFile('utf8')));
      delete headers['Last-Modified'];
      headers['Cache-Control'] = 'no-store';
      const sent = await represent(headers, body, contentHash(body), codingFor(req, headers, body.length));
      delete headers.ETag;  // nothing to revalidate against: no-store
      delete headers['Accept-Ranges'];
      res.writeHead(200, { ...headers, 'Content-Length': sent.length });
      return res.end(req.method === 'HEAD' ? undefined : sent);
    }
    if (info.size > HASHED_MAX_BYTES) {
      // No validator: a revalidating browser always gets the file (If-Modified-Since is not
      // trusted, see below). Sent as it is (only bench data files are this big).
      delete headers['Last-Modified'];
      res.writeHead(200, { ...headers, 'Content-Length': info.size });
      if (req.method === 'HEAD') return res.end();
      const stream = handle.createReadStream();
      handle = null;  // the stream closes it
      return stream.on('error', () => res.destroy()).pipe(res);
    }
    // The validator is the content's hash, so it changes with every save that changes the file.
    // (A Last-Modified date has one-second resolution: two saves within a second were answered
    // 304 Not Modified with the first save's bytes still in the browser's cache. The date is
    // still sent, but a 304 is only ever answered to If-None-Match.)
    const body = await handle.readFile();
    const hash = contentHash(body);
    const coding = codingFor(req, headers, body.length);
    headers.ETag = etagOf(hash, coding);
    if (matches(req.headers['if-none-match'], headers.ETag)) {
      res.writeHead(304, headers);
      return res.end();
    }
    const sent = await represent(headers, body, hash, coding);
    const range = byteRange(req, headers.ETag, sent.length);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${sent.length}`, 'Content-Length': 0 });
      return res.end();
    }
    if (range) {
      const part = sent.subarray(range.start, range.end + 1);
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${sent.length}`, 'Content-Length': part.length });
      return res.end(req.method === 'HEAD' ? undefined : part);
    }
    res.writeHead(200, { ...headers, 'Content-Length': sent.length });
    return res.end(req.method === 'HEAD' ? undefined : sent);
  } finally {
    await handle?.close();
  }
}

function contentHash(body) {
  return createHash('sha256').update(body).digest('base64url').slice(0, 27);
}

/** The content coding this request gets for a body of this type and size ('br', 'gzip' or
 *  null); sets Vary when the answer depends on Accept-Encoding. */
function codingFor(req, headers, size) {
  if (!compressible(headers['Content-Type'], size)) return null;
  headers.Vary = 'Accept-Encoding';
  return negotiate(req.headers['accept-encoding']);
}

/** Each coding is its own representation with its own validator (RFC 9110 8.8.3): a cache that
 *  kept the gzip bytes must not be told 304 for the brotli ones. */
function etagOf(hash, coding) {
  return `"${hash}${coding ? `-${coding}` : ''}"`;
}

/** The bytes to send for `body` in `coding` (codingFor's answer), compressed bytes from the cache;
 *  sets Content-Encoding, ETag and Accept-Ranges (ranges count in the sent bytes). */
async function represent(headers, body, hash, coding) {
  headers.ETag = etagOf(hash, coding);
  headers['Accept-Ranges'] = 'bytes';
  if (!coding) return body;
  headers['Content-Encoding'] = coding;
  return encode(body, hash, coding);
}

/** A Range request's one byte range within `size` bytes: { start, end } (inclusive), null to
 *  send the whole body (no Range, several ranges, a syntax we do not serve, or an If-Range that
 *  names another version: RFC 9110 allows ignoring Range) or 'unsatisfiable' (416). */
function byteRange(req, etag, size) {
  const header = req.headers.range;
  if (!header || req.method !== 'GET') return null;
  const ifRange = req.headers['if-range'];
  if (ifRange !== undefined && ifRange.trim() !== etag) return null;  // a date is not trusted
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start;
  let end;
  if (m[1] === '') {  // the last N bytes
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return null;  // invalid: ignored
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
function matches(header, etag) {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
