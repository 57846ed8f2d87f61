// A lesson's progress as SCORM 1.2's cmi.suspend_data: one string of at most 4,096 characters
// that the LMS keeps between launches. Version 1 is a JSON array, positional to stay short:
//   [1, quiz, runs, cards, reflections, settings, pins]
//   quiz        "1,0?,,2": per question its choice; "?" when chosen but not checked; "" none
//   runs        [3, 1]: finished runs of each of the lesson's widgets, in the lesson's order
//   cards       "ku_": per flashcard k(nown), u(nknown) or _ (not marked)
//   reflections {"0": "text"}: the learner's answers by prompt index
//   settings    [{...}, {...}]: each widget's saved settings, in the lesson's order
//   pins        [{...}, {...}]: each widget's pinned runs by panel, in the lesson's order
// Widgets go by their place in the lesson, not by file path: paths are long and the lesson
// fixes the order. When the whole does not fit, parts are left out (0 in their place) in
// DROP_ORDER, least needed first; the quiz and the run counts, which decide what the LMS is
// told, always stay. DOM-free, for Node tests.
import type { CardMark, LessonProgress, QuizAnswer } from '../state/learner-store.ts';
import type { PinRecord } from '../state/pins.ts';

export const SUSPEND_VERSION = 1;
/** SCORM 1.2's limit on cmi.suspend_data (CMIString4096). */
export const SUSPEND_LIMIT = 4096;

/** What suspend_data keeps of one lesson; widget parts are in the lesson's widget order. */
export interface SuspendedLesson {
  quiz: Record<string, QuizAnswer>;
  widgetRuns: number[];
  flashcards: Record<string, CardMark>;
  reflections: Record<string, string>;
  settings: Array<Record<string, unknown>>;
  pins: Array<Record<string, PinRecord[]>>;
}

/** The parts that may be left out, least needed first: pins can be pinned again, settings are
 *  a few clicks, flashcard marks are quick to redo; reflections are the learner's own writing. */
export const DROP_ORDER = ['pins', 'settings', 'flashcards', 'reflections'] as const;
export type DroppablePart = (typeof DROP_ORDER)[number];

