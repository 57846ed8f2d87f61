// The lesson as the page uses it, made from the engine's parseLesson JSON (front matter fields
// plus body and sections). Lenient about spellings the format allows (a flashcard as
// `- Term: definition` or {front, back}); anything unusable becomes an empty part, not a crash.

export interface Section { level: number; title: string; anchor: string }
export interface QuizQuestion { question: string; options: string[]; answer: number; explain: string }
export interface Flashcard { front: string; back: string }
export interface Video { platform: string; id: string; start?: number; end?: number }
export interface WidgetRef { type: string; data: string }

export interface Lesson {
  id: string;
  title: string;
  durationMin?: number;
  prereqs: string[];
  tags: string[];
  video?: Video;
  widgets: WidgetRef[];
  goals: string[];
  quiz: QuizQuestion[];
  flashcards: Flashcard[];
  reflection: string[];
  next?: string;
  body: string;
  sections: Section[];
}

export interface CatalogEntry {
  id: string;
  title: string;
  durationMin?: number;
  tags: string[];
  path: string;
  available: boolean;
}

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(text).filter(Boolean) : []);
const count = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** Seconds from 90, "90" or "1:30". */
export function seconds(v: unknown): number | undefined {
  if (typeof v === 'string' && v.includes(':')) {
    const parts = v.split(':').map(Number);
    if (parts.some((p) => !Number.isFinite(p) || p < 0)) return undefined;
    return parts.reduce((total, p) => total * 60 + p, 0);
  }
  return count(v);
}

export function flashcard(v: unknown): Flashcard | null {
  if (typeof v === 'string') {
    const i = v.indexOf(':');
    return i > 0 ? { front: v.slice(0, i).trim(), back: v.slice(i + 1).trim() } : null;
  }
  if (!isRecord(v)) return null;
  const front = text(v.front ?? v.term ?? v.q);
  const back = text(v.back ?? v.definition ?? v.a);
  if (front && back) return { front, back };
  const keys = Object.keys(v);
  return keys.length === 1 && text(v[keys[0]]) ? { front: keys[0], back: text(v[keys[0]]) } : null;
}

export function quizQuestion(v: unknown): QuizQuestion | null {
  if (!isRecord(v)) return null;
  const question = text(v.q ?? v.question);
  const options = texts(v.options ?? v.choices);
  let answer = typeof v.answer === 'number' ? v.answer : options.indexOf(text(v.answer));
  if (typeof v.answer === 'string' && answer < 0 && /^\d+$/.test(v.answer)) answer = Number(v.answer);
  if (!question || options.length < 2 || !Number.isInteger(answer) || answer < 0 || answer >= options.length) return null;
  return { question, options, answer, explain: text(v.explain ?? v.explanation) };
}

function video(v: unknown): Video | undefined {
  if (!isRecord(v) || !text(v.id)) return undefined;
  return { platform: text(v.platform) || 'youtube', id: text(v.id), start: seconds(v.start), end: seconds(v.end) };
}

const compact = <T>(items: (T | null)[]): T[] => items.filter((x): x is T => x !== null);

export function normalizeLesson(raw: unknown): Lesson {
  const r: Raw = isRecord(raw) ? raw : {};
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return {
    id: text(r.id),
    title: text(r.title) || 'Untitled lesson',
    durationMin: count(r.duration_min),
    prereqs: texts(r.prereqs),
    tags: texts(r.tags),
    video: video(r.video),
    widgets: compact(list(r.widgets).map((w) => (isRecord(w) && text(w.data) ? { type: text(w.type), data: text(w.data) } : null))),
    goals: texts(r.goals),
    quiz: compact(list(r.quiz).map(quizQuestion)),
    flashcards: compact(list(r.flashcards).map(flashcard)),
    reflection: texts(r.reflection ?? r.reflections),
    next: text(r.next) || undefined,
    body: text(r.body),
    sections: compact(list(r.sections).map((s) =>
      isRecord(s) && text(s.title) ? { level: count(s.level) ?? 2, title: text(s.title), anchor: text(s.anchor) } : null)),
  };
}

/** lessons/index.json: an array of entries, or {lessons: [...]}. */
export function normalizeCatalog(raw: unknown): CatalogEntry[] {
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.lessons) ? raw.lessons : [];
  return compact(list.map((e: unknown) => {
    if (!isRecord(e) || !text(e.id)) return null;
    return {
      id: text(e.id),
      title: text(e.title) || text(e.id),
      durationMin: count(e.duration_min),
      tags: texts(e.tags),
      path: text(e.path),
      available: e.available !== false,
    };
  }));
}

/** Lesson ids are plain names; anything else in ?id= is ignored rather than put into a path. */
export function isLessonId(id: string | null | undefined): id is string {
  return !!id && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(id) && !id.includes('..');
}

/** A lesson's "/widgets/x.json" means the site root's widgets/, wherever the site is hosted. */
export function resolveSitePath(path: string, siteRoot: URL, relativeTo: URL): URL {
  return path.startsWith('/') && !path.startsWith('//') ? new URL(path.slice(1), siteRoot) : new URL(path, relativeTo);
}

/** GitHub-style heading slug, used when the engine gave no anchor for a heading. */
export function slug(title: string): string {
  return title.toLowerCase().trim().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s+/g, '-') || 'section';
}
