// The live parts of a lesson page (see lesson-page.ts): the quiz, flashcards and reflection with
// the learner's saved state, the video player, the progress buttons, and each widget's runs
// counted. Apart from lesson-page.ts so that a static page whose text is current
// (pages/lesson.ts) loads only this: no Markdown renderer, no sanitizer.
import { h } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import { lessonLangOf, setLessonLang } from './lesson-lang.ts';
import { renderFlashcards } from './flashcards.ts';
import type { LessonPageInput } from './lesson-page.ts';
import { renderProgressMenu } from './progress-menu.ts';
import { renderQuiz } from './quiz.ts';
import { renderReflection } from './reflection.ts';
import { followCurrentSection } from './toc.ts';
import { renderVideo } from './video.ts';

export interface LessonPageActions {
  /** Reset this lesson's progress (then redraw). */
  reset(): void;
  /** A progress file was loaded into the store (`message` says what changed): redraw. */
  progressLoaded(message: string): void;
}

/** Widget elements whose runs are counted already (hydrating again must not count twice). */
const counted = new WeakSet<Element>();
/** Contents already following the scroll. */
const followed = new WeakSet<Element>();

/** Puts the live parts into a page renderLessonText made (in `root`, attached or not): the
 *  quiz, flashcards and reflection with the learner's saved state, the video player, the
 *  progress buttons, the contents following the section being read, and each widget's runs
 *  counted towards the lesson's progress. */
export function hydrateLessonPage(root: ParentNode, input: LessonPageInput, actions: LessonPageActions): void {
  const { lesson, store, progressId } = input;
  setLessonLang(lessonLangOf(lesson));
  const swap = (part: string, make: () => HTMLElement | null) => {
    const old = root.querySelector(`[data-live="${part}"]`);
    const live = old && make();
    if (!old || !live) return;
    live.dataset.live = part;
    old.replaceWith(live);
  };
  swap('video', () => (lesson.video ? renderVideo(lesson.video, lesson.title) : null));
  swap('quiz', () => renderQuiz(lesson.quiz, store, progressId));
  swap('flashcards', () => renderFlashcards(lesson.flashcards, store, progressId));
  swap('reflection', () => renderReflection(lesson.reflection, store, progressId));
  swap('progress', () => h('div', {},
    h('p', {}, h('button', { type: 'button', class: 'button secondary reset-progress', onclick: () => actions.reset() },
      t('lesson.progress.reset'))),
    renderProgressMenu(store, (message) => actions.progressLoaded(message))));
  const toc = root.querySelector<HTMLElement>('nav.toc');
  const article = root.querySelector<HTMLElement>('article.lesson-body');
  if (toc && article && !followed.has(toc)) {
    followed.add(toc);
    followCurrentSection(toc, article);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-lesson-widget]')) {
    if (counted.has(element)) continue;
    counted.add(element);
    const data = element.dataset.lessonWidget!;
    // Each finished run counts towards the lesson's progress on the course page (a result the
    // widget shows again from its cache is not a new run).
    element.addEventListener('lab-run-result', (event) => {
      if ((event as CustomEvent<{ cached?: boolean }>).detail?.cached) return;
      store.countWidgetRun(progressId, data);
    });
  }
}

