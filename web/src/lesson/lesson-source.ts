// Where lessons come from: the catalog (lessons/index.json) and a lesson's Markdown file,
// parsed by the engine in the worker, the same parser the native CLI uses.
import { type Diagnostic, EngineError, describeDiagnostic, type EngineErrorInfo } from '../runtime/engine-api.ts';
import type { EngineClient } from '../runtime/engine-client.ts';
import { decodeUtf8 } from '../text-file.ts';
import { type CatalogEntry, type Lesson, normalizeCatalog, normalizeLesson, resolveSitePath } from './lesson-model.ts';

export async function loadCatalog(siteRoot: URL): Promise<CatalogEntry[]> {
  try {
    const response = await fetch(new URL('lessons/index.json', siteRoot));
    return response.ok ? normalizeCatalog(await response.json()) : [];
  } catch {
    return [];  // the lesson page still works without the catalog, with ids for titles
  }
}

/** The lesson file's URL: the catalog's path for the id, else lessons/<id>.md. */
export function lessonUrl(id: string, catalog: readonly CatalogEntry[], siteRoot: URL): URL {
  const entry = catalog.find((e) => e.id === id);
  return entry?.path ? resolveSitePath(entry.path, siteRoot, siteRoot) : new URL(`lessons/${id}.md`, siteRoot);
}

export class LessonNotFound extends Error {}

export interface LoadedLesson { lesson: Lesson; url: URL; diagnostics: Diagnostic[] }

export async function loadLesson(client: EngineClient, url: URL): Promise<LoadedLesson> {
  const response = await fetch(url);
  if (response.status === 404) throw new LessonNotFound(`No lesson file at ${url.pathname}`);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const filename = decodeURIComponent(url.pathname.split('/').pop() ?? 'lesson.md');
  // Strict, as the engine reads files: invalid bytes are an error, not U+FFFD.
  const text = decodeUtf8(new Uint8Array(await response.arrayBuffer()), filename, 'lesson files are UTF-8 text');
  const answer = await client.call('parseLesson', [text, filename]);
  const diagnostics = ((answer as { diagnostics?: Diagnostic[] }).diagnostics ?? []).filter(Boolean);
  const raw = (answer as { lesson?: unknown }).lesson;
  if (!raw || typeof raw !== 'object') {
    const error = (answer as { error?: EngineErrorInfo }).error;
    if (error) throw new EngineError(error);
    throw new Error(diagnostics.filter((d) => d.severity === 'error').map(describeDiagnostic).join('; ') || 'the engine returned no lesson');
  }
  return { lesson: normalizeLesson(raw), url, diagnostics };
}
