// Cases 4, 6 and 7 on the lesson page itself (the built site, served as tools/serve.mjs serves
// it, fresh browser context each visit so nothing is cached): what it downloads, how soon the
// first widget has a result, and the longest task on the main thread while each widget runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { openPage } from './site.mjs';
import { ms, summarize } from './stats.mjs';

// The lesson's static page (what the course page links; the text is in its HTML, web/scripts/
// static-lessons.mjs); lesson.html?id= renders the same lesson in the browser.
export const LESSON = 'lesson-ai-builder-ch3-lesson4.html';
const WIDGET_TAGS = ['optimization-lab', 'performance-tradeoff-explorer'];

/** Records, relative to navigation start, when the lesson title appears, when each widget has
 *  loaded its file and when each run ends; collects long tasks. `mode` 'reader': the widget a
 *  reader meets first (the first in the page) is brought into view as the page opens, as a
 *  reader following a link to it would, and runs by itself (`autorun="visible"`, the lesson
 *  page's setting); 'engine': it is run (its `run()`) as soon as it is ready, a learner's run,
 *  which the engine always computes. Runs before any page script. */
function instrument({ mode, tags }) {
  const autorun = mode === 'engine';
  if (mode === 'reader') {
    document.addEventListener('DOMContentLoaded', () => document.querySelector(tags.join(','))?.scrollIntoView());
  }
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
    if (autorun && !marks.started && e.target === document.querySelector(tags.join(','))) {
      marks.started = e.target.localName;
      e.target.run().catch(() => undefined);
    }
  }, true);
  document.addEventListener('lab-run-start', (e) => {
    marks.runStart ??= performance.now();
  }, true);
  document.addEventListener('lab-run-result', (e) => {
    marks.result.push({ tag: e.target.localName, t: performance.now(), elapsed: e.detail.elapsedMs, fromBuild: e.detail.fromBuild === true });
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

/** Chromium's CPU throttling (DevTools' "4x slowdown", `Emulation.setCPUThrottlingRate`) on a
 *  page: the stand-in for a low-end laptop. Rate 1 leaves the page as it is. */
async function throttle(page, rate) {
  if (rate === 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** The throttled visits of case 4 (fewer than at normal speed: each takes seconds). */
export const THROTTLE_RATE = 4;

/** Case 4: one cold visit per repeat, at normal speed, then (`throttled`) with the CPU
 *  throttled THROTTLE_RATE times; first as a reader meets the page (its first widget's result
 *  from the build's recorded answers, web/src/runtime/answer-book.ts), then (`computed`) with
 *  `?lab-answers=off` and the widget run at once, the engine's own first result. */
export async function lessonStartup(ctx, browser, serverUrl, siteDir) {
  const slowVisits = Math.max(1, Math.ceil(ctx.sizes.visits / 2));
  const pick = (visits, key) => ms(visits.map((v) => v[key]).filter((x) => typeof x === 'number'));
  const throttled = (slow) => ({ rate: THROTTLE_RATE, title: pick(slow.startup.visits, 'title_ms'), first_result: pick(slow.startup.visits, 'first_result_ms'),
                                 first_run: pick(slow.startup.visits, 'first_run_ms'), target_ms: 2000, visits: slow.startup.visits });
  const reader = await lessonVisits(ctx, browser, serverUrl, siteDir, 1, ctx.sizes.visits, 'reader');
  const readerSlow = await lessonVisits(ctx, browser, serverUrl, siteDir, THROTTLE_RATE, slowVisits, 'reader');
  const engine = await lessonVisits(ctx, browser, serverUrl, siteDir, 1, ctx.sizes.visits, 'engine');
  const engineSlow = await lessonVisits(ctx, browser, serverUrl, siteDir, THROTTLE_RATE, slowVisits, 'engine');
  return { ...reader, throttled: throttled(readerSlow),
           computed: { page_weight: engine.page_weight, startup: engine.startup, throttled: throttled(engineSlow), console_errors: engine.console_errors } };
}

async function lessonVisits(ctx, browser, serverUrl, siteDir, rate, count, mode) {
  const visits = [];
  let downloads = null;
  for (let r = 0; r < count; r++) {
    ctx.log(`lesson page (${mode === 'reader' ? 'as a reader meets it' : 'the engine\'s first result'}): cold visit ${r + 1}/${count}${rate > 1 ? ` (CPU throttled ${rate}x)` : ''}`);
    const page = await openPage(browser, null);
    await throttle(page, rate);
    await page.addInitScript(instrument, { mode, tags: WIDGET_TAGS });
    // The page's own requests (its document, scripts, styles, data, and its dedicated workers'
    // fetches) apart from the service worker's precache, which starts after the first load.
    const requested = new Map();
    const precached = new Set();
    page.context().on('request', (request) => {
      if (!request.url().startsWith(serverUrl)) return;
      if (request.serviceWorker()) precached.add(request.url());
      else if (!requested.has(request.url())) requested.set(request.url(), { type: request.resourceType(), at: Date.now() });
    });
    await page.goto(new URL(mode === 'engine' ? `${LESSON}?lab-answers=off` : LESSON, serverUrl).href);
    await page.waitForFunction(() => window.__bench.marks.result.length > 0, null, { timeout: 120_000 });
    const marks = await page.evaluate(() => ({
      ...window.__bench.marks,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      timeOrigin: performance.timeOrigin,
      domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
    }));
    visits.push({ title_ms: marks.title, fcp_ms: marks.fcp, dom_content_loaded_ms: marks.domContentLoaded,
                  first_widget_loaded_ms: marks.widgetLoad[0]?.t, run_started_ms: marks.runStart, first_result_ms: marks.result[0].t,
                  first_run_ms: marks.result[0].elapsed, first_widget: marks.result[0].tag, from_build: marks.result[0].fromBuild });
    if (!downloads) {
      // What the page asked for until its first result (the clock of this machine, both sides).
      const resultAt = marks.timeOrigin + marks.result[0].t;
      const files = [...requested].filter(([, r]) => r.at <= resultAt).map(([url, { type }]) => ({ path: new URL(url).pathname, type, ...fileSizes(siteDir, url) }))
        .filter((f) => f.bytes !== undefined);
      downloads = { files, precache_requests: precached.size, errors: page.errors };
    }
    await page.context().close();
  }
  const total = (list) => ({ bytes: list.reduce((s, f) => s + f.bytes, 0), gzip: list.reduce((s, f) => s + f.gzip, 0) });
  const manifest = JSON.parse(readFileSync(join(siteDir, 'offline-manifest.json'), 'utf8'));
  const offline = manifest.files.map((f) => ({ path: `/${f}`, ...fileSizes(siteDir, `http://x/${f}`) })).filter((f) => f.bytes !== undefined);
  const byPath = (list) => Object.fromEntries(list.map((f) => [f.path, { bytes: f.bytes, gzip: f.gzip }]));
  const pick = (key) => { const s = summarize(visits.map((v) => v[key]).filter((x) => typeof x === 'number')); return s && { median_ms: s.median, min_ms: s.min, max_ms: s.max, runs: s.runs }; };
  return {
    page_weight: { ...total(downloads.files), files: byPath(downloads.files), target_gzip: 300 * 1024,
                   note: 'every file the lesson page and its workers requested up to the first widget result; gzip level 6' },
    mode,
    offline_cache: { ...total(offline), files: offline.length, note: 'what lab-sw.js precaches after the first visit (offline-manifest.json)' },
    startup: { title: pick('title_ms'), first_contentful_paint: pick('fcp_ms'), first_widget_loaded: pick('first_widget_loaded_ms'),
               run_started: pick('run_started_ms'), first_result: pick('first_result_ms'), first_run: pick('first_run_ms'), first_widget: visits[0].first_widget,
               from_build: visits.filter((v) => v.from_build).length,
               target_ms: 600, title_target_ms: 300, visits },
    console_errors: downloads.errors,
  };
}

/** The page's renderer main thread in a Chromium trace (CrRendererMain of the process the
 *  trace names for the top frame): its longest RunTask, and what ran inside that task (trace
 *  events by total duration, nested ones counted in their parents too). Besides wall time, the
 *  thread's CPU time (the trace's `tdur`): on a busy machine a task's wall time grows with the
 *  time the thread waits for a core, its CPU time does not, so the longest task by CPU time
 *  tells what the page itself costs. */
function longestTraceTask(trace) {
  const events = JSON.parse(trace).traceEvents ?? [];
  const frames = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
  const pagePid = frames.find((f) => !f.parent)?.processId;
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pagePid === undefined || e.pid === pagePid))
    .map((e) => `${e.pid}:${e.tid}`));
  const perThread = new Map();
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const key = `${e.pid}:${e.tid}`;
    const t = perThread.get(key) ?? { key, count: 0, longest: null, mostCpu: null };
    t.count += 1;
    if (!t.longest || e.dur > t.longest.dur) t.longest = e;
    if (!t.mostCpu || (e.tdur ?? 0) > (t.mostCpu.tdur ?? 0)) t.mostCpu = e;
    perThread.set(key, t);
  }
  const main = [...perThread.values()].sort((a, b) => b.count - a.count)[0];
  if (!main) return { count: 0, longest: 0, longestCpu: null, mostCpu: null, inside: [] };
  const { ts, dur } = main.longest;
  const inside = new Map();
  const open = new Map();  // B/E pairs by name
  const add = (e, ms) => {
    const name = e.name === 'FunctionCall' && e.args?.data?.functionName ? `FunctionCall ${e.args.data.functionName}` : e.name;
    inside.set(name, (inside.get(name) ?? 0) + ms);
  };
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main.key || e.name === 'RunTask' || e.ts < ts || e.ts > ts + dur) continue;
    if (e.ph === 'X') add(e, (e.dur ?? 0) / 1000);
    else if (e.ph === 'B') open.set(e.name, e);
    else if (e.ph === 'E' && open.has(e.name)) { add(open.get(e.name), (e.ts - open.get(e.name).ts) / 1000); open.delete(e.name); }
  }
  const cpu = (e) => (typeof e?.tdur === 'number' ? e.tdur / 1000 : null);
  return { count: main.count, longest: dur / 1000, longestCpu: cpu(main.longest),
           mostCpu: main.mostCpu && { cpu: cpu(main.mostCpu), wall: main.mostCpu.dur / 1000 },
           inside: [...inside].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 })) };
}

