// The lesson page, assembled from its parts in reading order: header, video, goals, contents,
// the Markdown body with the widgets in its "Interactive Exploration" section and the quiz and
// reflection in theirs (or appended when the body has no such section), flashcards after the
// quiz, the next lesson, and the learner's saved progress: reset, download, load from a file.
import { h } from '../dom.ts';
import { type Diagnostic, describeDiagnostic } from '../runtime/engine-api.ts';
import type { LearnerStore } from '../state/learner-store.ts';
import { widgetElement } from '../widgets/widget-types.ts';
import { renderFlashcards } from './flashcards.ts';
import { renderProgressMenu } from './progress-menu.ts';
import { lessonLink, renderGoals, renderHeader } from './lesson-header.ts';
import { type CatalogEntry, type Lesson, courseNeighbours, resolveSitePath } from './lesson-model.ts';
import { anchorHeadings, renderMarkdown } from './markdown.ts';
import { renderQuiz } from './quiz.ts';
import { renderReflection } from './reflection.ts';
import { renderToc } from './toc.ts';
import { renderVideo } from './video.ts';

export interface LessonPageInput {
  lesson: Lesson;
  /** The key of the learner's progress: the lesson id the page was opened with. */
  progressId: string;
  lessonUrl: URL;
  siteRoot: URL;
  catalog: readonly CatalogEntry[];
  diagnostics: readonly Diagnostic[];
  store: LearnerStore;
}

const headingText = (el: Element): string =>
  [...el.childNodes].filter((n) => !(n instanceof HTMLAnchorElement)).map((n) => n.textContent).join('').trim();

/** Inserts `nodes` at the end of the section that `heading` opens (before the next heading of
 *  the same or a higher level). */
function appendToSection(heading: HTMLHeadingElement, ...nodes: Node[]): void {
  const level = Number(heading.tagName[1]);
  let next = heading.nextElementSibling;
  while (next && !(/^H[1-6]$/.test(next.tagName) && Number(next.tagName[1]) <= level)) next = next.nextElementSibling;
  for (const node of nodes) heading.parentNode!.insertBefore(node, next);
}

/** A section heading the page adds (not in the body), with a unique id and its "#" link. */
function addedHeading(article: HTMLElement, title: string): HTMLHeadingElement {
  const box = h('div', {}, h('h2', {}, title));
  anchorHeadings(box, [], new Set([...article.ownerDocument.querySelectorAll('[id]'), ...article.querySelectorAll('[id]')].map((el) => el.id)));
  return box.firstElementChild as HTMLHeadingElement;
}

/** Puts `nodes` into the body's section whose title matches, or a new h2 section at the end. */
function place(article: HTMLElement, pattern: RegExp, title: string, ...nodes: Node[]): void {
  const heading = [...article.querySelectorAll<HTMLHeadingElement>('h2, h3')].find((el) => pattern.test(headingText(el)));
  if (heading) appendToSection(heading, ...nodes);
  else article.append(addedHeading(article, title), ...nodes);
}

function renderWidgets(input: LessonPageInput): HTMLElement {
  const box = h('div', { class: 'lesson-widgets' });
  for (const ref of input.lesson.widgets) {
    const src = resolveSitePath(ref.data, input.siteRoot, input.lessonUrl);
    // The engine left out references to unknown widget types (the diagnostics say so).
    const element = document.createElement(widgetElement(ref.type));
    element.setAttribute('src', src.href);
    element.setAttribute('url-state', 'on');  // our own page: settings go into its URL
    element.setAttribute('autorun', 'visible');  // results waiting when the learner gets there
    // Each finished run counts towards the lesson's progress on the course page (a result the
    // widget shows again from its cache is not a new run).
    element.addEventListener('lab-run-result', (event) => {
      if ((event as CustomEvent<{ cached?: boolean }>).detail?.cached) return;
      input.store.countWidgetRun(input.progressId, ref.data);
    });
    // widget.html takes the file's path from the site root ("/widgets/x.json"), which is not
    // the URL's pathname when the site lives in a subfolder.
    const standalone = new URL('widget.html', input.siteRoot);
    const root = input.siteRoot.href;
    standalone.searchParams.set('src', src.href.startsWith(root) ? `/${src.href.slice(root.length)}` : src.pathname);
    box.append(element, h('p', { class: 'small' }, h('a', { href: standalone.href }, 'Open this widget on its own page')));
  }
  return box;
}

