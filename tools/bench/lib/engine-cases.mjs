// Cases 1, 2, 3 and 5: the engine's wasm in Chromium (a Worker on the bench page) against its
// native build, scikit-learn and TensorFlow.js, all measured in this run.
// `ctx` (see run.mjs): quick, sizes, bench (calls into the bench page's workers), native
// (engine_bench), cli (lab-cli), data (file names and texts), log.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { nativeLatency, nativeRuns, sklearnReference } from './drivers.mjs';
import { ms, rng, summarize, us } from './stats.mjs';

const FEATURES = ['gender', 'age', 'class', 'embarked', 'fare', 'sibsp', 'parch'];
const titanic = (csv) => ({ csv, target: 'survived', positive: 'yes', features: FEATURES, where: { class: ['1st', '2nd', '3rd'] } });
const EVERY_ROW = { test: 0, validation: 0, seed: 42 };
export const PENALTIES = { l2: 0, l1: 1, elasticnet: 0.5 };
export const MLP_HIDDEN = [32, 32];
export const LATENCY_HIDDEN = [256, 256];

/** The bench's Titanic rows: the first 1053 passengers of the file (its alphabetical order). */
export function titanicRows(csv, count) {
  const lines = csv.trimEnd().split('\n');
  const classColumn = lines[0].split(',').indexOf('class');
  const passengers = lines.slice(1).filter((line) => /^(1st|2nd|3rd)$/.test(splitCsvLine(line)[classColumn]));
  return [lines[0], ...passengers.slice(0, count)].join('\n') + '\n';
}

function splitCsvLine(line) {
  const out = [];
  let field = '', quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) { out.push(field); field = ''; } else field += ch;
  }
  out.push(field);
  return out;
}

export function pathSpec(csv, l1_ratio, nLambda) {
  return { dataset: titanic(csv), preprocess: { log1p: ['fare'] }, split: EVERY_ROW,
           model: { type: 'logistic_regression', l1_ratio, path: { n_lambda: nLambda, lambda_min_ratio: 1e-4 } } };
}

export function mlpSpec(csv, epochs, split = EVERY_ROW) {
  return { dataset: titanic(csv), preprocess: { log1p: ['fare'] }, split,
           model: { type: 'mlp', hidden: MLP_HIDDEN, activation: 'relu', dropout: 0.3, l2: 0, l1: 0 },
           train: { optimizer: 'adam', learning_rate: 1e-3, batch_size: 32, epochs, seed: 7 } };
}

/** `lab-cli run` on the spec; `exports`: trade-off variants whose model parts it reports. */
function runCli(cli, spec, files, exports = []) {
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const args = ['run', join(dir, 'spec.json'), ...exports.flatMap((name) => ['--export', name])];
  return JSON.parse(execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 30 }));
}

const pathMatrix = (result) => result.path.map((row) => [row.intercept, ...result.data.columns.map((c) => row.coefficients[c])]);

function maxDifference(a, b) {
  let worst = 0;
  a.forEach((row, i) => row.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - b[i][j])); }));
  return worst;
}

