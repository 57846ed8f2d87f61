// tools/lab bench: the engine against what a learner or course author would otherwise use,
// measured side by side in one run on this machine. Eight cases:
//   1 regularization paths (engine wasm in Chromium vs scikit-learn's fastest solver per penalty)
//   2 the lesson's MLP (engine wasm in Chromium vs TensorFlow.js wasm/cpu in the same browser,
//     scikit-learn's MLPClassifier and the engine's native build), with GFLOP/s
//   3 inference latency (engine fp32/int8/pruned MLPs and logistic regression vs TF.js predict
//     and the same models exported to ONNX, run by ONNX Runtime Web)
//   4 the lesson page's weight (gzip) and time to the first widget result
//   5 scaling to 100k rows x 100 features, peak wasm memory
//   6 the longest main-thread task while each lesson widget runs
//   7 the lab's path + 5-fold CV run on a pool of 1 and of 2 engine workers
//   8 your own table: every task x model kind on a synthetic 10,000 x 50 table natively, in
//     Chromium and in scikit-learn, and the Optimization Lab on its 5-class version
//  10 the explorer's truth: the lesson's Trade-off Explorer run ten times in Chromium; compressed
//     forms slower than their base without a sentence why, int8 / 90 %-pruned per batch vs fp32
//   9 Lighthouse (mobile and desktop presets) on the front page, the lesson page and widget.html,
//     served compressed as a static host serves them; --quick: the lesson page on mobile, once
// Writes tools/bench/results.json, docs/benchmarks.md and docs/benchmarks.png. Figures are medians
// of repeats with min and max; ratios come from this run's medians. Nothing here asserts on
// time. `--quick` is CI's smoke (tiny sizes, every code path once); `--no-write` writes nothing;
// `--cases=4,6,7,8,9` runs only those cases (the lesson-page cases 4, 6, 7, case 8 and case 9,
// at full size unless --quick): no drivers are built and nothing tracked is written (build/bench/results-cases.json
// only); with `--site=DIR` they measure another built site (e.g. an older build, for a before/after).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildDrivers, commandVersion } from './lib/drivers.mjs';
import { engineTimings, latency, scale, sklearnTimings, syntheticCsv, syntheticDesign, tfjsTraining, titanicRows } from './lib/engine-cases.mjs';
import { explorerHeadline, explorerTruth } from './lib/explorer-case.mjs';
import { lighthouseCase, lighthouseHeadline } from './lib/lighthouse-case.mjs';
import { ownTable, ownTableTargets } from './lib/own-table-case.mjs';
import { lessonStartup, mainThread, poolWidget, workerPool } from './lib/page-cases.mjs';
import { derive, headline, ownTableHeadline, renderChart, writeReport } from './lib/report.mjs';
import { launchChromium, openPage, prepareSite, removeSite, serve, writeData } from './lib/site.mjs';

