// lesson.html?id=<lesson id>, and the static page the site build writes for each lesson it
// ships (lesson-<id>.html, web/scripts/static-lessons.mjs): loads the catalog and the lesson,
// has the engine parse it (or takes the build's parse of the same bytes), and renders the page,
// or on a static page whose text is still the file's, only makes its interactive parts live
// (lesson/lesson-page.ts: hydrateLessonPage). Progress is saved as the learner works. The
// page's first moments are ordered for speed: the engine worker starts downloading and
// compiling engine.wasm first thing, while the lesson files, the Markdown renderer and the
// widget code (charts included) load side by side; the lesson shows as soon as it is parsed.
// A static page whose build recorded its engine answers (runtime/answer-book.ts) shows its
// widgets' first results from them and starts the engine once it is idle.
import '../styles/site.css';
import '../styles/lesson.css';
import { h, setMetaDescription } from '../dom.ts';
import { isPseudoLocale, markDocument, t, useLocale } from '../i18n/i18n.ts';
import { translatePage } from '../i18n/page-text.ts';
import { renderStoreNotice } from '../lesson/progress-menu.ts';
import { type CatalogEntry, isLessonId, lessonDescription, pageKey, resolveSitePath, translationsOf } from '../lesson/lesson-model.ts';
import { TOC_WIDE } from '../lesson/toc.ts';
import type { LoadedLesson, loadCourse } from '../lesson/lesson-source.ts';
import { loadPrebuiltLesson } from '../lesson/parsed-lesson.ts';
import { loadAnswerBook } from '../runtime/answer-book.ts';
import { EngineError } from '../runtime/engine-api.ts';
import { getSiteRoot, setSiteRoot, sharedEngineClient } from '../runtime/browser-engine.ts';
import { registerOfflineSupport } from '../offline/register.ts';
import { findScormApi } from '../lms/find-api.ts';
import { sharedLearnerStore } from '../state/learner-store.ts';
import { engineOptions } from '../widgets/engine-options.ts';
import { prefetchWidgetFile } from '../widgets/widget-prefetch.ts';
import { LANGUAGE_TAG } from '../generated/engine-types.ts';
import { defineWidgetType, loadAllWidgetCode, loadWidgetCodeWhenNear } from '../widgets/widget-code.ts';

export const DEFAULT_LESSON = 'ai-builder-ch3-lesson4';

setSiteRoot(new URL('./', document.baseURI));
const engine = sharedEngineClient();
// In a SCORM 1.2 LMS (the package tools/lab pack --scorm writes) the page reports to it; the
// code for that loads only when the LMS's API is there (docs/lms.md).
const lmsApi = findScormApi(window);
const lmsCode = lmsApi ? import('../lms/scorm12.ts') : null;
// A static page whose text is current only makes its parts live (lesson-hydrate.ts); the
// renderer, with the Markdown parser and sanitizer, loads for a page that must be drawn.
const layoutEl = document.getElementById('lesson-layout');
const hydrator = import('../lesson/lesson-hydrate.ts');
let renderer: Promise<typeof import('../lesson/lesson-page.ts')> | null = layoutEl?.dataset.lessonId ? null : import('../lesson/lesson-page.ts');
const pageRenderer = () => (renderer ??= import('../lesson/lesson-page.ts'));
// Reading the lesson and catalog files: at once on lesson.html; on a static page, which goes
// live from the build's parse of its own text, once a widget has shown its first result.
let source: Promise<typeof import('../lesson/lesson-source.ts')> | null = layoutEl?.dataset.lessonId ? null : import('../lesson/lesson-source.ts');
const lessonSource = () => (source ??= import('../lesson/lesson-source.ts'));
const layout = layoutEl!;
const status = document.getElementById('lesson-status')!;
const notices = document.getElementById('notices')!;

/** What the site build rendered into a static page: the lesson's id and the SHA-256 of the
 *  lesson file and the catalog it rendered from (the page is current while both still match). */
const prerendered = layout.dataset.lessonId
  ? { id: layout.dataset.lessonId, lesson: layout.dataset.lessonSha256 ?? '', catalog: layout.dataset.catalogSha256 ?? '' }
  : null;

/** How long a static page waits for its first widget result before it does what waits for it
 *  anyway (a widget out of view may not run for a while). */
const FIRST_RESULT_WAIT_MS = 4000;

/** Calls `then` once a widget on the page has shown its first result (or failed), or after
 *  FIRST_RESULT_WAIT_MS; at once on a page without widgets. */
function afterFirstResult(then: () => void): void {
  if (!layout.querySelector('[data-lesson-widget]')) {
    then();
    return;
  }
  const ends = ['lab-run-result', 'lab-run-error'];
  const finish = () => {
    clearTimeout(timer);
    for (const type of ends) layout.removeEventListener(type, finish, true);
    then();
  };
  const timer = setTimeout(finish, FIRST_RESULT_WAIT_MS);
  for (const type of ends) layout.addEventListener(type, finish, true);
}

