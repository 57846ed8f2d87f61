// Where lessons come from: the catalog (lessons/index.json) and a lesson's Markdown file,
// both parsed by the engine, the same parser the native CLI uses. The site's build runs that parser
// (the very engine.wasm the site ships, under Node) over every lesson it publishes and leaves
// the answers in parsed-lessons/: a page whose lesson file still has the bytes the build saw
// (same SHA-256) renders at once from that answer, diagnostics included, instead of waiting for
// the engine to download and start. Any other lesson file is parsed by the engine in the worker.
// The catalog goes the same way (its answer is parsed-lessons/index.json's `catalog`).
import { type Diagnostic, EngineError, describeDiagnostic, type EngineErrorInfo, type EngineResponse } from '../runtime/engine-api.ts';
import type { EngineClient } from '../runtime/engine-client.ts';
import { sha256Hex } from '../runtime/sha256.ts';
import { PARSED_DIR, type ParsedLesson, fetchParsed } from './parsed-lesson.ts';
import { decodeUtf8 } from '../text-file.ts';
import { type CatalogEntry, type Course, type Lesson, resolveSitePath, setLessonPages } from './lesson-model.ts';

/** Asks the engine to parse a catalog: parseCatalog(text, filename)'s answer. */
export type CatalogParser = (text: string, filename: string) => Promise<EngineResponse>;

/** The catalog's entries as the engine reads them: the build's answer when lessons/index.json
 *  still has the bytes the build saw, else `parse`'s (the engine in the worker). Entries the
 *  engine left out are named in its diagnostics (also what `tools/lab validate` reports). */
export async function loadCatalog(siteRoot: URL, parsedIndex: Promise<ParsedIndex | null>, parse: CatalogParser): Promise<CatalogEntry[]> {
  return (await loadCourse(siteRoot, parsedIndex, parse))?.lessons ?? [];
}

/** The whole catalog (title, chapters, lessons) as loadCatalog reads it, with the SHA-256 of the
 *  file's text (null without Web Crypto); null when it cannot be had. */
export async function loadCourse(siteRoot: URL, parsedIndex: Promise<ParsedIndex | null>, parse: CatalogParser): Promise<(Course & { sha256: string | null }) | null> {
  try {
    const response = await fetch(new URL('lessons/index.json', siteRoot));
    if (!response.ok) return null;
    const filename = 'index.json';
    const text = decodeUtf8(new Uint8Array(await response.arrayBuffer()), filename, 'the lesson catalog is UTF-8 text');
    const ref = (await parsedIndex)?.catalog;
    const prebuilt = ref ? await fetchParsed<{ sha256: string; answer: EngineResponse }>(ref.file, siteRoot) : null;
    const sha256 = await sha256Hex(text);
    const answer = prebuilt && prebuilt.sha256 === sha256 ? prebuilt.answer : await parse(text, filename);
    const { catalog, diagnostics = [] } = answer as { catalog?: Partial<Course> | null; diagnostics?: Diagnostic[] };
    if (diagnostics.length) console.warn(`lessons/index.json: ${diagnostics.map(describeDiagnostic).join('; ')}`);
    if (!catalog) return null;
    return { title: catalog.title ?? '', chapters: catalog.chapters ?? [], lessons: catalog.lessons ?? [], sha256 };
  } catch {
    return null;  // the lesson page still works without the catalog, with ids for titles
  }
}

/** The lesson file's URL: the catalog's path for the id, else lessons/<id>.md. */
export function lessonUrl(id: string, catalog: readonly CatalogEntry[], siteRoot: URL): URL {
  const entry = catalog.find((e) => e.id === id);
  return entry?.path ? resolveSitePath(entry.path, siteRoot, siteRoot) : new URL(`lessons/${id}.md`, siteRoot);
}

export class LessonNotFound extends Error {}

