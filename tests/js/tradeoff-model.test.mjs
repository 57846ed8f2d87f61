// The trade-off explorer's model code (web/src/widgets/model/tradeoff.ts) on real engine results
// of every task kind: the wasm engine runs a small explorer spec on iris (three classes), on a
// numeric CSV with a known linear answer (regression, after the engine's in-place-of rule the
// widget applies) and on a two-class table; the explorer's texts, columns and axes must follow the
// result's main score (accuracy, or R²) and agree with what streamed rows say before the result.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { withLearnerSettings } from '../../build/js-test/widgets/model/experiments.js';
import { axisTitle } from '../../build/js-test/widgets/model/axis-labels.js';
import {
  axisMetric, bestPhrase, formatChange, formatMetric, rowMetric, rowTask, scenarioReason, scoreInfo, scoreText,
  missTexts, missesOf, tableColumns, tradeoffOf,
} from '../../build/js-test/widgets/model/tradeoff.js';

const skip = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');

// A small explorer file, as a lesson would write it for a yes/no target: a logistic baseline,
// an MLP and its int8 copy, and a student distilled from the logistic model.
const explorer = {
  dataset: { csv: 'data/lesson.csv', target: 'survived', positive: 'yes', features: ['age'] },
  split: { test: 0.25, validation: 0.2, seed: 1 },
  model: { type: 'mlp', hidden: [8] },
  train: { epochs: 30, learning_rate: 0.01, batch_size: 16, seed: 5 },
  variants: [
    { name: 'Logistic regression', model: { type: 'logistic_regression', lambda: 0.001 } },
    { name: 'MLP' },
    { name: 'MLP int8', compress: { quantize: { bits: 8 } } },
    { name: 'Student', model: { type: 'mlp', hidden: [4] }, compress: { distill: { teacher: 'Logistic regression' } } },
  ],
  scenarios: [{ name: 'strict', title: 'Strict', priority: 'accuracy', latency: 'single',
    weights: { accuracy: 0.5, latency: 0.2, size: 0.3 }, constraints: { min_accuracy: 0.999 } }],
  widget: { type: 'performance_tradeoff_explorer', title: 't', axes: { x: 'latency_ms', y: 'accuracy' } },
};

// y = 2 + 3 x1 - 2 x2 plus a small deterministic wobble: a linear model explains nearly all of it.
function linearCsv() {
  let text = 'x1,x2,y\n';
  for (let i = 0; i < 200; i++) {
    const x1 = ((i * 37) % 101) / 10, x2 = ((i * 53) % 97) / 10;
    text += `${x1},${x2},${(2 + 3 * x1 - 2 * x2 + (((i * 7) % 5) - 2) / 10).toFixed(3)}\n`;
  }
  return text;
}

let engine;
before(async () => {
  if (!skip) engine = await loadEngine();
});

/** Runs the explorer file on a learner's table as the widget does; returns the result and the rows streamed before it. */
function run(data) {
  const spec = withLearnerSettings(explorer, undefined, data);
  delete spec.widget;
  const streamed = [];
  const answer = JSON.parse(engine.runExperiment(JSON.stringify(spec), JSON.stringify({ [data.name]: data.text }), (p) => {
    const progress = JSON.parse(p);
    if (progress.stage === 'variant' && progress.data) streamed.push(progress.data);
    return true;
  }));
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  return { spec, result: answer.result, streamed };
}

