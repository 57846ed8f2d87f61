// The widgets' DOM-free logic: controls built from the engine's own declarations (options()
// of the wasm module) narrowed by the widget file, which experiments a panel's controls
// change, the learner-CSV preview, and the trade-off explorer's budget, scenario and sweep.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { controlModel, findOption, fitValue, parseControlValue, specPath } from '../../build/js-test/widgets/model/options.js';
import {
  controlledExperiments, datasetPatch, experimentKey, experimentSpec, getPath, panelRunSpec, patchWithValues,
} from '../../build/js-test/widgets/model/experiments.js';
import { binaryColumns, previewCsv, targetProblem } from '../../build/js-test/widgets/model/csv-preview.js';
import { bestWithin, budgetMisses, compressible, scenarioReason, steppedValues, sweepSpec } from '../../build/js-test/widgets/model/tradeoff.js';
import { nearestPathIndex, outsidePath } from '../../build/js-test/widgets/model/path.js';

const lab = JSON.parse(readFileSync(new URL('../../widgets/optimization_lab.titanic.json', import.meta.url), 'utf8'));
const tradeoff = JSON.parse(readFileSync(new URL('../../widgets/performance_tradeoff.titanic.json', import.meta.url), 'utf8'));
const skipWasm = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');
const panel = (id) => lab.widget.panels.find((p) => p.id === id);

let declared = null;
async function options() {
  if (!declared) declared = JSON.parse((await loadEngine()).options()).options;
  return declared;
}

test('every control of the lesson\'s widget files gets its range from the engine, narrowed by the file', { skip: skipWasm }, async () => {
  const schema = await options();
  for (const p of lab.widget.panels) {
    for (const c of p.controls) {
      const type = getPath(experimentSpec(lab, p.experiments[0]), 'model.type');
      const decl = findOption(schema, c.option, type);
      assert.ok(decl, `${p.id}: ${c.option} is declared`);
      const m = controlModel(decl, c);
      if (decl.type === 'boolean') {
        assert.equal(m.kind, 'boolean');
        continue;
      }
      assert.equal(m.min, Math.max(decl.min, c.min ?? -Infinity), `${c.option} min`);
      assert.ok(m.max <= decl.max && m.max <= (c.max ?? Infinity), `${c.option} max ${m.max}`);
      assert.equal(m.scale, c.scale ?? decl.scale ?? 'linear');
    }
  }
  for (const c of tradeoff.widget.controls) assert.ok(findOption(schema, `variants.${c.option}`), c.option);
  const lambda = controlModel(findOption(schema, 'model.lambda', 'logistic_regression'), panel('regularization').controls[0]);
  assert.deepEqual([lambda.min, lambda.max, lambda.scale], [0.0001, 10, 'log']);
});

test('a control without a finite range or of a non-scalar option is refused with a reason', { skip: skipWasm }, async () => {
  const schema = await options();
  assert.throws(() => controlModel(findOption(schema, 'model.hidden', 'mlp'), { option: 'model.hidden', label: 'x' }), /cannot be a control/);
  assert.throws(() => controlModel(findOption(schema, 'train.weight_decay'), { option: 'train.weight_decay', label: 'x', min: 0 }), /log scale needs min > 0/);
  assert.throws(() => controlModel(null, { option: 'model.nope', label: 'x' }), /declares no such option/);
  const dropout = controlModel(findOption(schema, 'model.dropout', 'mlp'), { option: 'model.dropout', label: 'x' });
  assert.ok(dropout.max < 1, 'the exclusive upper bound 1 is not reachable');
});

test('values from a link are checked against the control, not clamped', () => {
  const m = { option: 'model.dropout', label: '', help: '', kind: 'number', min: 0, max: 0.8, step: 0.05, scale: 'linear', choices: [], declaredDefault: 0 };
  assert.equal(parseControlValue(m, '0.45'), 0.45);
  assert.equal(parseControlValue(m, '0.9'), undefined);
  assert.equal(parseControlValue(m, 'abc'), undefined);
  assert.equal(fitValue(m, 0.4300000001), 0.45);
  assert.equal(parseControlValue({ ...m, kind: 'boolean' }, 'true'), true);
});