/** `sha256`: of the lesson file's text, null without Web Crypto (a static page compares it with
 *  the text it was rendered from). */
export interface LoadedLesson { lesson: Lesson; url: URL; diagnostics: Diagnostic[]; prebuilt: boolean; sha256: string | null }

/** parsed-lessons/index.json, written by web/scripts/assemble-site.mjs: for each lesson file
 *  (by its path from the site root) the SHA-256 of its text and the file with the answer; the
 *  same for the catalog; `pages`: the lessons it wrote as static pages (id -> file name). */
export interface ParsedIndex { lessons: Record<string, ParsedRef>; catalog?: ParsedRef; pages?: Record<string, string> }
interface ParsedRef { sha256: string; file: string }


export async function loadParsedIndex(siteRoot: URL): Promise<ParsedIndex | null> {
  try {
    const response = await fetch(new URL(`${PARSED_DIR}index.json`, siteRoot));
    const index = response.ok ? ((await response.json()) as Partial<ParsedIndex>) : null;
    if (!index || typeof index.lessons !== 'object' || !index.lessons) return null;
    setLessonPages(index.pages);  // links to lessons go to their static pages from now on
    return index as ParsedIndex;
  } catch {
    return null;  // a site assembled some other way: the engine parses every lesson
  }
}

async function prebuiltAnswer(fetched: Promise<ParsedLesson | null>, text: string, sha256: string | null, filename: string): Promise<EngineResponse | null> {
  const parsed = await fetched;
  if (!parsed || parsed.filename !== filename || !parsed.answer || typeof parsed.answer !== 'object') return null;
  if (!sha256 || parsed.sha256 !== sha256) return null;
  const lesson = (parsed.answer as { lesson?: Record<string, unknown> }).lesson;
  if (typeof parsed.bodyStart === 'number' && lesson && typeof lesson === 'object' && lesson.body === undefined) {
    lesson.body = text.slice(parsed.bodyStart);
  }
  return parsed.answer;
}

export interface LoadLessonOptions {
  siteRoot: URL;
  /** The build's pre-parsed lessons, if the site has them. */
  parsed: ParsedIndex | null;
}

export async function loadLesson(client: EngineClient, url: URL, options: LoadLessonOptions): Promise<LoadedLesson> {
  const root = options.siteRoot.href;
  const entry = url.href.startsWith(root) && !url.search ? options.parsed?.lessons[url.href.slice(root.length)] : undefined;
  const prebuilt = entry ? fetchParsed<ParsedLesson>(entry.file, options.siteRoot) : Promise.resolve(null);
  const response = await fetch(url);
  if (response.status === 404) throw new LessonNotFound(`No lesson file at ${url.pathname}`);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const filename = decodeURIComponent(url.pathname.split('/').pop() ?? 'lesson.md');
  // Strict, as the engine reads files: invalid bytes are an error, not U+FFFD.
  const text = decodeUtf8(new Uint8Array(await response.arrayBuffer()), filename, 'lesson files are UTF-8 text');
  const sha256 = await sha256Hex(text);
  const cached = entry ? await prebuiltAnswer(prebuilt, text, sha256, filename) : null;
  const answer = cached ?? (await client.call('parseLesson', [text, filename]));
  const diagnostics = ((answer as { diagnostics?: Diagnostic[] }).diagnostics ?? []).filter(Boolean);
  const raw = (answer as { lesson?: unknown }).lesson;
  if (!raw || typeof raw !== 'object') {
    const error = (answer as { error?: EngineErrorInfo }).error;
    if (error) throw new EngineError(error);
    throw new Error(diagnostics.filter((d) => d.severity === 'error').map(describeDiagnostic).join('; ') || 'the engine returned no lesson');
  }
  // The engine's lesson, as it is: every part already in its one shape (lab/lesson.hpp).
  const lesson = raw as Lesson;
  return { lesson, url, diagnostics, prebuilt: cached !== null, sha256 };
}
