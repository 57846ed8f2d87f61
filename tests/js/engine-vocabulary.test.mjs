// What the web shell reads the engine's results by is the engine's own declaration: `lab-cli
// vocabulary` (native) and the wasm module's widgetVocabulary() + taskVocabulary() give the same
// thing, web/src/generated/engine-types.ts is what tools/lab docs writes from the current
// lab-cli, and the web shell's tables, labels and task rules are those values (its renderer
// tables are typed by the generated names, so a kind without a renderer does not compile).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { defaultCli, engineTypesPath, engineTypesText, root } from '../../tools/gen_docs.mjs';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { ENGINE_VOCABULARY } from '../../build/js-test/generated/engine-types.js';
import { axisLabels, axisTitle } from '../../build/js-test/widgets/model/axis-labels.js';
import { cvMetricLabel, mainScore, metricSpec, pathMetrics, tableMetrics } from '../../build/js-test/widgets/model/task.js';
import { withLearnerSettings } from '../../build/js-test/widgets/model/experiments.js';

const skipWasm = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');
const cliMissing = !existsSync(defaultCli);
const needsCli = { skip: cliMissing && !process.env.CI ? 'needs build/native/engine/lab-cli (tools/lab build)' : false };
const cli = (...args) => {
  assert.ok(!cliMissing, 'build/native/engine/lab-cli is missing and CI is set: build it (tools/lab build) before the JS tests');
  return JSON.parse(execFileSync(defaultCli, args, { encoding: 'utf8' }));
};

let engine;
before(async () => {
  if (!skipWasm) engine = await loadEngine();
});

const withoutOk = (text) => {
  const { ok, ...rest } = JSON.parse(text);
  assert.equal(ok, true, text);
  return rest;
};

test('web/src/generated/engine-types.ts is what tools/lab docs writes from the current lab-cli', needsCli, () => {
  assert.ok(!cliMissing, 'build/native/engine/lab-cli is missing');
  assert.equal(readFileSync(join(root, engineTypesPath), 'utf8'), engineTypesText(defaultCli),
    `${engineTypesPath} is out of date: run tools/lab docs and commit the result`);
});

test('the generated vocabulary is lab-cli vocabulary, and the wasm module answers the same', needsCli, () => {
  const native = cli('vocabulary');
  assert.deepEqual(ENGINE_VOCABULARY, native);
  if (skipWasm) return;
  assert.deepEqual({ ...withoutOk(engine.widgetVocabulary()), ...withoutOk(engine.taskVocabulary()) }, native);
});

test('the engine declares each kind\'s metrics, main score and CV metric, and the model a numeric target runs instead', () => {
  const { tasks, metrics, in_place_of: inPlaceOf } = ENGINE_VOCABULARY;
  assert.deepEqual(Object.keys(tasks), ['binary', 'multiclass', 'regression']);
  assert.deepEqual(tasks.regression.table_metrics, ['r2', 'rmse', 'mae']);
  assert.equal(tasks.multiclass.main_score, 'accuracy');
  assert.equal(tasks.regression.cv_metric, 'mse');
  assert.deepEqual(metrics.r2, { label: 'R²', higher_is_better: true, bounds: null });
  assert.deepEqual(inPlaceOf, [{ task: 'regression', model: 'logistic_regression', use: 'linear_regression', rename: { logistic: 'linear', Logistic: 'Linear' } }]);
});

test('the web shell shows what the engine declares: columns, labels, main score, CV metric, axis titles', () => {
  const { tasks, metrics } = ENGINE_VOCABULARY;
  const shown = (m) => ({ key: m.key, label: m.label, higherIsBetter: m.higherIsBetter });
  const declared = (key) => ({ key, label: metrics[key].label, higherIsBetter: metrics[key].higher_is_better });
  for (const [kind, k] of Object.entries(tasks)) {
    assert.deepEqual(tableMetrics(kind).map(shown), k.table_metrics.map(declared), kind);
    assert.deepEqual(pathMetrics(kind).map(shown), k.path_metrics.map(declared), kind);
    assert.deepEqual(shown(mainScore(kind)), declared(k.main_score), kind);
    assert.equal(cvMetricLabel(k.cv_metric), metrics[k.cv_metric].label, kind);
  }
  // Bounded to [0, 1]: a fixed chart axis.
  assert.equal(metricSpec('f1_macro').unit, true);
  assert.equal(metricSpec('r2').unit, false);
  assert.equal(metricSpec('latency_ms'), null);
  assert.deepEqual(Object.keys(axisLabels()), ENGINE_VOCABULARY.tradeoff_metrics);
  assert.equal(axisLabels().f1_macro, 'test macro F1');
  assert.equal(axisTitle('loss', { label: 'R²', loss: tasks.regression.loss }), 'test mean squared error');
});