test('model.<type>.x paths write model.x', () => {
  const schema = { name: 'spec', options: [{ name: 'model', type: 'variant', variants: { mlp: { name: 'mlp', options: [{ name: 'dropout', type: 'number' }] } } }] };
  assert.equal(specPath(schema, 'model.mlp.dropout'), 'model.dropout');
  assert.equal(specPath(schema, 'model.dropout'), 'model.dropout');
  assert.equal(findOption(schema, 'model.mlp.dropout').name, 'dropout');
  assert.equal(findOption(schema, 'model.dropout', 'mlp').name, 'dropout');
});

test('a panel\'s controls change its experiments but not its reference (at the engine defaults)', () => {
  const defaults = { 'model.dropout': 0, 'model.batch_norm': false, 'train.weight_decay': 0, 'train.learning_rate': 0.001 };
  const valuesOf = (keys) => (name) => Object.fromEntries(keys.map((k) => [k, getPath(experimentSpec(lab, name), k)]));
  const pick = (keys) => Object.fromEntries(keys.map((k) => [k, defaults[k]]));
  const dropout = controlledExperiments(panel('dropout').experiments, valuesOf(['model.dropout']), pick(['model.dropout']));
  assert.deepEqual(dropout, { changed: ['dropout'], references: ['no_dropout'] });
  const bnKeys = ['model.batch_norm', 'train.weight_decay', 'train.learning_rate'];
  const bn = controlledExperiments(panel('batchnorm_weight_decay').experiments, valuesOf(bnKeys), pick(bnKeys));
  assert.deepEqual(bn, { changed: ['batchnorm_weight_decay'], references: ['no_dropout'] });
  const schedules = controlledExperiments(panel('schedules').experiments, valuesOf(['train.learning_rate']), pick(['train.learning_rate']));
  assert.deepEqual(schedules.changed, panel('schedules').experiments);
});

test('an experiment naming another model type replaces the model; learner values patch it', () => {
  const spec = experimentSpec(lab, 'dropout');
  assert.equal(spec.model.type, 'mlp');
  assert.equal(spec.model.lambda, undefined, 'no logistic-regression option leaks into the MLP');
  const patched = patchWithValues(lab.experiments.dropout, { 'model.dropout': 0.6 });
  assert.equal(patched.model.dropout, 0.6);
  assert.equal(lab.experiments.dropout.model.dropout, 0.3, 'the file is not modified');
  const run = panelRunSpec(lab, { dropout: patched }, null);
  assert.deepEqual(Object.keys(run.experiments), ['dropout']);
  assert.equal(run.widget, undefined);
  assert.notEqual(experimentKey(lab, patched, null), experimentKey(lab, lab.experiments.dropout, null));
});

test('a learner\'s CSV replaces the dataset and drops the lesson\'s column lists', () => {
  const data = { name: 'mine.csv', text: 'a,b\n1,x\n', target: 'b' };
  const run = panelRunSpec(lab, {}, data);
  assert.deepEqual(run.dataset, { csv: 'mine.csv', target: 'b' });
  assert.equal(run.preprocess.log1p, undefined);
  assert.equal(datasetPatch(data).dataset.features, null);
  assert.notEqual(experimentKey(lab, {}, data), experimentKey(lab, {}, { ...data, text: 'a,b\n2,y\n' }));
});

test('the CSV preview finds binary targets and explains bad files', () => {
  const preview = previewCsv('\uFEFFage,"name, full",survived\r\n22,"Smith, ""J""",yes\r\n30,Doe,no\r\n,X,yes\r\n');
  assert.deepEqual(preview.columns, ['age', 'name, full', 'survived']);
  assert.equal(preview.rows, 3);
  assert.deepEqual(binaryColumns(preview), ['age', 'survived']);
  assert.equal(targetProblem(preview, 'survived'), null);
  assert.match(targetProblem(preview, 'name, full'), /exactly two values/);
  assert.throws(() => previewCsv(''), /empty/);
  assert.throws(() => previewCsv('only_one_column\n1\n'), /at least two/);
  assert.throws(() => previewCsv('a,b\n'), /no data rows/);
  assert.throws(() => previewCsv('a,a\n1,2\n'), /twice/);
  assert.throws(() => previewCsv('a,\n1,2\n'), /no name/);
  assert.throws(() => previewCsv('PK\u0003\u0004\u0000\u0000,x\n'), /binary/);
});

