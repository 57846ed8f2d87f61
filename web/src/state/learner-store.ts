// The learner's progress in localStorage under one versioned key: quiz answers, flashcard
// marks, reflections, how many runs of each widget finished and when each lesson was last
// changed, widget settings per widget file, and each widget panel's pinned runs (settings only,
// state/pins.ts). A value of an older version (under its own older key) is migrated step by step
// (MIGRATIONS) and saved under the current key; the old key is left as it was. A value that
// cannot be read (bad JSON, wrong shape, a newer version) is ignored with a notice and kept
// aside under `<key>.unreadable`, never silently overwritten. Progress goes out as a JSON file
// and comes back through the same reader, merged lesson by lesson (the more recent wins).

import { type MessageValues, t } from '../i18n/i18n.ts';
import { MAX_PINS, type PinRecord, checkPin } from './pins.ts';

export const STATE_VERSION = 4;
export const KEY_PREFIX = 'ml-lab.learner.v';
export const STORAGE_KEY = `${KEY_PREFIX}${STATE_VERSION}`;
/** The marker of an exported progress file. */
export const PROGRESS_FORMAT = 'ml-lab-progress';

export interface QuizAnswer { choice: number; checked: boolean }
export type CardMark = 'known' | 'unknown';

export interface LessonProgress {
  quiz: Record<string, QuizAnswer>;
  flashcards: Record<string, CardMark>;
  reflections: Record<string, string>;
  /** Widget file (its site path) -> runs of it that finished on this lesson's page. */
  widgetRuns: Record<string, number>;
  /** When the learner last changed this lesson (ISO 8601); null if unknown (saved by version 1). */
  updated: string | null;
}

export interface LearnerState {
  version: number;
  lessons: Record<string, LessonProgress>;
  widgets: Record<string, Record<string, unknown>>;
  /** Widget file (its site path) -> panel id -> the panel's pinned runs, oldest first. */
  pins: Record<string, Record<string, PinRecord[]>>;
}

/** The part of the Web Storage API used here (Node tests pass a Map-backed fake). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** `value` with `change` applied to each of its lessons (what a migration step usually does). */
const withEachLesson = (value: Json, version: number, change: (lesson: Json) => Json): Json => ({
  ...value,
  version,
  lessons: isRecord(value.lessons)
    ? Object.fromEntries(Object.entries(value.lessons).map(([id, lesson]) => [id, isRecord(lesson) ? change(lesson) : lesson]))
    : value.lessons,
});

/**
 * MIGRATIONS[n - 1] turns a stored value of version n into version n + 1; reading applies them
 * in order. They work on the raw value (before the field checks) and must lose nothing.
 */
export const MIGRATIONS: ReadonlyArray<(value: Json) => Json> = [
  // 1 -> 2: each lesson records when it was last changed, so loading a progress file can keep
  // the more recent of two copies. Version 1 never recorded it: null, "unknown".
  (v1) => withEachLesson(v1, 2, (lesson) => ({ ...lesson, updated: null })),
  // 2 -> 3: each lesson counts the finished runs of its widgets (the course page shows them).
  // Version 2 never counted: none yet.
  (v2) => withEachLesson(v2, 3, (lesson) => ({ ...lesson, widgetRuns: {} })),
  // 3 -> 4: widget panels keep pinned runs (the Optimization Lab's "Pin this run"). Version 3
  // had none; its lessons and widget settings pass through as they were.
  (v3) => ({ ...v3, version: 4, pins: {} }),
];

const emptyState = (): LearnerState => ({ version: STATE_VERSION, lessons: {}, widgets: {}, pins: {} });
const emptyLesson = (): LessonProgress => ({ quiz: {}, flashcards: {}, reflections: {}, widgetRuns: {}, updated: null });

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
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** A value saved by a later version of the lab: this page must leave it alone. */
export class NewerVersionError extends Error {}

export interface ReadState {
  state: LearnerState;
  /** Entries of the wrong shape that were left out. */
  dropped: number;
  /** The version the value was saved with (older ones were migrated). */
  from: number;
}