test('a learner\'s numeric target runs the model the engine names in place of the file\'s, and the engine runs it', { skip: skipWasm }, () => {
  const spec = {
    dataset: { csv: 'data/t.csv', target: 'survived', positive: 'yes' },
    split: { test: 0.25, validation: 0.2, seed: 1 },
    model: { type: 'logistic_regression', lambda: 0.01, l1_ratio: 1 },
  };
  let csv = 'x,price\n';
  for (let i = 0; i < 40; i++) csv += `${i},${(2.5 * i + (i % 3)).toFixed(2)}\n`;
  const data = { name: 'prices.csv', text: csv, target: 'price', task: 'regression' };
  // As the file is written, the engine refuses logistic regression on a number ...
  const refused = JSON.parse(engine.runExperiment(JSON.stringify({ ...spec, dataset: { csv: 'prices.csv', target: 'price' } }), JSON.stringify({ 'prices.csv': csv }), undefined));
  assert.equal(refused.ok, false);
  // ... the learner's spec runs what the engine says instead.
  const mine = withLearnerSettings(spec, undefined, data);
  assert.equal(mine.model.type, ENGINE_VOCABULARY.in_place_of[0].use);
  const answer = JSON.parse(engine.runExperiment(JSON.stringify(mine), JSON.stringify({ 'prices.csv': csv }), undefined));
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  assert.equal(answer.result.data.task, 'regression');
  assert.deepEqual(Object.keys(answer.result.metrics.test).filter((k) => ENGINE_VOCABULARY.tasks.regression.table_metrics.includes(k)).sort(),
    [...ENGINE_VOCABULARY.tasks.regression.table_metrics].sort());
});

test('the budget ranking: native lab-cli and the wasm module rank a trade-off result alike', { ...needsCli, skip: needsCli.skip || skipWasm }, () => {
  const variants = [
    { name: 'big', score: 0.85, latency: { single_median_us: 50, batch_median_us: 5000 }, size_bytes: 60000 },
    { name: 'small', score: 0.8, latency: { single_median_us: 2, batch_median_us: 200 }, size_bytes: 500 },
    { name: 'tiny', score: 0.8, latency: { single_median_us: 1, batch_median_us: 100 }, size_bytes: 100 },
    { name: 'unscored', score: null, latency: { single_median_us: 1, batch_median_us: 100 }, size_bytes: 10 },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'lab-budget-'));
  writeFileSync(join(dir, 'result.json'), JSON.stringify({ variants }));
  for (const budget of [{}, { max_size_kb: 8 }, { max_latency_ms: 0.0015 }, { min_accuracy: 0.9 }, { min_accuracy: 0.5, max_size_kb: 0.2 }]) {
    const native = cli('rank-budget', join(dir, 'result.json'), JSON.stringify(budget));
    assert.deepEqual(withoutOk(engine.rankBudget(JSON.stringify(variants), JSON.stringify(budget))), native, JSON.stringify(budget));
  }
  assert.equal(cli('rank-budget', join(dir, 'result.json'), '{}').best, 'big');
  assert.equal(cli('rank-budget', join(dir, 'result.json'), '{"max_size_kb":8}').best, 'tiny');  // ties: faster first
  assert.equal(cli('rank-budget', join(dir, 'result.json'), '{"min_accuracy":0.9}').best, null);
  const refused = JSON.parse(engine.rankBudget(JSON.stringify(variants), '{"max_size_mb":1}'));
  assert.equal(refused.ok, false);
  assert.match(refused.error.message, /unknown limit; the limits are min_accuracy, max_latency_ms, max_size_kb/);
});
