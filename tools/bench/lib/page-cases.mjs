// Cases 4 and 6 on the lesson page itself (the built site, served as tools/serve.mjs serves
// it, fresh browser context each visit so nothing is cached): what it downloads, how soon the
// first widget has a result, and the longest task on the main thread while each widget runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { openPage } from './site.mjs';
import { summarize } from './stats.mjs';

export const LESSON = 'lesson.html?id=ai-builder-ch3-lesson4';
const WIDGET_TAGS = ['optimization-lab', 'performance-tradeoff-explorer'];

/** Records, relative to navigation start, when the lesson title appears, when each widget has
 *  loaded its file and when each run ends; runs the first widget as soon as it is ready (as
 *  the `autorun` attribute would); collects long tasks. Runs before any page script. */
function instrument({ autorun }) {
  const marks = { widgetLoad: [], result: [] };
  window.__bench = { marks, longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    if (document.getElementById('lesson-title')) {
      marks.title = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('lab-widget-load', (e) => {
    marks.widgetLoad.push({ tag: e.target.localName, t: performance.now() });
    if (autorun && marks.widgetLoad.length === 1) e.target.run().catch(() => undefined);
  }, true);
  document.addEventListener('lab-run-result', (e) => {
    marks.result.push({ tag: e.target.localName, t: performance.now(), elapsed: e.detail.elapsedMs });
  }, true);
}

/** Size on disk and gzip size (level 6, a server's usual setting) of a site URL's file. */
function fileSizes(siteDir, url) {
  const path = decodeURIComponent(new URL(url).pathname);
  const file = join(siteDir, path.endsWith('/') ? `${path}index.html` : path);
  try {
    const bytes = readFileSync(file);
    return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
  } catch {
    return null;
  }
}

/** Case 4: one cold visit per repeat. */
export async function lessonStartup(ctx, browser, serverUrl, siteDir) {
  const visits = [];
  let downloads = null;
  for (let r = 0; r < ctx.sizes.visits; r++) {
    ctx.log(`lesson page: cold visit ${r + 1}/${ctx.sizes.visits}`);
    const page = await openPage(browser, null);
    await page.addInitScript(instrument, { autorun: true });
    const requested = new Map();
    const note = (request) => {
      if (request.url().startsWith(serverUrl) && !requested.has(request.url())) requested.set(request.url(), request.resourceType());
    };
    page.on('request', note);
    page.context().on('request', note);  // includes service-worker fetches where Chromium reports them
    await page.goto(new URL(LESSON, serverUrl).href);
    await page.waitForFunction(() => window.__bench.marks.result.length > 0, null, { timeout: 120_000 });
    const marks = await page.evaluate(() => ({
      ...window.__bench.marks,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
    }));
    visits.push({ title_ms: marks.title, fcp_ms: marks.fcp, dom_content_loaded_ms: marks.domContentLoaded,
                  first_widget_loaded_ms: marks.widgetLoad[0]?.t, first_result_ms: marks.result[0].t,
                  first_run_ms: marks.result[0].elapsed, first_widget: marks.result[0].tag });
    if (!downloads) {
      const files = [...requested].map(([url, type]) => ({ path: new URL(url).pathname, type, ...fileSizes(siteDir, url) }))
        .filter((f) => f.bytes !== undefined);
      downloads = { files, errors: page.errors };
    }
    await page.context().close();
  }
  const total = (list) => ({ bytes: list.reduce((s, f) => s + f.bytes, 0), gzip: list.reduce((s, f) => s + f.gzip, 0) });
  const manifest = JSON.parse(readFileSync(join(siteDir, 'offline-manifest.json'), 'utf8'));
  const offline = manifest.files.map((f) => ({ path: `/${f}`, ...fileSizes(siteDir, `http://x/${f}`) })).filter((f) => f.bytes !== undefined);
  const byPath = (list) => Object.fromEntries(list.map((f) => [f.path, { bytes: f.bytes, gzip: f.gzip }]));
  const pick = (key) => { const s = summarize(visits.map((v) => v[key]).filter((x) => typeof x === 'number')); return s && { median_ms: s.median, min_ms: s.min, max_ms: s.max, runs: s.runs }; };
  return {
    page_weight: { ...total(downloads.files), files: byPath(downloads.files), target_gzip: 250 * 1024,
                   note: 'every file the lesson page and its workers requested up to the first widget result; gzip level 6' },
    offline_cache: { ...total(offline), files: offline.length, note: 'what lab-sw.js precaches after the first visit (offline-manifest.json)' },
    startup: { title: pick('title_ms'), first_contentful_paint: pick('fcp_ms'), first_widget_loaded: pick('first_widget_loaded_ms'),
               first_result: pick('first_result_ms'), first_run: pick('first_run_ms'), first_widget: visits[0].first_widget,
               target_ms: 1000, visits },
    console_errors: downloads.errors,
  };
}

/** Longest RunTask on the page's renderer main thread in a Chromium trace. */
function longestTraceTask(trace) {
  const events = JSON.parse(trace).traceEvents ?? [];
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const perThread = new Map();
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const key = `${e.pid}:${e.tid}`;
    const t = perThread.get(key) ?? { count: 0, longest: 0 };
    t.count += 1;
    t.longest = Math.max(t.longest, e.dur / 1000);
    perThread.set(key, t);
  }
  // The page's main thread is the busiest renderer main thread.
  return [...perThread.values()].sort((a, b) => b.count - a.count)[0] ?? { count: 0, longest: 0 };
}

/** Runs every panel of an Optimization Lab (tab by tab), or the widget once; resolves when done. */
async function fullRun(page, tag, maxPanels) {
  return page.evaluate(async ({ tagName, most }) => {
    const el = document.querySelector(tagName);
    const tabs = [...(el.shadowRoot?.querySelectorAll('[role="tab"]') ?? [])].slice(0, most);
    const runs = [];
    const started = performance.now();
    if (tabs.length) {
      for (const tab of tabs) {
        tab.click();
        await new Promise((r) => setTimeout(r, 50));
        const t0 = performance.now();
        await el.run();
        runs.push({ panel: tab.textContent.trim(), ms: performance.now() - t0 });
      }
    } else {
      await el.run();
      runs.push({ panel: tagName, ms: performance.now() - started });
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));  // charts drawn
    return { started, ended: performance.now(), runs };
  }, { tagName: tag, most: maxPanels === Infinity ? 1000 : maxPanels });
}

