// Which CSV files a spec needs, where they are, and whether the worker may fetch them.
// The engine reads datasets through the `files` map keyed by the path written in the spec;
// in the browser that path resolves against the spec's (widget JSON's) URL.
import { decodeUtf8 } from '../text-file.ts';

/** Dataset paths named by the spec, its named experiments and its variants, deduplicated. */
export function datasetPaths(spec: unknown): string[] {
  const paths = new Set<string>();
  const add = (part: unknown) => {
    const csv = (part as { dataset?: { csv?: unknown } } | null)?.dataset?.csv;
    if (typeof csv === 'string' && csv) paths.add(csv);
  };
  if (!spec || typeof spec !== 'object') return [];
  const s = spec as { experiments?: unknown; variants?: unknown };
  add(s);
  if (s.experiments && typeof s.experiments === 'object') Object.values(s.experiments).forEach(add);
  if (Array.isArray(s.variants)) s.variants.forEach(add);
  return [...paths];
}

/** Normalizes an allow-list attribute ("https://a.org https://b.org/x") to origins. */
export function parseAllowOrigins(text: string | null | undefined): string[] {
  const origins: string[] = [];
  for (const word of (text ?? '').split(/[\s,]+/)) {
    if (!word) continue;
    try {
      const url = new URL(word);
      if (url.protocol === 'https:' || url.protocol === 'http:') origins.push(url.origin);
    } catch {
      // not a URL: ignored, like an unknown token in a rel attribute
    }
  }
  return origins;
}

/**
 * Resolves a dataset path against the spec URL and checks it may be fetched: http(s) only,
 * from an allowed origin (the page's own, plus those the embedder listed).
 */
export function resolveDatasetUrl(path: string, baseUrl: string, allowOrigins: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(path, baseUrl);
  } catch {
    throw new Error(`dataset.csv: '${path}' is not a valid URL relative to ${baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`dataset.csv: '${path}' must be an http(s) URL, not ${url.protocol}`);
  }
  if (!allowOrigins.includes(url.origin)) {
    throw new Error(`dataset.csv: ${url.origin} is not allowed (same origin only; add it to the element's allow-origins attribute)`);
  }
  return url;
}

/** The server has no file at a dataset URL (HTTP 404 or 410), as the worker's fetch reports it. */
export class FileNotFound extends Error {
  constructor(readonly url: URL) {
    super(`${url.href}: not found`);
    this.name = 'FileNotFound';
  }
}

/**
 * The text of a fetched dataset, read strictly as the engine reads files. A server that has no
 * such file (404, 410) is FileNotFound, worded by the host as the engine words a missing file;
 * any other failure keeps its HTTP status.
 */
export async function datasetText(response: Response, url: URL): Promise<string> {
  if (response.status === 404 || response.status === 410) throw new FileNotFound(url);
  if (!response.ok) throw new Error(`${url.href}: HTTP ${response.status}`);
  // Strictly: text() would turn invalid bytes into U+FFFD silently.
  const name = decodeURIComponent(url.pathname.split('/').pop() || 'data.csv');
  return decodeUtf8(new Uint8Array(await response.arrayBuffer()), name);
}

/** A missing dataset in the engine's words (core/files.cpp: "file 'x.csv' not found (looked in
 *  '…')"), with the URL it was looked for at: the CLI and the browser say the same thing. */
export function missingFileMessage(path: string, url: URL): string {
  return `file '${path}' not found (looked in '${url.href}')`;
}
