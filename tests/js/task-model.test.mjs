// The web shell's reading of task kinds (web/src/widgets/model/task.ts): what a result's task
// is and how per-class coefficients are read; and what a learner's regression target does to
// the widget's linear models (experiments.ts, by the engine's in-place-of rule). Which metrics
// each kind shows is the engine's: tests/js/engine-vocabulary.test.mjs holds the shell to it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coefficientsFor, metricOf, perClass, taskOf } from '../../build/js-test/widgets/model/task.js';
import { experimentKey, withLearnerSettings } from '../../build/js-test/widgets/model/experiments.js';
import { pathFeatures } from '../../build/js-test/widgets/model/path.js';

const iris = {
  data: { task: 'multiclass', classes: ['setosa', 'versicolor', 'virginica'] },
  metrics: { test: { accuracy: 0.96, log_loss: 0.1, f1_macro: 0.95 } },
};

test('a result names its task; results without one are binary', () => {
  assert.deepEqual(taskOf(iris), { kind: 'multiclass', classes: ['setosa', 'versicolor', 'virginica'] });
  assert.deepEqual(taskOf({ data: { task: 'regression', classes: ['x'] } }), { kind: 'regression', classes: [] });
  assert.deepEqual(taskOf({ data: { task: 'something else' } }).kind, 'binary');
  assert.deepEqual(taskOf(undefined).kind, 'binary');
});

test('a metric of one split of a result, or null', () => {
  assert.equal(metricOf(iris, 'test', 'f1_macro'), 0.95);
  assert.equal(metricOf(iris, 'train', 'accuracy'), null);
});

test('per-class coefficients are read one class at a time; flat ones as they are', () => {
  const multi = { setosa: { a: 1, b: 0 }, virginica: { a: -2, b: 3 } };
  assert.equal(perClass(multi), true);
  assert.deepEqual(coefficientsFor(multi, 'virginica'), { a: -2, b: 3 });
  assert.deepEqual(coefficientsFor(multi, 'no such class'), { a: 1, b: 0 });
  const flat = { a: 0.5, b: 0 };
  assert.equal(perClass(flat), false);
  assert.deepEqual(coefficientsFor(flat, 'setosa'), flat);
  assert.deepEqual(pathFeatures([{ lambda: 1, coefficients: multi, nonzero: 3 }]), ['a', 'b']);
});

test('a regression target turns the widget\'s logistic models into least squares with the same penalty; other models stay', () => {
  const spec = {
    dataset: { csv: 'data/t.csv', target: 'survived', positive: 'yes' },
    model: { type: 'logistic_regression', lambda: 0.01 },
    experiments: {
      regularization: { model: { type: 'logistic_regression', lambda: 0.1, l1_ratio: 1, path: { n_lambda: 20 } } },
      dropout: { model: { type: 'mlp', dropout: 0.3 } },
      plain: { train: { epochs: 3 } },
    },
  };
  const data = { name: 'prices.csv', text: 'x,price\n1,2.5\n', target: 'price', task: 'regression' };
  const out = withLearnerSettings(spec, undefined, data);
  assert.deepEqual(out.model, { type: 'linear_regression', lambda: 0.01 });
  assert.deepEqual(out.experiments.regularization.model, { type: 'linear_regression', lambda: 0.1, l1_ratio: 1, path: { n_lambda: 20 } });
  assert.equal(out.experiments.dropout.model.type, 'mlp');
  assert.deepEqual(out.experiments.plain, { train: { epochs: 3 } });
  assert.equal(spec.model.type, 'logistic_regression', 'the widget file is not modified');
  // A classification target keeps the logistic models.
  assert.equal(withLearnerSettings(spec, undefined, { ...data, task: 'multiclass' }).experiments.regularization.model.type, 'logistic_regression');
  // The task is part of a result's key.
  assert.notEqual(experimentKey('{}', 'regularization', {}, data), experimentKey('{}', 'regularization', {}, { ...data, task: 'multiclass' }));
});

test('a regression target turns the explorer\'s logistic variants into least squares, renamed, with the teacher references following', () => {
  const spec = {
    dataset: { csv: 'data/t.csv', target: 'survived' },
    model: { type: 'mlp', hidden: [8] },
    variants: [
      { name: 'L1 logistic regression', model: { type: 'logistic_regression', lambda: 0.01, l1_ratio: 1 } },
      { name: 'logistic', model: { type: 'logistic_regression' } },
      { name: 'linear', model: { type: 'decision_tree' } },
      { name: 'Student', model: { type: 'mlp', hidden: [4] }, compress: { distill: { teacher: 'L1 logistic regression', temperature: 2 } } },
      { name: 'MLP int8', compress: { quantize: { bits: 8 } } },
    ],
  };
  const data = { name: 'prices.csv', text: 'x,price\n1,2.5\n', target: 'price', task: 'regression' };
  const out = withLearnerSettings(spec, undefined, data);
  assert.deepEqual(out.variants[0], { name: 'L1 linear regression', model: { type: 'linear_regression', lambda: 0.01, l1_ratio: 1 } });
  // A new name another variant already has is not taken: the name stays.
  assert.deepEqual(out.variants[1], { name: 'logistic', model: { type: 'linear_regression' } });
  assert.deepEqual(out.variants[3].compress.distill, { teacher: 'L1 linear regression', temperature: 2 });
  assert.deepEqual(out.variants.slice(2).map((v) => v.name), ['linear', 'Student', 'MLP int8']);
  assert.equal(out.variants[4].model, undefined, 'a variant without a model patch keeps none');
  assert.equal(spec.variants[0].name, 'L1 logistic regression', 'the widget file is not modified');
  // Classes keep every variant as it is.
  assert.deepEqual(withLearnerSettings(spec, undefined, { ...data, task: 'multiclass' }).variants, spec.variants);
});
