// The explorer's budget sliders (web/src/widgets/tradeoff/choice-view.ts on control-view.ts, in
// jsdom): a latency limit reads in the table's units (µs or ms, formatMicros), its range too,
// a size limit in B/KB, the score as the table prints it; the range covers both the measured
// variants and the lesson's scenario limits, so a scenario's limit sits on the slider.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import './helpers/dom-env.mjs';

const { budgetModels, budgetFormat } = await import('../../build/js-test/widgets/tradeoff/choice-view.js');
const { createControl } = await import('../../build/js-test/widgets/controls/control-view.js');
const { formatBytes, formatMicros, formatMetric } = await import('../../build/js-test/widgets/model/tradeoff.js');

// The declared scenario constraints, as the engine's options() gives them (the parts read here).
const schema = { name: 'spec', options: [{ name: 'scenarios', type: 'object list', fields: { name: 'scenario', options: [{
  name: 'constraints', type: 'object', fields: { name: 'constraints', options: [
    { name: 'max_latency_ms', type: 'number', min: 0, max: 60000, doc: 'Slowest allowed latency per row.' },
    { name: 'max_size_kb', type: 'number', min: 0, max: 1e6, doc: 'Largest allowed model.' },
    { name: 'min_accuracy', type: 'number', min: 0, max: 1, doc: 'Lowest allowed main score.' },
  ] },
}] } }] };

const ACCURACY = { kind: 'binary', name: 'accuracy', loss: 'log_loss', what: '', label: 'accuracy' };
const row = (name, us, bytes, score) => ({ name, score, size_bytes: bytes, latency: { single_median_us: us, single_p90_us: us, batch_median_us: us, batch_rows: 10 } });
// Latencies of tens of nanoseconds to microseconds, as the explorer measures its small models.
const variants = [row('Logistic regression', 0.13, 66, 0.806), row('MLP fp32', 5.6, 70_000, 0.821), row('Pruned tree', 0.082, 119, 0.825)];
const scenarios = [{ name: 'real-time', title: 'Real-time API', constraints: { max_latency_ms: 1 } }, { name: 'edge', title: 'Edge', constraints: { max_size_kb: 8 } }];

test('the latency limit is shown in the table\'s unit, its range too', () => {
  const models = budgetModels(schema, variants, ACCURACY, scenarios);
  const latency = models.max_latency_ms;
  assert.equal(latency.label, 'Max latency per row');
  const control = createControl(latency, 1, { change() {} });
  const text = (selector) => control.element.querySelector(selector).textContent;
  // 1 ms (the real-time scenario's limit) reads as the table would print 1000 µs.
  assert.equal(text('output'), formatMicros(1000));
  assert.equal(text('output'), '1.00 ms');
  assert.equal(control.element.querySelector('input').getAttribute('aria-valuetext'), '1.00 ms');
  // The range, in the same unit: from half the fastest variant to twice the slowest limit.
  assert.equal(text('.control-range'), `${formatMicros(0.082 / 2)} – ${formatMicros(2000)} (log)`);
  assert.match(text('.control-range'), /^0\.041 µs – 2\.00 ms \(log\)$/);
  // Every table value and scenario limit lies inside the slider's range.
  for (const v of variants) assert.ok(v.latency.single_median_us / 1000 >= latency.min && v.latency.single_median_us / 1000 <= latency.max);
  assert.ok(latency.min <= 1 && 1 <= latency.max, 'the scenario\'s 1 ms is on the slider');
});

test('moving the slider shows each value in µs or ms, as the table does', () => {
  const latency = budgetModels(schema, variants, ACCURACY, scenarios).max_latency_ms;
  const seen = [];
  const control = createControl(latency, latency.max, { input: (v) => seen.push(v), change() {} });
  const input = control.element.querySelector('input');
  for (const position of [0, Math.round(Number(input.max) / 2), Number(input.max)]) {
    input.value = String(position);
    input.dispatchEvent(new window.Event('input'));
    const ms = seen.at(-1);
    assert.equal(control.element.querySelector('output').textContent, formatMicros(ms * 1000));
  }
  assert.match(control.element.querySelector('output').textContent, /ms$/);
  input.value = '0';
  input.dispatchEvent(new window.Event('input'));
  assert.match(control.element.querySelector('output').textContent, /µs$/);
});

test('size in B/KB and the score as the table prints them; without scenarios the range is the measured one', () => {
  const models = budgetModels(schema, variants, ACCURACY);
  assert.equal(models.max_size_kb.label, 'Max model size');
  const size = createControl(models.max_size_kb, 8, { change() {} });
  assert.equal(size.element.querySelector('output').textContent, formatBytes(8 * 1024));
  assert.equal(size.element.querySelector('.control-range').textContent, `${formatBytes(33)} – ${formatBytes(140_000)} (log)`);
  const score = createControl(models.min_accuracy, 0.8, { change() {} });
  assert.equal(score.element.querySelector('output').textContent, formatMetric('accuracy', 0.8));
  assert.equal(budgetFormat('min_accuracy', { ...ACCURACY, name: 'r2', label: 'R²' })(0.75), '0.750');
  assert.ok(models.max_latency_ms.max < 1, 'no scenario: the range follows the variants alone');
});

test('a variant the clock could not time (0 µs) gives no latency slider range of zeros', () => {
  const models = budgetModels(schema, [row('a', 0, 10, 0.5), row('b', 0, 20, 0.6)], ACCURACY);
  assert.equal(models.max_latency_ms, undefined);
});
