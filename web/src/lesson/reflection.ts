// Reflection prompts, each with a text box whose text is saved as the learner types.
import { h, nextId } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import type { LearnerStore } from '../state/learner-store.ts';
import { authored, markAuthored } from './lesson-lang.ts';

/** The prompts alone, for a page read without JavaScript (the static page): the text boxes save
 *  in the browser, so the page's script adds them. */
export function renderReflectionPrompts(prompts: readonly string[]): HTMLElement {
  return markAuthored(h('ul', { class: 'reflection-text' }, ...prompts.map((prompt) => h('li', {}, prompt))));
}

export function renderReflection(prompts: readonly string[], store: LearnerStore, lessonId: string): HTMLElement {
  return h('div', { class: 'reflection' }, ...prompts.map((prompt, index) => {
    const id = nextId('reflection');
    const saved = h('span', { class: 'muted small', 'aria-live': 'polite' });
    const box = h('textarea', { id, rows: 4 });
    box.value = store.lesson(lessonId).reflections[index] ?? '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      store.updateLesson(lessonId, (p) => {
        if (box.value) p.reflections[index] = box.value;
        else delete p.reflections[index];
      });
      saved.textContent = t('lesson.reflection.saved');
    };
    box.addEventListener('input', () => {
      saved.textContent = '';
      clearTimeout(timer);
      timer = setTimeout(save, 400);
    });
    box.addEventListener('blur', save);
    return h('div', { class: 'reflection-prompt' }, h('label', { for: id }, authored(prompt)), box, saved);
  }));
}