export interface Encoded {
  /** The suspend_data string; null when even the quiz and run counts exceed the limit. */
  text: string | null;
  /** Parts left out to fit, in the order they were dropped. */
  dropped: DroppablePart[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const hasKeys = (v: Record<string, unknown>): boolean => Object.keys(v).length > 0;

function encodeQuiz(quiz: Record<string, QuizAnswer>, questions: number): string {
  const items: string[] = [];
  for (let i = 0; i < questions; i++) {
    const a = quiz[i];
    items.push(a ? `${a.choice}${a.checked ? '' : '?'}` : '');
  }
  return items.join(',');
}

function encodeCards(cards: Record<string, CardMark>, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += cards[i] === 'known' ? 'k' : cards[i] === 'unknown' ? 'u' : '_';
  return out.replace(/_+$/, '');
}

/**
 * Encodes `lesson` within `limit` characters. `questions` and `cards` are the lesson's quiz and
 * flashcard counts (answers beyond them are not the lesson's and are not kept).
 */
export function encodeSuspendData(lesson: SuspendedLesson, questions: number, cards: number, limit = SUSPEND_LIMIT): Encoded {
  const parts: Record<DroppablePart, unknown> = {
    flashcards: encodeCards(lesson.flashcards, cards) || 0,
    reflections: hasKeys(lesson.reflections) ? lesson.reflections : 0,
    settings: lesson.settings.some(hasKeys) ? lesson.settings : 0,
    pins: lesson.pins.some(hasKeys) ? lesson.pins : 0,
  };
  const text = () => JSON.stringify([SUSPEND_VERSION, encodeQuiz(lesson.quiz, questions), lesson.widgetRuns,
    parts.flashcards, parts.reflections, parts.settings, parts.pins]);
  const dropped: DroppablePart[] = [];
  let out = text();
  for (const part of DROP_ORDER) {
    if (out.length <= limit) break;
    if (parts[part] === 0) continue;
    parts[part] = 0;
    dropped.push(part);
    out = text();
  }
  return { text: out.length <= limit ? out : null, dropped };
}

/** Why a suspend_data string could not be read (it is then ignored: a fresh start). */
export class SuspendDataError extends Error {}

function decodeQuiz(text: unknown): Record<string, QuizAnswer> {
  if (typeof text !== 'string') throw new SuspendDataError(`quiz is ${JSON.stringify(text)}, expected a string`);
  const quiz: Record<string, QuizAnswer> = {};
  if (!text) return quiz;
  text.split(',').forEach((item, i) => {
    if (!item) return;
    const m = /^(\d{1,4})(\??)$/.exec(item);
    if (!m) throw new SuspendDataError(`quiz answer ${i + 1} is "${item}", expected a choice number`);
    quiz[i] = { choice: Number(m[1]), checked: m[2] === '' };
  });
  return quiz;
}

function decodeCards(text: unknown): Record<string, CardMark> {
  if (text === 0) return {};
  if (typeof text !== 'string' || !/^[ku_]*$/.test(text)) throw new SuspendDataError(`flashcards are ${JSON.stringify(text)}, expected k, u and _ only`);
  const cards: Record<string, CardMark> = {};
  [...text].forEach((c, i) => {
    if (c !== '_') cards[i] = c === 'k' ? 'known' : 'unknown';
  });
  return cards;
}

function decodeList<T>(value: unknown, what: string, check: (v: unknown) => T | null): T[] {
  if (value === 0) return [];
  if (!Array.isArray(value)) throw new SuspendDataError(`${what} is ${JSON.stringify(value)}, expected a list`);
  return value.map((v, i) => {
    const ok = check(v);
    if (ok === null) throw new SuspendDataError(`${what} ${i + 1} is ${JSON.stringify(v)}`);
    return ok;
  });
}

/** Reads what encodeSuspendData wrote; "" is a first launch (null). Throws SuspendDataError for
 *  anything else it cannot read, saying what. */
export function decodeSuspendData(text: string): SuspendedLesson | null {
  if (text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SuspendDataError(`not this lab's format (starts "${text.slice(0, 20)}")`);
  }
  if (!Array.isArray(value) || typeof value[0] !== 'number') throw new SuspendDataError(`not this lab's format (starts "${text.slice(0, 20)}")`);
  if (value[0] !== SUSPEND_VERSION) throw new SuspendDataError(`version ${value[0]} is not ${SUSPEND_VERSION}, the one this page reads`);
  if (value.length !== 7) throw new SuspendDataError(`${value.length} parts, expected 7`);
  const [, quiz, runs, cards, reflections, settings, pins] = value;
  if (reflections !== 0 && !(isRecord(reflections) && Object.values(reflections).every((t) => typeof t === 'string'))) {
    throw new SuspendDataError(`reflections are ${JSON.stringify(reflections)}, expected texts by prompt`);
  }
  return {
    quiz: decodeQuiz(quiz),
    widgetRuns: decodeList(runs, 'run count', (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? v as number : null)),
    flashcards: decodeCards(cards),
    reflections: reflections === 0 ? {} : reflections as Record<string, string>,
    settings: decodeList(settings, 'widget settings', (v) => (isRecord(v) ? v : null)),
    pins: decodeList(pins, 'widget pins', (v) => (isRecord(v) && Object.values(v).every(Array.isArray) ? v as Record<string, PinRecord[]> : null)),
  };
}

/** The suspended form of a lesson's progress (widgets by `widgetData`, the lesson's widget
 *  references, for runs; by `widgetKeys`, their files' site paths, for settings and pins). */
export function suspendedLesson(progress: LessonProgress, widgetData: readonly string[],
  settingsOf: (key: string) => Record<string, unknown>, pinsOf: (key: string) => Record<string, PinRecord[]>,
  widgetKeys: readonly string[]): SuspendedLesson {
  return {
    quiz: progress.quiz,
    widgetRuns: widgetData.map((d) => progress.widgetRuns[d] ?? 0),
    flashcards: progress.flashcards,
    reflections: progress.reflections,
    settings: widgetKeys.map(settingsOf),
    pins: widgetKeys.map(pinsOf),
  };
}
