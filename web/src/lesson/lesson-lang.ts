// The lesson's own language beside the page's. The chrome (buttons, headings the page adds,
// status lines) is in the page's locale; the author's words (the body, quiz questions, cards,
// goals, titles) are in the lesson file's `lang`. Where the two differ (an English lesson read
// with another interface locale, e.g. a pseudo-locale), author text is marked with its `lang`
// so screen readers pronounce it right and tests can tell it from the chrome.
import { h } from '../dom.ts';
import { locale } from '../i18n/i18n.ts';

let lessonLang = 'en';

/** The language of the lesson being shown (its front matter's `lang`, English by default). */
export function setLessonLang(lang: string | null | undefined): void {
  lessonLang = lang && lang.trim() ? lang.trim() : 'en';
}

export const lessonLangOf = (lesson: { lang?: string | null }): string => (lesson.lang && lesson.lang.trim()) || 'en';

export const currentLessonLang = (): string => lessonLang;

/** Whether author text needs marking: its language is not the page's. */
export const lessonLangDiffers = (): boolean => lessonLang !== locale();

/** Author text, marked with the lesson's language when that is not the page's. */
export function authored(text: string): Node | string {
  return lessonLangDiffers() ? h('span', { lang: lessonLang }, text) : text;
}

/** Sets `lang` on an element holding author text, when it differs from the page's. */
export function markAuthored<T extends HTMLElement>(el: T): T {
  if (lessonLangDiffers()) el.lang = lessonLang;
  return el;
}

/** Sets `lang` to the page's locale on a part the page adds inside author text (the quiz in
 *  the body's Quiz section), when the two differ. */
export function markChrome<T extends HTMLElement>(el: T): T {
  if (lessonLangDiffers()) el.lang = locale();
  return el;
}
