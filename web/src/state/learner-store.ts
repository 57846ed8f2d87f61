// The learner's progress in localStorage under one versioned key: quiz answers, flashcard
// marks, reflections per lesson, and widget settings per widget file. A value that cannot be
// read (bad JSON, wrong shape, a newer version) is ignored with a notice and kept aside under
// `<key>.unreadable`, never silently overwritten.

export const STATE_VERSION = 1;
export const STORAGE_KEY = `ml-lab.learner.v${STATE_VERSION}`;

export interface QuizAnswer { choice: number; checked: boolean }
export type CardMark = 'known' | 'unknown';

export interface LessonProgress {
  quiz: Record<string, QuizAnswer>;
  flashcards: Record<string, CardMark>;
  reflections: Record<string, string>;
}

export interface LearnerState {
  version: number;
  lessons: Record<string, LessonProgress>;
  widgets: Record<string, Record<string, unknown>>;
}

/** The part of the Web Storage API used here (Node tests pass a Map-backed fake). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const emptyState = (): LearnerState => ({ version: STATE_VERSION, lessons: {}, widgets: {} });
const emptyLesson = (): LessonProgress => ({ quiz: {}, flashcards: {}, reflections: {} });

/** Keeps the entries of `value` that pass `keep`; counts the rest in `dropped`. */
function filterEntries<T>(value: unknown, keep: (v: unknown) => v is T, dropped: { n: number }): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isRecord(value)) {
    if (value !== undefined) dropped.n++;
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (keep(v)) out[k] = v;
    else dropped.n++;
  }
  return out;
}

const isAnswer = (v: unknown): v is QuizAnswer =>
  isRecord(v) && Number.isInteger(v.choice) && typeof v.checked === 'boolean';
const isMark = (v: unknown): v is CardMark => v === 'known' || v === 'unknown';
const isText = (v: unknown): v is string => typeof v === 'string';
const isLesson = (v: unknown): v is Record<string, unknown> => isRecord(v);

/** Checks a stored value field by field; throws when it is unusable as a whole. */
export function readState(text: string): { state: LearnerState; dropped: number } {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value)) throw new Error('not an object');
  if (value.version !== STATE_VERSION) throw new Error(`version ${String(value.version)}, expected ${STATE_VERSION}`);
  const dropped = { n: 0 };
  const state = emptyState();
  for (const [id, lesson] of Object.entries(filterEntries(value.lessons, isLesson, dropped))) {
    state.lessons[id] = {
      quiz: filterEntries(lesson.quiz, isAnswer, dropped),
      flashcards: filterEntries(lesson.flashcards, isMark, dropped),
      reflections: filterEntries(lesson.reflections, isText, dropped),
    };
  }
  state.widgets = filterEntries(value.widgets, isRecord, dropped);
  return { state, dropped: dropped.n };
}

export class LearnerStore {
  private state: LearnerState = emptyState();
  /** A sentence for the learner when saved progress could not be read or written. */
  notice: string | null = null;

  constructor(private readonly storage: StorageLike | null, private readonly key = STORAGE_KEY) {
    this.load();
  }

  lesson(id: string): LessonProgress {
    return (this.state.lessons[id] ??= emptyLesson());
  }

  /** Changes a lesson's progress and saves it. */
  updateLesson(id: string, change: (progress: LessonProgress) => void): void {
    this.refresh();
    change(this.lesson(id));
    this.save();
  }

  widgetSettings(key: string): Record<string, unknown> {
    return { ...(this.state.widgets[key] ?? {}) };
  }

  setWidgetSettings(key: string, settings: Record<string, unknown>): void {
    this.refresh();
    this.state.widgets[key] = { ...settings };
    this.save();
  }

  resetLesson(id: string, widgetKeys: readonly string[] = []): void {
    this.refresh();
    delete this.state.lessons[id];
    for (const key of widgetKeys) delete this.state.widgets[key];
    this.save();
  }

  resetAll(): void {
    this.state = emptyState();
    this.save();
  }

  private load(): void {
    if (!this.storage) {
      this.notice = 'Your browser does not allow saving progress here; it lasts until you leave the page.';
      return;
    }
    let text: string | null;
    try {
      text = this.storage.getItem(this.key);
    } catch {
      this.notice = 'Saved progress could not be read; it lasts until you leave the page.';
      return;
    }
    if (text === null) return;
    try {
      const { state, dropped } = readState(text);
      this.state = state;
      if (dropped > 0) this.notice = `Some saved progress could not be read and was ignored (${dropped} item${dropped === 1 ? '' : 's'}).`;
    } catch (e) {
      this.notice = `Saved progress could not be read and was ignored (${(e as Error).message}).`;
      try {
        this.storage.setItem(`${this.key}.unreadable`, text);
      } catch {
        // keeping the unreadable copy is a courtesy; the page works without it
      }
    }
  }

  /** Picks up what other stores (another tab, an embedded widget) saved since we loaded. */
  private refresh(): void {
    try {
      const text = this.storage?.getItem(this.key);
      if (text) this.state = readState(text).state;
    } catch {
      // unreadable: keep what we have; load() already said so
    }
  }

  private save(): void {
    if (!this.storage) return;
    try {
      this.storage.setItem(this.key, JSON.stringify(this.state));
    } catch {
      this.notice = 'Progress could not be saved (storage is full or blocked); it lasts until you leave the page.';
    }
  }
}

/** localStorage if the browser lets this page use it (sandboxed iframes may not). */
export function browserStorage(): StorageLike | null {
  try {
    const storage = globalThis.localStorage;
    const probe = 'ml-lab.probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

let shared: LearnerStore | null = null;
/** The page's store, shared by the lesson page and the widget elements on it. */
export function sharedLearnerStore(): LearnerStore {
  return (shared ??= new LearnerStore(browserStorage()));
}
