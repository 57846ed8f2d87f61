// lesson.html?id=<lesson id>: loads the catalog and the lesson, has the engine parse it (or takes
// the build's parse of the same bytes), and renders the page. Progress is saved as the learner
// works. The page's first moments are ordered for speed: the engine worker starts downloading
// and compiling engine.wasm first thing, while the lesson files, the Markdown renderer and the
// widget code (charts included) load side by side; the lesson shows as soon as it is parsed.
import '../styles/site.css';
import '../styles/lesson.css';
import { h } from '../dom.ts';
import { renderStoreNotice } from '../lesson/progress-menu.ts';
import { isLessonId, resolveSitePath } from '../lesson/lesson-model.ts';
import { LessonNotFound, type LoadedLesson, lessonUrl, loadCatalog, loadLesson, loadParsedIndex } from '../lesson/lesson-source.ts';
import { EngineError } from '../runtime/engine-api.ts';
import { getSiteRoot, setSiteRoot, sharedEngineClient } from '../runtime/browser-engine.ts';
import { registerOfflineSupport } from '../offline/register.ts';
import { sharedLearnerStore } from '../state/learner-store.ts';
import { engineOptions } from '../widgets/engine-options.ts';
import { prefetchWidgetFile } from '../widgets/widget-prefetch.ts';

export const DEFAULT_LESSON = 'ai-builder-ch3-lesson4';

setSiteRoot(new URL('./', document.baseURI));
const engine = sharedEngineClient();
engine.start({ compileHere: true });
const renderer = import('../lesson/lesson-page.ts');
const widgets = import('../widgets/elements.ts').then(({ defineLabWidgets }) => defineLabWidgets());

const layout = document.getElementById('lesson-layout')!;
const status = document.getElementById('lesson-status')!;
const notices = document.getElementById('notices')!;

function showProblem(title: string, detail: string): void {
  status.replaceChildren(h('div', { class: 'notice error', role: 'alert' },
    h('p', {}, h('strong', {}, title)), h('p', {}, detail),
    h('p', {}, h('a', { href: 'index.html' }, 'Back to the course'))));
}

async function main(): Promise<void> {
  const requested = new URLSearchParams(location.search).get('id') ?? DEFAULT_LESSON;
  if (!isLessonId(requested)) {
    showProblem('No such lesson', 'The lesson id in the address is not valid.');
    return;
  }
  const store = sharedLearnerStore();
  // The store's notice stays current (a save can fail later); the page's own messages go apart.
  const pageMessage = h('p', { class: 'notice', role: 'status', hidden: true });
  notices.append(renderStoreNotice(store), pageMessage);
  const siteRoot = getSiteRoot();
  const parsedIndex = loadParsedIndex(siteRoot);
  const [catalog, parsed] = await Promise.all([
    loadCatalog(siteRoot, parsedIndex, (text, filename) => engine.call('parseCatalog', [text, filename])), parsedIndex]);
  let loaded: LoadedLesson;
  let renderLessonPage: Awaited<typeof renderer>['renderLessonPage'];
  try {
    [loaded, { renderLessonPage }] = await Promise.all([loadLesson(engine, lessonUrl(requested, catalog, siteRoot), { siteRoot, parsed }), renderer]);
  } catch (e) {
    if (e instanceof LessonNotFound) showProblem('Lesson not found', `There is no lesson "${requested}" yet.`);
    else if (e instanceof EngineError && e.info.kind === 'engine') showProblem('The lab engine could not start', e.message);
    else showProblem('The lesson could not be loaded', (e as Error).message);
    return;
  }
  const { lesson, url, diagnostics } = loaded;
  if (lesson.widgets.length) {
    // What the widgets will ask for is asked now: their files download and the engine's option
    // declarations are queued in the worker while the page renders; a turn of the event loop
    // lets the requests leave before the rendering takes the thread.
    for (const w of lesson.widgets) prefetchWidgetFile(resolveSitePath(w.data, siteRoot, url));
    engineOptions().catch(() => undefined);  // a widget reports a failure itself
    await new Promise((resolve) => setTimeout(resolve));
  }
  document.title = `${lesson.title} · ML Lab`;
  // Progress is keyed by the id the page was opened with; widget settings by the widget file.
  const widgetKeys = lesson.widgets.map((w) => resolveSitePath(w.data, siteRoot, url).pathname);

  const rerender = (message: string) => {
    render();
    pageMessage.textContent = message;
    pageMessage.hidden = false;
    document.getElementById('lesson-title')?.focus();
  };
  const render = () => {
    layout.replaceChildren(...renderLessonPage({ lesson, progressId: requested, lessonUrl: url, siteRoot, catalog, diagnostics, store }, {
      reset: () => {
        store.resetLesson(requested, widgetKeys);
        rerender('Your progress for this lesson was reset.');
      },
      progressLoaded: rerender,
    }));
  };
  render();
  status.replaceChildren();
  status.hidden = true;
  layout.hidden = false;
  if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  if (lesson.widgets.length) {
    await widgets.catch((e: unknown) => {
      notices.append(h('p', { class: 'notice error', role: 'alert' }, `The lesson's widgets could not be loaded: ${(e as Error).message}`));
    });
  }
}

registerOfflineSupport({ ready: main(), engine });
