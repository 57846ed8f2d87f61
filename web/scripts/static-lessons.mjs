// Static lesson pages: for every lesson the site ships, lesson-<id>.html at the site root, the
// built lesson.html with the lesson already rendered into it (header, video, goals, contents,
// the Markdown body, widgets in place, a quiz/flashcards/reflection that read without
// JavaScript), so the text shows with the HTML, before and without any script. The page's
// script then makes the interactive parts live (web/src/pages/lesson.ts).
//
// The rendering is the browser's own code, not a second pipeline: web/src/lesson/prerender.ts
// (renderLessonText: marked, DOMPurify, the heading anchors, the contents) bundled by Vite into
// one script and run in a jsdom window per page. DOMPurify sanitizes here exactly as in the
// browser (jsdom is the DOM it supports under Node). The lessons come from parsed-lessons/,
// the engine's parse the site stores (site-content.mjs), so a page is rendered from the same
// answer the browser would take. Used by assemble-site.mjs (the build) and by the live preview
// (tools/live-preview.mjs), which writes every page again after a lesson or the catalog changes.
//
// Pages sit at the site root, beside lesson.html, so every relative URL in them (scripts,
// styles, the lesson's own links and images, widget files) means what it means on lesson.html.
// lesson.html?id=<id> keeps working for every lesson; links between lessons go to the static
// page when there is one (parsed-lessons/index.json's `pages`, read by the pages' script).
//
// This file owns a static page's final HTML, the build's answers mark included (`data-answers`,
// naming answers/<id>.json, which record-answers.mjs writes): a page written again (the live
// preview does, after every lesson change) keeps the mark while its answers file is there.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { i18nVitePlugin, siteMessages } from './i18n-catalogs.mjs';
import { PARSED_DIR, decoded, readParsedIndex, writeAtomic, writeIndex } from './site-content.mjs';

const WEB = fileURLToPath(new URL('../', import.meta.url));
/** The bundled renderer: built with the site (outside it: it is not part of the site), so the
 *  live preview renders with the code the site's own script came from. */
export const RENDERER = fileURLToPath(new URL('../../build/prerender/lesson-prerender.js', import.meta.url));
/** Where the build's recorded answers live in the site (answer-book.ts `answersPath`). */
export const ANSWERS_DIR = 'answers';
/** The attribute of a static page's layout that names its answers file: a page fetches
 *  answers only when it has one (a page without widgets, or after the live preview dropped
 *  them, asks for nothing). */
const ANSWERS_ATTRIBUTE = 'data-answers';
/** A lesson's answers file, as its pages name it (relative to the site root, where pages sit):
 *  one per lesson, its translations' pages included. A translation has the same widgets (the
 *  engine checks that) and its widget texts change only what is shown, so its page asks the
 *  engine exactly what the original's does; a request the file does not hold goes to the engine
 *  anyway (answer-book.ts). */
export const answersFileOf = (id) => `${ANSWERS_DIR}/${id}.json`;

/** Names the page's answers file in its HTML (`answersFile`), or removes the name (null). */
export function markPage(siteDir, pageFile, answersFile) {
  const path = join(siteDir, pageFile);
  const html = readFileSync(path, 'utf8');
  const unmarked = html.replace(new RegExp(` ${ANSWERS_ATTRIBUTE}="[^"]*"`, 'g'), '');
  const marked = answersFile === null ? unmarked
    : unmarked.replace(/(<[^>]*\sid="lesson-layout"[^>]*?)(\s*\/?>)/, `$1 ${ANSWERS_ATTRIBUTE}="${answersFile}"$2`);
  if (marked !== html) writeAtomic(path, marked);
}

/** An origin no page is ever served from: pages hold only relative URLs to their own site. */
const ORIGIN = 'http://site.invalid/';

/** Bundles web/src/lesson/prerender.ts (marked and DOMPurify included) into one classic script
 *  that defines `labPrerender` in the window it runs in. */
export async function buildRenderer(outFile = RENDERER) {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: WEB,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: dirname(outFile),
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: { entry: join(WEB, 'src/lesson/prerender.ts'), formats: ['iife'], name: 'labPrerender', fileName: () => basename(outFile) },
    },
    plugins: [i18nVitePlugin()],
  });
  return outFile;
}