/** Case 7's widgets: the lesson's lab, and a lab on synthetic rows written into the bench site. */
function poolWidgets(site) {
  const list = [{ name: 'the lesson\'s lab (Titanic)', src: '/widgets/optimization_lab.titanic.json', repeats: SIZES.repeats }];
  for (const [rows, features] of SIZES.poolSizes) {
    const csv = `pool_${rows}x${features}.csv`;
    writeData(site, csv, syntheticCsv(rows, features, 3));
    const src = writeData(site, `pool_${rows}x${features}.json`, JSON.stringify(poolWidget(csv, rows, features)));
    list.push({ name: `${rows.toLocaleString('en-US')} × ${features} synthetic rows`, src, repeats: SIZES.poolRepeats });
  }
  return list;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');
const casesArg = process.argv.find((a) => a.startsWith('--cases='));
const only = casesArg ? new Set(casesArg.slice('--cases='.length).split(',').map(Number)) : null;
const siteArg = process.argv.find((a) => a.startsWith('--site='));
const unknown = process.argv.slice(2).filter((a) => !['--quick', '--no-write'].includes(a) && a !== casesArg && a !== siteArg);
if (unknown.length || (only && (only.size === 0 || [...only].some((c) => ![4, 6, 7, 8, 9, 10].includes(c)))) || (siteArg && !only)) {
  console.error(`usage: node tools/bench/run.mjs [--quick] [--no-write] [--cases=4,6,7,8,9,10 [--site=DIR]] (only the page cases 4, 6, 7, case 8, Lighthouse, 9, and the explorer's truth, 10, run alone, on build/site or DIR; unknown: ${unknown.join(' ')})`);
  process.exit(2);
}

const SIZES = quick
  ? { nLambda: 10, epochs: 5, tfjsEpochs: 2, repeats: 1, warmup: 0, warmupMs: 0, slowRepeats: 1, latencyBudgetMs: 5, visits: 1,
      scaleRows: [1000], scaleFeatures: [10], scaleEpochs: 3, scaleRepeats: 1, maxPanels: 1, widgets: ['optimization-lab'],
      poolSizes: [[2000, 10]], poolRepeats: 1, explorerRuns: 1,
      ownTable: { rows: 500, features: 8, epochs: 2, warmup: 0, repeats: 1, labVisits: 1 } }
  : { nLambda: 100, epochs: 200, tfjsEpochs: 200, repeats: 7, warmup: 3, warmupMs: 2000, slowRepeats: 3, latencyBudgetMs: 150, visits: 5,
      scaleRows: [1000, 10000, 100000], scaleFeatures: [10, 30, 100], scaleEpochs: 4, scaleRepeats: 3, maxPanels: Infinity,
      widgets: ['optimization-lab', 'performance-tradeoff-explorer'], poolSizes: [[20000, 30]], poolRepeats: 3, explorerRuns: 10,
      // Case 8's MLPs train 20 epochs (not the engine's default 200): the same work on each side,
      // and scikit-learn's 200 would take minutes per repeat.
      ownTable: { rows: 10000, features: 50, epochs: 20, warmup: 1, repeats: 3, labVisits: 3 } };

const started = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const loadBefore = loadavg();
log(`${quick ? 'quick smoke' : 'full run'}; load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);

const cli = join(root, 'build/native/engine/lab-cli');
if (only) {
  await pageCasesOnly();
  process.exit(0);
}

/** `--cases=4,6,7,8`: the lesson page's cases and case 8 on the built site (and lab-cli), nothing
 *  else built or written but build/bench/results-cases.json. */
async function pageCasesOnly() {
  if (only.has(8) && !existsSync(cli)) throw new Error('build/native/engine/lab-cli is missing: run tools/lab build');
  const site = prepareSite(root, null, siteArg?.slice('--site='.length));
  const plain = await serve(site, { isolated: false });
  const isolated = only.has(8) ? await serve(site, { isolated: true }) : null;
  const browser = await launchChromium();
  const ctx = { root, quick, sizes: SIZES, log, cli };
  const out = { date: new Date().toISOString(), command: `node tools/bench/run.mjs ${process.argv.slice(2).join(' ')}`, load_before: loadBefore };
  try {
    if (only.has(4)) {
      const lesson = await lessonStartup(ctx, browser, plain.url, site);
      out.lesson_page = lesson;
      const s = lesson.startup;
      const range = (x) => (x ? `${x.median_ms.toFixed(0)} (${x.min_ms.toFixed(0)}–${x.max_ms.toFixed(0)})` : '–');
      log(`4 lesson page: ${(lesson.page_weight.gzip / 1024).toFixed(0)} KB gzip; navigation → title ${range(s.title)} ms, → first contentful paint ${range(s.first_contentful_paint)} ms, `
        + `→ first widget ready ${range(s.first_widget_loaded)} ms, → first result ${range(s.first_result)} ms (its run ${range(s.first_run)} ms, ${s.first_widget}; target 600)`);
      log(`4 lesson page, CPU throttled ${lesson.throttled.rate}x: title ${range(lesson.throttled.title)} ms, first result ${range(lesson.throttled.first_result)} ms (its run ${range(lesson.throttled.first_run)} ms; target 2000)`);
      if (lesson.console_errors.length) log(`  console errors: ${lesson.console_errors.join(' | ')}`);
    }
    if (only.has(6)) {
      out.main_thread = await mainThread(ctx, browser, plain.url);
      for (const w of out.main_thread.widgets) {
        log(`6 ${w.widget}, CPU throttled ${w.throttled.rate}x: full run ${w.throttled.run_ms.toFixed(0)} ms, longest main-thread task ${w.throttled.longest_task_ms.toFixed(1)} ms, ${w.throttled.long_tasks} long tasks; inside: ${w.throttled.inside_longest_task.map((x) => `${x.name} ${x.ms}`).join(', ')}`);
        log(`6 ${w.widget}: full run ${w.run_ms.toFixed(0)} ms, longest main-thread task ${w.longest_task_ms.toFixed(1)} ms (target 50; its CPU time ${w.longest_task_cpu_ms?.toFixed(1) ?? '–'} ms), ${w.long_tasks} long tasks; the task with the most CPU time: ${w.most_cpu_task?.cpu_ms?.toFixed(1) ?? '–'} ms CPU in ${w.most_cpu_task?.wall_ms?.toFixed(1) ?? '–'} ms`);
        log(`  inside the longest task: ${w.inside_longest_task.map((x) => `${x.name} ${x.ms}`).join(', ')}`);
        log(`  main-thread JS self time: ${w.main_thread_js_self_ms.map((x) => `${x.name} ${x.ms}`).join(', ')}`);
        if (w.errors.length) log(`  console errors: ${w.errors.join(' | ')}`);
      }
    }
    if (only.has(7)) {
      out.worker_pool = await workerPool(ctx, browser, plain.url, poolWidgets(site));
      for (const w of out.worker_pool.widgets)
        log(`7 worker pool, ${w.name}: 1 worker ${w.workers_1.median_ms.toFixed(0)} ms, 2 workers ${w.workers_2.median_ms.toFixed(0)} ms: ${w.speedup.toFixed(2)}x (target 1.7x), identical results: ${w.identical}`);
    }
    if (only.has(8)) {
      out.own_table = ownTableTargets(await ownTable(ctx, browser, { site, isolatedUrl: isolated.url, plainUrl: plain.url }));
      for (const line of ownTableHeadline(out.own_table)) log(line);
    }
    if (only.has(9)) {
      out.lighthouse = await lighthouseCase(ctx, plain.url);
      for (const line of lighthouseHeadline(out.lighthouse)) log(line);
    }
    if (only.has(10)) {
      out.explorer = await explorerTruth(ctx, browser, plain.url);
      for (const line of explorerHeadline(out.explorer)) log(line);
    }
    out.load_after = loadavg();
    mkdirSync(join(root, 'build/bench'), { recursive: true });
    writeFileSync(join(root, 'build/bench/results-cases.json'), JSON.stringify(out, null, 1) + '\n');
    log(`done; load average ${out.load_after.map((x) => x.toFixed(2)).join(' ')}; wrote build/bench/results-cases.json`);
  } finally {
    await browser.close().catch(() => undefined);
    await plain.close();
    await isolated?.close();
    removeSite(site);
  }
}

if (!existsSync(cli)) throw new Error('build/native/engine/lab-cli is missing: run tools/lab build');
// The ONNX graph builder (web/src/export) compiled for Node: case 3 exports its variants.
execFileSync('npx', ['--no-install', 'tsc', '-p', 'web/tsconfig.node.json'], { cwd: root, stdio: 'inherit' });
log('building the bench drivers (tools/bench/native) natively and as wasm');
const drivers = buildDrivers(root);
const site = prepareSite(root, drivers.wasmDir);

const titanicText = readFileSync(join(root, 'widgets/data/titanic.csv'), 'utf8');
const titanic1053Text = titanicRows(titanicText, 1053);
const data = {
  titanic: { name: 'titanic.csv', text: titanicText, url: writeData(site, 'titanic.csv', titanicText) },
  titanic1053: { name: 'titanic_1053.csv', text: titanic1053Text, url: writeData(site, 'titanic_1053.csv', titanic1053Text),
                 path: join(site, 'bench/data/titanic_1053.csv') },
};

const isolated = await serve(site, { isolated: true });
const plain = await serve(site, { isolated: false });
const browser = await launchChromium();
const results = { date: new Date().toISOString(), command: quick ? 'node tools/bench/run.mjs --quick' : 'tools/lab bench', quick, sizes: SIZES };
try {
  const benchPage = await openPage(browser, new URL('bench/index.html', isolated.url).href);
  await benchPage.waitForFunction(() => window.labBench !== undefined);
  const ctx = {
    root, quick, sizes: SIZES, data, cli, native: drivers.nativeBinary, log,
    writeData: (name, text) => writeData(site, name, text),
    dataSize: (name) => statSync(join(site, 'bench/data', name)).size,
    bench: (worker, op, payload) => benchPage.evaluate(({ worker: w, op: o, payload: p }) => {
      if (p.X) p.X = new Float32Array(p.X);
      if (p.y) p.y = new Float32Array(p.y);
      return window.labBench.call(w, o, p);
    }, { worker, op, payload }),
  };
  const isolatedPage = await benchPage.evaluate(() => window.labBench.isolated);
  if (!isolatedPage) log('warning: the bench page is not cross-origin isolated (coarse 100 us clock)');

  const engine = await engineTimings(ctx);
  const sklearn = sklearnTimings(ctx, engine);
  if (!sklearn) log('scikit-learn is not available (/usr/bin/python3 with python3-sklearn): its side is skipped');
  const design = sklearn ? JSON.parse(readFileSync(sklearn.design_path, 'utf8')) : syntheticDesign(1053, engine.paths.l2.columns.length);
  const tfjs = await tfjsTraining(ctx, design);
  const inference = await latency(ctx, design);
  const scaling = await scale(ctx);
  const versions = {
    engine: await ctx.bench('engine', 'version', {}),
    tfjs: await ctx.bench('tfjs', 'version', {}),
    chromium: browser.version(),
    node: process.version,
    emscripten: commandVersion('emcc', ['--version'])?.replace(/^emcc \(Emscripten[^)]*\)\s*/, ''),
    gxx: commandVersion('g++', ['--version']),
    python: sklearn?.python ?? null,
    sklearn: sklearn?.sklearn ?? null,
    numpy: sklearn?.numpy ?? null,
  };
  await benchPage.context().close();

  const lesson = await lessonStartup(ctx, browser, plain.url, site);
  const main = await mainThread(ctx, browser, plain.url);
  const pool = await workerPool(ctx, browser, plain.url, poolWidgets(site));
  const own = await ownTable(ctx, browser, { site, isolatedUrl: isolated.url, plainUrl: plain.url });
  const lighthouse = await lighthouseCase(ctx, plain.url);
  const explorer = await explorerTruth(ctx, browser, plain.url);

  Object.assign(results, {
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), kernel: release(),
               load_before: loadBefore, load_after: loadavg() },
    versions,
    cases: derive({ engine, sklearn, tfjs, inference, scaling, lesson, main, pool, own, lighthouse, explorer, sizes: SIZES }),
    timer: { cross_origin_isolated: isolatedPage, note: 'engine and TF.js timed inside their Workers with performance.now()' },
  });
  results.elapsed_s = Math.round((Date.now() - started) / 1000);
  for (const line of headline(results.cases)) log(line);
  // Always kept under build/ (scratch, untracked) for inspection; the tracked files only on a full run.
  mkdirSync(join(root, 'build/bench'), { recursive: true });
  writeFileSync(join(root, `build/bench/results${quick ? '-quick' : ''}.json`), JSON.stringify(results, null, 1) + '\n');
  if (write && !quick) {
    writeFileSync(join(root, 'tools/bench/results.json'), JSON.stringify(results, null, 1) + '\n');
    const chart = await renderChart(browser, isolated.url, results, join(root, 'docs/benchmarks.png'));
    writeReport(root, results, chart);
    log('wrote tools/bench/results.json, docs/benchmarks.md, docs/benchmarks.png');
  } else if (quick) {
    await renderChart(browser, isolated.url, results, null);  // the chart page too, without a file
  }
  log(`done in ${results.elapsed_s} s`);
} finally {
  await browser.close().catch(() => undefined);
  await isolated.close();
  await plain.close();
  removeSite(site);
}
