// The build's parses of the site's lessons (parsed-lessons/, written by web/scripts/
// assemble-site.mjs with the site's own engine): lesson-source.ts takes one when the lesson
// file still has the bytes the build parsed; a static page goes live from the one it names
// before it reads any lesson file (pages/lesson.ts), so this part is apart from lesson-source.ts.
import type { Diagnostic, EngineResponse } from '../runtime/engine-api.ts';
import type { Lesson } from './lesson-model.ts';

export const PARSED_DIR = 'parsed-lessons/';

/** A file in parsed-lessons/: parseLesson(text, filename)'s answer for the text with that hash;
 *  with `bodyStart`, the answer's lesson body is left out: it is the text from there on. */
export interface ParsedLesson { filename: string; sha256: string; bodyStart?: number; answer: EngineResponse }

/** A file of parsed-lessons/, or null when it cannot be had. */
export function fetchParsed<T>(file: string, siteRoot: URL): Promise<T | null> {
  return fetch(new URL(`${PARSED_DIR}${file}`, siteRoot)).then((r) => (r.ok ? (r.json() as Promise<T>) : null)).catch(() => null);
}

/** A static page's lesson from the build's parse of the very text the page shows
 *  (`parsedFile`, from the site root, named by the page), without fetching the lesson file:
 *  null unless that parse is of text with `sha256` and holds a lesson. The lesson's body is
 *  left out (the page shows it already); lesson-source.ts's loadLesson gives the whole lesson. */
export async function loadPrebuiltLesson(parsedFile: string, sha256: string, siteRoot: URL): Promise<{ lesson: Lesson; diagnostics: Diagnostic[] } | null> {
  if (!parsedFile.startsWith(PARSED_DIR)) return null;
  const parsed = await fetchParsed<ParsedLesson>(parsedFile.slice(PARSED_DIR.length), siteRoot);
  const answer = parsed?.sha256 === sha256 ? (parsed.answer as { lesson?: unknown; diagnostics?: Diagnostic[] } | undefined) : undefined;
  if (!answer?.lesson || typeof answer.lesson !== 'object') return null;
  return { lesson: answer.lesson as Lesson, diagnostics: (answer.diagnostics ?? []).filter(Boolean) };
}
