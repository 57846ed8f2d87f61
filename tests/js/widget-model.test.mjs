// The widgets' DOM-free logic and what they ask the engine (the real wasm module under Node):
// controls built from the engine's declarations and option paths narrowed by the widget file,
// which experiments a panel's controls change, the engine's experiment specs with a learner's
// values, the learner-CSV preview, and the trade-off explorer's budget, scenario and sweep.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { controlModel, declaredAt, fitValue, parseControlValue } from '../../build/js-test/widgets/model/options.js';
import {
  controlledExperiments, experimentKey, experimentPatch, getPath, withLearnerSettings,
} from '../../build/js-test/widgets/model/experiments.js';
import { targetLabel, targetProblem } from '../../build/js-test/widgets/model/csv-target.js';
import { BudgetRanker, compressible, missTexts, missesOf, scenarioReason, steppedValues, sweepSpec } from '../../build/js-test/widgets/model/tradeoff.js';
import { nearestPathIndex, outsidePath } from '../../build/js-test/widgets/model/path.js';

const skipWasm = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');

const lab = JSON.parse(readFileSync(new URL('../../widgets/optimization_lab.titanic.json', import.meta.url), 'utf8'));
const tradeoff = JSON.parse(readFileSync(new URL('../../widgets/performance_tradeoff.titanic.json', import.meta.url), 'utf8'));
const panel = (id) => lab.widget.panels.find((p) => p.id === id);
const labText = JSON.stringify(lab);

// These tests ask the wasm engine, not a copy (skipped without the build outside CI, failing
// under CI).
let engine;
let schema;
before(async () => {
  if (skipWasm) return;
  engine = await loadEngine();
  schema = JSON.parse(engine.options()).options;
});
const ask = (text) => {
  const answer = JSON.parse(text);
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  return answer;
};
const optionPath = (path, spec = '', name = '') => ask(engine.optionPaths(spec, JSON.stringify([[path, name]]))).paths[0];
const specOf = (name, values = {}, spec = labText) => ask(engine.experimentSpec(spec, name, JSON.stringify(values))).spec;

