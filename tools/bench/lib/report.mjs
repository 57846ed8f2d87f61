// From the measurements to tools/bench/results.json's `cases` (ratios and targets from this run's
// medians), the chart (tools/bench/pages/chart.html screenshotted by Chromium) and docs/benchmarks.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PENALTIES, MLP_HIDDEN } from './engine-cases.mjs';
import { explorerHeadline, explorerSection, explorerTargetRows } from './explorer-case.mjs';
import { lighthouseHeadline, lighthouseSection, lighthouseTargetRows } from './lighthouse-case.mjs';
import { ownTableTargets } from './own-table-case.mjs';
import { LESSON } from './page-cases.mjs';
import { openPage } from './site.mjs';
import { fmt, range, ratio } from './stats.mjs';

const med = (s) => s?.median_ms ?? s?.median_us ?? null;
const PENALTY_NAMES = { l2: 'L2', l1: 'L1', elasticnet: 'elastic net 0.5' };

export function derive({ engine, sklearn, tfjs, inference, scaling, lesson, main, pool, own, lighthouse, explorer, sizes }) {
  const penalties = {};
  for (const penalty of Object.keys(PENALTIES)) {
    const e = engine.paths[penalty];
    const sk = sklearn?.paths?.[penalty] ?? null;
    // The headline compares with the fastest solver of the same problem: liblinear also
    // penalizes the intercept (a different objective, different coefficients); it is listed.
    const same = sk ? Object.entries(sk.solvers).filter(([solver]) => solver !== 'liblinear') : [];
    const best = same.sort((a, b) => a[1].median_ms - b[1].median_ms)[0];
    const fastest = best ? { solver: best[0], ...best[1] } : null;
    const liblinear = sk?.solvers?.liblinear ?? null;
    const speedup = fastest ? ratio(fastest.median_ms, med(e.engine_wasm_chromium)) : null;
    penalties[penalty] = {
      engine_wasm_chromium: e.engine_wasm_chromium, engine_wasm_first_run_ms: e.engine_wasm_first_run_ms, engine_native: e.engine_native,
      native_vs_wasm_max_diff: e.native_vs_wasm_max_diff, nonzero_at_smallest_lambda: e.nonzero_last,
      sklearn_fastest: fastest, sklearn_solvers: sk?.solvers ?? null, sklearn_reference: sk?.reference ?? null,
      speedup_vs_fastest: speedup, target: 30, met: speedup !== null ? speedup >= 30 : null,
      speedup_vs_liblinear: liblinear ? ratio(liblinear.median_ms, med(e.engine_wasm_chromium)) : null,
    };
  }
  const d = engine.paths.l2.columns.length;
  const weights = [d, ...MLP_HIDDEN, 1].reduce((sum, units, i, all) => (i ? sum + all[i - 1] * units : 0), 0);
  const flopsPerEpoch = 6 * weights * engine.mlp.rows;
  const flops = flopsPerEpoch * sizes.epochs;
  const gflops = (s) => (med(s) ? flops / (med(s) / 1000) / 1e9 : null);
  const mlpRuns = { engine_wasm_chromium: engine.mlp.engine_wasm_chromium, engine_native: engine.mlp.engine_native,
                    tfjs_wasm: tfjs.wasm, tfjs_cpu: tfjs.cpu, sklearn: sklearn?.mlp ?? null };
  const tfjsFastest = med(tfjs.wasm) <= med(tfjs.cpu) ? 'tfjs_wasm' : 'tfjs_cpu';
  const wasmMs = med(engine.mlp.engine_wasm_chromium);
  const vsTfjs = ratio(med(mlpRuns[tfjsFastest]), wasmMs);
  const vsSklearn = ratio(med(sklearn?.mlp), wasmMs);
  const vsNative = ratio(wasmMs, med(engine.mlp.engine_native));
  const mlp = {
    architecture: `${d}-${MLP_HIDDEN.join('-')}-1 ReLU, dropout 0.3, Adam 1e-3, batch 32`, epochs: sizes.epochs, rows: engine.mlp.rows,
    weights, parameters: engine.mlp.parameters, flops_per_epoch: flopsPerEpoch, flops, runs: mlpRuns,
    gflops: Object.fromEntries(Object.entries(mlpRuns).map(([k, s]) => [k, gflops(s)])),
    engine_final: engine.mlp.final, tfjs_fastest: tfjsFastest,
    targets: {
      vs_tfjs: { target: 30, speedup: vsTfjs, met: vsTfjs !== null ? vsTfjs >= 30 : null },
      vs_sklearn: { target: 1, speedup: vsSklearn, met: vsSklearn !== null ? vsSklearn > 1 : null },
      vs_native: { target: 2, slowdown: vsNative, met: vsNative !== null ? vsNative <= 2 : null },
    },
  };
  const tfFor = (name) => (name === 'Logistic regression' ? 'Logistic regression' : 'MLP fp32');
  const variants = inference.engine_wasm_chromium.map((v, i) => {
    const tf = inference.tfjs.wasm[tfFor(v.name)];
    const ort = inference.ort_web?.[v.name] ?? null;
    return { name: v.name, format: v.format, size_bytes: v.size_bytes, nonzero: v.nonzero, parameters: v.parameters,
             test_accuracy: v.test_accuracy, engine_wasm_chromium: { single_row: v.single_row, whole_test_set: v.whole_test_set },
             engine_native: { single_row: inference.engine_native[i]?.single_row, whole_test_set: inference.engine_native[i]?.whole_test_set },
             tfjs_reference: tfFor(v.name),
             speedup_vs_tfjs_wasm: { single_row: ratio(med(tf.single_row), med(v.single_row)), whole_test_set: ratio(med(tf.whole_test_set), med(v.whole_test_set)) },
             ort_web: ort,
             speedup_vs_ort_web: ort ? { single_row: ratio(med(ort.single_row), med(v.single_row)), whole_test_set: ratio(med(ort.whole_test_set), med(v.whole_test_set)) } : null };
  });
  // Issue 13's targets, on whole-test-set medians in Chromium: each compressed form against
  // the dense fp32 MLP, and every form against ONNX Runtime Web on the same model.
  const batch = (name, key = 'engine_wasm_chromium') => med(variants.find((v) => v.name === name)?.[key]?.whole_test_set);
  const vsFp32 = (name, target) => {
    const speedup = ratio(batch('MLP fp32'), batch(name));
    return { target, speedup, met: speedup !== null ? speedup >= target : null };
  };
  const latency = {
    test_rows: inference.test_rows,
    hidden: inference.hidden,
    variants,
    tfjs: inference.tfjs,
    targets: {
      int8_vs_fp32: vsFp32('MLP int8', 2),
      pruned90_vs_fp32: vsFp32('MLP pruned 90%', 2.5),
      units50_vs_fp32: vsFp32('MLP 50% of units removed', 1.8),
      // ≥ 1 on both axes for every form (single row and whole set).
      vs_ort_web: variants.filter((v) => v.speedup_vs_ort_web).map((v) => ({ name: v.name, ...v.speedup_vs_ort_web,
        met: v.speedup_vs_ort_web.single_row >= 1 && v.speedup_vs_ort_web.whole_test_set >= 1 })),
    },
  };
  const point = (rows, features) => scaling.points.find((p) => p.rows === rows && p.features === features);
  const big = point(100000, 30);
  const flatness = {};
  for (const f of sizes.scaleFeatures) {
    const pts = scaling.points.filter((p) => p.features === f).sort((a, b) => a.rows - b.rows);
    if (pts.length > 1) flatness[f] = { path: ratio(pts.at(-1).path_us_per_row, pts[1]?.path_us_per_row ?? pts[0].path_us_per_row),
                                        epoch: ratio(pts.at(-1).epoch_us_per_row, pts[1]?.epoch_us_per_row ?? pts[0].epoch_us_per_row) };
  }
  const w = lesson.page_weight, s = lesson.startup;
  return {
    paths: { rows: engine.paths.l2.rows, columns: d, n_lambda: sizes.nLambda, lambda_min_ratio: 1e-4, penalties },
    mlp,
    latency,
    lesson_page: { ...lesson, targets: { gzip_bytes: { target: w.target_gzip, value: w.gzip, met: w.gzip < w.target_gzip },
                                          title_ms: { target: s.title_target_ms ?? 300, value: med(s.title), met: med(s.title) <= (s.title_target_ms ?? 300) },
                                          first_result_ms: { target: s.target_ms, value: med(s.first_result), met: med(s.first_result) <= s.target_ms },
                                          ...(lesson.throttled ? { first_result_throttled_ms: { target: lesson.throttled.target_ms, rate: lesson.throttled.rate,
                                            value: med(lesson.throttled.first_result), met: med(lesson.throttled.first_result) <= lesson.throttled.target_ms } } : {}),
                                          ...(lesson.computed ? { computed: {
                                            gzip_bytes: { target: w.target_gzip, value: lesson.computed.page_weight.gzip, met: lesson.computed.page_weight.gzip < w.target_gzip },
                                            first_result_ms: { target: s.target_ms, value: med(lesson.computed.startup.first_result), met: med(lesson.computed.startup.first_result) <= s.target_ms },
                                            first_result_throttled_ms: { target: lesson.computed.throttled.target_ms, rate: lesson.computed.throttled.rate, value: med(lesson.computed.throttled.first_result),
                                              met: med(lesson.computed.throttled.first_result) <= lesson.computed.throttled.target_ms } } } : {}) } },
    scale: { ...scaling, per_row_growth_last_vs_10k: flatness,
             target_100k_x_30: big ? { target_ms: 2000, value_ms: big.run_ms, path_ms: big.path_ms, prep_ms: big.prep_ms, met: big.run_ms < 2000 } : null,
             target_csv_read: big?.read_mb_per_s ? { target_mb_per_s: 100, value_mb_per_s: big.read_mb_per_s, met: big.read_mb_per_s >= 100 } : null,
             peak_wasm_bytes: Math.max(...scaling.points.map((p) => p.peak_wasm_bytes)) },
    main_thread: { ...main, met: main.widgets.every((x) => x.longest_task_ms < main.target_ms && (x.throttled?.longest_task_ms ?? 0) < main.target_ms) },
    // Met when every widget's results are identical on 1 and 2 workers and the run big enough
    // to be split (the last, the synthetic one) is target times faster.
    worker_pool: pool ? { ...pool, met: pool.widgets.every((w) => w.identical) && (pool.widgets.at(-1)?.speedup ?? 0) >= pool.target } : null,
    own_table: own ? ownTableTargets(own) : null,
    lighthouse: lighthouse ?? null,
    explorer: explorer ?? null,
  };
}

