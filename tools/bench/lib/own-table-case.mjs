// Case 8, "your own table" (issue 32): every task × model kind on a synthetic table of the
// shape a learner brings (10,000 × 50 at full size): binary, 5 classes and a number. Each fit
// natively (lab-cli run, a process per run), as wasm in Chromium (one engine Worker of the
// bench page) and scikit-learn's fastest equivalent (tools/bench/sklearn_reference.py), all
// in this run; then the Optimization Lab a learner gets from `tools/lab new widget` on the
// 5-class table, timed on widget.html as a learner opens it.
// `ctx` (see run.mjs): root, cli, sizes.ownTable, log.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MLP_HIDDEN, syntheticCsv } from './engine-cases.mjs';
import { PYTHON } from './drivers.mjs';
import { openPage, writeData } from './site.mjs';
import { ms, ratio, rng } from './stats.mjs';

export const OWN_TASKS = ['binary', 'multiclass', 'regression'];
const SEEDS = { binary: 11, multiclass: 12, regression: 13 };
const CLASSES = 5;
const LAMBDA = 1e-3;
const SPLIT_SEED = 42;
const TEST_SHARE = 0.2;

/** One N(0, 1) row, 2 decimals as syntheticCsv writes them (the values the model sees). */
function featureRow(r, features) {
  return Array.from({ length: features }, () => Number(r.normal().toFixed(2)));
}

/** A 5-class table: class k is pulled up by the features j with j % 5 = k (strongly by the
 *  first ten, weakly by the rest), the label drawn from the softmax. */