test('the λ slider reads the nearest fitted λ and says when it is off the path', () => {
  const rows = [1, 0.1, 0.01, 0.001].map((lambda) => ({ lambda, coefficients: {}, nonzero: 0 }));
  assert.equal(nearestPathIndex(rows, 0.02), 2);
  assert.equal(nearestPathIndex(rows, 5), 0);
  assert.equal(outsidePath(rows, 5), 'above');
  assert.equal(outsidePath(rows, 0.0001), 'below');
  assert.equal(outsidePath(rows, 0.05), null);
});

const row = (name, accuracy, us, bytes) => ({ name, model: 'mlp', compress: null, accuracy, log_loss: 0.5, latency: { single_median_us: us, single_p90_us: us, batch_median_us: us * 100, batch_p90_us: us * 100, batch_rows: 100 }, latency_ms: us / 1000, size_bytes: bytes, size_kb: bytes / 1024, parameters: 10, nonzero: 10 });

test('a budget filters variants and picks the most accurate that fits', () => {
  const variants = [row('big', 0.85, 50, 60000), row('small', 0.8, 2, 500), row('tiny', 0.7, 1, 100)];
  assert.deepEqual(budgetMisses(variants[0], { max_size_kb: 8 }), ['size 58.6 KB > 8.00 KB']);
  assert.equal(bestWithin(variants, {}).name, 'big');
  assert.equal(bestWithin(variants, { max_size_kb: 8 }).name, 'small');
  assert.equal(bestWithin(variants, { max_latency_ms: 0.0015 }).name, 'tiny');
  assert.equal(bestWithin(variants, { min_accuracy: 0.9 }), null);
});

test('a scenario\'s choice comes with the reason from the engine\'s ranking', () => {
  const variants = [row('big', 0.85, 50, 60000), row('small', 0.8, 2, 500)];
  const scenario = { name: 'edge', title: 'On a small device', priority: 'size', latency: 'single', weights: { accuracy: 0.3, latency: 0.2, size: 0.5 }, constraints: { max_size_kb: 8 }, method: '',
    ranking: [{ rank: 1, name: 'small', score: 0.9, meets_constraints: true, violations: [] }, { rank: 2, name: 'big', score: 0.3, meets_constraints: false, violations: ['size 58.6 KB > 8 KB'] }] };
  const text = scenarioReason(scenario, variants);
  assert.match(text, /^Best for On a small device: small\. It meets size ≤ 8\.00 KB and has the best weighted score, 0\.90/);
  assert.match(text, /accuracy 30%, latency 20%, size 50%/);
  assert.match(text, /Runner-up: big \(0\.30, misses: size 58\.6 KB > 8 KB\)/);
});

test('the compression sweep trains the chosen MLP at every slider step with the chosen bits', () => {
  const candidates = compressible(tradeoff);
  assert.ok(candidates.every((v) => v.model.type === 'mlp' && !v.compress?.distill));
  const chosen = candidates.find((v) => v.compress?.prune);
  const values = steppedValues(0, 0.95, 0.05);
  assert.equal(values.length, 20);
  assert.equal(values.at(-1), 0.95);
  const spec = sweepSpec(tradeoff, chosen, values, 8);
  assert.equal(spec.variants.length, 20);
  assert.equal(spec.widget, undefined);
  assert.equal(spec.variants[0].compress.prune, undefined, 'step 0 is the unpruned model');
  assert.deepEqual(spec.variants[10].compress, { prune: { ...chosen.compress.prune, sparsity: 0.5 }, quantize: { bits: 8 } });
  assert.equal(new Set(spec.variants.map((v) => v.name)).size, 20, 'unique names');
  assert.equal(sweepSpec(tradeoff, chosen, [0.5], 0).variants[0].compress.quantize, undefined);
});