test('every control of the lesson\'s widget files gets its range from the engine, narrowed by the file', { skip: skipWasm }, () => {
  for (const p of lab.widget.panels) {
    for (const c of p.controls) {
      const found = optionPath(c.option, labText, p.experiments[0]);
      assert.equal(found.ok, true, `${p.id}: ${c.option} is declared for ${p.experiments[0]}`);
      const decl = found.option;
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
  for (const c of tradeoff.widget.controls) assert.ok(declaredAt(schema, `variants.${c.option}`), c.option);
  const lambda = controlModel(optionPath('model.lambda', labText, 'regularization').option, panel('regularization').controls[0]);
  assert.deepEqual([lambda.min, lambda.max, lambda.scale], [0.0001, 10, 'log']);
});

test('a control without a finite range or of a non-scalar option is refused with a reason', { skip: skipWasm }, () => {
  assert.throws(() => controlModel(optionPath('model.mlp.hidden').option, { option: 'model.hidden', label: 'x' }), /cannot be a control/);
  assert.throws(() => controlModel(declaredAt(schema, 'train.weight_decay'), { option: 'train.weight_decay', label: 'x', min: 0 }), /log scale needs min > 0/);
  assert.throws(() => controlModel(null, { option: 'model.nope', label: 'x' }), /declares no such option/);
  const dropout = controlModel(optionPath('model.mlp.dropout').option, { option: 'model.dropout', label: 'x' });
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

test('the engine resolves option paths: model.<type>.x is held at model.x, and model.x follows the experiment\'s type', { skip: skipWasm }, () => {
  const named = optionPath('model.mlp.dropout');
  assert.deepEqual([named.ok, named.option.name, named.spec_path], [true, 'dropout', 'model.dropout']);
  assert.equal(optionPath('model.dropout', labText, 'dropout').spec_path, 'model.dropout');
  const wrongType = optionPath('model.dropout', labText, 'regularization');
  assert.equal(wrongType.ok, false);
  assert.match(wrongType.error.message, /logistic_regression/);
  assert.equal(wrongType.error.field, 'model.dropout');
  assert.match(optionPath('train.speed').error.message, /no engine option 'speed'/);
  // Plain sections need no engine: the declaration tree the page already holds.
  assert.equal(declaredAt(schema, 'split.seed').name, 'seed');
  assert.equal(declaredAt(schema, 'model.dropout'), null, 'a model option is the engine\'s to resolve');
});

test('one call answers for all of a widget\'s experiments or controls, as the single questions do', { skip: skipWasm }, () => {
  const names = ['', 'dropout', 'regularization'];
  const { specs } = ask(engine.experimentSpecs(labText, JSON.stringify(names)));
  for (const name of names) assert.deepEqual(specs[name], specOf(name), name || 'the own run');
  const { paths } = ask(engine.optionPaths(labText, JSON.stringify([['model.dropout', 'dropout'], ['model.dropout', 'regularization']])));
  assert.deepEqual([paths[0].ok, paths[0].spec_path, paths[1].ok], [true, 'model.dropout', false]);
  assert.equal(JSON.parse(engine.experimentSpecs(labText, '["nowhere"]')).error.field, 'experiments.nowhere');
});

test('a panel\'s controls change its experiments but not its reference (at the engine defaults)', { skip: skipWasm }, () => {
  const defaults = { 'model.dropout': 0, 'model.batch_norm': false, 'train.weight_decay': 0, 'train.learning_rate': 0.001 };
  const valuesOf = (keys) => (name) => Object.fromEntries(keys.map((k) => [k, getPath(specOf(name), k)]));
  const pick = (keys) => Object.fromEntries(keys.map((k) => [k, defaults[k]]));
  const dropout = controlledExperiments(panel('dropout').experiments, valuesOf(['model.dropout']), pick(['model.dropout']));
  assert.deepEqual(dropout, { changed: ['dropout'], references: ['no_dropout'] });
  const bnKeys = ['model.batch_norm', 'train.weight_decay', 'train.learning_rate'];
  const bn = controlledExperiments(panel('batchnorm_weight_decay').experiments, valuesOf(bnKeys), pick(bnKeys));
  assert.deepEqual(bn, { changed: ['batchnorm_weight_decay'], references: ['no_dropout'] });
  const schedules = controlledExperiments(panel('schedules').experiments, valuesOf(['train.learning_rate']), pick(['train.learning_rate']));
  assert.deepEqual(schedules.changed, panel('schedules').experiments);
});

test('the engine\'s experiment spec: another model type replaces the model; learner values go where the spec holds them', { skip: skipWasm }, () => {
  const spec = specOf('dropout');
  assert.equal(spec.model.type, 'mlp');
  assert.equal(spec.model.lambda, undefined, 'no logistic-regression option leaks into the MLP');
  assert.equal(spec.widget, undefined);
  assert.equal(specOf('dropout', { 'model.mlp.dropout': 0.6 }).model.dropout, 0.6);
  const bad = JSON.parse(engine.experimentSpec(labText, 'dropout', JSON.stringify({ 'model.dropout': 1 })));
  assert.equal(bad.ok, false);
  assert.match(bad.error.field, /model\.dropout/);
  assert.equal(JSON.parse(engine.experimentSpec(labText, 'nowhere', '')).error.field, 'experiments.nowhere');
  // The run's spec: just the named experiments, each patch with its values, no widget section.
  const run = ask(engine.runSpec(labText, JSON.stringify({ dropout: { 'model.dropout': 0.6 } }))).spec;
  assert.deepEqual(Object.keys(run.experiments), ['dropout']);
  assert.equal(run.widget, undefined);
  assert.equal(run.experiments.dropout.model.dropout, 0.6);
  assert.deepEqual(specOf('dropout', {}, JSON.stringify(run)), specOf('dropout', { 'model.dropout': 0.6 }), 'runs as the experiment with those values');
  assert.equal(lab.experiments.dropout.model.dropout, 0.3, 'the file is not modified');
  assert.equal(experimentPatch(lab, 'dropout').model.dropout, 0.3);
  assert.notEqual(experimentKey(labText, 'dropout', { 'model.dropout': 0.6 }, null), experimentKey(labText, 'dropout', {}, null));
});

test('a learner\'s CSV replaces the dataset and drops the lesson\'s column lists; the seed goes into the split', { skip: skipWasm }, () => {
  const data = { name: 'mine.csv', text: 'a,b\n1,x\n', target: 'b' };
  const mine = withLearnerSettings(lab, 7, data);
  assert.deepEqual(mine.dataset, { csv: 'mine.csv', target: 'b' });
  assert.equal(mine.preprocess.log1p, undefined);
  assert.equal(mine.split.seed, 7);
  assert.equal(lab.dataset.features.length > 0, true, 'the file is not modified');
  const engineSpec = specOf('regularization', {}, JSON.stringify(mine));
  assert.deepEqual([engineSpec.dataset.csv, engineSpec.dataset.target, engineSpec.split.seed], ['mine.csv', 'b', 7]);
  assert.notEqual(experimentKey(labText, 'x', {}, data), experimentKey(labText, 'x', {}, { ...data, text: 'a,b\n2,y\n' }));
});

test('the engine\'s CSV preview gives each column its task; the picker explains the others; bad files name file:line:col', { skip: skipWasm }, () => {
  const preview = ask(engine.previewCsv('\uFEFFage,"name, full",survived\r\n22,"Smith, ""J""",yes\r\n30,Doe,no\r\n,X,yes\r\n', 'people.csv')).preview;
  assert.deepEqual(preview.columns.map((c) => c.name), ['age', 'name, full', 'survived']);
  assert.deepEqual(preview.columns.map((c) => c.kind), ['number', 'text', 'text']);
  assert.equal(preview.rows, 3);
  // Three text values are three classes; age has two values here.
  assert.deepEqual(preview.columns.map((c) => c.task), ['binary', 'multiclass', 'binary']);
  assert.deepEqual(preview.targets, ['age', 'name, full', 'survived']);
  assert.deepEqual(preview.head[0], ['22', 'Smith, "J"', 'yes']);
  assert.equal(targetProblem(preview, 'survived'), null);
  assert.equal(targetProblem(preview, 'name, full'), null);
  assert.equal(targetLabel(preview.columns[1]), 'name, full (3 classes)');
  const single = ask(engine.previewCsv('x,y\n1,a\n2,a\n', 's.csv')).preview;
  assert.equal(targetProblem(single, 'y'), 'The target "y" cannot be predicted: target \'y\' has only one class (\'a\'); a classifier needs two.');
  assert.equal(targetLabel(single.columns[1]), 'y (cannot be a target)');
  // A number with fractions is regression; a gap in it is named by its line.
  const prices = ask(engine.previewCsv('x,price\n1,2.5\n2,\n3,4.25\n4,6.5\n', 'p.csv')).preview;
  assert.equal(prices.columns[1].task, null);
  assert.equal(targetProblem(prices, 'price'), 'The target "price" cannot be predicted: p.csv:3: the regression target \'price\' is empty in this row; fill it in or remove the row.');
  const filled = ask(engine.previewCsv('x,price\n1,2.5\n2,3.75\n3,4.25\n', 'p.csv')).preview;
  assert.equal(targetLabel(filled.columns[1]), 'price (a number: regression)');
  const error = (text) => describe(JSON.parse(engine.previewCsv(text, 'f.csv')).error);
  const describe = (e) => `${e.file}:${e.line}:${e.column}: ${e.message}`;
  assert.match(error(''), /^f\.csv:1:1: empty CSV file/);
  assert.match(error('only_one_column\n1\n'), /^f\.csv:1:1: a dataset needs at least two columns/);
  assert.match(error('a,b\n'), /no data rows/);
  assert.match(error('a,a\n1,2\n'), /duplicate column name 'a'/);
  assert.match(error('a,b\n1,x"y\n'), /^f\.csv:2:4: quote inside an unquoted field/);
  assert.match(error('x,y\n1,a\n2,a\nthree,b\n'), /^f\.csv:4:0: column 'x' holds numbers but this row has 'three'/);
});

test('the λ slider reads the nearest fitted λ and says when it is off the path', () => {
  const rows = [1, 0.1, 0.01, 0.001].map((lambda) => ({ lambda, coefficients: {}, nonzero: 0 }));
  assert.equal(nearestPathIndex(rows, 0.02), 2);
  assert.equal(nearestPathIndex(rows, 5), 0);
  assert.equal(outsidePath(rows, 5), 'above');
  assert.equal(outsidePath(rows, 0.0001), 'below');
  assert.equal(outsidePath(rows, 0.05), null);
});

const row = (name, accuracy, us, bytes) => ({ name, model: 'mlp', compress: null, score: accuracy, loss: 0.5, accuracy, log_loss: 0.5, latency: { single_median_us: us, single_p90_us: us, batch_median_us: us * 100, batch_p90_us: us * 100, batch_rows: 100 }, latency_ms: us / 1000, size_bytes: bytes, size_kb: bytes / 1024, parameters: 10, nonzero: 10 });

// Which variants fit is the engine's (rankBudget); the explorer words its misses and asks again
// only when the rows or the budget change.
test('a budget\'s misses are worded from the engine\'s ranking, asked once per budget', async () => {
  const variants = [row('big', 0.85, 50, 60000), row('small', 0.8, 2, 500), row('tiny', 0.7, 1, 100)];
  const ranking = { best: 'small', ranking: [
    { rank: 1, name: 'small', fits: true, misses: [] }, { rank: 2, name: 'tiny', fits: true, misses: [] },
    { rank: 3, name: 'big', fits: false, misses: [{ constraint: 'max_size_kb', value: 58.59375, limit: 8 }] }] };
  assert.deepEqual(missTexts(variants[0], missesOf(ranking, 'big')), ['size 58.6 KB > 8.00 KB']);
  assert.deepEqual(missTexts(variants[1], [{ constraint: 'max_latency_ms', value: 0.002, limit: 0.0015 }]), ['latency 2.0 µs > 1.5 µs']);
  assert.deepEqual(missesOf(null, 'big'), []);
  const asked = [];
  let ready = 0;
  const ranker = new BudgetRanker(async (rows, budget) => { asked.push(budget); return ranking; }, () => { ready++; });
  assert.equal(ranker.get(variants, { max_size_kb: 8 }), null);
  assert.equal(ranker.get(variants, { max_size_kb: 8 }), null, 'the same question is asked once');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(ready, 1);
  assert.equal(ranker.get(variants, { max_size_kb: 8 }), ranking);
  assert.equal(ranker.get(variants, { max_size_kb: 4 }), ranking, 'the last answer stands until the next arrives');
  assert.deepEqual(asked, [{ max_size_kb: 8 }, { max_size_kb: 4 }]);
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
