// What a chart hands to uPlot (web/src/widgets/charts/drawable.ts): values that would make
// uPlot's tick loop run away become gaps or floors. tests/e2e/chart-limits.test.mjs shows, in
// Chromium, that uPlot throws on the raw values and draws the sanitized ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_DRAWN, MIN_LOG_DRAWN, drawable, logScalesOf } from '../../build/js-test/widgets/charts/drawable.js';

test('log scales are found from the options: the x scale and each series by its scale key', () => {
  const options = {
    scales: { x: { distr: 3 }, y: {}, rate: { distr: 3 } },
    series: [{}, { label: 'loss' }, { label: 'lr', scale: 'rate' }],
  };
  assert.deepEqual(logScalesOf(options), { x: true, series: [false, false, true] });
  assert.deepEqual(logScalesOf({ series: [{}, {}] }), { x: false, series: [false, false] });
  assert.deepEqual(logScalesOf({ scales: { y: { distr: 3 } }, series: [{}, {}] }), { x: false, series: [false, true] });
});

test('linear axes: non-finite values are gaps, huge ones are clamped; log axes: nothing below the floor', () => {
  const data = [[1, 2, 3, 4], [0.5, Infinity, -1e300, NaN], [1e-100, 0, -2, 0.01]];
  const out = drawable(data, { x: false, series: [false, false, true] });
  assert.deepEqual(out[0], [1, 2, 3, 4]);
  assert.deepEqual(out[1], [0.5, null, -MAX_DRAWN, null]);
  assert.deepEqual(out[2], [null, null, null, 0.01]);
  // A log x axis keeps every point (x cannot have gaps): tiny values sit on the floor.
  assert.deepEqual(drawable([[1e-40, 0.1], [1, 2]], { x: true, series: [false, false] })[0], [MIN_LOG_DRAWN, 0.1]);
  // Without log information only the linear rules apply; nulls stay gaps.
  assert.deepEqual(drawable([[1, 2], [1e-100, null]])[1], [1e-100, null]);
  assert.ok(MIN_LOG_DRAWN >= 1e-20, 'uPlot 1.6 breaks below about 1e-24 (see chart-limits.test.mjs)');
});