const COLORS = { wasm: '#1f77b4', native: '#2ca02c', sklearn: '#ff7f0e', tfwasm: '#d62728', tfcpu: '#9467bd', ort: '#8c564b', target: '#999999' };

function figure(results) {
  const c = results.cases;
  const p = c.paths.penalties;
  const panels = [
    { title: `1 · Regularization path, ${c.paths.n_lambda} λ (ms, log scale)`, unit: 'ms', log: true,
      note: `Titanic, ${c.paths.rows} rows × ${c.paths.columns} columns; whole engine run vs scikit-learn's fastest solver`,
      categories: Object.keys(PENALTIES).map((k) => PENALTY_NAMES[k]),
      series: [{ label: 'engine wasm (Chromium)', color: COLORS.wasm, values: Object.keys(PENALTIES).map((k) => med(p[k].engine_wasm_chromium)) },
               { label: 'engine native', color: COLORS.native, values: Object.keys(PENALTIES).map((k) => med(p[k].engine_native)) },
               { label: 'scikit-learn fastest', color: COLORS.sklearn, values: Object.keys(PENALTIES).map((k) => p[k].sklearn_fastest?.median_ms ?? null) }] },
    { title: `2 · MLP ${c.mlp.architecture.split(' ')[0]}, ${c.mlp.epochs} epochs (ms, log scale)`, unit: 'ms', log: true,
      note: 'training time; TF.js in the same Chromium (Workers), scikit-learn MLPClassifier has no dropout',
      categories: ['training'],
      series: [['engine wasm (Chromium)', 'engine_wasm_chromium', COLORS.wasm], ['engine native', 'engine_native', COLORS.native],
               ['TF.js wasm', 'tfjs_wasm', COLORS.tfwasm], ['TF.js cpu', 'tfjs_cpu', COLORS.tfcpu], ['scikit-learn', 'sklearn', COLORS.sklearn]]
        .map(([label, key, color]) => ({ label, color, values: [med(c.mlp.runs[key])] })) },
    { title: '3 · Inference, one row (µs, log scale)', unit: 'µs', log: true,
      note: 'engine forms as shipped (serialized, loaded back) vs TF.js predict (fp32) in the same browser',
      categories: c.latency.variants.map((v) => v.name.replace('Logistic regression', 'logistic')),
      series: [{ label: 'engine wasm (Chromium)', color: COLORS.wasm, values: c.latency.variants.map((v) => med(v.engine_wasm_chromium.single_row)) },
               { label: 'engine native', color: COLORS.native, values: c.latency.variants.map((v) => med(v.engine_native.single_row)) },
               { label: 'ONNX Runtime Web', color: COLORS.ort, values: c.latency.variants.map((v) => med(v.ort_web?.single_row)) },
               { label: 'TF.js wasm predict', color: COLORS.tfwasm, values: c.latency.variants.map((v) => med(c.latency.tfjs.wasm[v.tfjs_reference].single_row)) }] },
    { title: `3 · Inference, whole test set of ${c.latency.test_rows} rows (µs, log scale)`, unit: 'µs', log: true, note: '',
      categories: c.latency.variants.map((v) => v.name.replace('Logistic regression', 'logistic')),
      series: [{ label: 'engine wasm (Chromium)', color: COLORS.wasm, values: c.latency.variants.map((v) => med(v.engine_wasm_chromium.whole_test_set)) },
               { label: 'engine native', color: COLORS.native, values: c.latency.variants.map((v) => med(v.engine_native.whole_test_set)) },
               { label: 'ONNX Runtime Web', color: COLORS.ort, values: c.latency.variants.map((v) => med(v.ort_web?.whole_test_set)) },
               { label: 'TF.js wasm predict', color: COLORS.tfwasm, values: c.latency.variants.map((v) => med(c.latency.tfjs.wasm[v.tfjs_reference].whole_test_set)) }] },
  ];
  const features = [...new Set(c.scale.points.map((x) => x.features))];
  const rows = [...new Set(c.scale.points.map((x) => x.rows))];
  const shades = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  for (const [key, title] of [['path_us_per_row', `5 · Path (${c.scale.n_lambda} λ, elastic net) per row (µs/row)`], ['epoch_us_per_row', '5 · MLP epoch per row (µs/row)']]) {
    panels.push({ type: 'lines', title, unit: 'µs', log: true, logX: true, xLabel: 'rows (synthetic data)', x: rows,
      note: 'engine wasm in Chromium; flat lines = cost linear in rows',
      series: features.map((f, i) => ({ label: `${f} features`, color: shades[i % shades.length],
                                        values: rows.map((r) => c.scale.points.find((x) => x.rows === r && x.features === f)?.[key] ?? null) })) });
  }
  const loadBefore = results.machine.load_before[0];
  return { title: 'ML lab engine: benchmarks (tools/lab bench)',
           subtitle: `${results.date.slice(0, 10)} · ${results.machine.cores} × ${results.machine.cpu} · Chromium ${results.versions.chromium} · load average ${loadBefore.toFixed(2)} at start · medians of repeats`,
           panels };
}