/** Case 1 (engine side) and case 2 (engine side): timed in Chromium and natively. */
export async function engineTimings(ctx) {
  const { data, sizes } = ctx;
  const fileUrls = { [data.titanic1053.name]: data.titanic1053.url };
  const files = { [data.titanic1053.name]: data.titanic1053.text };
  const paths = {};
  for (const [penalty, l1Ratio] of Object.entries(PENALTIES)) {
    const spec = pathSpec(data.titanic1053.name, l1Ratio, sizes.nLambda);
    ctx.log(`path ${penalty}: engine wasm in Chromium`);
    const wasm = await ctx.bench('engine', 'runs', { spec, fileUrls, warmup: sizes.warmup, warmupMs: sizes.warmupMs, repeats: sizes.repeats, keepResult: true });
    ctx.log(`path ${penalty}: engine native`);
    const native = nativeRuns(ctx.native, spec, files, sizes.repeats);
    const nativeResult = runCli(ctx.cli, spec, files);
    paths[penalty] = {
      l1_ratio: l1Ratio,
      lambdas: wasm.result.path.map((row) => row.lambda),
      columns: wasm.result.data.columns,
      coefficients: pathMatrix(wasm.result),
      nonzero_last: wasm.result.path.at(-1).nonzero,
      engine_wasm_chromium: ms(wasm.times_ms),
      engine_wasm_first_run_ms: wasm.first_ms,
      engine_native: ms(native),
      native_vs_wasm_max_diff: maxDifference(pathMatrix(nativeResult), pathMatrix(wasm.result)),
      rows: wasm.result.data.rows.train,
    };
    ctx.log(`  wasm ${summarize(wasm.times_ms).median.toFixed(1)} ms, native ${summarize(native).median.toFixed(1)} ms`);
  }
  const spec = mlpSpec(data.titanic1053.name, sizes.epochs);
  ctx.log('MLP: engine wasm in Chromium');
  const wasm = await ctx.bench('engine', 'runs', { spec, fileUrls, warmup: sizes.warmup, warmupMs: sizes.warmupMs, repeats: sizes.repeats, keepResult: true });
  ctx.log('MLP: engine native');
  const native = nativeRuns(ctx.native, spec, files, sizes.repeats);
  const last = wasm.result.history.at(-1);
  ctx.log(`  wasm ${summarize(wasm.times_ms).median.toFixed(1)} ms, native ${summarize(native).median.toFixed(1)} ms`);
  const mlp = { engine_wasm_chromium: ms(wasm.times_ms), engine_wasm_first_run_ms: wasm.first_ms, engine_native: ms(native),
                parameters: wasm.result.model.parameters, final: { loss: last.loss, accuracy: last.accuracy },
                rows: wasm.result.data.rows.train };
  return { paths, mlp };
}

/** scikit-learn's paths (each solver, with coefficient differences from the engine's) and
 *  MLPClassifier, plus the design matrix TF.js trains on. */
export function sklearnTimings(ctx, engine) {
  const { sizes, data } = ctx;
  const job = {
    csv: data.titanic1053.path,
    repeats: sizes.repeats,
    paths: Object.fromEntries(Object.entries(engine.paths).map(([penalty, p]) =>
      [penalty, { l1_ratio: p.l1_ratio, lambdas: p.lambdas, columns: p.columns, engine: p.coefficients }])),
    mlp: { hidden: MLP_HIDDEN, epochs: sizes.epochs, batch_size: 32, learning_rate: 1e-3, repeats: sizes.slowRepeats, seed: 7 },
    design_out: join(mkdtempSync(join(tmpdir(), 'lab-bench-design-')), 'design.json'),
  };
  ctx.log('scikit-learn: paths and MLPClassifier');
  const result = sklearnReference(ctx.root, job);
  return result && { ...result, design_path: job.design_out };
}

/** Stand-in design matrix of the right shape when scikit-learn's side is unavailable. */
export function syntheticDesign(rows, cols) {
  const r = rng(7);
  return { X: Array.from({ length: rows }, () => Array.from({ length: cols }, r.normal)), y: Array.from({ length: rows }, () => (r.uniform() < 0.38 ? 1 : 0)) };
}

/** TensorFlow.js's model.fit on the same design matrix, wasm and cpu backends. */
export async function tfjsTraining(ctx, design) {
  const rows = design.X.length, cols = design.X[0].length;
  const out = {};
  for (const backend of ['wasm', 'cpu']) {
    ctx.log(`MLP: TensorFlow.js ${backend} backend`);
    const r = await ctx.bench('tfjs', 'train', {
      backend, threads: false, X: design.X.flat(), y: design.y, rows, cols, hidden: MLP_HIDDEN, dropout: 0.3,
      epochs: ctx.sizes.tfjsEpochs, batchSize: 32, learningRate: 1e-3, repeats: ctx.sizes.slowRepeats,
    });
    // Timed with fewer epochs in --quick; scaled to the case's epochs (fit time is linear in epochs).
    const scale = ctx.sizes.epochs / ctx.sizes.tfjsEpochs;
    out[backend] = { ...ms(r.times_ms.map((t) => t * scale)), epochs_timed: ctx.sizes.tfjsEpochs, final: r.final };
    ctx.log(`  ${out[backend].median_ms.toFixed(0)} ms`);
  }
  return out;
}

