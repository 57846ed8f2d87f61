// Which files of the built site one lesson's static page loads, and nothing else: what a SCORM
// package of that lesson must hold (pack-scorm.mjs). Found from the files themselves, so a new
// chunk or asset of the build is followed without a list to keep up:
//   - the page's <script src> and <link href> (styles, module preloads, the icon), and the
//     recorded answers it names (data-answers);
//   - in each script, the chunks and assets it names by a relative path ("./lesson-page-X.js":
//     static imports, dynamic imports and Vite's preload lists alike); in each stylesheet its url()s;
//   - the engine the page starts: the worker, engine.mjs/.wasm, engine-authoring.mjs/.wasm (the
//     lesson parser, for a lesson the build did not parse) and lab-onnx.js (the explorer's
//     "Download ONNX"), which scripts name by a bare file name resolved from the site root;
//   - the lesson's content: the catalog (lessons/index.json) and the build's parses of it and of
//     the lesson (parsed-lessons/), the lesson file and its translations, each widget file the
//     lesson uses, the data files a widget file names (any *.csv value) and the widget's text
//     files (widgets/i18n/STEM.LANG.json) where the build has them.
// The offline cache (lab-sw.js, offline-manifest.json) is not: a packaged page does not register it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** The engine files the page's scripts start by name, from the site root. */
export const ENGINE_FILES = ['lab-engine-worker.js', 'engine.mjs', 'engine.wasm', 'engine-authoring.mjs', 'engine-authoring.wasm', 'lab-onnx.js'];

export class LessonFilesError extends Error {}

const isFile = (path) => existsSync(path) && statSync(path).isFile();

/** `ref` (as written in `from`, a site file) as a site path, or null when it leaves the site or
 *  is not a plain local reference. */
function resolveRef(from, ref) {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(ref)) return null;
  const clean = ref.split(/[?#]/)[0];
  if (!clean) return null;
  const base = clean.startsWith('/') ? '' : posix.dirname(from);
  const path = posix.normalize(posix.join(base, clean.replace(/^\/+/, '')));
  return path.startsWith('..') || path === '.' ? null : path;
}

function referencesOf(site, file) {
  const text = readFileSync(join(site, file), 'utf8');
  if (file.endsWith('.html')) {
    const refs = [...text.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    // The recorded answers are named from the site root (runtime/answer-book.ts).
    for (const m of text.matchAll(/\sdata-answers="([^"]+)"/g)) refs.push(`/${m[1]}`);
    return refs;
  }
  if (file.endsWith('.css')) return [...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]);
  if (/\.m?js$/.test(file)) {
    return [...text.matchAll(/["'`](\.\.?\/[\w./-]+\.(?:m?js|css|wasm|svg|png|woff2?|json))["'`]/g)].map((m) => m[1]);
  }
  return [];
}

/** The site's parse index (parsed-lessons/index.json), which names the static page of each lesson. */
export function readParseIndex(site) {
  const path = join(site, 'parsed-lessons/index.json');
  if (!isFile(path)) throw new LessonFilesError(`${path} is missing: build the site first (tools/lab build)`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The site paths (relative, "/"-separated, sorted) of every file lesson `id`'s static page
 * loads, and that page's path. Throws LessonFilesError naming what is missing.
 */
export function lessonFiles(site, id) {
  const index = readParseIndex(site);
  const page = index.pages?.[id];
  if (!page) throw new LessonFilesError(`${join(site, 'parsed-lessons/index.json')} has no static page for lesson "${id}": rebuild the site (tools/lab build)`);
  const files = new Set();
  const need = (path, why) => {
    if (!isFile(join(site, path))) throw new LessonFilesError(`${join(site, path)} is missing (${why}): rebuild the site (tools/lab build)`);
    if (files.has(path)) return;
    files.add(path);
    for (const ref of referencesOf(site, path)) {
      const target = resolveRef(path, ref);
      if (target && isFile(join(site, target))) need(target, `named by ${path}`);
    }
  };
  need(page, 'the lesson page');
  for (const f of ENGINE_FILES) need(f, 'the engine');

  const catalogPath = 'lessons/index.json';
  need(catalogPath, 'the catalog');
  need('parsed-lessons/index.json', 'the build\'s parses');
  if (index.catalog?.file) need(`parsed-lessons/${index.catalog.file}`, 'the parsed catalog');
  const catalog = JSON.parse(readFileSync(join(site, catalogPath), 'utf8'));
  const entry = (catalog.lessons ?? []).find((l) => l.id === id);
  if (!entry?.path) throw new LessonFilesError(`${join(site, catalogPath)} does not list lesson "${id}" with a path`);
  const lessonPaths = [entry.path, ...(entry.translations ?? []).map((t) => t.path)].map((p) => p.replace(/^\/+/, ''));
  const widgets = new Set();
  for (const [n, lessonPath] of lessonPaths.entries()) {
    need(lessonPath, `the lesson file of "${id}"`);
    const parsed = index.lessons?.[lessonPath]?.file;
    // A translation the build did not parse is parsed by the page (engine-authoring, packed);
    // the lesson itself must have its parse: its static page was rendered from it.
    if (!parsed && n > 0) continue;
    if (!parsed) throw new LessonFilesError(`${join(site, 'parsed-lessons/index.json')} has no parse of ${lessonPath}: rebuild the site (tools/lab build)`);
    need(`parsed-lessons/${parsed}`, `the parse of ${lessonPath}`);
    const answer = JSON.parse(readFileSync(join(site, 'parsed-lessons', parsed), 'utf8')).answer;
    for (const w of answer?.lesson?.widgets ?? []) {
      const path = resolveRef(lessonPath, w.data);
      if (!path) throw new LessonFilesError(`${lessonPath}: widget data "${w.data}" is not a file of the site`);
      widgets.add(path);
    }
  }
  for (const widget of widgets) {
    need(widget, `a widget of "${id}"`);
    const text = JSON.parse(readFileSync(join(site, widget), 'utf8'));
    const csvs = [];
    (function walk(v, pointer) {
      if (typeof v === 'string' && /\.csv$/i.test(v)) csvs.push([v, pointer]);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${k}`);
    })(text, '');
    for (const [csv, pointer] of csvs) {
      const path = resolveRef(widget, csv);
      if (!path || !isFile(join(site, path))) throw new LessonFilesError(`${join(site, widget)}: ${pointer} names "${csv}", which the site does not have`);
      need(path, `data of ${widget}`);
    }
    // The widget's text in other languages: widgets/i18n/STEM.LANG.json beside its file.
    const i18n = posix.join(posix.dirname(widget), 'i18n');
    const stem = posix.basename(widget, '.json');
    if (existsSync(join(site, i18n))) {
      for (const f of readdirSync(join(site, i18n)).filter((n) => n.startsWith(`${stem}.`) && n.endsWith('.json'))) need(`${i18n}/${f}`, `text of ${widget}`);
    }
  }
  return { page, title: entry.title ?? id, files: [...files].sort() };
}

/** Every file under `dir` as "/"-separated paths relative to it. */
export function listTree(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory()
    ? listTree(join(dir, e.name)).map((f) => `${e.name}/${f}`)
    : [e.name])).sort();
}
