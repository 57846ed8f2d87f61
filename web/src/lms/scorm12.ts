// The lesson page in a SCORM 1.2 LMS (docs/lms.md). Loaded by pages/lesson.ts only when
// find-api.ts found the LMS's API. At launch: LMSInitialize, the learner's progress restored
// from cmi.suspend_data (the LMS's copy replaces what this browser holds for the lesson: on a
// shared computer the browser's copy may be someone else's), "incomplete" unless the LMS has
// the lesson finished. Then every change the learner store saves is turned into what the LMS
// is told (lesson-status.ts, suspend-data.ts), committed when it matters: a quiz answer, a
// widget's first run, a new status or score, the page hidden; LMSFinish when the page goes.
// The page never depends on the LMS: a failing call is logged once per error code and the
// page goes on; a failed LMSInitialize leaves the page as it is without an LMS.
import { type LearnerStore } from '../state/learner-store.ts';
import { type PinRecord, checkPin } from '../state/pins.ts';
import type { Scorm12Api } from './find-api.ts';
import { FINISHED, type LessonFacts, lessonReport, masteryScore } from './lesson-status.ts';
import { SuspendDataError, type SuspendedLesson, decodeSuspendData, encodeSuspendData, suspendedLesson } from './suspend-data.ts';

export interface ScormLesson extends LessonFacts {
  store: LearnerStore;
  /** The key of the learner's progress (the lesson id the page was opened with). */
  lessonId: string;
  flashcards: number;
  /** The widgets' files as site paths (the store's keys of their settings and pins), in the
   *  lesson's order, as `widgets`. */
  widgetKeys: readonly string[];
}

/** The LMS's API with every call guarded: an exception or an LMS error code is logged once per
 *  code and the call answers "" (or false), so the page goes on. */
class GuardedApi {
  private readonly logged = new Set<string>();
  constructor(private readonly api: Scorm12Api) {}

  private call(what: string, fn: () => string | boolean): string {
    let result: string;
    try {
      result = String(fn());
    } catch (e) {
      this.log('exception', `${what} threw: ${(e as Error).message}`);
      return '';
    }
    let code = '0';
    try {
      code = String(this.api.LMSGetLastError());
    } catch {
      code = '0';  // an LMS without a working LMSGetLastError: the result stands
    }
    if (code !== '0' && code !== '') {
      let text = '';
      try {
        text = this.api.LMSGetErrorString(code);
      } catch {
        text = '';
      }
      this.log(code, `${what}: LMS error ${code}${text ? ` (${text})` : ''}`);
    }
    return result;
  }

  private log(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    console.warn(`SCORM: ${message}; the lesson goes on (this kind of error is not logged again).`);
  }

  initialize = (): boolean => this.call('LMSInitialize', () => this.api.LMSInitialize('')) === 'true';
  finish = (): boolean => this.call('LMSFinish', () => this.api.LMSFinish('')) === 'true';
  commit = (): boolean => this.call('LMSCommit', () => this.api.LMSCommit('')) === 'true';
  get = (element: string): string => this.call(`LMSGetValue("${element}")`, () => this.api.LMSGetValue(element));
  set = (element: string, value: string): boolean =>
    this.call(`LMSSetValue("${element}")`, () => this.api.LMSSetValue(element, value)) === 'true';
}

/** SCORM 1.2's CMITimespan (HHHH:MM:SS) for a duration in milliseconds. */
export function timespan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.min(9999, Math.floor(s / 3600)))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

const STORE_CHANGES = ['updateLesson', 'setWidgetSettings', 'setWidgetPins', 'resetLesson', 'resetAll', 'importFile'] as const;

export class Scorm12Session {
  private readonly started = Date.now();
  private status: string;
  private score: number | null = null;
  private suspend: string | null = null;
  /** The quiz and the widgets that have run, as last committed: a change is worth a commit. */
  private milestones = '';
  private finished = false;
  private readonly mastery: number;

  constructor(private readonly lms: GuardedApi, private readonly lesson: ScormLesson) {
    this.status = lms.get('cmi.core.lesson_status');
    this.mastery = masteryScore(lms.get('cmi.student_data.mastery_score'));
    this.restore(lms.get('cmi.suspend_data'));
    if (!FINISHED.includes(this.status)) {
      lms.set('cmi.core.lesson_status', 'incomplete');
      this.status = 'incomplete';
    }
    lms.set('cmi.core.exit', FINISHED.includes(this.status) ? '' : 'suspend');
    this.watchStore();
    this.update();
    lms.commit();
  }