/** Case 6: each lesson widget's full run, with long tasks (>= 50 ms, PerformanceObserver) and
 *  the longest main-thread task of any length (Chromium's trace, RunTask events). */
export async function mainThread(ctx, browser, serverUrl) {
  const out = [];
  for (const tag of ctx.sizes.widgets) {
    ctx.log(`main thread: full run of <${tag}> on the lesson page`);
    const page = await openPage(browser, null);
    await page.addInitScript(instrument, { autorun: false });
    await page.goto(new URL(LESSON, serverUrl).href);
    await page.waitForFunction((n) => window.__bench.marks.widgetLoad.length >= n, WIDGET_TAGS.length, { timeout: 60_000 });
    await page.locator(tag).scrollIntoViewIfNeeded();
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const run = await fullRun(page, tag, ctx.sizes.maxPanels);
    const trace = (await browser.stopTracing()).toString();
    const longTasks = await page.evaluate(({ from, to }) => window.__bench.longTasks.filter((t) => t.start + t.duration >= from && t.start <= to), { from: run.started, to: run.ended });
    const traced = longestTraceTask(trace);
    out.push({ widget: tag, run_ms: run.ended - run.started, panels: run.runs,
               long_tasks: longTasks.length, longest_long_task_ms: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
               longest_task_ms: traced.longest, tasks_traced: traced.count, errors: page.errors });
    await page.context().close();
  }
  return { target_ms: 50, widgets: out };
}