test('a numeric target: logistic variants become least squares (named so), and every text speaks of R²', { skip }, () => {
  const { spec, result, streamed } = run({ name: 'lin.csv', text: linearCsv(), target: 'y', task: 'regression' });
  assert.deepEqual(spec.variants[0].model, { type: 'linear_regression', lambda: 0.001 });
  assert.deepEqual(spec.variants.map((v) => v.name), ['Linear regression', 'MLP', 'MLP int8', 'Student']);
  assert.equal(spec.variants[3].compress.distill.teacher, 'Linear regression', 'the student still finds its teacher');
  assert.equal(explorer.variants[0].name, 'Logistic regression', 'the widget file is not modified');

  const data = tradeoffOf(result);
  assert.deepEqual([data.score.kind, data.score.name, data.score.loss, data.score.label], ['regression', 'r2', 'mse', 'R²']);
  // Before the result names its score, the streamed rows tell the same kind.
  assert.equal(streamed.length, 4);
  for (const row of streamed) assert.equal(rowTask(row), 'regression', row.name);
  assert.deepEqual(scoreInfo(null, streamed).name, 'r2');

  const linear = data.variants.find((v) => v.name === 'Linear regression');
  assert.ok(linear.score > 0.98, `R² of least squares on a linear target: ${linear.score}`);
  assert.equal(linear.head, 'identity');
  assert.equal(data.variants.find((v) => v.name === 'MLP').head, 'affine', 'an MLP un-standardizes its target');
  assert.deepEqual(tableColumns(data.score).map((m) => m.key), ['r2', 'rmse', 'mae']);
  assert.ok(rowMetric(linear, 'rmse') > 0 && rowMetric(linear, 'rmse') < 1, `RMSE ${rowMetric(linear, 'rmse')}`);
  assert.equal(rowMetric(linear, 'accuracy'), null);
  assert.match(scoreText(data.score, linear.score), /^R² (0\.9[89]\d|1\.000)$/);
  assert.equal(bestPhrase(data.score), 'the highest R²');

  // The lesson's y axis "accuracy" plots R² on this table; its loss axis the squared error.
  assert.equal(axisMetric('accuracy', data.variants), 'score');
  assert.equal(axisMetric('log_loss', data.variants), 'loss');
  assert.equal(axisMetric('latency_ms', data.variants), 'latency_ms');
  assert.equal(axisTitle('score', data.score), 'test R²');
  assert.equal(axisTitle('loss', data.score), 'test mean squared error');

  // The budget's minimum bounds R²; the best that fits is the best R².
  const worst = data.variants.reduce((a, b) => (a.score < b.score ? a : b));
  // (The engine ranks: rankBudget, as the explorer asks its worker.)
  const rank = (budget) => JSON.parse(engine.rankBudget(JSON.stringify(data.variants), JSON.stringify(budget)));
  const strict = rank({ min_accuracy: 0.999 });
  assert.equal(strict.ok, true);
  assert.deepEqual(missTexts(worst, missesOf(strict, worst.name), data.score), [`R² ${formatMetric('r2', worst.score)} < 0.999`]);
  const best = data.variants.reduce((a, b) => (a.score >= b.score ? a : b));
  assert.equal(rank({}).best, best.name);

  // The scenario's reason names R² where it weighs and bounds the score; the engine's own
  // violation text names r2 too.
  const [scenario] = data.scenarios;
  const reason = scenarioReason(scenario, data.variants, data.score);
  assert.match(reason, /R² 50%, latency 20%, size 30%; R² breaks ties/);
  assert.match(reason, /R² ≥ 0\.999/);
  const violations = scenario.ranking.flatMap((r) => r.violations);
  assert.ok(violations.length && violations.every((v) => /^r2 -?\d/.test(v)), violations.join('; '));
  assert.doesNotMatch(reason, /accuracy/);

  // The student's change is against its (renamed) teacher, in R² units.
  const student = data.variants.find((v) => v.name === 'Student');
  assert.equal(student.base.name, 'Linear regression');
  assert.ok(Math.abs(student.score_change - (student.score - student.base.score)) < 1e-12);
  assert.match(formatChange('r2', student.score_change), /^[+-]\d\.\d{3}$/);
});

test('iris: three classes keep the logistic model, rank by accuracy and show macro F1', { skip }, () => {
  const text = readFileSync(new URL('../../widgets/data/iris.csv', import.meta.url), 'utf8');
  const { spec, result, streamed } = run({ name: 'iris.csv', text, target: 'species', task: 'multiclass' });
  assert.equal(spec.variants[0].model.type, 'logistic_regression');
  assert.equal(spec.variants[0].name, 'Logistic regression');
  const data = tradeoffOf(result);
  assert.deepEqual([data.score.kind, data.score.name, data.score.label], ['multiclass', 'accuracy', 'accuracy']);
  for (const row of streamed) assert.equal(rowTask(row), 'multiclass', row.name);
  assert.equal(data.variants[0].head, 'softmax');
  assert.deepEqual(tableColumns(data.score).map((m) => m.key), ['accuracy', 'log_loss', 'f1_macro']);
  const linear = data.variants[0];
  assert.ok(linear.score > 0.8, `iris accuracy ${linear.score}`);
  assert.match(scoreText(data.score, linear.score), /^accuracy \d+\.\d%$/);
  assert.ok(rowMetric(linear, 'f1_macro') > 0.8);
  // No AUC for three classes: an axis asking for it plots accuracy instead.
  assert.equal(axisMetric('auc', data.variants), 'score');
  assert.equal(axisMetric('accuracy', data.variants), 'accuracy');
  assert.equal(bestPhrase(data.score), 'the most accurate');
  assert.match(scenarioReason(data.scenarios[0], data.variants, data.score), /accuracy 50%, latency 20%, size 30%/);
});

test('two classes: the columns and texts are those of a binary classifier, as before', { skip }, () => {
  const text = readFileSync(new URL('../e2e/fixtures/widgets/data/tiny.csv', import.meta.url), 'utf8');
  const { result, streamed } = run({ name: 'tiny.csv', text, target: 'survived', task: 'binary' });
  const data = tradeoffOf(result);
  assert.deepEqual([data.score.kind, data.score.name], ['binary', 'accuracy']);
  for (const row of streamed) assert.equal(rowTask(row), 'binary', row.name);
  assert.equal(data.variants[0].head, 'sigmoid');
  assert.deepEqual(tableColumns(data.score).map((m) => m.key), ['accuracy', 'log_loss', 'auc']);
  assert.equal(axisMetric('auc', data.variants), 'auc');
  assert.equal(axisTitle('accuracy', data.score), 'test accuracy');
});

test('metrics print as a learner reads them: accuracy in percent, other scores as numbers', () => {
  assert.equal(formatMetric('accuracy', 0.8421), '84.2%');
  assert.equal(formatMetric('r2', 0.98912), '0.989');
  assert.equal(formatMetric('r2', -0.5), '-0.500');
  assert.equal(formatMetric('rmse', 1234.56), '1,235');
  assert.equal(formatMetric('rmse', 12.345), '12.3');
  assert.equal(formatMetric('auc', null), '–');
  assert.equal(formatChange('accuracy', -0.012), '-1.2');
  assert.equal(formatChange('r2', 0.0123), '+0.012');
  assert.equal(formatChange('r2', -0.0001), '+0.000');
  assert.equal(formatChange('accuracy', -0.0001), '+0.0');
});