/** The bundled renderer's code, or null when the site was built without it. */
export function loadRenderer(file = RENDERER) {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** The site's lesson.html in a jsdom window at `page`, with the renderer loaded. */
async function pageWindow(template, page, code) {
  const { JSDOM } = await import('jsdom');
  // 'outside-only': the page's own <script> tags never run here; only the renderer does.
  const dom = new JSDOM(template, { url: new URL(page, ORIGIN).href, runScripts: 'outside-only' });
  dom.window.eval(code);
  return dom;
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The lesson file a catalog entry names, as a path from the site root ("/lessons/x.md" and
 *  "lessons/x.md" alike, as the page resolves it), or null for one outside the site. */
function sitePathOf(path) {
  const url = new URL(path.startsWith('/') && !path.startsWith('//') ? path.slice(1) : path, ORIGIN);
  return url.origin === new URL(ORIGIN).origin && !url.search ? decodeURIComponent(url.pathname.slice(1)) : null;
}

/** A language tag as lessons/ID.LANG.md carries it (BCP 47: "de", "de-AT", "pt-BR"). */
/** Which lessons get a page: page key -> { id, path, lang }. The catalog's lessons at their
 *  paths, their translations (the catalog's `translations`, and any lessons/ID.LANG.md beside
 *  a lesson ID) keyed by file stem ID.LANG, then any other lessons/<id>.md (lesson.html?id=
 *  opens them all the same way). */
function plan(index, catalog, { isLessonId, LANGUAGE_TAG }) {
  const lessons = new Map();
  for (const entry of catalog) {
    const path = entry.path ? sitePathOf(entry.path) : `lessons/${entry.id}.md`;
    if (path && index.lessons[path] && isLessonId(entry.id)) lessons.set(entry.id, { id: entry.id, path, lang: null });
    for (const tr of Array.isArray(entry.translations) ? entry.translations : []) {
      const trPath = typeof tr?.path === 'string' ? sitePathOf(tr.path) : null;
      if (trPath && index.lessons[trPath] && LANGUAGE_TAG.test(tr.lang ?? '') && isLessonId(entry.id)) {
        lessons.set(`${entry.id}.${tr.lang}`, { id: entry.id, path: trPath, lang: tr.lang });
      }
    }
  }
  const listed = new Set(catalog.map((e) => e.id));
  const stems = Object.keys(index.lessons).sort().map((path) => [path, /^lessons\/([^/]+)\.md$/.exec(path)?.[1]]).filter(([, stem]) => stem);
  const ids = new Set([...listed, ...stems.map(([, stem]) => stem)]);
  for (const [path, stem] of stems) {
    if (lessons.has(stem) || [...lessons.values()].some((l) => l.path === path)) continue;
    // ID.LANG beside a lesson ID is its translation; anything else is a lesson of its own.
    const dot = stem.lastIndexOf('.');
    const [id, lang] = dot > 0 ? [stem.slice(0, dot), stem.slice(dot + 1)] : [stem, ''];
    if (lang && ids.has(id) && LANGUAGE_TAG.test(lang) && isLessonId(id)) lessons.set(stem, { id, path, lang });
    else if (!listed.has(stem) && isLessonId(stem)) lessons.set(stem, { id: stem, path, lang: null });
  }
  return lessons;
}

/**
 * Writes a static page for every lesson the site's parsed-lessons/ holds a good parse of, drops
 * the pages written before, and records the new ones in parsed-lessons/index.json (`pages`). A
 * page whose lesson has answers in the site (answers/<id>.json) is marked with them.
 * Without a renderer (`code` null) it only drops them: every lesson then renders in the browser.
 * Returns the pages written: page key (the lesson id, ID.LANG for a translation) -> { file, id }.
 */
export async function writeLessonPages(siteDir, code) {
  const index = readParsedIndex(siteDir);
  for (const file of Object.values(index.pages ?? {})) rmSync(join(siteDir, file), { force: true });
  delete index.pages;
  const template = existsSync(join(siteDir, 'lesson.html')) ? readFileSync(join(siteDir, 'lesson.html'), 'utf8') : null;
  if (!code || !template) {
    writeIndex(siteDir, index);
    return {};
  }
  const catalogRecord = index.catalog ? readJson(join(siteDir, PARSED_DIR, index.catalog.file)) : null;
  const catalog = catalogRecord?.answer?.catalog?.lessons ?? [];
  const catalogSha256 = catalogRecord?.answer?.catalog ? index.catalog.sha256 : 'none';

  // The page's own rules (ids, page names, language tags) from the bundle, not copies of them.
  const planner = await pageWindow(template, 'lesson.html', code);
  const { staticPageName } = planner.window.labPrerender;
  const lessons = plan(index, catalog, planner.window.labPrerender);
  planner.window.close();

  const pages = {};
  const inputs = [];
  const messages = new Map();  // locale -> its precompiled catalog (null: English, built in)
  for (const [key, { id, path, lang: fileLang }] of lessons) {
    const ref = index.lessons[path];
    const record = readJson(join(siteDir, PARSED_DIR, ref.file));
    const { text, sha256 } = decoded(readFileSync(join(siteDir, path)));
    if (sha256 !== ref.sha256 || !record.answer?.lesson) continue;  // not the parsed bytes, or no lesson
    const lesson = record.answer.lesson;
    if (typeof record.bodyStart === 'number' && lesson.body === undefined) lesson.body = text.slice(record.bodyStart);
    // The page speaks its lesson's language: the front matter's `lang`, else the file name's.
    const lang = typeof lesson.lang === 'string' && lesson.lang ? lesson.lang : fileLang ?? 'en';
    if (!messages.has(lang)) messages.set(lang, siteMessages(lang));
    pages[key] = staticPageName(key);
    inputs.push({ key, input: { id, lang, messages: messages.get(lang), lesson, diagnostics: record.answer.diagnostics ?? [], catalog,
      lessonPath: path, lessonSha256: sha256, catalogSha256, parsedFile: `${PARSED_DIR}/${ref.file}` } });
  }
  for (const { key, input } of inputs) {
    const dom = await pageWindow(template, pages[key], code);
    await dom.window.labPrerender.prerenderLesson(dom.window.JSON.parse(JSON.stringify({ ...input, pages })));
    // The build's answers for this lesson, while they are there (the live preview drops them all
    // when a widget file or its data changes: they may be stale then).
    const answers = answersFileOf(input.id);
    if (existsSync(join(siteDir, answers))) dom.window.document.getElementById('lesson-layout')?.setAttribute(ANSWERS_ATTRIBUTE, answers);
    writeAtomic(join(siteDir, pages[key]), `${dom.serialize()}\n`);
    dom.window.close();
  }
  if (Object.keys(pages).length) index.pages = pages;
  writeIndex(siteDir, index);
  return Object.fromEntries(inputs.map(({ key, input }) => [key, { file: pages[key], id: input.id }]));
}
