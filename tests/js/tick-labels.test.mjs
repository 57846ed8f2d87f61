// Axis tick labels (web/src/widgets/charts/tick-labels.ts): two significant digits unless
// neighbouring ticks would then print the same text, as on the explorer's accuracy axis when
// every variant scores within a point.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distinctTickLabels } from '../../build/js-test/widgets/charts/tick-labels.js';

test('two digits when they tell the ticks apart', () => {
  assert.deepEqual(distinctTickLabels([0.2, 0.4, 0.6, null, 0.8]), ['0.2', '0.4', '0.6', '', '0.8']);
  assert.deepEqual(distinctTickLabels([0.00005, 0.0001, 0.00015], 1000), ['0.05', '0.1', '0.15']);
});

test('a narrow range gets the digits it needs, and no more', () => {
  assert.deepEqual(distinctTickLabels([0.8105, 0.8110, 0.8115, 0.8120]), ['0.8105', '0.811', '0.8115', '0.812']);
  assert.deepEqual(distinctTickLabels([0.812, 0.814, 0.816]), ['0.812', '0.814', '0.816']);
  const labels = distinctTickLabels([0.81, 0.8125, 0.815]);
  assert.equal(new Set(labels).size, labels.length);
});

test('missing and non-finite ticks are blank and do not count', () => {
  assert.deepEqual(distinctTickLabels([null, 1, null, 2]), ['', '1', '', '2']);
  assert.deepEqual(distinctTickLabels([Number.NaN, 0.5]), ['', '0.5']);
});