/** The widgets' code, defined once the page is live (a widget on a static page must not finish
 *  a run before the page listens for it: its runs count towards the lesson's progress). A static
 *  page has its widgets in its HTML: the first widget's code loads at once, another type's
 *  when one of its widgets nears the viewport or once a widget has shown its first result, its
 *  widget files asked for then. lesson.html loads every type at once,
 *  while the lesson loads. */
const widgetCode = prerendered
  ? loadWidgetCodeWhenNear(layout, new Promise<void>((resolve) => afterFirstResult(resolve)), (elements) => {
    for (const el of elements) {
      const src = el.getAttribute('src');
      if (src) prefetchWidgetFile(new URL(src, document.baseURI));
    }
  })
  : loadAllWidgetCode();
/** Defines each type as its code arrives; resolves once every type is defined, or rejects with
 *  the first that fails to load. */
const defineWidgets = (code: typeof widgetCode): Promise<void> =>
  Promise.all([...code].map(([type, loaded]) => loaded.then(() => defineWidgetType(type)))).then(() => undefined);
/** Whether the build's recorded answers may serve this page (answer-book.ts): a static page,
 *  unless `?lab-answers=off` (every first result computed here) or the build is recording. */
const query = new URLSearchParams(location.search);
/** The locale the page speaks: a static page's own (the build rendered it in its lesson's
 *  language), else `?lang=` (a translation's, or any locale for the interface), else English.
 *  Its catalog loads while the lesson does; nothing is drawn before it is in place. */
const askedLang = prerendered ? null : query.get('lang');
const pageLang = prerendered ? document.documentElement.lang || 'en' : askedLang ?? 'en';
const localeReady = useLocale(pageLang).then((lang) => {
  markDocument(lang);
  if (!prerendered && lang !== 'en') translatePage(document);  // a static page is in its locale already
  return lang;
});
const answersFile = prerendered ? layout.dataset.answers : undefined;  // named by the build when it recorded them
const answersWanted = answersFile !== undefined && query.get('lab-answers') !== 'off' && !query.has('lab-record-answers');
/** Settles once the page knows whether the build's answers serve it. With them, its widgets'
 *  start-up calls and first results come from the build and the engine starts once the page is
 *  idle (the warm-up, or a learner's first run); without them the engine starts now: the worker
 *  downloads and compiles engine.wasm while the lesson files and widget code load. */
const engineReady: Promise<void> = (answersWanted
  ? loadAnswerBook(new URL(answersFile!, getSiteRoot()), getSiteRoot())
  : Promise.resolve(null)).then((book) => {
  engine.useAnswers(book);
  if (!book) engine.start({ compileHere: true });
});
if (prerendered) {
  // The build cannot know the screen: contents open beside the text, folded on a narrow one.
  const toc = layout.querySelector<HTMLDetailsElement>('.toc details');
  if (toc) toc.open = matchMedia(TOC_WIDE).matches;
  // Until now lesson.css kept the open list folded on a narrow screen (no text moves up when it
  // folds: that was a layout shift of 0.78 on a phone); from here the reader opens and closes it.
  layout.classList.add('toc-placed');
  // The widgets are on the page already: the engine's option declarations are asked for now,
  // while the page makes itself live (their files as their code starts to load, above).
  if (layout.querySelector('[data-lesson-widget]')) void engineReady.then(() => engineOptions()).catch(() => undefined);  // a widget reports a failure itself
}

function showProblem(title: string, detail: string): void {
  if (prerendered) {
    // The text is on the page already; only its interactive parts are missing.
    notices.append(h('div', { class: 'notice error', role: 'alert' }, h('p', {}, h('strong', {}, title)), h('p', {}, detail),
      h('p', {}, t('lesson.error.staticNote'))));
    return;
  }
  status.replaceChildren(h('div', { class: 'notice error', role: 'alert' },
    h('p', {}, h('strong', {}, title)), h('p', {}, detail),
    h('p', {}, h('a', { href: 'index.html' }, t('lesson.error.back')))));
}

/** After a lesson that could not be shown, the page's engine still runs widgets (an author's
 *  own, on the page): there is no lesson progress for their runs to miss. A static page keeps
 *  them off, as its notice says. */
function defineWidgetsWithoutLesson(): void {
  if (!prerendered) void defineWidgets(widgetCode).catch(() => undefined);
}

/** The lesson as its files have it now, and the catalog. */
interface LessonFiles { loaded: LoadedLesson; course: Awaited<ReturnType<typeof loadCourse>> }

/** Reads the catalog and the lesson `requested` (a translation's file where the page asks for
 *  one); the engine parses them unless the build's parse is of the same bytes. */
