// The quiz: pick an option, check it, see whether it was right with the explanation, and a
// running score. Choices and checks are saved in the learner state and restored on reload.
import { h, nextId } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import { tNodes } from '../i18n/page-text.ts';
import type { LearnerStore } from '../state/learner-store.ts';
import { authored, markAuthored } from './lesson-lang.ts';
import type { QuizQuestion } from './lesson-model.ts';

/** The score in numbers (the course page words them its own way). */
export function scoreCounts(questions: readonly QuizQuestion[], answers: Record<string, { choice: number; checked: boolean }>): { correct: number; total: number; checked: number } {
  let checked = 0;
  let correct = 0;
  questions.forEach((q, i) => {
    const a = answers[i];
    if (!a?.checked) return;
    checked += 1;
    if (a.choice === q.answer) correct += 1;
  });
  return { correct, total: questions.length, checked };
}

export function scoreText(questions: readonly QuizQuestion[], answers: Record<string, { choice: number; checked: boolean }>): string {
  return t('lesson.quiz.score', scoreCounts(questions, answers));
}

/** The quiz as text, for a page read without JavaScript (the static page the site build writes):
 *  each question with its options, the answer folded in a <details> the reader opens. The
 *  page's script puts renderQuiz's live quiz in its place. */
export function renderQuizText(questions: readonly QuizQuestion[]): HTMLElement {
  return h('ol', { class: 'quiz-text' }, ...questions.map((q) => h('li', {},
    markAuthored(h('p', { class: 'quiz-text-question' }, q.q)),
    markAuthored(h('ul', {}, ...q.options.map((option) => h('li', {}, option)))),
    h('details', {}, h('summary', {}, t('lesson.quiz.show')),
      markAuthored(h('p', {}, q.options[q.answer] ?? '')), q.explain ? markAuthored(h('p', { class: 'muted' }, q.explain)) : null))));
}

export function renderQuiz(questions: readonly QuizQuestion[], store: LearnerStore, lessonId: string): HTMLElement {
  const score = h('p', { class: 'quiz-score', role: 'status', 'aria-live': 'polite' });
  const updateScore = () => { score.textContent = scoreText(questions, store.lesson(lessonId).quiz); };

  const items = questions.map((q, index) => {
    const name = nextId('quiz');
    const feedback = h('div', { class: 'quiz-feedback', 'aria-live': 'polite' });
    const radios = q.options.map((_option, choice) => h('input', { type: 'radio', name, value: choice }));
    const showFeedback = () => {
      const answer = store.lesson(lessonId).quiz[index];
      feedback.replaceChildren();
      feedback.className = 'quiz-feedback';
      if (!answer?.checked) return;
      const right = answer.choice === q.answer;
      feedback.classList.add(right ? 'correct' : 'wrong');
      feedback.append(h('p', { class: 'verdict' }, ...(right ? [t('lesson.quiz.correct')] : tNodes('lesson.quiz.wrong', {}, { answer: authored(q.options[q.answer] ?? '') }))));
      if (q.explain) feedback.append(markAuthored(h('p', { class: 'explain' }, q.explain)));
    };
    const check = h('button', {
      type: 'button', class: 'button quiz-check',
      onclick: () => {
        const choice = radios.findIndex((r) => r.checked);
        if (choice < 0) {
          feedback.className = 'quiz-feedback';
          feedback.replaceChildren(h('p', {}, t('lesson.quiz.chooseFirst')));
          return;
        }
        store.updateLesson(lessonId, (p) => { p.quiz[index] = { choice, checked: true }; });
        showFeedback();
        updateScore();
      },
    }, t('lesson.quiz.check'));
    radios.forEach((radio, choice) => radio.addEventListener('change', () => {
      // A new choice is unchecked until the learner checks it again.
      store.updateLesson(lessonId, (p) => { p.quiz[index] = { choice, checked: false }; });
      showFeedback();
      updateScore();
    }));
    const saved = store.lesson(lessonId).quiz[index];
    if (saved && radios[saved.choice]) radios[saved.choice].checked = true;
    showFeedback();
    return h('li', { class: 'quiz-question' },
      h('fieldset', {},
        markAuthored(h('legend', {}, q.q)),
        h('div', { class: 'quiz-options' }, ...q.options.map((option, choice) => h('label', {}, radios[choice], ' ', authored(option)))),
        check, feedback));
  });
  updateScore();
  return h('div', { class: 'quiz' }, h('ol', { class: 'quiz-questions' }, ...items), score);
}