function multiclassCsv(rows, features, seed) {
  const r = rng(seed);
  const lines = [[...Array.from({ length: features }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < rows; i++) {
    const x = featureRow(r, features);
    const logits = new Array(CLASSES).fill(0);
    x.forEach((v, j) => { logits[j % CLASSES] += (j < 10 ? 1.2 : 0.1) * v; });
    const top = Math.max(...logits);
    const weights = logits.map((z) => Math.exp(z - top));
    let u = r.uniform() * weights.reduce((s, w) => s + w, 0);
    let k = 0;
    while (k < CLASSES - 1 && (u -= weights[k]) > 0) k++;
    lines.push(`${x.map((v) => v.toFixed(2)).join(',')},c${k + 1}`);
  }
  return lines.join('\n') + '\n';
}

/** A numeric target: syntheticCsv's coefficients, a linear signal plus N(0, 0.5²) noise. */
function regressionCsv(rows, features, seed) {
  const r = rng(seed);
  const beta = Array.from({ length: features }, (_, j) => (j < 5 ? 1.5 / (j + 1) : (j % 2 ? 0.1 : -0.1)));
  const lines = [[...beta.map((_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < rows; i++) {
    const x = featureRow(r, features);
    const y = 2 + x.reduce((s, v, j) => s + beta[j] * v, 0) + 0.5 * r.normal();
    lines.push(`${x.map((v) => v.toFixed(2)).join(',')},${y.toFixed(3)}`);
  }
  return lines.join('\n') + '\n';
}

/** The case's table for `task`, deterministic for (rows, features): target column `y`. */
export function ownTableCsv(task, rows, features) {
  if (task === 'binary') return syntheticCsv(rows, features, SEEDS.binary);
  if (task === 'multiclass') return multiclassCsv(rows, features, SEEDS.multiclass);
  return regressionCsv(rows, features, SEEDS.regression);
}

/** Every task × model kind: the engine's model section (its defaults otherwise). */
export const OWN_TABLE_FITS = [
  ...['binary', 'multiclass'].flatMap((task) => [
    { task, kind: 'logistic_regression', setting: 'L2', model: { type: 'logistic_regression', lambda: LAMBDA, l1_ratio: 0 } },
    { task, kind: 'logistic_regression', setting: 'L1', model: { type: 'logistic_regression', lambda: LAMBDA, l1_ratio: 1 } },
  ]),
  { task: 'regression', kind: 'linear_regression', setting: 'L2', model: { type: 'linear_regression', lambda: LAMBDA, l1_ratio: 0 } },
  { task: 'regression', kind: 'linear_regression', setting: 'L1', model: { type: 'linear_regression', lambda: LAMBDA, l1_ratio: 1 } },
  // No dropout: scikit-learn's MLPs have none.
  ...OWN_TASKS.map((task) => ({ task, kind: 'mlp', setting: `${MLP_HIDDEN.join('-')} ReLU`, model: { type: 'mlp', hidden: MLP_HIDDEN, activation: 'relu', dropout: 0 } })),
  ...OWN_TASKS.map((task) => ({ task, kind: 'decision_tree', setting: 'defaults', model: { type: 'decision_tree' } })),
  // The default spec (100 stages of depth 3, lr 0.1, no early stopping): whatever split
  // finder the engine's default is.
  ...OWN_TASKS.map((task) => ({ task, kind: 'gradient_boosting', setting: 'defaults', model: { type: 'gradient_boosting' } })),
].map((fit) => ({ ...fit, id: `${fit.task}/${fit.kind}/${fit.setting}` }));

const csvName = (task, { rows, features }) => `own_${task}_${rows}x${features}.csv`;

/** The engine's spec of a fit: 80 % train, 20 % test, no validation rows (nothing stops early). */
function engineSpec(fit, sizes) {
  const spec = {
    dataset: { csv: csvName(fit.task, sizes), target: 'y', ...(fit.task === 'binary' ? { positive: 'yes' } : {}) },
    split: { test: TEST_SHARE, validation: 0, stratify: fit.task !== 'regression', seed: SPLIT_SEED },
    model: fit.model,
  };
  if (fit.kind === 'mlp') spec.train = { optimizer: 'adam', learning_rate: 1e-3, batch_size: 32, epochs: sizes.epochs, seed: 7 };
  return spec;
}

/** scikit-learn estimators solving the same problem as the engine's fit; the fastest counts.
 *  The engine's objectives are glmnet's (mean loss + λ·penalty), hence C = 1/(n·λ) and
 *  Ridge's alpha = n·λ (tools/make_task_fixtures.py); MLPs as case 2 maps them. */
function sklearnCandidates(fit, nTrain, sizes) {
  const classifier = fit.task !== 'regression';
  const C = 1 / (nTrain * LAMBDA);
  switch (fit.kind) {
    case 'logistic_regression':
      if (fit.setting === 'L1') return [{ name: 'LogisticRegression saga', estimator: 'LogisticRegression', params: { penalty: 'l1', solver: 'saga', C, max_iter: 10000 } }];
      // newton-cholesky is scikit-learn 1.2's fastest L2 solver, but binary only (else one-vs-rest).
      return [{ name: 'LogisticRegression lbfgs', estimator: 'LogisticRegression', params: { solver: 'lbfgs', C, max_iter: 10000 } },
              ...(fit.task === 'binary' ? [{ name: 'LogisticRegression newton-cholesky', estimator: 'LogisticRegression', params: { solver: 'newton-cholesky', C, max_iter: 10000 } }] : [])];
    case 'linear_regression':
      return fit.setting === 'L1'
        ? [{ name: 'Lasso', estimator: 'Lasso', params: { alpha: LAMBDA, max_iter: 10000 } }]
        : [{ name: 'Ridge', estimator: 'Ridge', params: { alpha: nTrain * LAMBDA } }];
    case 'mlp':
      // Keras' Adam epsilon as the engine's; no early stopping; alpha = 0: no L2 (none in the engine's).
      return [{ name: classifier ? 'MLPClassifier' : 'MLPRegressor', estimator: classifier ? 'MLPClassifier' : 'MLPRegressor',
                standardize_target: !classifier,  // the engine's MLP learns a number standardized, too
                params: { hidden_layer_sizes: MLP_HIDDEN, activation: 'relu', solver: 'adam', alpha: 0, batch_size: 32, learning_rate_init: 1e-3,
                          epsilon: 1e-7, max_iter: sizes.epochs, shuffle: true, tol: 0, n_iter_no_change: 1e9, random_state: 7 } }];
    case 'decision_tree':
      // The engine's defaults: depth at most 32, min_samples_split 2, min_samples_leaf 1.
      return [{ name: classifier ? 'DecisionTreeClassifier' : 'DecisionTreeRegressor', estimator: classifier ? 'DecisionTreeClassifier' : 'DecisionTreeRegressor',
                params: { max_depth: 32, random_state: 0 } }];
    default: {
      // The engine's defaults: 100 stages of depth 3, learning rate 0.1, min_samples_leaf 1.
      // Timed on every core (its OpenMP default) and on one, as the engine runs: on a busy
      // machine its spinning threads can make the default several times slower.
      const estimator = classifier ? 'HistGradientBoostingClassifier' : 'HistGradientBoostingRegressor';
      const params = { max_iter: 100, max_depth: 3, learning_rate: 0.1, min_samples_leaf: 1, early_stopping: false };
      return [{ name: estimator, estimator, params }, { name: `${estimator}, 1 thread`, estimator, params, threads: 1 }];
    }
  }
}

/** The fit's test score as the engine reports it: accuracy, or R² for a number. */
const testScore = (task, result) => (task === 'regression' ? result.metrics.test.r2 : result.metrics.test.accuracy);

/** One `lab-cli run --progress` process: its whole time (start to exit), the time from its
 *  "read" report (the CSV in typed columns) to its "fit" report (the model fitted: the split,
 *  preprocessing and the fit) and to the first bytes of its result (then metrics, importance
 *  and the result JSON too), as the wasm side's runExperiment call between the same reports. Its stderr goes into the stdout pipe (sh's exec, no process
 *  of its own): with two pipes Node may hear the result before the earlier report. */
function nativeRun(cli, specPath) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/bin/sh', ['-c', 'exec "$0" "$@" 2>&1', cli, 'run', specPath, '--progress'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '', readAt = null, fitAt = null, resultAt = null, exitedAt = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const now = performance.now();
      text += chunk;
      if (readAt === null && /^read /m.test(text)) readAt = now;
      if (fitAt === null && /^fit /m.test(text)) fitAt = now;
      if (resultAt === null && /^\{/m.test(text)) resultAt = now;
    });
    child.on('error', reject);
    child.on('exit', () => { exitedAt = performance.now(); });
    child.on('close', (code) => {
      const json = text.search(/^\{/m);
      if (code !== 0 || json < 0) return reject(new Error(`lab-cli run ${specPath} failed (${code}):\n${text}`));
      resolve({ run_ms: (exitedAt ?? performance.now()) - started, after_read_ms: readAt === null ? null : resultAt - readAt,
                fit_ms: readAt === null || fitAt === null ? null : fitAt - readAt,
                result: JSON.parse(text.slice(json)) });
    });
  });
}

async function nativeRuns(cli, specPath, { warmup, repeats }) {
  for (let i = 0; i < warmup; i++) await nativeRun(cli, specPath);
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await nativeRun(cli, specPath));
  return { run: ms(runs.map((r) => r.run_ms)), after_read: ms(runs.map((r) => r.after_read_ms)), fit: ms(runs.map((r) => r.fit_ms)), result: runs.at(-1).result };
}

/** The same spec in the bench page's engine Worker (its `runs` op, after `warmup` runs): the
 *  runExperiment call, and the time from its "read" report to its return. A fresh engine
 *  instance per run (the compiled module, tiered up, is shared): an instance keeps the last
 *  prepared data set, and a rerun on it would skip the CSV read, split and standardization,
 *  which every native process does. */
async function wasmRuns(page, spec, fileUrls, { warmup, repeats }) {
  const r = await page.evaluate((payload) => window.labBench.call('engine', 'runs', payload),
    { spec, fileUrls, warmup, repeats, fresh: true, marks: true, keepResult: true });
  const at = (i, name) => r.marks[i].find(([, stage]) => stage === name)?.[0] ?? NaN;
  const afterRead = r.times_ms.map((t, i) => t - at(i, 'read'));
  const fit = r.times_ms.map((t, i) => at(i, 'fit') - at(i, 'read'));
  return { run: ms(r.times_ms), after_read: ms(afterRead), fit: ms(fit), first_run_ms: r.first_ms, result: r.result };
}

/** scikit-learn's side in one process, with OpenBLAS's machine overrides unset (they slow its
 *  numpy; docs: the toolchain notes). Null when scikit-learn is unavailable. */
function sklearnSide(root, job) {
  if (!existsSync(PYTHON)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-own-'));
  writeFileSync(join(dir, 'job.json'), JSON.stringify({ own_table: job }));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const result = spawnSync(PYTHON, [join(root, 'tools/bench/sklearn_reference.py'), join(dir, 'job.json')], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    if (/No module named '(sklearn|numpy|pandas)'/.test(result.stderr)) return null;
    throw new Error(`sklearn_reference.py (own table) failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/** Records every run result and error of the page's widgets; runs before any page script. */
function recordRuns() {
  window.__lab = { results: [], errors: [] };
  document.addEventListener('lab-run-result', (e) => {
    window.__lab.results.push({ t: performance.now(), panel: e.detail.panel ?? null, elapsed: e.detail.elapsedMs, cached: e.detail.cached === true });
  }, true);
  document.addEventListener('lab-run-error', (e) => window.__lab.errors.push(String(e.detail.error?.message ?? e.detail.error)), true);
}

/** Cold visits of widget.html with the lab (`autorun=load`: it runs as soon as it has loaded,
 *  as for a learner who opens it), then every other tab opened in turn (opening a tab after a
 *  run runs it). Times from navigation: the first tab's result, and the last tab's (the whole
 *  lab); and each panel's own run (lab-run-result's elapsedMs). */
async function labVisits(ctx, browser, serverUrl, src, visits) {
  const out = [];
  for (let v = 0; v < visits; v++) {
    ctx.log(`8 own table: the Optimization Lab on the 5-class CSV, cold visit ${v + 1}/${visits}`);
    const page = await openPage(browser, null);
    await page.addInitScript(recordRuns);
    await page.goto(new URL(`widget.html?src=${encodeURIComponent(src)}&autorun=load`, serverUrl).href);
    await page.waitForFunction(() => window.__lab.results.length > 0 || window.__lab.errors.length > 0, null, { timeout: 600_000 });
    const visit = await page.evaluate(async () => {
      const lab = document.querySelector('optimization-lab');
      const tabs = [...lab.shadowRoot.querySelectorAll('[role="tab"]')];
      for (const tab of tabs.slice(1)) {
        const seen = window.__lab.results.length;
        const deadline = performance.now() + 600_000;
        tab.click();
        while (window.__lab.results.length === seen && !window.__lab.errors.length) {
          if (performance.now() > deadline) throw new Error(`no result 10 minutes after opening the tab ${tab.textContent.trim()}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      const { results, errors } = window.__lab;
      return { errors, panels: results.map((r) => ({ panel: r.panel, run_ms: r.elapsed, cached: r.cached })),
               first_result_ms: results[0]?.t, whole_lab_ms: results.at(-1)?.t, tabs: Math.max(1, tabs.length) };
    });
    visit.console_errors = [...page.errors];
    await page.context().close();
    if (visit.errors.length) throw new Error(`8 own table: the lab's run failed: ${visit.errors.join('; ')}`);
    if (visit.panels.length !== visit.tabs) throw new Error(`8 own table: ${visit.panels.length} results for ${visit.tabs} tabs`);
    out.push(visit);
  }
  return {
    first_result: ms(out.map((v) => v.first_result_ms)), whole_lab: ms(out.map((v) => v.whole_lab_ms)),
    first_run: ms(out.map((v) => v.panels[0].run_ms)),
    panels: out[0].panels.map((p, i) => ({ panel: p.panel, ...ms(out.map((v) => v.panels[i].run_ms)) })),
    visits: out,
  };
}

/** The lab `tools/lab new widget optimization_lab` makes for the 5-class CSV, written next to it. */
function labWidget(ctx, site, sizes) {
  const name = `own_lab_${sizes.rows}x${sizes.features}.json`;
  execFileSync('node', [join(ctx.root, 'tools/new.mjs'), 'widget', 'optimization_lab', '--data', join(site, 'bench/data', csvName('multiclass', sizes)),
    '--target', 'y', '--out', join(site, 'bench/data', name)], { cwd: ctx.root, stdio: ['ignore', 'ignore', 'pipe'] });
  return `/bench/data/${name}`;
}

/** Case 8. `site`: the bench's copy of the built site; `isolatedUrl` serves it cross-origin
 *  isolated (the bench page: a 5 us clock in its workers), `plainUrl` as the site is served
 *  (widget.html, as case 7). */
export async function ownTable(ctx, browser, { site, isolatedUrl, plainUrl }) {
  const sizes = ctx.sizes.ownTable;
  const fileUrls = {};
  for (const task of OWN_TASKS) {
    const name = csvName(task, sizes);
    fileUrls[task] = { [name]: writeData(site, name, ownTableCsv(task, sizes.rows, sizes.features)) };
  }
  const page = await openPage(browser, new URL('bench/index.html', isolatedUrl).href);
  await page.waitForFunction(() => window.labBench !== undefined);
  const fits = [];
  try {
    for (const fit of OWN_TABLE_FITS) {
      const spec = engineSpec(fit, sizes);
      const specPath = join(site, 'bench/data', `own_${fit.id.replaceAll('/', '_').replace(/[^\w.-]+/g, '_')}.spec.json`);
      writeFileSync(specPath, JSON.stringify(spec));
      ctx.log(`8 own table ${sizes.rows} x ${sizes.features}, ${fit.id}: native, then wasm in Chromium`);
      const native = await nativeRuns(ctx.cli, specPath, sizes);
      const wasm = await wasmRuns(page, spec, fileUrls[fit.task], sizes);
      const nTrain = native.result.data.rows.train;
      fits.push({ ...fit, spec, rows_train: nTrain, native: { run: native.run, after_read: native.after_read, fit: native.fit },
                  wasm: { run: wasm.run, after_read: wasm.after_read, fit: wasm.fit, first_run_ms: wasm.first_run_ms },
                  test_score: { metric: fit.task === 'regression' ? 'r2' : 'accuracy', native: testScore(fit.task, native.result), wasm: testScore(fit.task, wasm.result) },
                  sklearn_candidates: sklearnCandidates(fit, nTrain, sizes) });
    }
  } finally {
    await page.context().close();
  }
  ctx.log('8 own table: scikit-learn');
  const sklearn = sklearnSide(ctx.root, {
    csvs: Object.fromEntries(OWN_TASKS.map((task) => [task, join(site, 'bench/data', csvName(task, sizes))])),
    test: TEST_SHARE, seed: SPLIT_SEED, warmup: sizes.warmup, repeats: sizes.repeats,
    fits: fits.map((f) => ({ id: f.id, task: f.task, candidates: f.sklearn_candidates })),
  });
  if (!sklearn) ctx.log('8 own table: scikit-learn is not available (/usr/bin/python3 with python3-sklearn): its side is skipped');
  for (const f of fits) {
    const sk = sklearn?.fits[f.id];
    f.sklearn = sk ? { fastest: sk.fastest, ...sk.candidates[sk.fastest], candidates: sk.candidates } : null;
    f.test_score.sklearn = sk ? sk.candidates[sk.fastest].test_score : null;
    delete f.sklearn_candidates;
  }
  const lab = await labVisits(ctx, browser, plainUrl, labWidget(ctx, site, sizes), sizes.labVisits);
  return { rows: sizes.rows, features: sizes.features, classes: CLASSES, lambda: LAMBDA, test_share: TEST_SHARE, epochs: sizes.epochs,
           repeats: sizes.repeats, warmup: sizes.warmup, fits, lab,
           sklearn: sklearn && { version: sklearn.sklearn, threads: sklearn.threads } };
}

/** Ratios and the targets from a case-8 measurement: every fit natively no slower than
 *  scikit-learn's fastest, wasm within 1.5× of native, both on the time after the CSV read;
 *  the lab's first result ≤ 3 s and whole lab ≤ 10 s. */
export function ownTableTargets(own) {
  const med = (s) => s?.median_ms ?? null;
  const fits = own.fits.map((f) => {
    const vsSklearn = ratio(med(f.native.fit), med(f.sklearn));
    const wasmVsNative = ratio(med(f.wasm.fit), med(f.native.fit));
    return { ...f, native_vs_sklearn: vsSklearn, wasm_vs_native: wasmVsNative,
             met_vs_sklearn: vsSklearn === null ? null : vsSklearn <= 1, met_wasm_vs_native: wasmVsNative === null ? null : wasmVsNative <= 1.5 };
  });
  // Missed if any fit missed; unknown (null) if none missed but one has no figure.
  const every = (key) => (fits.some((f) => f[key] === false) ? false : fits.some((f) => f[key] === null) ? null : true);
  const first = med(own.lab.first_result), whole = med(own.lab.whole_lab);
  return { ...own, fits,
           targets: { native_vs_sklearn: { target: 1, met: every('met_vs_sklearn'), missed: fits.filter((f) => f.met_vs_sklearn === false).map((f) => f.id) },
                      wasm_vs_native: { target: 1.5, met: every('met_wasm_vs_native'), missed: fits.filter((f) => f.met_wasm_vs_native === false).map((f) => f.id) },
                      lab_first_result_ms: { target: 3000, value: first, met: first === null ? null : first <= 3000 },
                      lab_whole_ms: { target: 10000, value: whole, met: whole === null ? null : whole <= 10000 } } };
}
