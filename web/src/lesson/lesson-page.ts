// The lesson page, assembled from its parts in reading order: header, video, goals, contents,
// the Markdown body with the widgets in its "Interactive Exploration" section and the quiz and
// reflection in theirs (or appended when the body has no such section), flashcards after the
// quiz, the next lesson, and the learner's saved progress: reset, download, load from a file.
//
// In two steps, so the text can be rendered ahead of time: renderLessonText is the page as a
// reader needs it, with no learner state and no listeners (the site build runs it in jsdom and
// writes static pages, web/scripts/static-lessons.mjs; the browser runs it for a lesson the
// build did not see). The parts that need a script are placeholders, [data-live=PART], holding
// a version that reads without one; hydrateLessonPage puts the live parts in their place,
// leaving the text as it is, and does so again after a reset.
import { h } from '../dom.ts';
import { locale, t } from '../i18n/i18n.ts';
import { type Diagnostic, describeDiagnostic } from '../runtime/engine-api.ts';
import type { LearnerStore } from '../state/learner-store.ts';
import { widgetElement } from '../widgets/widget-types.ts';
import { renderFlashcardList } from './flashcards.ts';
import { hydrateLessonPage, type LessonPageActions } from './lesson-hydrate.ts';
import { lessonLink, renderGoals, renderHeader } from './lesson-header.ts';
import { currentLessonLang, lessonLangOf, markAuthored, markChrome, setLessonLang } from './lesson-lang.ts';
import { type CatalogEntry, type Lesson, courseNeighbours, lessonHref, resolveSitePath, translationsOf } from './lesson-model.ts';
import { anchorHeadings, renderMarkdown } from './markdown.ts';
import { isPackaged, unlinkOtherPages } from './package-links.ts';
import { renderQuizText } from './quiz.ts';
import { renderReflectionPrompts } from './reflection.ts';
import { renderToc } from './toc.ts';
import { renderVideo } from './video.ts';

export interface LessonTextInput {
  lesson: Lesson;
  /** The key of the learner's progress: the lesson id the page was opened with. */
  progressId: string;
  lessonUrl: URL;
  siteRoot: URL;
  catalog: readonly CatalogEntry[];
  diagnostics: readonly Diagnostic[];
}

export interface LessonPageInput extends LessonTextInput {
  store: LearnerStore;
}

// The live parts are in lesson-hydrate.ts, which a current static page loads without this file
// (and so without the Markdown renderer, whose set-up alone was a 130 ms task on a phone).
export { hydrateLessonPage, type LessonPageActions } from './lesson-hydrate.ts';
const headingText = (el: Element): string =>
  [...el.childNodes].filter((n) => !(n instanceof HTMLAnchorElement)).map((n) => n.textContent).join('').trim();

/** The elements of the section that `heading` opens (up to the next heading of the same or a
 *  higher level), and that heading (null: the section runs to the end). */
function sectionOf(heading: HTMLHeadingElement): { body: Element[]; end: Element | null } {
  const level = Number(heading.tagName[1]);
  const body: Element[] = [];
  let next = heading.nextElementSibling;
  while (next && !(/^H[1-6]$/.test(next.tagName) && Number(next.tagName[1]) <= level)) {
    body.push(next);
    next = next.nextElementSibling;
  }
  return { body, end: next };
}

/** Inserts `nodes` at the end of the section that `heading` opens. */
function appendToSection(heading: HTMLHeadingElement, ...nodes: Node[]): void {
  const { end } = sectionOf(heading);
  for (const node of nodes) heading.parentNode!.insertBefore(node, end);
}

/** The heading of the body's section whose title matches (h2 or h3), if any. */
const sectionHeading = (article: HTMLElement, pattern: RegExp): HTMLHeadingElement | undefined =>
  [...article.querySelectorAll<HTMLHeadingElement>('h2, h3')].find((el) => pattern.test(headingText(el)));

/** A body's Reflection section often asks the front matter's questions again in prose: the
 *  prompts (each with its text box) take the place of the section's paragraphs that ask
 *  something, so every question shows once. A paragraph that asks nothing (an introduction:
 *  "think about who pays for each mistake") stays. */