/** Draws the figure on the bench's chart page and saves a PNG (or only draws it: outPath null). */
export async function renderChart(browser, serverUrl, results, outPath) {
  const page = await openPage(browser, new URL('bench/chart.html', serverUrl).href, { width: 1200, height: 900 });
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.evaluate((f) => window.renderCharts(f), figure(results));
  if (outPath) await page.screenshot({ path: outPath, fullPage: true });
  const errors = page.errors;
  await page.context().close();
  if (errors.length) throw new Error(`chart page: ${errors.join('; ')}`);
  return outPath;
}

/** One line per target, for the console. */
export function headline(c) {
  const p = c.paths.penalties;
  const out = Object.keys(PENALTIES).map((k) => `1 path ${PENALTY_NAMES[k]}: wasm ${fmt(med(p[k].engine_wasm_chromium))} ms, native ${fmt(med(p[k].engine_native))} ms, scikit-learn ${p[k].sklearn_fastest?.solver ?? '–'} ${fmt(p[k].sklearn_fastest?.median_ms)} ms: ${fmt(p[k].speedup_vs_fastest)}x (target 30x), max |coef diff| ${p[k].sklearn_fastest?.max_coef_diff?.toExponential(1) ?? '–'}`);
  const r = c.mlp.runs, t = c.mlp.targets;
  out.push(`2 MLP: wasm ${fmt(med(r.engine_wasm_chromium))} ms (${fmt(c.mlp.gflops.engine_wasm_chromium, 2)} GFLOP/s), native ${fmt(med(r.engine_native))} ms, TF.js wasm ${fmt(med(r.tfjs_wasm))} ms, cpu ${fmt(med(r.tfjs_cpu))} ms, scikit-learn ${fmt(med(r.sklearn))} ms: ${fmt(t.vs_tfjs.speedup)}x vs TF.js, ${fmt(t.vs_sklearn.speedup)}x vs scikit-learn, wasm/native ${fmt(t.vs_native.slowdown, 2)}`);
  for (const v of c.latency.variants)
    out.push(`3 ${v.name}: 1 row ${fmt(med(v.engine_wasm_chromium.single_row), 2)} us (ORT Web ${fmt(med(v.ort_web?.single_row), 1)}, TF.js ${fmt(med(c.latency.tfjs.wasm[v.tfjs_reference].single_row), 0)} us), test set ${fmt(med(v.engine_wasm_chromium.whole_test_set), 1)} us (ORT Web ${fmt(med(v.ort_web?.whole_test_set), 0)}, TF.js ${fmt(med(c.latency.tfjs.wasm[v.tfjs_reference].whole_test_set), 0)} us)`);
  out.push(`4 lesson page: ${kb(c.lesson_page.page_weight.gzip)} gzip (target ${kb(c.lesson_page.page_weight.target_gzip)}), lesson text ${fmt(c.lesson_page.targets.title_ms?.value, 0)} ms (target ${c.lesson_page.targets.title_ms?.target} ms), first result ${fmt(c.lesson_page.targets.first_result_ms.value, 0)} ms (target ${c.lesson_page.targets.first_result_ms.target})`);
  for (const x of c.scale.points) out.push(`5 ${x.rows} x ${x.features}: run ${fmt(x.run_ms, 0)} ms (prep ${fmt(x.prep_ms, 0)}, path ${fmt(x.path_ms, 0)} = ${fmt(x.path_us_per_row, 2)} us/row), epoch ${fmt(x.epoch_ms, 1)} ms (${fmt(x.epoch_us_per_row, 2)} us/row), peak ${fmt(x.peak_wasm_bytes / 2 ** 20, 0)} MiB`);
  const slow = c.lesson_page.targets.first_result_throttled_ms;
  if (slow) out.push(`4 lesson page, CPU throttled ${slow.rate}x: first result ${fmt(slow.value, 0)} ms (target ${slow.target})`);
  const own = c.lesson_page.targets.computed;
  if (own) out.push(`4 lesson page, the engine's own first result (?lab-answers=off): ${kb(own.gzip_bytes.value)} gzip, first result ${fmt(own.first_result_ms.value, 0)} ms, throttled ${fmt(own.first_result_throttled_ms.value, 0)} ms`);
  for (const w of c.main_thread.widgets) out.push(`6 ${w.widget}: full run ${fmt(w.run_ms, 0)} ms, longest main-thread task ${fmt(w.longest_task_ms, 1)} ms (target 50), ${w.long_tasks} long tasks` +
    (w.throttled ? `; CPU throttled ${w.throttled.rate}x: full run ${fmt(w.throttled.run_ms, 0)} ms, longest task ${fmt(w.throttled.longest_task_ms, 1)} ms, ${w.throttled.long_tasks} long tasks` : ''));
  for (const w of c.worker_pool?.widgets ?? [])
    out.push(`7 path + 5-fold CV, ${w.name}: 1 worker ${fmt(w.workers_1.median_ms, 0)} ms, 2 workers ${fmt(w.workers_2.median_ms, 0)} ms: ${fmt(w.speedup, 2)}x (target ${c.worker_pool.target}x), identical results: ${w.identical}`);
  if (c.own_table) out.push(...ownTableHeadline(c.own_table));
  if (c.lighthouse) out.push(...lighthouseHeadline(c.lighthouse));
  if (c.explorer) out.push(...explorerHeadline(c.explorer));
  return out;
}

