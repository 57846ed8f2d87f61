// Flashcards: one card at a time, flipped by click, Enter or Space (the card is a button);
// arrow keys move through the deck; shuffle; "I know it" / "Still learning" marks are saved.
import { h, nextId } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import type { CardMark, LearnerStore } from '../state/learner-store.ts';
import { currentLessonLang, lessonLangDiffers, markAuthored } from './lesson-lang.ts';
import type { Flashcard } from './lesson-model.ts';

/** Fisher-Yates with an injectable random source (tests pass a seeded one). */
export function shuffled(n: number, random: () => number = Math.random): number[] {
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The deck as a list of terms and definitions, for a page read without JavaScript (the static
 *  page); the page's script puts the live deck in its place. */
export function renderFlashcardList(cards: readonly Flashcard[]): HTMLElement {
  return markAuthored(h('dl', { class: 'flashcard-list' }, ...cards.flatMap((c) => [h('dt', {}, c.term), h('dd', {}, c.definition)])));
}

export function renderFlashcards(cards: readonly Flashcard[], store: LearnerStore, lessonId: string): HTMLElement {
  let order = [...cards.keys()];
  let position = 0;
  let flipped = false;
  const helpId = nextId('flashcard-help');

  const face = h('span', { class: 'card-face' });
  if (lessonLangDiffers()) face.lang = currentLessonLang();
  const side = h('span', { class: 'card-side' });
  // The card's name is what it shows ("Term: …"), so speech users can say what they see
  // (WCAG 2.5.3); how to flip it is in the description.
  const card = h('button', { type: 'button', class: 'flashcard', 'aria-describedby': helpId },
    side, h('span', { class: 'visually-hidden' }, ': '), face);
  const status = h('p', { class: 'deck-status', 'aria-live': 'polite' });
  const known = h('button', { type: 'button', class: 'button mark-known' }, t('lesson.cards.known'));
  const unknown = h('button', { type: 'button', class: 'button mark-unknown' }, t('lesson.cards.learning'));

  const current = () => order[position];
  const render = () => {
    const c = cards[current()];
    const mark = store.lesson(lessonId).flashcards[current()];
    card.classList.toggle('flipped', flipped);
    card.setAttribute('aria-pressed', String(flipped));
    side.textContent = flipped ? t('lesson.cards.answer') : t('lesson.cards.term');
    face.textContent = flipped ? c.definition : c.term;
    known.setAttribute('aria-pressed', String(mark === 'known'));
    unknown.setAttribute('aria-pressed', String(mark === 'unknown'));
    const marks = Object.values(store.lesson(lessonId).flashcards);
    status.textContent = t('lesson.cards.status', {
      position: position + 1, total: cards.length,
      known: marks.filter((m) => m === 'known').length, learning: marks.filter((m) => m === 'unknown').length,
    });
  };
  const go = (step: number) => {
    position = (position + step + cards.length) % cards.length;
    flipped = false;
    render();
  };
  const setMark = (mark: CardMark) => {
    store.updateLesson(lessonId, (p) => {
      if (p.flashcards[current()] === mark) delete p.flashcards[current()];
      else p.flashcards[current()] = mark;
    });
    render();
  };

  card.addEventListener('click', () => { flipped = !flipped; render(); });
  known.addEventListener('click', () => setMark('known'));
  unknown.addEventListener('click', () => setMark('unknown'));
  const deck = h('div', {
    class: 'flashcards', role: 'group', 'aria-label': t('lesson.cards.label'),
    onkeydown: (event: Event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'ArrowRight' || key === 'ArrowLeft') {
        if ((event.target as HTMLElement).tagName === 'TEXTAREA') return;
        event.preventDefault();
        go(key === 'ArrowRight' ? 1 : -1);
      }
    },
  },
  status, card,
  h('p', { id: helpId, class: 'muted small' }, t('lesson.cards.help')),
  h('div', { class: 'button-row' },
    h('button', { type: 'button', class: 'button', onclick: () => go(-1) }, t('lesson.cards.previous')),
    h('button', { type: 'button', class: 'button', onclick: () => go(1) }, t('lesson.cards.next')),
    h('button', { type: 'button', class: 'button', onclick: () => { order = shuffled(cards.length); position = 0; flipped = false; render(); } }, t('lesson.cards.shuffle'))),
  h('div', { class: 'button-row' }, known, unknown));
  render();
  return deck;
}
