// The names widget files use come from the engine (widgetVocabulary): the web shell keeps no
// list of its own, only what it draws for each name, and every name the engine lists is drawn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { AXIS_LABELS } from '../../build/js-test/widgets/model/axis-labels.js';

const skipWasm = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');

const source = (path) => readFileSync(new URL(`../../web/src/${path}`, import.meta.url), 'utf8');
let vocabulary;
before(async () => {
  if (skipWasm) return;
  vocabulary = JSON.parse((await loadEngine()).widgetVocabulary());
});

test('the engine lists widget types, chart kinds, trade-off metrics and budget keys', { skip: skipWasm }, () => {
  assert.equal(vocabulary.ok, true);
  assert.deepEqual(vocabulary.widget_types, ['optimization_lab', 'performance_tradeoff_explorer']);
  assert.ok(vocabulary.chart_kinds.includes('loss_curves'));
  assert.ok(vocabulary.tradeoff_metrics.includes('latency_ms'));
  assert.deepEqual([...vocabulary.budget_keys].sort(), ['max_latency_ms', 'max_size_kb', 'min_accuracy']);
});

test('every trade-off metric the engine measures has an axis title, and no other does', { skip: skipWasm }, () => {
  assert.deepEqual(Object.keys(AXIS_LABELS).sort(), [...vocabulary.tradeoff_metrics].sort());
});

test('every chart kind and widget type the engine accepts has its renderer in the web shell', { skip: skipWasm }, () => {
  // The renderer tables map names to DOM classes, which do not load under Node: read them.
  const charts = source('widgets/optimization-lab/panel-charts.ts');
  const drawn = [...charts.matchAll(/^ {2}(\w+): \(host\) =>/gm)].map((m) => m[1]);
  assert.deepEqual(drawn.sort(), [...vocabulary.chart_kinds].sort());
  const elements = source('widgets/elements.ts');
  const defined = [...elements.matchAll(/define\('(\w+)', \w+Element\)/g)].map((m) => m[1]);
  assert.deepEqual(defined.sort(), [...vocabulary.widget_types].sort());
});