/** Case 8's console lines (a derived own_table: ownTableTargets). */
export function ownTableHeadline(o) {
  const s = (x) => fmt(med(x) / 1000, 2);
  const out = o.fits.map((f) => `8 ${o.rows} x ${o.features} ${f.id}: native ${fmt(med(f.native.fit))} ms, wasm ${fmt(med(f.wasm.fit))} ms (fit, after the CSV read), `
    + `scikit-learn ${f.sklearn?.fastest ?? '–'} ${fmt(med(f.sklearn))} ms: native/scikit-learn ${fmt(f.native_vs_sklearn, 2)} (target <= 1), wasm/native ${fmt(f.wasm_vs_native, 2)} (target <= 1.5); `
    + `test ${f.test_score.metric} ${[f.test_score.native, f.test_score.wasm, f.test_score.sklearn].map((x) => fmt(x, 3)).join(' / ')}`);
  const t = o.targets;
  out.push(`8 the Optimization Lab on the 5-class CSV: first result ${s(o.lab.first_result)} s (target 3), whole lab ${s(o.lab.whole_lab)} s (target 10); `
    + `panels ${o.lab.panels.map((p) => `${p.panel} ${s(p)} s`).join(', ')}`);
  out.push(`8 targets: native <= scikit-learn ${yesText(t.native_vs_sklearn.met)}${t.native_vs_sklearn.missed.length ? ` (missed: ${t.native_vs_sklearn.missed.join(', ')})` : ''}; `
    + `wasm <= 1.5x native ${yesText(t.wasm_vs_native.met)}${t.wasm_vs_native.missed.length ? ` (missed: ${t.wasm_vs_native.missed.join(', ')})` : ''}`);
  return out;
}

const yesText = (met) => (met === null || met === undefined ? 'n/a' : met ? 'met' : 'missed');

const yes = (met) => (met === null || met === undefined ? 'n/a' : met ? '**met**' : '**missed**');
const kb = (bytes) => `${fmt(bytes / 1024, 1)} KB`;

