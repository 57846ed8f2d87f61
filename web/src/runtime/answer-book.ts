// Answers the site build recorded: what the engine answered a lesson page's own start-up calls
// (the option declarations, a widget file's check and plan) and each widget's first result
// with the file's settings, so that a reader sees results before engine.wasm has downloaded.
// The engine is deterministic (seeded, the same bits in every browser: tests/e2e/
// build-answers.test.mjs compares a recorded result with one computed in the page), so an
// answer recorded by the build is the answer the learner's engine would give.
//
// A request is answered only when it is exactly one the build made (its key below): the same
// call with the same arguments, or the same run (spec text, widget file, experiments and values)
// on the site's own data, started by the page itself (autorun), never by a learner (a learner who
// presses Run or moves a control trains in the browser) and never on a learner's own file.
// Anything else goes to the engine as before. The recorder runs in the build
// (web/scripts/record-answers.mjs, `?lab-record-answers` on a page) and the live preview
// deletes the answers when a widget file or its data changes (tools/live-preview.mjs).
// BuildAnswers (below) is that policy as the EngineClient applies it to each request.
// The file holds each answer under the SHA-256 of its request's key, not the key itself: a key
// carries a widget file's whole text (every call about it does), so a file keyed by the text
// was a quarter larger for nothing the page reads. A page without Web Crypto (plain http on
// another host than localhost) has no hashes and so no answers: its engine computes them.
import { canHash, sha256Hex } from './sha256.ts';
import type { EngineResponse, ExperimentResult } from './engine-api.ts';
import type { EngineCall } from './protocol.ts';

/** Calls whose answer depends on their arguments only (not on a learner's data or the device). */
const ANSWERABLE_CALLS: ReadonlySet<EngineCall> = new Set(['options', 'optionPaths', 'experimentSpecs', 'validateWidget', 'widgetVocabulary', 'version']);

/** The format of an answers file; a page ignores any other (1 had the keys themselves). */
export const ANSWERS_FORMAT = 2;

export interface AnswersFile {
  format: number;
  /** SHA-256 (hex) of a request's key → the engine's answer ({ok: true, ...}). */
  answers: Record<string, EngineResponse>;
}

/** The run a key describes: what decides its result (not where the page is served from). */
export interface RunKeyParts {
  specText: string;
  baseUrl: string;
  files?: Record<string, unknown>;
  experiments?: Record<string, Record<string, unknown>>;
  values?: Record<string, unknown>;
}

/** The key of a call, or null when its answer may not come from the build. */
export function callKey(fn: EngineCall, args: readonly string[]): string | null {
  return ANSWERABLE_CALLS.has(fn) ? JSON.stringify(['call', fn, args]) : null;
}

/** The key of a run on the site's own data (its widget file's URL taken from the site root, so
 *  the key holds wherever the site is hosted), or null: a learner's file, or a widget file
 *  from elsewhere. */
export function runKey(run: RunKeyParts, siteRoot: URL): string | null {
  if (run.files && Object.keys(run.files).length) return null;
  if (!run.baseUrl.startsWith(siteRoot.href)) return null;
  const widgetFile = run.baseUrl.slice(siteRoot.href.length);
  return JSON.stringify(['run', widgetFile, run.specText, run.experiments ?? null, run.values ?? null]);
}

/** The answers a page may use. */
export class AnswerBook {
  private readonly answers: Map<string, EngineResponse>;

  constructor(readonly siteRoot: URL, answers: Record<string, EngineResponse>) {
    this.answers = new Map(Object.entries(answers).filter(([, a]) => a && a.ok === true));
  }

  get size(): number {
    return this.answers.size;
  }

  /** The recorded answer to the request `key` names, or undefined. A copy: callers may keep and
   *  change it. */
  async get(key: string | null): Promise<EngineResponse | undefined> {
    const hash = key === null ? null : await sha256Hex(key);
    const answer = hash === null ? undefined : this.answers.get(hash);
    return answer && structuredClone(answer);
  }
}

/** Collects what the engine answers, for the build to write (`?lab-record-answers`). */
export class AnswerRecorder {
  private readonly answers = new Map<string, EngineResponse>();

  constructor(readonly siteRoot: URL) {}

  add(key: string | null, answer: EngineResponse): void {
    if (key !== null && answer.ok === true && !this.answers.has(key)) this.answers.set(key, structuredClone(answer));
  }

