// index.html: the course page. The catalog's chapters in order, each with its lessons in course
// order, and for each lesson the learner's progress from the learner store (quiz score,
// widgets run, flashcards marked, reflections written).
import '../styles/site.css';
import { h } from '../dom.ts';
import { markDocument, requestedLocale, t, useLocale } from '../i18n/i18n.ts';
import { translatePage } from '../i18n/page-text.ts';
import { lessonHref, lessonLink } from '../lesson/lesson-header.ts';
import { type CatalogEntry, type Course, type Lesson, prerequisitesOf, translationsOf } from '../lesson/lesson-model.ts';
import { loadCourse, loadLesson, loadParsedIndex, lessonUrl } from '../lesson/lesson-source.ts';
import { scoreCounts } from '../lesson/quiz.ts';
import { sharedEngineClient } from '../runtime/browser-engine.ts';
import { registerOfflineSupport } from '../offline/register.ts';
import { type LearnerStore, sharedLearnerStore } from '../state/learner-store.ts';

registerOfflineSupport();
// The page's locale: ?lang=, else its <html lang>; its text is English as written, another
// locale's replaces it once that catalog is in.
const localeReady = useLocale(new URLSearchParams(location.search).get('lang') ?? requestedLocale()).then((lang) => {
  markDocument(lang);
  if (lang !== 'en') translatePage(document);
});

const siteRoot = new URL('./', document.baseURI);
const parsedIndex = loadParsedIndex(siteRoot);

/** "Quiz: 2 of 3 correct (2 checked) · 1 of 2 widgets run · 1 flashcard known · 1 reflection
 *  written", or null before the learner did anything. The quiz's answers and the widget list
 *  come from the lesson's own parse (the build's, so the engine starts only for a lesson edited
 *  since); without it the counts stand alone. */
async function progressText(entry: CatalogEntry, store: LearnerStore): Promise<string | null> {
  const progress = store.lesson(entry.id);
  const parts: string[] = [];
  const checked = Object.values(progress.quiz).filter((a) => a.checked).length;
  const runWidgets = Object.keys(progress.widgetRuns);
  let lesson: Lesson | null = null;
  if (checked || runWidgets.length) {
    lesson = await loadLesson(sharedEngineClient(), lessonUrl(entry.id, [entry], siteRoot), { siteRoot, parsed: await parsedIndex })
      .then((loaded) => loaded.lesson, () => null);
  }
  if (checked) parts.push(lesson ? t('course.progress.quiz', scoreCounts(lesson.quiz, progress.quiz)) : t('course.progress.quizChecked', { checked }));
  if (runWidgets.length) {
    // Widgets the lesson no longer has do not count towards "n of m".
    const shown = lesson?.widgets.map((w) => w.data);
    const run = shown ? shown.filter((data) => runWidgets.includes(data)).length : runWidgets.length;
    if (shown?.length) parts.push(t('course.progress.widgetsOf', { run, total: shown.length }));
    else if (!shown) parts.push(t('course.progress.widgets', { run }));
  }
  const known = Object.values(progress.flashcards).filter((m) => m === 'known').length;
  if (known) parts.push(t('course.progress.flashcards', { known }));
  const written = Object.values(progress.reflections).filter((t) => t.trim()).length;
  if (written) parts.push(t('course.progress.reflections', { written }));
  return parts.length ? parts.join(' · ') : null;
}

function renderEntry(entry: CatalogEntry, course: Course, store: LearnerStore, level: 'h3' | 'h4'): HTMLElement {
  const title = entry.available ? h('a', { href: lessonHref(entry.id) }, entry.title) : h('span', {}, entry.title);
  const progress = h('p', { class: 'lesson-progress small', hidden: true });
  if (entry.available) {
    void progressText(entry, store).then((text) => {
      progress.textContent = text ? t('course.progress.line', { text }) : '';
      progress.hidden = !text;
    });
  }
  const prereqs = prerequisitesOf({ id: entry.id, prereqs: [] }, course.lessons);
  return h('li', { class: `catalog-entry${entry.available ? '' : ' unavailable'}`, 'data-lesson': entry.id },
    h(level, { class: 'lesson-title' }, title),
    h('p', { class: 'lesson-meta' },
      entry.duration_min !== null ? h('span', { class: 'duration' }, t('lesson.minutes', { minutes: entry.duration_min })) : null,
      ...entry.tags.map((tag) => h('span', { class: 'tag' }, tag)),
      entry.available ? null : h('span', { class: 'badge' }, t('lesson.comingSoon'))),
    prereqs.length ? h('p', { class: 'small prereqs' }, `${t('course.prereqs')} `, ...prereqs.flatMap((id, i) => [i ? ', ' : '', lessonLink(id, course.lessons)])) : null,
    renderTranslations(entry),
    progress);
}

/** "Also in: Deutsch": the lesson's translations, each titled in its language. */
function renderTranslations(entry: CatalogEntry): HTMLElement | null {
  const translations = entry.available ? translationsOf(entry) : [];
  if (!translations.length) return null;
  return h('p', { class: 'small lesson-translations' }, `${t('course.translations')} `, ...translations.flatMap((tr, i) => {
    let name = tr.lang;
    try {
      name = new Intl.DisplayNames([tr.lang], { type: 'language' }).of(tr.lang) ?? tr.lang;
    } catch { /* an unknown tag names itself */ }
    return [i ? ', ' : '', h('a', { href: lessonHref(entry.id, tr.lang), lang: tr.lang, hreflang: tr.lang, title: tr.title }, name)];
  }));
}

async function main(): Promise<void> {
  const list = document.getElementById('catalog')!;
  // The build's parse of the catalog normally answers; the engine starts only if the file changed.
  const [course] = await Promise.all([
    loadCourse(siteRoot, parsedIndex, (text, filename) => sharedEngineClient().call('parseCatalog', [text, filename])), localeReady]);
  if (!course?.lessons.length) {
    list.replaceChildren(h('p', { class: 'notice' }, t('course.listFailed')));
    return;
  }
  const store = sharedLearnerStore();
  if (!course.chapters.length) {
    list.replaceChildren(h('ol', { class: 'catalog' }, ...course.lessons.map((e) => renderEntry(e, course, store, 'h3'))));
    return;
  }
  // The engine's order is the course order (chapters in order, lessons in file order within).
  list.replaceChildren(...course.chapters.map((chapter) => {
    const lessons = course.lessons.filter((e) => e.chapter === chapter.id);
    const id = `chapter-${chapter.id}`;
    return h('section', { class: 'chapter', 'aria-labelledby': id },
      h('h3', { id }, chapter.title),
      lessons.length ? h('ol', { class: 'catalog' }, ...lessons.map((e) => renderEntry(e, course, store, 'h4'))) : h('p', { class: 'muted' }, t('course.noLessons')));
  }));
}

void main();