/** Case 3: inference latency of the engine's shipped forms and of TF.js predict. */
export async function latency(ctx, design) {
  const { data, sizes } = ctx;
  // The explorer's question at a size where it matters (issue 13: 256-256 hidden): a short
  // training, since only the shapes and the sparsity are timed.
  const train = mlpSpec(data.titanic.name, Math.min(sizes.epochs, 20), { test: 0.2, validation: 0, seed: 42 });
  const spec = {
    ...train, model: { ...train.model, hidden: LATENCY_HIDDEN, dropout: 0 },
    variants: [
      { name: 'Logistic regression', model: { type: 'logistic_regression', lambda: 0.01 } },
      { name: 'MLP fp32', model: { type: 'mlp' } },
      { name: 'MLP int8', model: { type: 'mlp' }, compress: { quantize: { bits: 8 } } },
      { name: 'MLP pruned 90%', model: { type: 'mlp' }, compress: { prune: { sparsity: 0.9 } } },
      { name: 'MLP 50% of units removed', model: { type: 'mlp' }, compress: { prune: { sparsity: 0.5, structure: 'units' } } },
    ],
  };
  ctx.log('latency: engine wasm in Chromium (bench module)');
  const wasm = await ctx.bench('engine', 'latency', { spec, fileUrls: { [data.titanic.name]: data.titanic.url }, budgetMs: sizes.latencyBudgetMs });
  ctx.log('latency: engine native');
  const native = nativeLatency(ctx.native, spec, { [data.titanic.name]: data.titanic.text }, sizes.latencyBudgetMs);
  const rows = wasm[0].test_rows, cols = design.X[0].length;
  const X = design.X.slice(0, rows).flat();
  const tfjs = {};
  for (const backend of ['wasm', 'cpu']) {
    tfjs[backend] = {};
    for (const [model, hidden] of [['Logistic regression', []], ['MLP fp32', LATENCY_HIDDEN]]) {
      ctx.log(`latency: TensorFlow.js ${backend} ${model}`);
      const r = await ctx.bench('tfjs', 'predict', { backend, X, rows, cols, hidden, budgetMs: sizes.latencyBudgetMs * 2 });
      tfjs[backend][model] = { single_row: us(r.single_us), whole_test_set: us(r.batch_us), parameters: r.parameters };
    }
  }
  // The same variants as ONNX models (tools/lab export's path: the native engine's parts, the
  // graph builder of web/src/export), run by ONNX Runtime Web's wasm backend, one thread.
  const ortWeb = {};
  const exported = runCli(ctx.cli, spec, { [data.titanic.name]: data.titanic.text }, spec.variants.map((v) => v.name));
  const { onnxModel } = await import(join(ctx.root, 'build/js-test/export/onnx-model.js'));
  for (const row of exported.variants) {
    if (row.export.columns.length !== cols) throw new Error(`latency: ${row.name} takes ${row.export.columns.length} columns, the design has ${cols}`);
    ctx.log(`latency: ONNX Runtime Web ${row.name}`);
    const model = Array.from(onnxModel(row.export, row.name));
    const r = await ctx.bench('ort', 'predict', { model, X, rows, cols, budgetMs: sizes.latencyBudgetMs * 2 });
    ortWeb[row.name] = { single_row: us(r.single_us), whole_test_set: us(r.batch_us), onnx_bytes: model.length, version: r.version };
  }
  return { test_rows: rows, hidden: LATENCY_HIDDEN, engine_wasm_chromium: wasm, engine_native: native, tfjs, ort_web: ortWeb };
}

/** Synthetic binary-classification CSV: `features` N(0, 1) columns (2 decimals, so 100k x 100
 *  stays under the engine's 64 MiB file limit) and a logistic target. */
export function syntheticCsv(rows, features, seed = 1) {
  const r = rng(seed);
  const beta = Array.from({ length: features }, (_, j) => (j < 5 ? 1.5 / (j + 1) : (j % 2 ? 0.1 : -0.1)));
  const lines = [[...beta.map((_, j) => `x${j + 1}`), 'y'].join(',')];
  const x = new Array(features);
  for (let i = 0; i < rows; i++) {
    let z = -0.3;
    for (let j = 0; j < features; j++) {
      x[j] = r.normal().toFixed(2);
      z += beta[j] * Number(x[j]);
    }
    lines.push(`${x.join(',')},${r.uniform() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no'}`);
  }
  return lines.join('\n') + '\n';
}

