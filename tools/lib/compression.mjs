// Content coding for tools/lib/site-server.mjs, as static hosts do it (Netlify, Cloudflare
// Pages, GitHub Pages, nginx with gzip/brotli): text-like bodies (HTML, JS, CSS, JSON, CSV,
// Markdown, SVG, wasm) are sent brotli- or gzip-compressed when the request's Accept-Encoding
// allows it, brotli first; bodies already compressed (PNG, ICO, anything unknown) and tiny
// ones are sent as they are. The server measures what a learner downloads only if it compresses
// what a real host would (Lighthouse flagged 919 KiB of uncompressed text before).
// Compressed bytes are cached by content hash: each distinct body is compressed once per coding,
// however many pages, tests or bench visits ask for it.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Types worth compressing (the MIME type without parameters). wasm is mostly code and
 *  compresses to about a third, as hosts that compress it (Netlify, Cloudflare) show. */
const COMPRESSIBLE = new Set([
  'text/html', 'text/javascript', 'text/css', 'text/markdown', 'text/csv', 'text/plain',
  'application/json', 'application/manifest+json', 'application/wasm', 'image/svg+xml',
]);

/** Below this many bytes a coding saves less than its own overhead (headers, a round of the
 *  decoder); nginx and Cloudflare skip such bodies too. */
export const MIN_COMPRESS_BYTES = 1024;

/** On-the-fly settings of common hosts (nginx's gzip default level 6, brotli quality 5): the
 *  wasm engine (1.5 MB) compresses in ~0.1 s, quality 11 would take seconds on the first visit. */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

/** Whether a body of `type` (a Content-Type header) and `size` bytes is sent compressed. */
export function compressible(type, size) {
  return size >= MIN_COMPRESS_BYTES && COMPRESSIBLE.has(String(type).split(';')[0].trim().toLowerCase());
}

/** The coding to send for an Accept-Encoding header: 'br', 'gzip' or null (identity).
 *  q-values count (q=0 refuses a coding; `*` stands for codings not named); of the codings
 *  accepted, the one with the highest q wins, brotli on a tie (it is ~15 % smaller). */
export function negotiate(header) {
  if (!header) return null;
  const q = new Map();
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const weight = (coding) => q.get(coding) ?? (coding === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? 'br' : 'gzip';
}

/** Compressed bodies by `${hash}:${coding}`, least recently used first; promises, so that
 *  concurrent requests for one file share a single compression. Bounded by total bytes. */
const cache = new Map();
let cachedBytes = 0;
let compressions = 0;
const CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** `body` (a Buffer whose content hash is `hash`) in `coding` ('br' or 'gzip'). */
export function encode(body, hash, coding) {
  const key = `${hash}:${coding}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);  // re-inserted: most recently used
    cache.set(key, hit);
    return hit.promise;
  }
  const entry = { promise: null, size: 0 };
  compressions += 1;
  entry.promise = (coding === 'br'
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipAsync(body, { level: GZIP_LEVEL }))
    .then((out) => {
      if (cache.get(key) === entry) {
        entry.size = out.length;
        cachedBytes += out.length;
        for (const [k, e] of cache) {
          if (cachedBytes <= CACHE_MAX_BYTES) break;
          cache.delete(k);
          cachedBytes -= e.size;
        }
      }
      return out;
    }, (e) => {
      cache.delete(key);
      throw e;
    });
  cache.set(key, entry);
  return entry.promise;
}

/** How many compressions ran so far and what the cache holds (tests check that repeats are
 *  served from it). */
export function cacheStats() {
  return { compressions, entries: cache.size, bytes: cachedBytes };
}
