// The lesson exactly as the engine's parseLesson gives it (lab/lesson.hpp): every part in one
// shape, parts of another shape already left out by the engine with a diagnostic. The page
// renders these as they are; it normalises nothing of its own. The catalog's entries are the
// engine's too (parseCatalog). Also lesson ids and site paths.
import { t } from '../i18n/i18n.ts';

export interface Section { level: number; title: string; anchor: string }
export interface QuizQuestion { q: string; options: string[]; answer: number; explain: string }
export interface Flashcard { term: string; definition: string }
export interface Video { platform: string; id: string; start: number; end: number | null }
export interface WidgetRef { type: string; data: string }

export interface Lesson {
  id: string;
  /** BCP 47 language of the file (front matter `lang`; read defensively: English without it). */
  lang?: string;
  title: string;
  duration_min: number | null;
  prereqs: string[];
  tags: string[];
  video: Video | null;
  widgets: WidgetRef[];
  goals: string[];
  quiz: QuizQuestion[];
  flashcards: Flashcard[];
  reflection: string[];
  next: string | null;
  body: string;
  sections: Section[];
}

/** An entry of the engine's parseCatalog answer (lab/lesson.hpp), in the catalog's order. */
export interface CatalogEntry {
  id: string;
  title: string;
  /** The chapter's id; null when the catalog has no chapters. */
  chapter: string | null;
  /** Lesson ids to take first (the catalog's "prerequisites", each checked by the engine). */
  prerequisites: string[];
  duration_min: number | null;
  tags: string[];
  path: string;
  available: boolean;
  /** The lesson's translations (lessons/ID.LANG.md), when the catalog lists them. */
  translations?: Translation[];
  /** The language of the original (English unless the catalog says). */
  lang?: string;
}

/** A translation of a lesson, as the catalog lists it. */
export interface Translation { lang: string; title: string; path: string }

/** The catalog's translations of a lesson, only the well-formed ones (the field is new: read
 *  defensively). */
export function translationsOf(entry: CatalogEntry | undefined): Translation[] {
  const list = (entry as { translations?: unknown } | undefined)?.translations;
  if (!Array.isArray(list)) return [];
  return list.filter((x): x is Translation => !!x && typeof x.lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(x.lang) &&
    typeof x.title === 'string' && typeof x.path === 'string');
}

export interface Chapter { id: string; title: string }

/** The engine's parseCatalog answer: the course title, its chapters and the lessons in course order. */
export interface Course { title: string; chapters: Chapter[]; lessons: CatalogEntry[] }

/** The available lessons before and after `id` in course order (lessons not written yet are
 *  skipped: there is nothing to open); null at either end or when the catalog lacks `id`. */
export function courseNeighbours(catalog: readonly CatalogEntry[], id: string): { previous: CatalogEntry | null; next: CatalogEntry | null } {
  const at = catalog.findIndex((e) => e.id === id);
  if (at < 0) return { previous: null, next: null };
  const previous = catalog.slice(0, at).reverse().find((e) => e.available) ?? null;
  const next = catalog.slice(at + 1).find((e) => e.available) ?? null;
  return { previous, next };
}

/** A lesson's prerequisites: its front matter's, then any more the catalog lists. */
export function prerequisitesOf(lesson: { id: string; prereqs: readonly string[] }, catalog: readonly CatalogEntry[]): string[] {
  const fromCatalog = catalog.find((e) => e.id === lesson.id)?.prerequisites ?? [];
  return [...new Set([...lesson.prereqs, ...fromCatalog])];
}

/** Lesson ids are plain names; anything else in ?id= is ignored rather than put into a path. */
export function isLessonId(id: string | null | undefined): id is string {
  return !!id && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(id) && !id.includes('..');
}

/** Lessons the site build wrote as static pages (parsed-lessons/index.json's `pages`: id ->
 *  page file, at the site root next to lesson.html). Links go there when the lesson has one:
 *  its text shows without waiting for any script. Set once per page, as the index loads
 *  (lesson-source.ts's loadParsedIndex), like the site root. */
let lessonPages: Readonly<Record<string, string>> = {};

export function setLessonPages(pages: Readonly<Record<string, string>> | null | undefined): void {
  lessonPages = pages && typeof pages === 'object' ? pages : {};
}

/** The href of a lesson's page, relative to the site root (where every page lives): its static
 *  page when the build wrote one, else lesson.html?id=, which renders any lesson in the browser. */
export function lessonHref(id: string, lang?: string): string {
  const key = lang ? pageKey(id, lang) : id;
  const page = Object.hasOwn(lessonPages, key) ? lessonPages[key] : undefined;
  if (typeof page === 'string' && /^[A-Za-z0-9_.-]+\.html$/.test(page)) return page;
  return `lesson.html?id=${encodeURIComponent(id)}${lang ? `&lang=${encodeURIComponent(lang)}` : ''}`;
}

/** How the site's static pages key a lesson's translation: the file stem, ID.LANG. */
export const pageKey = (id: string, lang: string): string => `${id}.${lang}`;

/** The static page's file name for a lesson id (the site build's choice; ids are plain names). */
export const staticPageName = (id: string): string => `lesson-${id}.html`;

/** A lesson's "/widgets/x.json" means the site root's widgets/, wherever the site is hosted. */
export function resolveSitePath(path: string, siteRoot: URL, relativeTo: URL): URL {
  return path.startsWith('/') && !path.startsWith('//') ? new URL(path.slice(1), siteRoot) : new URL(path, relativeTo);
}

/** GitHub-style heading slug, used when the engine gave no anchor for a heading. */
export function slug(title: string): string {
  return title.toLowerCase().trim().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s+/g, '-') || 'section';
}

/** Search engines show about this many characters of a page's description. */
export const DESCRIPTION_MAX = 160;

/** The page's meta description, from the front matter (it has no description field of its own):
 *  what kind of page this is and how long it takes, then the lesson's goals, which say what a
 *  reader will learn. Cut at a word within DESCRIPTION_MAX characters. */
export function lessonDescription(lesson: Pick<Lesson, 'title' | 'duration_min' | 'goals'>): string {
  const kind = lesson.duration_min ? t('lesson.description.timed', { minutes: lesson.duration_min }) : t('lesson.description.untimed');
  const goals = lesson.goals.map((g) => g.trim().replace(/[.;:]+$/, '')).filter(Boolean);
  const text = goals.length
    ? t('lesson.description.goals', { kind, goals: goals.join('; ') })
    : t('lesson.description.plain', { kind, title: lesson.title.trim() });
  const clean = text.replace(/\s+/g, ' ');
  if (clean.length <= DESCRIPTION_MAX) return clean;
  const cut = clean.slice(0, DESCRIPTION_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > DESCRIPTION_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