/** Case 5: path and epoch time against rows and features, and peak wasm memory. Stage times
 *  come from the engine's own progress reports (one per lambda, one per epoch), timed in the
 *  worker: the data preparation (CSV parse, split, preprocessing) is before the first one. */
export async function scale(ctx) {
  const { sizes } = ctx;
  const points = [];
  const at = (marks, stage) => marks.filter(([, s]) => s === stage).map(([t]) => t);
  const median = (values) => summarize(values)?.median ?? null;
  for (const rows of sizes.scaleRows) {
    for (const features of sizes.scaleFeatures) {
      const name = `synthetic_${rows}x${features}.csv`;
      const url = ctx.writeData(name, syntheticCsv(rows, features));
      const common = { dataset: { csv: name, target: 'y', positive: 'yes' }, split: EVERY_ROW };
      const path = { ...common, model: { type: 'logistic_regression', l1_ratio: 0.5, path: { n_lambda: sizes.nLambda, lambda_min_ratio: 1e-4 } } };
      const mlp = { ...common, model: { type: 'mlp', hidden: MLP_HIDDEN, dropout: 0.3 },
                    train: { optimizer: 'adam', learning_rate: 1e-3, batch_size: 32, epochs: sizes.scaleEpochs, seed: 7 } };
      const repeats = rows * features >= 1e6 ? 1 : sizes.scaleRepeats;
      ctx.log(`scale ${rows} x ${features}: path, then MLP epochs`);
      const p = await ctx.bench('engine', 'runs', { spec: path, fileUrls: { [name]: url }, repeats, fresh: true, marks: true });
      const m = await ctx.bench('engine', 'runs', { spec: mlp, fileUrls: { [name]: url }, repeats, fresh: true, marks: true });
      // Per run: lambda reports -> preparation (before the first fit's report) and the path
      // (first to last report, plus one lambda's share for the first fit); epoch reports -> epochs.
      const pathRuns = p.marks.map((marks) => {
        const t = at(marks, 'path');
        const perLambda = (t.at(-1) - t[0]) / (t.length - 1);
        // The engine reports "read" once the CSV is in typed columns: the spec's check (well
        // under a millisecond) and the CSV parse.
        return { read: at(marks, 'read')[0], prep: t[0] - perLambda, path: t.at(-1) - t[0] + perLambda };
      });
      const epochs = m.marks.flatMap((marks) => { const t = at(marks, 'train'); return t.slice(1).map((x, i) => x - t[i]); });
      const run = median(p.times_ms), prep = median(pathRuns.map((r) => r.prep)), fit = median(pathRuns.map((r) => r.path));
      const read = median(pathRuns.map((r) => r.read));
      const csvBytes = ctx.dataSize(name);
      const epoch = median(epochs);
      points.push({
        rows, features, csv_bytes: csvBytes,
        run_ms: run, read_ms: read, read_mb_per_s: csvBytes / 1e3 / read, prep_ms: prep, path_ms: fit, path_us_per_row: (fit * 1000) / rows, prep_us_per_row: (prep * 1000) / rows,
        epoch_ms: epoch, epoch_us_per_row: (epoch * 1000) / rows, mlp_run_ms: median(m.times_ms),
        peak_wasm_bytes: Math.max(p.memory_bytes, m.memory_bytes), runs: repeats,
      });
      ctx.log(`  run ${run.toFixed(0)} ms (CSV read ${read.toFixed(0)} ms = ${points.at(-1).read_mb_per_s.toFixed(0)} MB/s, prep ${prep.toFixed(0)}, path ${fit.toFixed(0)}), epoch ${epoch.toFixed(1)} ms, peak ${(points.at(-1).peak_wasm_bytes / 2 ** 20).toFixed(0)} MiB`);
    }
  }
  return { l1_ratio: 0.5, n_lambda: sizes.nLambda, epochs: sizes.scaleEpochs, points };
}