async function readLessonFiles(requested: string, siteRoot: URL): Promise<LessonFiles> {
  const { LessonNotFound, lessonUrl, loadCourse, loadLesson, loadParsedIndex } = await lessonSource();
  const parsedIndex = loadParsedIndex(siteRoot);
  const [course, parsed] = await Promise.all([
    loadCourse(siteRoot, parsedIndex, (text, filename) => engine.call('parseCatalog', [text, filename])), parsedIndex]);
  const catalog = course?.lessons ?? [];
  const load = (url: URL) => loadLesson(engine, url, { siteRoot, parsed });
  const translation = prerendered ? prerenderedTranslation(lessonUrl(requested, catalog, siteRoot), siteRoot)
    : askedLang ? translationUrl(requested, askedLang, catalog, siteRoot) : null;
  // A translation the catalog does not list may still be there (lessons/ID.LANG.md); the
  // original lesson, in the asked locale's interface, where it is not.
  const loaded = await (translation
    ? load(translation).catch((e: unknown) => (e instanceof LessonNotFound ? load(lessonUrl(requested, catalog, siteRoot)) : Promise.reject(e)))
    : load(lessonUrl(requested, catalog, siteRoot)));
  return { loaded, course };
}

/** Whether the static page's text was rendered from these very files (then it stays). */
const isCurrent = ({ loaded, course }: LessonFiles): boolean =>
  prerendered !== null && loaded.sha256 !== null && prerendered.lesson === loaded.sha256 && prerendered.catalog === (course?.sha256 ?? 'none');