function renderDiagnostics(diagnostics: readonly Diagnostic[]): HTMLElement | null {
  if (!diagnostics.length) return null;
  return h('details', { class: 'notice diagnostics' },
    h('summary', {}, `The lesson file has ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} (for its authors)`),
    h('ul', {}, ...diagnostics.map((d) => h('li', {}, describeDiagnostic(d)))));
}

/** Previous/next in the catalog's course order (lessons not written yet skipped); a lesson the
 *  catalog does not list falls back to its front matter's `next`. */
function renderCourseNav({ lesson, progressId, catalog }: LessonPageInput): HTMLElement | null {
  const listed = catalog.some((e) => e.id === progressId);
  const { previous, next } = courseNeighbours(catalog, progressId);
  const items: HTMLElement[] = [];
  if (previous) items.push(h('li', { class: 'previous-lesson' }, '← Previous lesson: ', lessonLink(previous.id, catalog)));
  if (next) items.push(h('li', { class: 'next-lesson' }, 'Next lesson: ', lessonLink(next.id, catalog), ' →'));
  else if (!listed && lesson.next) items.push(h('li', { class: 'next-lesson' }, 'Next lesson: ', lessonLink(lesson.next, catalog), ' →'));
  return items.length ? h('nav', { class: 'course-nav', 'aria-label': 'Course' }, h('ul', {}, ...items)) : null;
}

export interface LessonPageActions {
  /** Reset this lesson's progress (then redraw). */
  reset(): void;
  /** A progress file was loaded into the store (`message` says what changed): redraw. */
  progressLoaded(message: string): void;
}

export function renderLessonPage(input: LessonPageInput, actions: LessonPageActions): HTMLElement[] {
  const { lesson, store, progressId } = input;
  const article = h('article', { class: 'lesson-body', 'aria-labelledby': 'lesson-title' });
  article.append(renderMarkdown(lesson.body));
  anchorHeadings(article, lesson.sections, new Set(['lesson-title', 'goals-title', 'toc-title', 'main']));

  if (lesson.widgets.length) place(article, /^interactive exploration/i, 'Interactive Exploration', renderWidgets(input));
  if (lesson.quiz.length) place(article, /^quiz\b/i, 'Quiz', renderQuiz(lesson.quiz, store, progressId));
  if (lesson.flashcards.length) {
    const heading = addedHeading(article, 'Flashcards');
    const deck = renderFlashcards(lesson.flashcards, store, progressId);
    const quiz = article.querySelector(':scope > .quiz');
    if (quiz) quiz.after(heading, deck);
    else article.append(heading, deck);
  }
  if (lesson.reflection.length) place(article, /^reflection/i, 'Reflection', renderReflection(lesson.reflection, store, progressId));

  const footer = h('footer', { class: 'lesson-footer' }, renderCourseNav(input));
  footer.append(h('p', {}, h('button', { type: 'button', class: 'button secondary reset-progress', onclick: () => actions.reset() },
    'Reset my progress for this lesson')), renderProgressMenu(store, (message) => actions.progressLoaded(message)));

  const header = renderHeader(lesson, input.catalog);
  const video = lesson.video ? renderVideo(lesson.video, lesson.title) : null;
  const goals = renderGoals(lesson.goals);
  const main = h('div', { class: 'lesson-main' }, header, renderDiagnostics(input.diagnostics), video, goals, article, footer);
  return [renderToc(article), main];
}