export function writeReport(root, results, chart) {
  const c = results.cases;
  const v = results.versions;
  const m = results.machine;
  const quiet = m.load_before[0] < 0.5;
  const p = c.paths.penalties;
  const lines = [];
  const add = (...x) => lines.push(...x);
  add('# Benchmarks', '',
    `Produced by \`tools/lab bench\` (\`node tools/bench/run.mjs\` after a build) on ${results.date.slice(0, 16).replace('T', ' ')} UTC in ${results.elapsed_s} s.`,
    'Every reference is measured in the same run on the same machine; figures are medians with (min–max) of the repeats;',
    'ratios are taken between this run\'s medians. The raw numbers are in [tools/bench/results.json](../tools/bench/results.json).', '',
    `![benchmark chart](benchmarks.png)`, '',
    '## Machine and versions', '',
    `- ${m.cores} × ${m.cpu}, ${m.memory_gb} GB, Linux ${m.kernel}; load average at start ${m.load_before.map((x) => x.toFixed(2)).join(' / ')}, at end ${m.load_after.map((x) => x.toFixed(2)).join(' / ')}` +
      (quiet ? ' (quiet at the start; the end figure is the bench\'s own browser and workers).' : ` — **not quiet** (the machine is shared; the target was load < 0.5), so absolute times are pessimistic; ratios within the run are less affected.`),
    `- engine ${v.engine}; wasm by Emscripten ${String(v.emscripten).replace(/\s*\(\)\s*$/, '')} (\`-O3 -msimd128 -fwasm-exceptions\`), native by ${v.gxx} (\`-O3\`, no \`-march\`)`,
    `- Chromium ${v.chromium} headless (playwright-core), Node ${v.node}; TensorFlow.js ${v.tfjs?.tfjs} (npm, served locally)`,
    `- scikit-learn ${v.sklearn ?? 'not available'}, NumPy ${v.numpy ?? '–'}, Python ${v.python ?? '–'} (Debian's \`/usr/bin/python3\`)`,
    `- timers: inside each Worker with \`performance.now()\`; the bench page is cross-origin isolated (${results.timer.cross_origin_isolated}), i.e. 5 µs resolution`, '');

  add('## Targets', '', '| case | target | this run | |', '| --- | --- | --- | --- |');
  for (const k of Object.keys(PENALTIES))
    add(`| 1 path ${PENALTY_NAMES[k]} vs scikit-learn ${p[k].sklearn_fastest?.solver ?? ''} | ≥ 30× | ${fmt(p[k].speedup_vs_fastest, 1)}× | ${yes(p[k].met)} |`);
  const t = c.mlp.targets;
  add(`| 2 MLP vs TF.js (${c.mlp.tfjs_fastest === 'tfjs_wasm' ? 'wasm' : 'cpu'}, the faster) | ≥ 30× | ${fmt(t.vs_tfjs.speedup, 1)}× | ${yes(t.vs_tfjs.met)} |`,
      `| 2 MLP vs scikit-learn | faster | ${fmt(t.vs_sklearn.speedup, 1)}× | ${yes(t.vs_sklearn.met)} |`,
      `| 2 MLP wasm vs native | within 2× | ${fmt(t.vs_native.slowdown, 2)}× slower | ${yes(t.vs_native.met)} |`,
      `| 4 lesson page weight (gzip) | ≤ ${kb(c.lesson_page.page_weight.target_gzip)} | ${kb(c.lesson_page.page_weight.gzip)} | ${yes(c.lesson_page.targets.gzip_bytes.met)} |`,
      ...(c.lesson_page.targets.title_ms ? [`| 4 navigation → lesson text | ≤ ${c.lesson_page.targets.title_ms.target} ms | ${fmt(c.lesson_page.targets.title_ms.value, 0)} ms | ${yes(c.lesson_page.targets.title_ms.met)} |`] : []),
      `| 4 navigation → first widget result | ≤ ${c.lesson_page.targets.first_result_ms.target} ms | ${fmt(c.lesson_page.targets.first_result_ms.value, 0)} ms | ${yes(c.lesson_page.targets.first_result_ms.met)} |`,
      ...(c.lesson_page.targets.first_result_throttled_ms ? [`| 4 navigation → first widget result, CPU throttled ${c.lesson_page.targets.first_result_throttled_ms.rate}× | ≤ ${c.lesson_page.targets.first_result_throttled_ms.target} ms | ${fmt(c.lesson_page.targets.first_result_throttled_ms.value, 0)} ms | ${yes(c.lesson_page.targets.first_result_throttled_ms.met)} |`] : []),
      ...(c.lesson_page.targets.computed ? ((o) => [
        `| 4 … computed in the browser (\`?lab-answers=off\`): page weight | ≤ ${kb(o.gzip_bytes.target)} | ${kb(o.gzip_bytes.value)} | ${yes(o.gzip_bytes.met)} |`,
        `| 4 … computed in the browser: first widget result | ≤ ${o.first_result_ms.target} ms | ${fmt(o.first_result_ms.value, 0)} ms | ${yes(o.first_result_ms.met)} |`,
        `| 4 … computed in the browser: first widget result, CPU throttled ${o.first_result_throttled_ms.rate}× | ≤ ${o.first_result_throttled_ms.target} ms | ${fmt(o.first_result_throttled_ms.value, 0)} ms | ${yes(o.first_result_throttled_ms.met)} |`])(c.lesson_page.targets.computed) : []),
      ...(c.scale.target_csv_read ? [`| 5 CSV read into typed columns in wasm (100k × 30) | ≥ 100 MB/s | ${fmt(c.scale.target_csv_read.value_mb_per_s, 0)} MB/s | ${yes(c.scale.target_csv_read.met)} |`] : []),
      `| 5 path 100k × 30 in wasm (whole run) | < 2 s | ${c.scale.target_100k_x_30 ? `${fmt(c.scale.target_100k_x_30.value_ms, 0)} ms (prep ${fmt(c.scale.target_100k_x_30.prep_ms, 0)}, path ${fmt(c.scale.target_100k_x_30.path_ms, 0)})` : '–'} | ${yes(c.scale.target_100k_x_30?.met)} |`);
  const lt = c.latency.targets;
  if (lt) {
    add(`| 3 int8 MLP test set vs fp32 (wasm) | ≥ 2× | ${fmt(lt.int8_vs_fp32.speedup, 2)}× | ${yes(lt.int8_vs_fp32.met)} |`,
        `| 3 90 %-pruned MLP test set vs dense (wasm) | ≥ 2.5× | ${fmt(lt.pruned90_vs_fp32.speedup, 2)}× | ${yes(lt.pruned90_vs_fp32.met)} |`,
        `| 3 half the units removed vs dense (wasm) | ≈ 2× (≥ 1.8×) | ${fmt(lt.units50_vs_fp32.speedup, 2)}× | ${yes(lt.units50_vs_fp32.met)} |`);
    for (const o of lt.vs_ort_web) add(`| 3 ${o.name} vs ONNX Runtime Web (1 row / test set) | ≥ 1× both | ${fmt(o.single_row, 1)}× / ${fmt(o.whole_test_set, 1)}× | ${yes(o.met)} |`);
  }
  for (const w of c.main_thread.widgets) {
    add(`| 6 longest main-thread task, ${w.widget} | < 50 ms | ${fmt(w.longest_task_ms, 1)} ms | ${yes(w.longest_task_ms < 50)} |`);
    if (w.throttled) add(`| 6 longest main-thread task, ${w.widget}, CPU throttled ${w.throttled.rate}× | < 50 ms | ${fmt(w.throttled.longest_task_ms, 1)} ms | ${yes(w.throttled.longest_task_ms < 50)} |`);
  }
  const big = c.worker_pool?.widgets.at(-1);
  if (big) add(`| 7 path + 5-fold CV on ${big.name}, 2 workers vs 1 (same numbers) | ≥ ${c.worker_pool.target}× | ${fmt(big.speedup, 2)}× (identical: ${c.worker_pool.widgets.every((w) => w.identical) ? 'yes' : '**no**'}) | ${yes(c.worker_pool.met)} |`);
  if (c.own_table) add(...ownTableTargetRows(c.own_table));
  if (c.lighthouse) add(...lighthouseTargetRows(c.lighthouse));
  if (c.explorer) add(...explorerTargetRows(c.explorer));
  add('');

  add('## 1 · Regularization path', '',
    `${c.paths.n_lambda} log-spaced λ from λ_max down to ${c.paths.lambda_min_ratio} λ_max, the Titanic passengers' first ${c.paths.rows} rows (file order), ${c.paths.columns} design columns, standardized as in the parity fixtures. ` +
    'Engine: a whole `runExperiment` call (CSV parse, preprocessing, the path with per-λ metrics, the final model, permutation importance, result JSON) in a Worker, the file handed over as the widgets\' worker does (its UTF-8 bytes). ' +
    'scikit-learn: only the fits, `LogisticRegression(C=1/(nλ), tol=1e-4)` (its default tolerance), warm-started along the same λ values. ' +
    'The speed-up is against the fastest solver of the same objective; liblinear is listed apart: it cannot warm-start and also penalizes the intercept, so it solves another problem (its coefficients differ by up to the Δ shown). ' +
    '"Δ coef" is the largest difference between the engine\'s coefficients and that solver\'s over the whole path (scikit-learn stops at tol = 1e-4); "Δ optimum" compares with scikit-learn run to tol = 1e-10 (newton-cholesky for L2, saga otherwise: saga\'s own error at that tolerance is most of the L1/elastic-net figure). ' +
    'The engine converges every fit to a step below 1e-12 (KKT residual ≤ 1.1e-12 along these paths); "native vs wasm" is the largest difference between its two builds.', '',
    '| penalty | engine wasm (Chromium) ms | engine native ms | scikit-learn fastest | ms | speed-up | Δ coef | Δ optimum | native vs wasm | liblinear ms (Δ coef) |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const k of Object.keys(PENALTIES)) {
    const x = p[k];
    const lib = x.sklearn_solvers?.liblinear;
    add(`| ${PENALTY_NAMES[k]} | ${range(x.engine_wasm_chromium)} | ${range(x.engine_native)} | ${x.sklearn_fastest?.solver ?? '–'} | ${range(x.sklearn_fastest)} | ${fmt(x.speedup_vs_fastest, 1)}× | ${x.sklearn_fastest ? x.sklearn_fastest.max_coef_diff.toExponential(1) : '–'} | ${x.sklearn_reference ? x.sklearn_reference.max_coef_diff.toExponential(1) : '–'} | ${x.native_vs_wasm_max_diff.toExponential(1)} | ${lib ? `${fmt(lib.median_ms)} (${lib.max_coef_diff.toExponential(1)}), ${fmt(x.speedup_vs_liblinear, 1)}×` : '–'} |`);
  }
  add('', `First run in a fresh worker (V8 still runs Liftoff code before tiering up to TurboFan): ${Object.keys(PENALTIES).map((k) => `${PENALTY_NAMES[k]} ${fmt(p[k].engine_wasm_first_run_ms)} ms`).join(', ')}; the table's figures are after warm-up (≥ ${results.sizes.warmup} runs and ${results.sizes.warmupMs / 1000} s).`);
  add('', 'Every scikit-learn solver timed (median ms, Δ coef):', '');
  for (const k of Object.keys(PENALTIES))
    add(`- ${PENALTY_NAMES[k]}: ${Object.entries(p[k].sklearn_solvers ?? {}).map(([s, r]) => `${s} ${fmt(r.median_ms)} (${r.max_coef_diff.toExponential(1)})`).join(', ')}`);
  add('');

  const r = c.mlp.runs;
  add('## 2 · MLP training', '',
    `${c.mlp.architecture}, ${c.mlp.epochs} epochs, ${c.mlp.rows} rows, shuffled batches (the last one partial) — the same work in each system. ` +
    `FLOPs = 6 × ${c.mlp.weights} weights × ${c.mlp.rows} rows × ${c.mlp.epochs} epochs = ${fmt(c.mlp.flops / 1e9, 2)} GFLOP. ` +
    'Engine: whole runs (CSV to result JSON). TF.js: `model.fit` (yieldEvery: never) in a Worker, wasm backend single-threaded like the engine. scikit-learn: `MLPClassifier.fit`, no dropout (it has none), alpha = 0.', '',
    '| system | ms | GFLOP/s | vs engine wasm |', '| --- | --- | --- | --- |');
  for (const [label, key] of [['engine wasm (Chromium)', 'engine_wasm_chromium'], ['engine native', 'engine_native'], ['TensorFlow.js wasm (Chromium)', 'tfjs_wasm'], ['TensorFlow.js cpu (Chromium)', 'tfjs_cpu'], ['scikit-learn MLPClassifier', 'sklearn']])
    add(`| ${label} | ${range(r[key], 'ms', 0)} | ${fmt(c.mlp.gflops[key], 2)} | ${fmt(ratio(med(r[key]), med(r.engine_wasm_chromium)), 2)}× |`);
  add('');

  const L = c.latency;
  add('## 3 · Inference latency', '',
    `Each engine form as it ships (serialized and loaded back) on the Titanic test rows (${L.test_rows}); single rows timed in blocks of 256 calls (rows in turn), the whole test set in blocks of about 1 ms; per-call medians with (min–max) over the blocks. ` +
    'TF.js: `model.predict(tensor).dataSync()` (blocks of 8 single-row or 2 whole-set calls) with the input tensors made beforehand; it has no int8 or sparse kernels, so its fp32 MLP is the reference for every MLP form.', '',
    `ONNX Runtime Web ${L.variants.find((x) => x.ort_web)?.ort_web.version ?? ''} (npm onnxruntime-web, wasm backend, one thread, SIMD): the same variants exported by \`tools/lab export\`'s path (the native engine's parts; fp32 and pruned as dense Gemm, int8 as QDQ), \`await session.run()\` per call. MLP ${(L.hidden ?? []).join('-')} hidden.`, '',
    '| model | format | bytes | engine wasm, 1 row µs | engine native, 1 row µs | ORT Web, 1 row µs | TF.js wasm, 1 row µs | engine wasm, test set µs | engine native, test set µs | ORT Web, test set µs | TF.js wasm, test set µs | vs ORT Web (1 row / set) |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const x of L.variants) {
    const tf = L.tfjs.wasm[x.tfjs_reference];
    add(`| ${x.name} | ${x.format} | ${x.size_bytes} | ${range(x.engine_wasm_chromium.single_row, 'us', 2)} | ${range(x.engine_native.single_row, 'us', 2)} | ${x.ort_web ? range(x.ort_web.single_row, 'us', 1) : '–'} | ${range(tf.single_row, 'us', 0)} | ${range(x.engine_wasm_chromium.whole_test_set, 'us', 1)} | ${range(x.engine_native.whole_test_set, 'us', 1)} | ${x.ort_web ? range(x.ort_web.whole_test_set, 'us', 0) : '–'} | ${range(tf.whole_test_set, 'us', 0)} | ${x.speedup_vs_ort_web ? `${fmt(x.speedup_vs_ort_web.single_row, 1)}× / ${fmt(x.speedup_vs_ort_web.whole_test_set, 1)}×` : '–'} |`);
  }
  add('', `TF.js cpu backend for comparison: logistic ${range(L.tfjs.cpu['Logistic regression'].single_row, 'us', 0)} µs per row, MLP ${range(L.tfjs.cpu['MLP fp32'].single_row, 'us', 0)} µs per row.`, '');

  const lp = c.lesson_page;
  add('## 4 · Lesson page weight and start-up', '',
    `\`${LESSON}\` (the lesson's static page, as the course links it) served as \`tools/serve.mjs\` serves the built site, ${lp.startup.visits.length} cold visits (fresh browser context, nothing cached). ` +
    'As a reader meets it: the first widget in the page is brought into view as the page opens (a reader following a link to it) and runs by itself (`autorun="visible"`, the lesson page\'s setting); ' +
    'its first result is the one the site build recorded for exactly this run (web/src/runtime/answer-book.ts; the engine starts once the page is idle). "First result" is the time from navigation to its `lab-run-result` event ' +
    `(${lp.startup.from_build ?? 0} of ${lp.startup.visits.length} visits answered from the build). Then the same visits with \`?lab-answers=off\` and the widget run as soon as it has loaded: the engine's own first result.`, '',
    `- downloaded by the page and its workers before the first result: **${kb(lp.page_weight.gzip)} gzip** (${kb(lp.page_weight.bytes)} raw), target ${kb(lp.page_weight.target_gzip)}`,
    ...(lp.computed ? [`- computed in the browser (\`?lab-answers=off\`): **${kb(lp.computed.page_weight.gzip)} gzip** before the first result, which comes at **${range(lp.computed.startup.first_result, 'ms', 0)} ms** ` +
      `(its run ${range(lp.computed.startup.first_run, 'ms', 0)} ms)${lp.computed.throttled ? `, **${range(lp.computed.throttled.first_result, 'ms', 0)} ms** with the CPU throttled ${lp.computed.throttled.rate}×` : ''}`] : []),
    `- the service worker then precaches the site for offline use: ${kb(lp.offline_cache.gzip)} gzip in ${lp.offline_cache.files} files (after the page is usable)`,
    `- navigation → lesson title ${range(lp.startup.title, 'ms', 0)} ms, → first widget ready ${range(lp.startup.first_widget_loaded, 'ms', 0)} ms, → **first widget result ${range(lp.startup.first_result, 'ms', 0)} ms** (its run: ${range(lp.startup.first_run, 'ms', 0)} ms; the widget started is ${lp.startup.first_widget}, the first in the page)`,
    ...(lp.throttled ? [`- CPU throttled ${lp.throttled.rate}× (Chromium's \`Emulation.setCPUThrottlingRate\`, ${lp.throttled.visits.length} cold visits): lesson title ${range(lp.throttled.title, 'ms', 0)} ms, **first widget result ${range(lp.throttled.first_result, 'ms', 0)} ms** (its run: ${range(lp.throttled.first_run, 'ms', 0)} ms)`] : []), '',
    '| file | raw | gzip |', '| --- | --- | --- |',
    ...Object.entries(lp.page_weight.files).sort((a, b) => b[1].gzip - a[1].gzip).map(([f, s]) => `| ${f} | ${kb(s.bytes)} | ${kb(s.gzip)} |`), '');

  const S = c.scale;
  add('## 5 · Scale', '',
    `Synthetic data (N(0,1) features written with 2 decimals, logistic target), engine wasm in Chromium, a fresh engine instance per run. Path: ${S.n_lambda} λ, elastic net 0.5; MLP: case 2's, ${S.epochs} epochs. ` +
    'Stage times come from the engine\'s own progress reports, timed in the worker: "CSV read" up to the engine\'s "read" report (the spec\'s check, then the CSV parsed into typed columns; MB/s of the file); "prep" is that, the split and preprocessing (before the first λ); "path" runs from the first λ to the last; "epoch" is the median time between epoch reports. ' +
    'Peak memory: the wasm memory\'s size after the run (it never shrinks; the first 32 MiB are reserved at start).', '',
    '| rows × features | CSV | whole path run ms | CSV read ms (MB/s) | prep ms | path ms | path µs/row | epoch ms | epoch µs/row | peak wasm memory |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...S.points.map((x) => `| ${x.rows.toLocaleString('en-US')} × ${x.features} | ${kb(x.csv_bytes)} | ${fmt(x.run_ms, 0)} | ${x.read_ms === undefined ? '–' : `${fmt(x.read_ms, 0)} (${fmt(x.read_mb_per_s, 0)})`} | ${fmt(x.prep_ms, 0)} | ${fmt(x.path_ms, 0)} | ${fmt(x.path_us_per_row, 2)} | ${fmt(x.epoch_ms, 1)} | ${fmt(x.epoch_us_per_row, 2)} | ${fmt(x.peak_wasm_bytes / 2 ** 20, 0)} MiB |`), '');

  add('## 6 · Main thread during a full widget run', '',
    'Each lesson widget on the lesson page, every panel run in turn (Optimization Lab) or the whole run (Trade-off Explorer). Longest task from a Chromium trace (`RunTask` on the renderer main thread, any length); long tasks counted by `PerformanceObserver` (`longtask`, ≥ 50 ms).', '',
    '| widget | CPU | full run ms | longest task ms | long tasks (≥ 50 ms) |', '| --- | --- | --- | --- | --- |',
    ...c.main_thread.widgets.flatMap((w) => [`| ${w.widget} | normal | ${fmt(w.run_ms, 0)} | ${fmt(w.longest_task_ms, 1)} | ${w.long_tasks} |`,
      ...(w.throttled ? [`| ${w.widget} | throttled ${w.throttled.rate}× | ${fmt(w.throttled.run_ms, 0)} | ${fmt(w.throttled.longest_task_ms, 1)} | ${w.throttled.long_tasks} |`] : [])]), '');
  for (const w of c.main_thread.widgets) {
    add(`- ${w.widget}: inside the longest task (trace events, nested, ms): ${w.inside_longest_task.map((x) => `${x.name} ${fmt(x.ms)}`).join(', ')}.`,
        `  Main-thread JavaScript self time over the whole run (Chromium's profiler): ${w.main_thread_js_self_ms.map((x) => `${x.name} ${fmt(x.ms)} ms`).join('; ')}.`);
  }
  add('');

  const wp = c.worker_pool;
  if (wp) {
    add('## 7 · Worker pool', '',
      'An Optimization Lab\'s regularization panel (100 λ, 5-fold CV) on `widget.html` with `?lab-workers=1` and `=2`, rerun as a learner does: each repeat moves the L1 share one step (a new setting, never a cached result); the run that starts the workers is not counted. ' +
      'Times are the widget\'s own (`lab-run-result` elapsedMs). With 2 workers a run on 1 MB of data or more goes out as two shares of its 6 pieces (the path and 5 folds) and a merge (docs/embedding.md, "Runs split across the pool"); a smaller one runs whole. The results of each setting are compared between the two pools.', '',
      '| data | 1 worker ms | 2 workers ms | speed-up | split runs (2 workers) | identical |', '| --- | --- | --- | --- | --- | --- |',
      ...wp.widgets.map((w) => `| ${w.name} | ${range(w.workers_1, 'ms', 0)} | ${range(w.workers_2, 'ms', 0)} | ${fmt(w.speedup, 2)}× | ${w.workers_2.split_runs} | ${w.identical ? 'yes' : '**no**'} |`), '',
      '- The Trade-off Explorer\'s run is not split: its point is each variant\'s latency, and two variants timed at once on two cores would time each other (see the analysis below).', '');
  }

  if (c.own_table) add(...ownTableSection(c.own_table));
  if (c.lighthouse) add(...lighthouseSection(c.lighthouse));
  if (c.explorer) add(...explorerSection(c.explorer));

  const analysis = join(root, 'tools/bench/analysis.md');
  if (existsSync(analysis)) add(readFileSync(analysis, 'utf8').trim(), '');
  add('## Rerun', '', '```sh', 'tools/lab bench            # builds, then measures and rewrites tools/bench/results.json, docs/benchmarks.md, docs/benchmarks.png',
    'node tools/bench/run.mjs --quick --no-write   # the CI smoke: every case at a tiny size, no files written',
    'node tools/bench/run.mjs --cases=8            # case 8 alone on the built site (writes build/bench/results-cases.json only)',
    'node tools/bench/run.mjs --cases=9            # Lighthouse alone (reports kept in build/bench/lighthouse/)',
    'node tools/bench/run.mjs --cases=10           # the explorer run ten times: is its story true on every run?', '```', '',
    'Take figures on a quiet machine (`uptime` load below 0.5): the bench prints the load average it started with and records it above.', '');
  writeFileSync(join(root, 'docs/benchmarks.md'), lines.join('\n'));
  return chart;
}

/** Case 8's rows of the targets table. */
function ownTableTargetRows(o) {
  const t = o.targets;
  const worst = (key) => o.fits.reduce((w, f) => (f[key] !== null && (w === null || f[key] > w[key]) ? f : w), null);
  const vsSk = worst('native_vs_sklearn'), vsNative = worst('wasm_vs_native');
  const met = (key) => o.fits.filter((f) => f[key]).length;
  const size = `${o.rows.toLocaleString('en-US')} × ${o.features}`;
  return [
    `| 8 every fit on ${size} natively vs scikit-learn's fastest | ≤ 1× | ${met('met_vs_sklearn')} of ${o.fits.length} met; slowest ${vsSk ? `${vsSk.id} ${fmt(vsSk.native_vs_sklearn, 2)}×` : '–'} | ${yes(t.native_vs_sklearn.met)} |`,
    `| 8 every fit on ${size}, wasm vs native | ≤ 1.5× | ${met('met_wasm_vs_native')} of ${o.fits.length} met; slowest ${vsNative ? `${vsNative.id} ${fmt(vsNative.wasm_vs_native, 2)}×` : '–'} | ${yes(t.wasm_vs_native.met)} |`,
    `| 8 Optimization Lab on the 5-class CSV: navigation → first result | ≤ 3 s | ${fmt(t.lab_first_result_ms.value / 1000, 2)} s | ${yes(t.lab_first_result_ms.met)} |`,
    `| 8 Optimization Lab on the 5-class CSV: navigation → every panel's result | ≤ 10 s | ${fmt(t.lab_whole_ms.value / 1000, 2)} s | ${yes(t.lab_whole_ms.met)} |`,
  ];
}

const TASK_NAMES = { binary: 'binary', multiclass: '5 classes', regression: 'number' };

/** Case 8's section of docs/benchmarks.md. */
function ownTableSection(o) {
  const s = (x) => (x ? `${fmt(x.median_ms / 1000, 3)} (${fmt(x.min_ms / 1000, 3)}–${fmt(x.max_ms / 1000, 3)})` : '–');
  const mark = (value, met) => `${fmt(value, 2)}×${met === false ? ' **missed**' : ''}`;
  const score = (x) => (x === null || x === undefined ? '–' : x.toFixed(3));
  const size = `${o.rows.toLocaleString('en-US')} × ${o.features}`;
  const lab = o.lab;
  return ['## 8 · Your own table', '',
    `Every task × model kind on a synthetic ${size} table (seeded, tools/bench/lib/own-table-case.mjs): a yes/no target, ${o.classes} classes and a number; ${Math.round((1 - o.test_share) * 100)} % of the rows train, the rest test (stratified for classes). ` +
    `Linear models at λ = ${o.lambda} (the engine's objective is glmnet's, mean loss + λ·penalty: scikit-learn's C = 1/(n·λ), Ridge's alpha = n·λ, Lasso's alpha = λ); MLPs ${MLP_HIDDEN.join('-')} ReLU, Adam 1e-3, batch 32, ${o.epochs} epochs, no dropout; trees and boosting with the engine's defaults (boosting: 100 stages of depth 3) and scikit-learn's equivalents (HistGradientBoosting, no early stopping, min_samples_leaf 1). ` +
    `Engine, natively: \`lab-cli run SPEC --progress\`, one process per run; in Chromium: \`runExperiment\` in one engine Worker of the bench page (after ${o.warmup} warm-up run${o.warmup === 1 ? '' : 's'}). ` +
    'The engine\'s figures are its **fit**: from its "read" progress report (the file in typed columns) to its "fit" report (the model fitted; natively as lab-cli prints them): the split and standardization, then the fit. ' +
    'After it come the metrics, permutation importance and the JSON: the run from "read" to the result, and the whole run (natively the process, start to exit), are beside it. ' +
    `scikit-learn (${o.sklearn ? `${o.sklearn.version}, ${o.sklearn.threads} threads in its pools` : 'not available'}): only \`fit\` on standardized rows of a split with the same shares, the fastest of the estimators listed below the table (HistGradientBoosting also on one thread, as the engine runs). ` +
    `Seconds, medians of ${o.repeats} with (min–max); the ratios hold the issue's targets (natively no slower than scikit-learn, wasm within 1.5× of native). The test scores (accuracy, or R² for the number) say the fits are alike.`, '',
    '| task | model | engine fit native s | engine fit wasm s | scikit-learn | fit s | native ÷ scikit-learn (≤ 1) | wasm ÷ native (≤ 1.5) | read → result native / wasm s | whole run native / wasm s | test score native / wasm / scikit-learn |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...o.fits.map((f) => `| ${TASK_NAMES[f.task]} | ${f.kind} ${f.setting} | ${s(f.native.fit)} | ${s(f.wasm.fit)} | ${f.sklearn?.fastest ?? '–'} | ${s(f.sklearn)} | ${mark(f.native_vs_sklearn, f.met_vs_sklearn)} | ${mark(f.wasm_vs_native, f.met_wasm_vs_native)} | ` +
      `${fmt(med(f.native.after_read) / 1000, 3)} / ${fmt(med(f.wasm.after_read) / 1000, 3)} | ${fmt(f.native.run.median_ms / 1000, 3)} / ${fmt(f.wasm.run.median_ms / 1000, 3)} | ${score(f.test_score.native)} / ${score(f.test_score.wasm)} / ${score(f.test_score.sklearn)} |`), '',
    `Every scikit-learn estimator timed (median s): ${o.fits.filter((f) => f.sklearn && Object.keys(f.sklearn.candidates).length > 1)
      .map((f) => `${f.id}: ${Object.entries(f.sklearn.candidates).map(([name, x]) => `${name} ${fmt(x.median_ms / 1000, 3)}`).join(', ')}`).join('; ') || '–'}.`, '',
    `The Optimization Lab that \`tools/lab new widget optimization_lab --data CSV --target y\` makes for the ${o.classes}-class table, on \`widget.html?autorun=load\` (it runs once loaded), ${lab.visits.length} cold visit${lab.visits.length === 1 ? '' : 's'}, ` +
    'each then opening every other tab in turn (a tab opened after a run runs by itself). Times from navigation to the first tab\'s result and to the last tab\'s; each panel\'s own run is the widget\'s `lab-run-result` elapsedMs.', '',
    `- navigation → first result **${s(lab.first_result)} s** (target ≤ 3 s; its run ${s(lab.first_run)} s), → every panel's result **${s(lab.whole_lab)} s** (target ≤ 10 s)`,
    ...lab.panels.map((p) => `- panel ${p.panel}: run ${s(p)} s`), ''];
}
