// What the lesson page tells a SCORM 1.2 LMS, from the learner's progress (docs/lms.md):
//   incomplete  until every quiz question is checked and every widget of the lesson has
//               finished a run (the runs the page counts for the course page);
//   then        "completed" for a lesson without a quiz; with one "passed" or "failed" by the
//               quiz score (0-100) against the mastery score (the LMS's, else 80).
// A launch that finds the lesson completed, passed or failed never reports "incomplete" again:
// a learner who changes an answer afterwards keeps the result until the quiz is done again.
// DOM-free, for Node tests.
import type { LessonProgress } from '../state/learner-store.ts';

export type LessonStatus = 'incomplete' | 'completed' | 'passed' | 'failed';
export const FINISHED: readonly string[] = ['completed', 'passed', 'failed'];
export const DEFAULT_MASTERY = 80;

export interface LessonFacts {
  /** The right option of each quiz question, in order. */
  answers: readonly number[];
  /** The lesson's widget references (the keys of LessonProgress.widgetRuns). */
  widgets: readonly string[];
}

export interface Report {
  status: LessonStatus;
  /** The quiz score 0-100, once every question is checked; null before, or without a quiz. */
  score: number | null;
}

/** cmi.student_data.mastery_score as a number 0-100; the default when absent or not one. */
export function masteryScore(value: string): number {
  const n = value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : DEFAULT_MASTERY;
}

/** The quiz score 0-100 (rounded), or null while a question is unchecked or without a quiz. */
export function quizScore(facts: LessonFacts, progress: LessonProgress): number | null {
  if (!facts.answers.length) return null;
  let correct = 0;
  for (let i = 0; i < facts.answers.length; i++) {
    const a = progress.quiz[i];
    if (!a?.checked) return null;
    if (a.choice === facts.answers[i]) correct++;
  }
  return Math.round((100 * correct) / facts.answers.length);
}

/** Every widget of the lesson has finished at least one run on this page. */
export function widgetsRun(facts: LessonFacts, progress: LessonProgress): boolean {
  return facts.widgets.every((w) => (progress.widgetRuns[w] ?? 0) > 0);
}

/**
 * The report for `progress`. `previous` is the status the LMS had at launch (or the last one
 * reported): once finished, a lesson is never reported incomplete again.
 */
export function lessonReport(facts: LessonFacts, progress: LessonProgress, mastery: number, previous: string): Report {
  const score = quizScore(facts, progress);
  const quizDone = !facts.answers.length || score !== null;
  if (quizDone && widgetsRun(facts, progress)) {
    if (score === null) return { status: 'completed', score: null };
    return { status: score >= mastery ? 'passed' : 'failed', score };
  }
  return { status: FINISHED.includes(previous) ? previous as LessonStatus : 'incomplete', score };
}