  /** The answers file: each answer under its key's hash, in hash order (the same answers make
   *  the same file). */
  async file(): Promise<AnswersFile> {
    const hashed = await Promise.all([...this.answers].map(async ([key, answer]) => [await sha256Hex(key), answer] as const));
    if (hashed.some(([hash]) => hash === null)) throw new Error('recording answers needs Web Crypto (a secure context)');
    return { format: ANSWERS_FORMAT, answers: Object.fromEntries(hashed.sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))) };
  }
}

/** Reads an answers file; null when there is none or it is not one, or the page cannot hash
 *  (the page then asks the engine for everything, as without a build). */
export function readAnswersFile(value: unknown, siteRoot: URL): AnswerBook | null {
  const file = value as Partial<AnswersFile> | null;
  if (!canHash() || !file || typeof file !== 'object' || file.format !== ANSWERS_FORMAT || !file.answers || typeof file.answers !== 'object') return null;
  return new AnswerBook(siteRoot, file.answers);
}

/** Who started a run and what its result holds: a build's answer may serve only a run the page
 *  started by itself (a widget's autorun), never a learner's, and never one whose result holds
 *  figures measured on the learner's device (latencies). */
export interface RunOrigin {
  /** The page started the run (a widget's autorun), not a learner. */
  byPage?: boolean;
  /** The run's result holds figures measured on this device. */
  measuresTheDevice?: boolean;
}

/** The build's answers as the EngineClient uses them: looks each request up in the page's book
 *  (useAnswers), keeps what the engine answered for the build's recorder (recordAnswers), and
 *  knows which results it served (the page lets the engine start once one is on screen). */
export class BuildAnswers {
  private book: AnswerBook | null = null;
  private recorder: AnswerRecorder | null = null;
  private readonly results = new WeakSet<ExperimentResult>();
  /** Requests answered from the book so far, not by the engine. */
  served = 0;

  /** Answers from `book` from now on (null or empty: none); whether there are any. */
  use(book: AnswerBook | null): boolean {
    this.book = book && book.size ? book : null;
    return this.book !== null;
  }

  record(recorder: AnswerRecorder): void {
    this.recorder = recorder;
  }

  /** Whether the engine's answers are kept for the build. */
  get recording(): boolean {
    return this.recorder !== null;
  }

  /** The key of a run the book may answer or the recorder keep, else null. */
  runKey(run: RunKeyParts, origin: RunOrigin): string | null {
    const siteRoot = this.book?.siteRoot ?? this.recorder?.siteRoot;
    return origin.byPage && !origin.measuresTheDevice && siteRoot ? runKey(run, siteRoot) : null;
  }

  /** The key of a call the book may answer or the recorder keep, else null. */
  callKey(fn: EngineCall, args: readonly string[]): string | null {
    return this.book || this.recorder ? callKey(fn, args) : null;
  }

  /** Whether the book may hold an answer to the request `key` names (then answerCall says). */
  mayAnswer(key: string | null): boolean {
    return this.book !== null && key !== null;
  }

  /** The recorded answer to a call, unless there is none or the caller gave up on it. */
  async answerCall(key: string | null, signal?: AbortSignal): Promise<EngineResponse | undefined> {
    const recorded = this.book ? await this.book.get(key) : undefined;
    if (!recorded || signal?.aborted) return undefined;
    this.served++;
    return recorded;
  }

  /** The recorded result of a run, as answerCall. */
  async answerRun(key: string | null, signal?: AbortSignal): Promise<ExperimentResult | undefined> {
    const recorded = await this.answerCall(key, signal);
    if (!recorded) return undefined;
    const result = resultOf(recorded);
    this.results.add(result);
    return result;
  }

  /** Whether the book served this result. */
  isServed(result: ExperimentResult): boolean {
    return this.results.has(result);
  }

  /** Keeps the engine's answer under `key` for the build, when it is recording. */
  keep(key: string | null, answer: EngineResponse): void {
    this.recorder?.add(key, answer);
  }
}

/** A run's result in the engine's answer ({} when it has none). */
export const resultOf = (answer: EngineResponse): ExperimentResult => (answer as { result?: ExperimentResult }).result ?? {};

/** Fetches a page's answers file (null when the site has none: a build without a browser, the
 *  live preview after an edit). */
export async function loadAnswerBook(url: URL, siteRoot: URL): Promise<AnswerBook | null> {
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    return response.ok ? readAnswersFile(await response.json(), siteRoot) : null;
  } catch {
    return null;
  }
}