  /** The LMS's copy of the lesson's progress replaces the browser's (see the top of the file). */
  private restore(text: string): void {
    const { store, lessonId, widgets, widgetKeys } = this.lesson;
    let saved: SuspendedLesson | null = null;
    try {
      saved = decodeSuspendData(text);
    } catch (e) {
      if (!(e instanceof SuspendDataError)) throw e;
      console.warn(`SCORM: the saved progress (cmi.suspend_data) could not be read: ${e.message}; the lesson starts afresh.`);
    }
    store.resetLesson(lessonId, widgetKeys);
    if (!saved) return;
    const progress = saved;
    store.updateLesson(lessonId, (p) => {
      p.quiz = progress.quiz;
      p.flashcards = progress.flashcards;
      p.reflections = progress.reflections;
      widgets.forEach((w, i) => {
        if (progress.widgetRuns[i]) p.widgetRuns[w] = progress.widgetRuns[i];
      });
    });
    widgetKeys.forEach((key, i) => {
      const settings = progress.settings[i];
      if (settings && Object.keys(settings).length) store.setWidgetSettings(key, settings);
      const pins: Record<string, PinRecord[]> = {};
      for (const [panel, list] of Object.entries(progress.pins[i] ?? {})) {
        const kept = list.map(checkPin).filter((p): p is PinRecord => p !== null);
        if (kept.length) pins[panel] = kept;
      }
      if (Object.keys(pins).length) store.setWidgetPins(key, pins);
    });
  }

  /** Every change the store saves updates what the LMS is told. The store has no change event
   *  of its own, so this page's store has its changing methods wrapped. */
  private watchStore(): void {
    const store = this.lesson.store as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of STORE_CHANGES) {
      const original = store[name].bind(store);
      store[name] = (...args: unknown[]) => {
        const result = original(...args);
        this.update();
        return result;
      };
    }
  }

  /** Sets what changed since the last call; commits when it matters. */
  update(): void {
    if (this.finished) return;
    const { store, lessonId, widgets, widgetKeys, answers, flashcards } = this.lesson;
    const progress = store.lesson(lessonId);
    const report = lessonReport(this.lesson, progress, this.mastery, this.status);
    let worthCommit = false;
    if (report.score !== null && report.score !== this.score) {
      this.lms.set('cmi.core.score.min', '0');
      this.lms.set('cmi.core.score.max', '100');
      this.lms.set('cmi.core.score.raw', String(report.score));
      this.score = report.score;
      worthCommit = true;
    }
    if (report.status !== this.status) {
      this.lms.set('cmi.core.lesson_status', report.status);
      this.lms.set('cmi.core.exit', FINISHED.includes(report.status) ? '' : 'suspend');
      this.status = report.status;
      worthCommit = true;
    }
    const suspended = suspendedLesson(progress, widgets, (k) => store.widgetSettings(k), (k) => store.widgetPins(k), widgetKeys);
    const { text } = encodeSuspendData(suspended, answers.length, flashcards);
    if (text !== null && text !== this.suspend) {
      this.lms.set('cmi.suspend_data', text);
      this.suspend = text;
    }
    const milestones = JSON.stringify([suspended.quiz, suspended.widgetRuns.map((n) => n > 0)]);
    if (milestones !== this.milestones) {
      this.milestones = milestones;
      worthCommit = true;
    }
    if (worthCommit) this.lms.commit();
  }

  /** Commits what the learner did so far (the page is being hidden: it may not come back). */
  commit(): void {
    if (!this.finished) this.lms.commit();
  }

  /** The session's end: time spent, a last commit, LMSFinish. Once. */
  finish(): void {
    if (this.finished) return;
    this.update();
    this.finished = true;
    this.lms.set('cmi.core.session_time', timespan(Date.now() - this.started));
    this.lms.commit();
    this.lms.finish();
  }
}

/**
 * Starts the LMS session for the lesson page, before the page shows the learner's progress (the
 * LMS's copy is restored into the store first). Null when LMSInitialize fails: the page then
 * works as it does without an LMS.
 */
export function startScormSession(api: Scorm12Api, lesson: ScormLesson, win: Window = window): Scorm12Session | null {
  const lms = new GuardedApi(api);
  if (!lms.initialize()) {
    console.warn('SCORM: the LMS did not start a session (LMSInitialize); the lesson works without reporting to it.');
    return null;
  }
  const session = new Scorm12Session(lms, lesson);
  win.addEventListener('pagehide', () => session.finish());
  win.document.addEventListener('visibilitychange', () => {
    if (win.document.visibilityState === 'hidden') session.commit();
  });
  return session;
}