async function main(): Promise<void> {
  // A static page is its lesson's whatever its query says (widget settings go there too).
  const requested = prerendered?.id ?? new URLSearchParams(location.search).get('id') ?? DEFAULT_LESSON;
  if (!isLessonId(requested)) {
    await localeReady;
    showProblem(t('lesson.error.badId'), t('lesson.error.badIdDetail'));
    defineWidgetsWithoutLesson();
    return;
  }
  const store = sharedLearnerStore();
  // The store's notice stays current (a save can fail later); the page's own messages go apart.
  const pageMessage = h('p', { class: 'notice', role: 'status', hidden: true });
  notices.append(renderStoreNotice(store), pageMessage);
  const siteRoot = getSiteRoot();
  const inputOf = ({ loaded, course }: LessonFiles) => ({ lesson: loaded.lesson, progressId: requested, lessonUrl: loaded.url, siteRoot,
    catalog: course?.lessons ?? [], diagnostics: loaded.diagnostics, store });
  // A static page goes live from the build's parse of the very text it shows: its first
  // result does not wait for the lesson file and the catalog. Whether they still hold that text
  // is checked once a widget has shown its first result (the page is drawn afresh if not).
  const early = prerendered && layout.dataset.lessonParsed && layout.dataset.lessonPath
    ? await loadPrebuiltLesson(layout.dataset.lessonParsed, prerendered.lesson, siteRoot) : null;
  let files: Promise<LessonFiles> | null = null;
  const lessonFiles = () => (files ??= readLessonFiles(requested, siteRoot));
  let input: ReturnType<typeof inputOf>;
  let current: boolean;
  let live: Awaited<typeof hydrator>;
  try {
    if (early) {
      live = await hydrator;
      input = { lesson: early.lesson, progressId: requested, lessonUrl: new URL(layout.dataset.lessonPath!, siteRoot), siteRoot, catalog: [],
        diagnostics: early.diagnostics, store };
      current = true;
    } else {
      let first: LessonFiles;
      [first, live] = await Promise.all([lessonFiles(), hydrator, localeReady]);
      input = inputOf(first);
      // The static page's text stays when it was rendered from these very files; otherwise (a
      // lesson or catalog edited since the build) the page renders afresh, as lesson.html does.
      current = isCurrent(first);
    }
  } catch (e) {
    await localeReady;
    const notFound = await lessonSource().then(({ LessonNotFound }) => e instanceof LessonNotFound, () => false);
    if (notFound) showProblem(t('lesson.error.notFound'), t('lesson.error.notFoundDetail', { id: requested }));
    else if (e instanceof EngineError && e.info.kind === 'engine') showProblem(t('lesson.error.engine'), e.message);
    else showProblem(t('lesson.error.load'), (e as Error).message);
    defineWidgetsWithoutLesson();
    return;
  }
  await localeReady;
  const { lesson } = input;
  if (lesson.widgets.length && !current) {
    // What the widgets will ask for is asked now: their files download and the engine's option
    // declarations are queued in the worker while the page renders; a turn of the event loop
    // lets the requests leave before the rendering takes the thread.
    for (const w of lesson.widgets) prefetchWidgetFile(resolveSitePath(w.data, siteRoot, input.lessonUrl));
    void engineReady.then(() => engineOptions()).catch(() => undefined);  // a widget reports a failure itself
    await new Promise((resolve) => setTimeout(resolve));
  }
  document.title = t('page.title', { title: lesson.title });
  setMetaDescription(document, lessonDescription(lesson));
  // Progress is keyed by the id the page was opened with; widget settings by the widget file.
  const widgetKeys = () => input.lesson.widgets.map((w) => resolveSitePath(w.data, siteRoot, input.lessonUrl).pathname);

  // The LMS's copy of the learner's progress goes into the store before the page shows it.
  if (lmsApi && lmsCode) {
    await lmsCode.then(({ startScormSession }) => startScormSession(lmsApi, {
      store, lessonId: requested, answers: lesson.quiz.map((q) => q.answer), flashcards: lesson.flashcards.length,
      widgets: lesson.widgets.map((w) => w.data), widgetKeys: widgetKeys(),
    })).catch((e: unknown) => console.warn('SCORM: reporting to the LMS is off:', e));
  }
  /** The page drawn afresh from the whole lesson (the body included, which the build's parse
   *  leaves to the page's text); `message` says why. */
  const redraw = (message: string | null) => {
    void (early ? lessonFiles().then((f) => { input = inputOf(f); }) : Promise.resolve()).then(pageRenderer).then((page) => {
      layout.replaceChildren(...page.renderLessonPage(input, actions));
      document.title = t('page.title', { title: input.lesson.title });
      setMetaDescription(document, lessonDescription(input.lesson));
      if (message === null) return;
      pageMessage.textContent = message;
      pageMessage.hidden = false;
      document.getElementById('lesson-title')?.focus();
    }, (e: unknown) => showProblem(t('lesson.error.redraw'), (e as Error).message));
  };
  // A reset or a loaded progress file: the page is drawn again from the store, widgets included
  // (their settings are the learner's too).
  const actions = {
    reset: () => {
      store.resetLesson(requested, widgetKeys());
      redraw(t('lesson.progress.resetDone'));
    },
    progressLoaded: (message: string) => redraw(message),
  };
  if (current) {
    live.hydrateLessonPage(layout, input, actions);
  } else {
    let page: Awaited<ReturnType<typeof pageRenderer>>;
    try {
      page = await pageRenderer();
    } catch (e) {
      showProblem(t('lesson.error.load'), (e as Error).message);
      defineWidgetsWithoutLesson();
      return;
    }
    if (prerendered) delete layout.dataset.lessonId;  // no longer the build's page
    layout.replaceChildren(...page.renderLessonPage(input, actions));
    status.replaceChildren();
    status.hidden = true;
    layout.hidden = false;
    if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }
  if (early) {
    afterFirstResult(() => {
      lessonFiles().then((f) => {
        input = inputOf(f);
        if (isCurrent(f)) return;
        // Edited since the build: the files' lesson, as lesson.html shows it.
        delete layout.dataset.lessonId;  // no longer the build's page
        redraw(null);
      }, (e: unknown) => console.warn(`The lesson file could not be checked: ${(e as Error).message}`));
    });
  }
  // Defined even for a lesson without widgets: an author's own widget element on the page runs
  // with the page's engine (the code is loading anyway).
  // A static page's widgets further down are defined later, as their code arrives.
  await engineReady.then(() => defineWidgets(widgetCode)).catch((e: unknown) => {
    if (lesson.widgets.length) notices.append(h('p', { class: 'notice error', role: 'alert' }, t('lesson.error.widgets', { message: (e as Error).message })));
  });
}

/** The file of a lesson's translation into `lang`: the catalog's path, else lessons/ID.LANG.md;
 *  null for the original's language or a pseudo-locale (those show the original). */
function translationUrl(id: string, lang: string, catalog: readonly CatalogEntry[], siteRoot: URL): URL | null {
  const entry = catalog.find((e) => e.id === id);
  if (isPseudoLocale(lang) || lang === (entry?.lang ?? 'en') || !LANGUAGE_TAG.test(lang)) return null;
  const listed = translationsOf(entry).find((tr) => tr.lang === lang);
  return listed ? resolveSitePath(listed.path, siteRoot, siteRoot) : new URL(`lessons/${pageKey(id, lang)}.md`, siteRoot);
}

/** A static page of a translation names the file it was rendered from (`original`: the
 *  lesson's own file). */
function prerenderedTranslation(original: URL, siteRoot: URL): URL | null {
  const path = layout.dataset.lessonPath;
  return path && path !== original.href.slice(siteRoot.href.length) ? new URL(path, siteRoot) : null;
}

// A packaged lesson (data-lab-package on <html>, tools/scorm/) is the LMS's to serve: no offline cache.
const ready = main();
if (!lmsApi && !document.documentElement.dataset.labPackage) registerOfflineSupport({ ready, engine });