/** Migrates and checks a parsed value field by field; throws when it is unusable as a whole
 *  (the message in the page's language, naming the field and the value). */
export function checkState(value: unknown): ReadState {
  if (!isRecord(value)) throw new Error(t('store.check.notObject', { value: Array.isArray(value) ? '[…]' : String(JSON.stringify(value)) }));
  const from = value.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    throw new Error(t('store.check.version', { value: JSON.stringify(from) ?? '-', max: STATE_VERSION }));
  }
  if (from > STATE_VERSION) throw new NewerVersionError(t('store.check.newer', { version: from, max: STATE_VERSION }));
  let current: Json = value;
  for (let v = from; v < STATE_VERSION; v++) current = MIGRATIONS[v - 1](current);

  const dropped = { n: 0 };
  const state = emptyState();
  for (const [id, lesson] of Object.entries(filterEntries(current.lessons, isRecord, dropped))) {
    if (lesson.updated !== null && !isDate(lesson.updated)) dropped.n++;
    state.lessons[id] = {
      quiz: filterEntries(lesson.quiz, isAnswer, dropped),
      flashcards: filterEntries(lesson.flashcards, isMark, dropped),
      reflections: filterEntries(lesson.reflections, isText, dropped),
      widgetRuns: filterEntries(lesson.widgetRuns, isCount, dropped),
      updated: isDate(lesson.updated) ? lesson.updated : null,
    };
  }
  state.widgets = filterEntries(current.widgets, isRecord, dropped);
  for (const [widget, panels] of Object.entries(filterEntries(current.pins, isRecord, dropped))) {
    const kept: Record<string, PinRecord[]> = {};
    for (const [panel, list] of Object.entries(panels)) {
      if (!Array.isArray(list)) {
        dropped.n++;
        continue;
      }
      const pins = list.map(checkPin);
      dropped.n += pins.filter((p) => !p).length;
      kept[panel] = pins.filter((p): p is PinRecord => !!p).slice(-MAX_PINS);
    }
    state.pins[widget] = kept;
  }
  return { state, dropped: dropped.n, from };
}

/** Parses a stored value and checks it (checkState). */
export function readState(text: string): ReadState {
  return checkState(JSON.parse(text));
}

/** Reads an exported progress file; every problem is an Error naming the file (in the page's
 *  language). */
export function readProgressFile(text: string, fileName: string): ReadState {
  const fail = (key: string, values?: MessageValues) => new Error(`${fileName}: ${t(key, values)}`);
  if (!text.trim()) throw fail('store.file.empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw fail('store.file.notJson', { detail: (e as Error).message });
  }
  if (!isRecord(value)) throw fail('store.file.notObject');
  if (!('format' in value)) throw fail('store.file.noFormat');
  if (value.format !== PROGRESS_FORMAT) throw fail('store.file.format', { value: String(JSON.stringify(value.format)), expected: PROGRESS_FORMAT });
  try {
    return checkState(value);
  } catch (e) {
    throw new Error(`${fileName}: ${e instanceof NewerVersionError ? t('store.file.newer', { detail: e.message }) : (e as Error).message}`);
  }
}

/** A sentence for the learner, kept as its catalog key and values: worded when it is read, in
 *  the page's language then (the store starts before the page's catalog has loaded). */
interface StoreProblem { key: string; values?: MessageValues }

/** What loading a progress file changed. */
export interface ImportSummary {
  /** Lessons whose progress now comes from the file. */
  fromFile: number;
  /** Lessons kept as they were here, because they were changed more recently here. */
  keptHere: number;
  /** Widgets whose settings came from the file (those without settings here). */
  widgets: number;
  /** Entries of the wrong shape in the file, left out. */
  dropped: number;
}

/** Whether progress changed at `here` is more recent than at `there` (unknown is oldest). */
function newer(here: string | null, there: string | null): boolean {
  return here !== null && (there === null || Date.parse(here) > Date.parse(there));
}

