// Title, duration, tags, prerequisites (the front matter's and the catalog's, links to their
// lesson pages; lessons not written yet as plain text, "coming soon") and goals.
import { h } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import { authored, markAuthored } from './lesson-lang.ts';
import { type CatalogEntry, type Lesson, lessonHref, prerequisitesOf } from './lesson-model.ts';

export { lessonHref };

/** A link to another lesson, titled from the catalog when it knows the lesson. A lesson the
 *  catalog lists as not written yet has no page to open: its title as plain text, marked
 *  "coming soon". */
export function lessonLink(id: string, catalog: readonly CatalogEntry[]): HTMLElement {
  const entry = catalog.find((e) => e.id === id);
  if (entry && !entry.available) return h('span', { class: 'lesson-unavailable' }, authored(entry.title), ' ', h('span', { class: 'badge' }, t('lesson.comingSoonMark')));
  return h('a', { href: lessonHref(id) }, authored(entry?.title ?? id));
}

export function renderHeader(lesson: Lesson, catalog: readonly CatalogEntry[]): HTMLElement {
  const meta = h('ul', { class: 'lesson-meta', 'aria-label': t('lesson.about') });
  if (lesson.duration_min !== null) meta.append(h('li', { class: 'duration' }, t('lesson.minutes', { minutes: lesson.duration_min })));
  if (lesson.tags.length) {
    meta.append(h('li', { class: 'tags' }, h('span', { class: 'visually-hidden' }, `${t('lesson.tags')} `),
      ...lesson.tags.map((tag) => markAuthored(h('span', { class: 'tag' }, tag)))));
  }
  const header = h('header', { class: 'lesson-header' }, markAuthored(h('h1', { id: 'lesson-title', tabindex: -1 }, lesson.title)), meta);
  const prereqs = prerequisitesOf(lesson, catalog);
  if (prereqs.length) {
    const list = h('ul', { class: 'inline-list' }, ...prereqs.map((id) => h('li', {}, lessonLink(id, catalog))));
    header.append(h('nav', { class: 'prereqs', 'aria-label': t('lesson.prereqs.label') }, h('span', {}, `${t('lesson.prereqs.before')} `), list));
  }
  return header;
}

export function renderGoals(goals: readonly string[]): HTMLElement | null {
  if (!goals.length) return null;
  return h('section', { class: 'goals', 'aria-labelledby': 'goals-title' },
    h('h2', { id: 'goals-title' }, t('lesson.goals')),
    markAuthored(h('ul', {}, ...goals.map((goal) => h('li', {}, goal)))));
}
