// "What to notice" lines: a template's {names} filled from a run's numbers, each quantity in
// its one format (scores as percents with one decimal, gaps and losses with 3 decimals, λ with 3
// significant digits, epochs whole); names the values lack stay visible; the values come from
// real result shapes (metrics, history, early stopping, a path with cross-validation).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLambda, formatQuantity, renderNotice } from '../../build/js-test/widgets/model/notice.js';
import { lossCurveValues, pathValues, penaltyName, scheduleValues } from '../../build/js-test/widgets/model/notice-values.js';

test('each quantity has one format', () => {
  assert.equal(formatQuantity({ quantity: 'score', value: 0.87913 }), '87.9%');
  assert.equal(formatQuantity({ quantity: 'score', value: 0.87913, plain: true }), '0.879');
  assert.equal(formatQuantity({ quantity: 'gap', value: 0.05234 }), '0.052');
  assert.equal(formatQuantity({ quantity: 'loss', value: 0.4193388 }), '0.419');
  assert.equal(formatQuantity({ quantity: 'count', value: 42 }), '42');
  assert.equal(formatQuantity({ quantity: 'text', value: 'Plain network' }), 'Plain network');
  assert.equal(formatQuantity({ quantity: 'count', value: null }), '');
  assert.equal(formatLambda(0.01), '0.01');
  assert.equal(formatLambda(0.25713444908569477), '0.257');
  assert.equal(formatLambda(0.000025713444908569478), '2.57e-5');
  assert.equal(formatLambda(257.13), '257');
});

test('a template is filled; unknown names stay as written; an empty value takes its space along', () => {
  const values = { reference_gap: { quantity: 'gap', value: 0.081 }, compared_gap: { quantity: 'gap', value: 0.0234 } };
  assert.equal(renderNotice('Dropout cut the gap from {reference_gap} to {compared_gap}.', values), 'Dropout cut the gap from 0.081 to 0.023.');
  assert.equal(renderNotice('See {nothing}.', values), 'See {nothing}.');
  assert.equal(renderNotice('Best epoch {b}.', { b: { quantity: 'count', value: null } }), 'Best epoch.');
});

const run = (train, val, test, extra = {}) => ({
  data: { task: 'binary' },
  metrics: { train: { accuracy: train, log_loss: 0.3 }, validation: { accuracy: val, log_loss: 0.45 }, test: { accuracy: test, log_loss: 0.5 } },
  history: [{ epoch: 1, loss: 0.6, val_loss: 0.6 }, { epoch: 2, loss: 0.4, val_loss: 0.5 }],
  ...extra,
});

test('loss curves: reference and compared runs, gaps from the final metrics, early stopping\'s epochs', () => {
  const values = lossCurveValues({ label: 'Plain network', result: run(0.9, 0.8, 0.79) },
    { label: 'With dropout', result: run(0.85, 0.82, 0.81, { early_stopping: { best_epoch: 37, epochs_run: 57 } }) });
  const line = renderNotice('{compared}: gap {reference_gap} → {compared_gap}; validation {reference_val_score} → {compared_val_score}; '
    + 'test {compared_test_score}; loss {compared_val_loss}; {reference_epochs} vs {compared_epochs} epochs, best {compared_best_epoch}', values);
  assert.equal(line, 'With dropout: gap 0.100 → 0.030; validation 80.0% → 82.0%; test 81.0%; loss 0.450; 2 vs 57 epochs, best 37');
  assert.equal(values.reference_best_epoch.value, null, 'no early stopping: no best epoch');
  const alone = lossCurveValues({ label: 'Only', result: run(0.9, 0.8, 0.79) }, null);
  assert.equal(alone.compared_gap.value, null);
});

test('schedules: the lowest and highest final validation loss', () => {
  const a = run(0.9, 0.8, 0.8), b = run(0.9, 0.85, 0.8);
  b.metrics.validation.log_loss = 0.41;
  const v = scheduleValues([{ label: 'constant', result: a }, { label: 'cosine', result: b }, { label: 'not run', result: undefined }]);
  assert.equal(renderNotice('{best} ({best_val_loss}, {best_val_score}) beat {worst} ({worst_val_loss})', v), 'cosine (0.410, 85.0%) beat constant (0.450)');
});

test('the path: the fit nearest the slider\'s λ, the penalty in words, cross-validation\'s pick', () => {
  const row = (lambda, nonzero, acc) => ({ lambda, nonzero, coefficients: { a: nonzero > 0 ? 1 : 0, b: nonzero > 1 ? 1 : 0, c: 0 }, train: { accuracy: acc }, validation: { accuracy: acc - 0.01 } });
  const result = { data: { task: 'binary' }, path: [row(1, 0, 0.6), row(0.1, 1, 0.75), row(0.01, 2, 0.8)], cv: { lambda_min: 0.1, index_min: 1, lambda_1se: 1, index_1se: 0, mean: [], se: [], folds: 5 } };
  const v = pathValues(result, 0.012, 1);
  assert.equal(renderNotice('At λ = {lambda} {penalty} keeps {nonzero} of {features}; CV picks {best_lambda} ({best_score}).', v),
    'At λ = 0.01 lasso (L1) keeps 2 of 3; CV picks 0.1 (74.0%).');
  assert.deepEqual([0, 0.5, 1].map(penaltyName), ['ridge (L2)', 'elastic net', 'lasso (L1)']);
  assert.equal(pathValues({ path: [] }, 1, 0), null);
});