/** Self time per JS function on the page's main thread from a CPU profile (Chromium's
 *  profiler through CDP), top entries, idle and the profiler's own nodes left out. */
function topFunctions(profile, count = 8) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id).callFrame;
    if (['(idle)', '(program)', '(root)'].includes(frame.functionName)) return;
    const file = frame.url ? frame.url.split('/').pop().split('?')[0] : '';
    const key = `${frame.functionName || '(anonymous)'}${file ? ` (${file}:${frame.lineNumber + 1})` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }));
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

/** A lesson page with both widgets loaded, instrumented, the given widget in view. */
async function lessonWithWidgets(browser, serverUrl, tag) {
  const page = await openPage(browser, null);
  await page.addInitScript(instrument, { autorun: false, tags: WIDGET_TAGS });
  await page.goto(new URL(LESSON, serverUrl).href);
  await page.waitForFunction((n) => window.__bench.marks.widgetLoad.length >= n, WIDGET_TAGS.length, { timeout: 60_000 });
  await page.locator(tag).scrollIntoViewIfNeeded();
  return page;
}

/** Case 6: each lesson widget's full run, twice on fresh pages: once traced (the longest
 *  main-thread task of any length and what ran inside it, from Chromium's trace, and long
 *  tasks >= 50 ms from PerformanceObserver), once under Chromium's CPU profiler (which JS
 *  functions the main thread spent its time in). Separate runs: the profiler's sampling
 *  would lengthen the traced tasks. */
export async function mainThread(ctx, browser, serverUrl) {
  const out = [];
  for (const tag of ctx.sizes.widgets) {
    ctx.log(`main thread: full run of <${tag}> on the lesson page (traced, then profiled)`);
    let page = await lessonWithWidgets(browser, serverUrl, tag);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const run = await fullRun(page, tag, ctx.sizes.maxPanels);
    const trace = (await browser.stopTracing()).toString();
    const longTasks = await page.evaluate(({ from, to }) => window.__bench.longTasks.filter((t) => t.start + t.duration >= from && t.start <= to), { from: run.started, to: run.ended });
    const traced = longestTraceTask(trace);
    const errors = [...page.errors];
    await page.context().close();

    page = await lessonWithWidgets(browser, serverUrl, tag);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await fullRun(page, tag, ctx.sizes.maxPanels);
    const { profile } = await cdp.send('Profiler.stop');
    errors.push(...page.errors);
    await page.context().close();

    // The same full run with the CPU throttled: traced only (the profiler would slow it more).
    ctx.log(`main thread: full run of <${tag}> with the CPU throttled ${THROTTLE_RATE}x (traced)`);
    page = await lessonWithWidgets(browser, serverUrl, tag);
    await throttle(page, THROTTLE_RATE);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const slowRun = await fullRun(page, tag, ctx.sizes.maxPanels);
    const slowTrace = longestTraceTask((await browser.stopTracing()).toString());
    const slowLong = await page.evaluate(({ from, to }) => window.__bench.longTasks.filter((t) => t.start + t.duration >= from && t.start <= to), { from: slowRun.started, to: slowRun.ended });
    errors.push(...page.errors);
    await page.context().close();

    out.push({ widget: tag, run_ms: run.ended - run.started, panels: run.runs,
               throttled: { rate: THROTTLE_RATE, run_ms: slowRun.ended - slowRun.started, longest_task_ms: slowTrace.longest,
                            longest_task_cpu_ms: slowTrace.longestCpu, long_tasks: slowLong.length, inside_longest_task: slowTrace.inside },
               long_tasks: longTasks.length, longest_long_task_ms: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
               longest_task_ms: traced.longest, longest_task_cpu_ms: traced.longestCpu,
               most_cpu_task: traced.mostCpu && { cpu_ms: traced.mostCpu.cpu, wall_ms: traced.mostCpu.wall },
               tasks_traced: traced.count, inside_longest_task: traced.inside,
               main_thread_js_self_ms: topFunctions(profile), errors });
  }
  return { target_ms: 50, widgets: out };
}

/** A one-panel Optimization Lab on `csv` (a numeric data set with a yes/no target `y`): the
 *  lesson's regularization panel (100 λ, 5-fold CV, an L1 share control) on other rows. */
export function poolWidget(csv, rows, features) {
  return {
    dataset: { csv, target: 'y', positive: 'yes' },
    split: { test: 0.2, validation: 0.2, stratify: true, seed: 42 },
    model: { type: 'logistic_regression', lambda: 0.01, l1_ratio: 1 },
    experiments: { regularization: { model: { type: 'logistic_regression', lambda: 0.01, l1_ratio: 1,
      path: { n_lambda: 100, lambda_min_ratio: 0.0001 }, cv: { folds: 5 } } } },
    widget: { type: 'optimization_lab', title: `Regularization path on ${rows.toLocaleString('en-US')} x ${features} synthetic rows`,
      description: 'The bench\'s worker-pool case.',
      panels: [{ id: 'regularization', title: 'L1 / L2 regularization', chart: 'coefficient_path', experiments: ['regularization'],
        controls: [{ option: 'model.l1_ratio', label: 'L1 share', min: 0, max: 1, step: 0.05 }] }] },
  };
}

/** Case 7: an Optimization Lab's path + 5-fold CV run (its first panel) on a pool of 1 and of 2
 *  engine workers (`?lab-workers=N`), the way a learner reruns it: each repeat moves the L1
 *  share one step, so every run is a new setting (no cached result); the first run, which
 *  starts the workers, is not counted. The run times are the widget's own (lab-run-result's
 *  elapsedMs); the results of the same setting must be identical on 1 and 2 workers. `widgets`:
 *  [{ name, src, repeats }] (the lesson's file, and larger synthetic ones). */
export async function workerPool(ctx, browser, serverUrl, widgets) {
  const out = [];
  for (const { name, src, repeats } of widgets) {
    const pools = {};
    const results = {};
    for (const workers of [1, 2]) {
      ctx.log(`worker pool: ${name}, path + CV on ${workers} worker(s), ${repeats} repeats`);
      const page = await openPage(browser, null);
      await page.goto(new URL(`widget.html?src=${encodeURIComponent(src)}&lab-test-hooks&lab-workers=${workers}`, serverUrl).href);
      await page.locator('optimization-lab button.run:not([disabled])').waitFor({ timeout: 60_000 });
      await page.evaluate(() => {
        window.poolRuns = [];
        const el = document.querySelector('optimization-lab');
        el.addEventListener('lab-run-result', (e) => window.poolRuns.push(e.detail));
        el.addEventListener('lab-run-error', (e) => window.poolRuns.push({ error: e.detail.error }));
      });
      await page.locator('optimization-lab button.run').click();
      await page.waitForFunction(() => window.poolRuns.length >= 1, null, { timeout: 600_000 });
      const slider = page.locator('optimization-lab [data-panel="regularization"].panel .control[data-option="model.l1_ratio"] input[type=range]');
      for (let r = 0; r < repeats; r++) {
        const seen = await page.evaluate(() => window.poolRuns.length);
        await slider.focus();
        await slider.press('ArrowLeft');
        await page.waitForFunction((n) => window.poolRuns.length > n, seen, { timeout: 600_000 });
      }
      const details = await page.evaluate(() => window.poolRuns.slice(1).map((d) => (d.error ? { error: d.error.message }
        : { ms: d.elapsedMs, result: JSON.stringify(d.result.experiments.regularization) })));
      const failed = details.find((d) => d.error);
      if (failed) throw new Error(`worker pool, ${name}: a run failed: ${failed.error}`);
      const counters = await page.evaluate(() => window.labEngineTestHooks.counters());
      pools[workers] = { ...ms(details.map((d) => d.ms)), split_runs: counters.splitRuns, errors: page.errors };
      results[workers] = details.map((d) => d.result);
      await page.context().close();
    }
    out.push({ name, src, workers_1: pools[1], workers_2: pools[2], speedup: pools[1].median_ms / pools[2].median_ms,
               identical: results[1].length === results[2].length && results[1].every((r, i) => r === results[2][i]) });
  }
  return { target: 1.7, widgets: out };
}