const isQuotaError = (e: unknown): boolean =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

export interface StoreOptions {
  /** The clock for the lessons' `updated` and for exports (tests pass a fixed one). */
  now?: () => Date;
}

export class LearnerStore {
  private state: LearnerState = emptyState();
  /** What went wrong reading saved progress, as sentences for the learner. */
  private readonly loadProblems: StoreProblem[] = [];
  private saveProblem: StoreProblem | null = null;
  /** The last save failed: memory holds changes the storage lacks. */
  private unsaved = false;
  private readonly listeners = new Set<(notice: string | null) => void>();
  private readonly now: () => Date;

  constructor(private readonly storage: StorageLike | null, options: StoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.load();
  }

  /** A sentence for the learner when saved progress could not be read or written. A failed
   *  save wins over a load problem and is cleared by the next save that works. */
  get notice(): string | null {
    const problems = this.saveProblem ? [this.saveProblem] : this.loadProblems;
    return problems.map((p) => t(p.key, p.values)).join(' ') || null;
  }

  /** Calls `listener` whenever the notice changes; returns the unsubscribe function. */
  onNotice(listener: (notice: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lesson(id: string): LessonProgress {
    return (this.state.lessons[id] ??= emptyLesson());
  }

  /** Changes a lesson's progress and saves it. */
  updateLesson(id: string, change: (progress: LessonProgress) => void): void {
    this.refresh();
    const progress = this.lesson(id);
    change(progress);
    progress.updated = this.now().toISOString();
    this.save();
  }

  /** Counts a finished run of the widget file `widget` (a site path) on lesson `id`'s page. */
  countWidgetRun(id: string, widget: string): void {
    this.updateLesson(id, (p) => { p.widgetRuns[widget] = (p.widgetRuns[widget] ?? 0) + 1; });
  }

  widgetSettings(key: string): Record<string, unknown> {
    return { ...(this.state.widgets[key] ?? {}) };
  }

  setWidgetSettings(key: string, settings: Record<string, unknown>): void {
    this.refresh();
    this.state.widgets[key] = { ...settings };
    this.save();
  }

  /** A widget's pinned runs, by panel (copies: change them through setWidgetPins). */
  widgetPins(key: string): Record<string, PinRecord[]> {
    return structuredClone(this.state.pins[key] ?? {});
  }

  setWidgetPins(key: string, pins: Record<string, PinRecord[]>): void {
    this.refresh();
    const kept = Object.fromEntries(Object.entries(pins).filter(([, list]) => list.length));
    if (Object.keys(kept).length) this.state.pins[key] = structuredClone(kept);
    else delete this.state.pins[key];
    this.save();
  }

  resetLesson(id: string, widgetKeys: readonly string[] = []): void {
    this.refresh();
    delete this.state.lessons[id];
    for (const key of widgetKeys) {
      delete this.state.widgets[key];
      delete this.state.pins[key];
    }
    this.save();
  }

  resetAll(): void {
    this.state = emptyState();
    this.save();
  }

  /** The whole progress as a file: a format marker, the version, the export date, the state. */
  exportFile(): string {
    this.refresh();
    const { version, lessons, widgets, pins } = this.state;
    return `${JSON.stringify({ format: PROGRESS_FORMAT, version, exported: this.now().toISOString(), lessons, widgets, pins }, null, 2)}\n`;
  }

  /**
   * Merges a progress file into this progress: per lesson, the more recently changed copy wins
   * (the file's on a tie or when neither date is known); widget settings from the file fill in
   * widgets that have none here. A bad file throws (naming it) and changes nothing.
   */
  importFile(text: string, fileName: string): ImportSummary {
    const { state: incoming, dropped } = readProgressFile(text, fileName);
    this.refresh();
    const summary: ImportSummary = { fromFile: 0, keptHere: 0, widgets: 0, dropped };
    for (const [id, theirs] of Object.entries(incoming.lessons)) {
      const ours = this.state.lessons[id];
      if (ours && newer(ours.updated, theirs.updated)) {
        summary.keptHere++;
      } else {
        this.state.lessons[id] = theirs;
        summary.fromFile++;
      }
    }
    for (const [key, settings] of Object.entries(incoming.widgets)) {
      if (this.state.widgets[key]) continue;
      this.state.widgets[key] = settings;
      summary.widgets++;
    }
    // Pins follow the settings' rule: a widget's pins from the file when it has none here.
    for (const [key, pins] of Object.entries(incoming.pins)) this.state.pins[key] ??= pins;
    this.save();
    return summary;
  }

  private load(): void {
    if (!this.storage) {
      this.loadProblems.push({ key: 'store.unavailable' });
      return;
    }
    let found: { key: string; text: string } | null;
    try {
      found = this.findStored();
    } catch {
      this.loadProblems.push({ key: 'store.unreadable' });
      return;
    }
    if (!found) return;
    try {
      const { state, dropped } = readState(found.text);
      this.state = state;
      if (dropped > 0) this.loadProblems.push({ key: 'store.dropped', values: { count: dropped } });
    } catch (e) {
      this.loadProblems.push({ key: 'store.ignored', values: { detail: (e as Error).message } });
      // An older key keeps its value where it is; ours is kept aside before we overwrite it.
      if (found.key === STORAGE_KEY) this.keepAside(found.text);
      return;
    }
    if (found.key !== STORAGE_KEY) this.save();  // migrated: from now on under the current key
  }

  /**
   * The stored value to start from: under the current key, else under the newest older
   * `ml-lab.learner.v<n>` key. A key of a newer version (a newer lab ran in this browser) is
   * left alone, with a notice.
   */
  private findStored(): { key: string; text: string } | null {
    const storage = this.storage!;
    const versions: number[] = [];
    for (let i = 0; i < storage.length; i++) {
      const match = /^ml-lab\.learner\.v(\d+)$/.exec(storage.key(i) ?? '');
      if (match) versions.push(Number(match[1]));
    }
    const newest = Math.max(0, ...versions);
    if (newest > STATE_VERSION) {
      this.loadProblems.push({ key: 'store.newerKept', values: { version: newest } });
    }
    const text = storage.getItem(STORAGE_KEY);
    if (text !== null) return { key: STORAGE_KEY, text };
    const older = versions.filter((v) => v < STATE_VERSION).sort((a, b) => b - a)[0];
    if (older === undefined) return null;
    const key = `${KEY_PREFIX}${older}`;
    const oldText = storage.getItem(key);
    return oldText === null ? null : { key, text: oldText };
  }

  private keepAside(text: string): void {
    try {
      this.storage?.setItem(`${STORAGE_KEY}.unreadable`, text);
    } catch {
      // keeping the unreadable copy is a courtesy; the page works without it
    }
  }

  /** Picks up what other stores (another tab, an embedded widget) saved since we loaded. */
  private refresh(): void {
    if (this.unsaved) return;  // memory has changes the storage lacks: they must not be undone
    try {
      const text = this.storage?.getItem(STORAGE_KEY);
      if (text) this.state = readState(text).state;
    } catch {
      // unreadable: keep what we have; load() already said so
    }
  }

  private save(): void {
    if (!this.storage) return;
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify(this.state));
      this.unsaved = false;
      this.setSaveProblem(null);
    } catch (e) {
      this.unsaved = true;
      this.setSaveProblem({ key: isQuotaError(e) ? 'store.full' : 'store.refused' });
    }
  }

  private setSaveProblem(problem: StoreProblem | null): void {
    if (problem?.key === this.saveProblem?.key) return;
    this.saveProblem = problem;
    for (const listener of this.listeners) listener(this.notice);
  }
}

/** localStorage if the browser lets this page use it (sandboxed iframes may not). Only reading
 *  is probed: a full storage still shows saved progress, and a save that fails says so. */
export function browserStorage(): StorageLike | null {
  try {
    const storage = globalThis.localStorage;
    storage.getItem(STORAGE_KEY);
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
