// The site's content (lessons/, widgets/ and their data) as the built site holds it: copied
// files and parsed-lessons/, every lesson and the catalog pre-parsed by the site's own
// engine.mjs/engine.wasm under Node. Used by assemble-site.mjs (the whole site, once) and by
// the live preview (tools/live-preview.mjs: one changed file at a time, checked first), so the
// two can never produce different sites.
//
// parsed-lessons/: the page takes a parse when its lesson file still hashes the same
// (web/src/lesson/lesson-source.ts) and renders without waiting for the engine; any other file
// it parses with the engine as before. index.json maps a file's site path to its SHA-256 (of the
// text as a browser decodes it: UTF-8, a BOM dropped) and its answer's file; an answer's lesson
// body, the text from `bodyStart` on, is left out (the page cuts it from the file).
// lessons/index.json is parsed the same way (parseCatalog; the index's `catalog`).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadNodeEngine } from './node-engine.mjs';
import { basename, dirname, join, relative } from 'node:path';

export const PARSED_DIR = 'parsed-lessons';
const INDEX_NOTE = 'lesson files parsed at build time by this site\'s engine; see web/scripts/site-content.mjs';

/** The site's own engine (engine.mjs and engine-authoring.mjs in `siteDir`), started under Node. */
export const loadSiteEngine = (siteDir) => loadNodeEngine(siteDir);

/** Text as a browser decodes the bytes (UTF-8, a BOM dropped) and the SHA-256 the page computes. */
export function decoded(bytes) {
  const text = new TextDecoder().decode(bytes);
  return { text, sha256: createHash('sha256').update(new TextEncoder().encode(text)).digest('hex') };
}

export const isLessonFile = (name) => name.endsWith('.md') && name !== 'README.md';

/** Writes a file whole or not at all: a reader sees the old bytes or the new, never half. The
 *  temporary file sits in the same folder (a rename within one file system is atomic). */
export function writeAtomic(file, bytes) {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}

/** parseLesson's answer for one lesson file, as parsed-lessons/ stores it. */
export function parseLessonRecord(engine, bytes, filename) {
  const { text, sha256 } = decoded(bytes);
  const answer = JSON.parse(engine.parseLesson(text, filename));
  const out = `${filename.replace(/\.md$/, '').replace(/[^A-Za-z0-9_.-]/g, '_')}.${sha256.slice(0, 12)}.json`;
  const record = { filename, sha256, bodyStart: undefined, answer: structuredClone(answer) };
  // The body is the file's own text from some offset on: the page has that text already.
  const body = answer?.lesson?.body;
  if (typeof body === 'string' && body && text.endsWith(body)) {
    record.bodyStart = text.length - body.length;
    delete record.answer.lesson.body;
  }
  return { answer, record, out, sha256 };
}

/** parseCatalog's answer for lessons/index.json, as parsed-lessons/ stores it. */
export function parseCatalogRecord(engine, bytes) {
  const { text, sha256 } = decoded(bytes);
  const answer = JSON.parse(engine.parseCatalog(text, 'index.json'));
  return { answer, record: { sha256, answer }, out: `catalog.${sha256.slice(0, 12)}.json`, sha256 };
}

export function readParsedIndex(siteDir) {
  try {
    const index = JSON.parse(readFileSync(join(siteDir, PARSED_DIR, 'index.json'), 'utf8'));
    if (index && typeof index.lessons === 'object') return index;
  } catch { /* none yet, or unreadable: start again */ }
  return { note: INDEX_NOTE, lessons: {} };
}

export const writeIndex = (siteDir, index) => writeAtomic(join(siteDir, PARSED_DIR, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);

/** Puts one lesson's (or the catalog's) parse into parsed-lessons/ and the index, replacing the
 *  file's earlier parse. `sitePath` is the file's path from the site root (lessons/x.md). The
 *  parse it replaces stays one more round (`retired`): a page that read the index a moment ago
 *  still finds the file it names (the live preview replaces parses while pages load). */
export function storeParsed(siteDir, sitePath, parsed, index = readParsedIndex(siteDir)) {
  const isCatalog = sitePath === 'lessons/index.json';
  const previous = isCatalog ? index.catalog : index.lessons[sitePath];
  writeAtomic(join(siteDir, PARSED_DIR, parsed.out), `${JSON.stringify(parsed.record)}\n`);
  const entry = { sha256: parsed.sha256, file: parsed.out };
  if (previous && previous.file !== parsed.out) entry.retired = previous.file;
  else if (previous?.retired && previous.retired !== parsed.out) entry.retired = previous.retired;
  if (isCatalog) index.catalog = entry;
  else index.lessons[sitePath] = entry;
  writeIndex(siteDir, index);
  const older = previous?.retired;
  if (older && older !== parsed.out && older !== entry.retired) rmSync(join(siteDir, PARSED_DIR, older), { force: true });
  return index;
}

/** Drops a removed lesson's parse. */
export function forgetParsed(siteDir, sitePath) {
  const index = readParsedIndex(siteDir);
  const previous = sitePath === 'lessons/index.json' ? index.catalog : index.lessons[sitePath];
  if (!previous) return;
  if (sitePath === 'lessons/index.json') delete index.catalog;
  else delete index.lessons[sitePath];
  writeIndex(siteDir, index);
  for (const file of [previous.file, previous.retired]) if (file) rmSync(join(siteDir, PARSED_DIR, file), { force: true });
}

/** Every lesson under the site's lessons/ and its catalog parsed afresh (the build). */
export function writeAllParsed(siteDir, engine) {
  rmSync(join(siteDir, PARSED_DIR), { recursive: true, force: true });
  mkdirSync(join(siteDir, PARSED_DIR), { recursive: true });
  const index = { note: INDEX_NOTE, lessons: {} };
  const lessonsDir = join(siteDir, 'lessons');
  if (engine && existsSync(lessonsDir)) {
    const lessonFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? lessonFiles(join(dir, e.name)) : isLessonFile(e.name) ? [join(dir, e.name)] : []);
    for (const file of lessonFiles(lessonsDir).sort()) {
      storeParsed(siteDir, relative(siteDir, file).split('\\').join('/'), parseLessonRecord(engine, readFileSync(file), basename(file)), index);
    }
    const catalog = join(lessonsDir, 'index.json');
    if (existsSync(catalog)) storeParsed(siteDir, 'lessons/index.json', parseCatalogRecord(engine, readFileSync(catalog)), index);
  }
  writeIndex(siteDir, index);
  return index;
}