function dropRestatedQuestions(article: HTMLElement, pattern: RegExp): void {
  const heading = sectionHeading(article, pattern);
  if (!heading) return;
  for (const el of sectionOf(heading).body) if (el.tagName === 'P' && (el.textContent ?? '').includes('?')) el.remove();
}

/** A section heading the page adds (not in the body), with a unique id and its "#" link. */
function addedHeading(article: HTMLElement, title: string): HTMLHeadingElement {
  const box = h('div', {}, markChrome(h('h2', {}, title)));
  anchorHeadings(box, [], new Set([...article.ownerDocument.querySelectorAll('[id]'), ...article.querySelectorAll('[id]')].map((el) => el.id)));
  return box.firstElementChild as HTMLHeadingElement;
}

/** A section title the page looks for in the body: the English one (lessons written before
 *  translations) or the page's locale's. */
function sectionPattern(english: string, key: string, wordEnd = false): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(${escape(english)}|${escape(t(key))})${wordEnd ? '\\b' : ''}`, 'i');
}

/** Puts `nodes` into the body's section whose title matches, or a new h2 section at the end. */
function place(article: HTMLElement, pattern: RegExp, title: string, ...nodes: Node[]): void {
  const heading = sectionHeading(article, pattern);
  if (heading) appendToSection(heading, ...nodes);
  else article.append(addedHeading(article, title), ...nodes);
}

/** A URL on this site as a path from the site root: every lesson page sits at the root, so the
 *  same markup works wherever the site is hosted (the build writes it without knowing). */
function fromRoot(url: URL, siteRoot: URL): string {
  return url.href.startsWith(siteRoot.href) ? url.href.slice(siteRoot.href.length) || './' : url.href;
}

function renderWidgets(input: LessonTextInput): HTMLElement {
  // Widgets speak the page's locale (they read the nearest `lang`).
  const box = markChrome(h('div', { class: 'lesson-widgets' }));
  for (const ref of input.lesson.widgets) {
    const src = resolveSitePath(ref.data, input.siteRoot, input.lessonUrl);
    // The engine left out references to unknown widget types (the diagnostics say so).
    const element = document.createElement(widgetElement(ref.type));
    element.setAttribute('src', fromRoot(src, input.siteRoot));
    element.setAttribute('url-state', 'on');  // our own page: settings go into its URL
    element.setAttribute('autorun', 'visible');  // results waiting when the learner gets there
    element.dataset.lessonWidget = ref.data;  // hydrateLessonPage counts its runs under this key
    // widget.html takes the file's path from the site root ("/widgets/x.json"), which is not
    // the URL's pathname when the site lives in a subfolder.
    const root = input.siteRoot.href;
    const standalone = new URLSearchParams({ src: src.href.startsWith(root) ? `/${src.href.slice(root.length)}` : src.pathname });
    if (locale() !== 'en') standalone.set('lang', locale());
    box.append(element, h('p', { class: 'small' }, h('a', { href: `widget.html?${standalone}` }, t('lesson.widget.standalone'))));
  }
  return box;
}

function renderDiagnostics(diagnostics: readonly Diagnostic[]): HTMLElement | null {
  if (!diagnostics.length) return null;
  return h('details', { class: 'notice diagnostics' },
    h('summary', {}, t('lesson.diagnostics', { count: diagnostics.length })),
    h('ul', {}, ...diagnostics.map((d) => h('li', {}, describeDiagnostic(d)))));
}

/** Previous/next in the catalog's course order (lessons not written yet skipped); a lesson the
 *  catalog does not list falls back to its front matter's `next`. */
function renderCourseNav({ lesson, progressId, catalog }: LessonTextInput): HTMLElement | null {
  const listed = catalog.some((e) => e.id === progressId);
  const { previous, next } = courseNeighbours(catalog, progressId);
  const items: HTMLElement[] = [];
  if (previous) items.push(h('li', { class: 'previous-lesson' }, `${t('lesson.nav.previous')} `, lessonLink(previous.id, catalog)));
  const nextId = next?.id ?? (!listed ? lesson.next : null);
  if (nextId) items.push(h('li', { class: 'next-lesson' }, `${t('lesson.nav.next')} `, lessonLink(nextId, catalog), ' →'));
  return items.length ? h('nav', { class: 'course-nav', 'aria-label': t('lesson.nav.label') }, h('ul', {}, ...items)) : null;
}

/** The lesson's other languages (the original and the catalog's translations), each named in
 *  its own language and linked to its page; null for a lesson in one language only. */
export function renderLanguages({ progressId, catalog }: LessonTextInput): HTMLElement | null {
  const entry = catalog.find((e) => e.id === progressId);
  const translations = translationsOf(entry);
  if (!entry || !translations.length) return null;
  const original = entry.lang ?? 'en';
  const shown = currentLessonLang();
  const others = [{ lang: original, href: lessonHref(progressId) },
    ...translations.map((tr) => ({ lang: tr.lang, href: lessonHref(progressId, tr.lang) }))].filter((o) => o.lang !== shown);
  if (!others.length) return null;
  const nameOf = (lang: string) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
    } catch {
      return lang;
    }
  };
  const links = others.map((o) => h('li', {}, h('a', { href: o.href, lang: o.lang, hreflang: o.lang }, nameOf(o.lang))));
  return h('nav', { class: 'lesson-languages', 'aria-label': t('lesson.languages.label') },
    `${t('lesson.languages.other')} `, h('ul', { class: 'inline-list' }, ...links));
}

/** A placeholder for a part the page's script makes live, holding what reads without it. */
const placeholder = (part: string, ...readable: Node[]): HTMLElement => markChrome(h('div', { 'data-live': part }, ...readable));

/** The page as text (see the top of this file): [contents, main]. */
export function renderLessonText(input: LessonTextInput): HTMLElement[] {
  const { lesson } = input;
  setLessonLang(lessonLangOf(lesson));
  const article = markAuthored(h('article', { class: 'lesson-body', 'aria-labelledby': 'lesson-title' }));
  article.append(renderMarkdown(lesson.body));
  anchorHeadings(article, lesson.sections, new Set(['lesson-title', 'goals-title', 'toc-title', 'main']));

  if (lesson.widgets.length) place(article, sectionPattern('interactive exploration', 'lesson.section.widgets'), t('lesson.section.widgets'), renderWidgets(input));
  if (lesson.quiz.length) place(article, sectionPattern('quiz', 'lesson.section.quiz', true), t('lesson.section.quiz'), placeholder('quiz', renderQuizText(lesson.quiz)));
  if (lesson.flashcards.length) {
    const heading = addedHeading(article, t('lesson.section.flashcards'));
    const deck = placeholder('flashcards', renderFlashcardList(lesson.flashcards));
    const quiz = article.querySelector(':scope > [data-live="quiz"]');
    if (quiz) quiz.after(heading, deck);
    else article.append(heading, deck);
  }
  if (lesson.reflection.length) {
    const pattern = sectionPattern('reflection', 'lesson.section.reflection');
    dropRestatedQuestions(article, pattern);
    place(article, pattern, t('lesson.section.reflection'), placeholder('reflection', renderReflectionPrompts(lesson.reflection)));
  }

  const footer = h('footer', { class: 'lesson-footer' }, renderCourseNav(input), placeholder('progress'));
  const header = renderHeader(lesson, input.catalog);
  const video = lesson.video ? renderVideo(lesson.video, lesson.title, false) : null;
  if (video) video.dataset.live = 'video';
  const goals = renderGoals(lesson.goals);
  const main = h('div', { class: 'lesson-main' }, header, renderLanguages(input), renderDiagnostics(input.diagnostics), video, goals, article, footer);
  return [renderToc(article), main];
}

/** The whole page, live: renderLessonText, then hydrateLessonPage; in an LMS's package, with no
 *  link out of the package (package-links.ts). */
export function renderLessonPage(input: LessonPageInput, actions: LessonPageActions): HTMLElement[] {
  const page = document.createDocumentFragment();
  page.append(...renderLessonText(input));
  hydrateLessonPage(page, input, actions);
  if (isPackaged()) unlinkOtherPages(page);
  return [...page.children] as HTMLElement[];
}
