// ONNX export of trade-off variants: every exportable form of the lesson's explorer, built by
// web/src/export/onnx-model.ts from the engine's model parts, run by ONNX Runtime
// (onnxruntime-node) on the engine's first test rows, gives the engine's predictions (trees
// through ai.onnx.ml's TreeEnsembleRegressor) for binary, multi-class and numeric targets;
// `tools/onnx/export.mjs` writes nothing on bad input.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { INT16_MAX, int8PairSumBound, onnxModel } from '../../build/js-test/export/onnx-model.js';
import { checkWithOnnxRuntime, toleranceOf } from '../../tools/onnx/export.mjs';

// ONNX Runtime's int8 kernels on x86 CPUs without VNNI add pairs of u8 x s8 products in 16 bits
// and saturate: an export must keep the largest pair sum within int16 whatever CPU runs this
// test (on a VNNI machine ONNX Runtime would agree anyway and hide the fault).
function assertNoPairSumSaturates(exported, name) {
  if (exported.parts?.kind !== 'mlp_int8') return;
  const bound = int8PairSumBound(exported.parts);
  assert.ok(bound <= INT16_MAX, `${name}: int8 pair sums reach ${bound}`);
  assert.ok(exported.parts.layers.every((L) => L.weights.every((w) => w >= -64 && w <= 64)), `${name}: a weight outside [-64, 64]`);
}

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = `${ROOT}build/native/engine/lab-cli`;
const SPEC = `${ROOT}widgets/performance_tradeoff.titanic.json`;
const skip = skipUnlessBuilt(existsSync(CLI), 'build/native/engine/lab-cli is not built (tools/lab build)');
// Every variant the explorer's file declares: each kind of deployed form must export.
const VARIANTS = JSON.parse(readFileSync(SPEC, 'utf8')).variants.map((v) => v.name);

test('every variant of the explorer (MLP, logistic and tree forms) exports to a graph ONNX Runtime runs with the engine\'s answers', { skip }, async () => {
  const args = ['run', SPEC, ...VARIANTS.flatMap((v) => ['--export', v])];
  const result = JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 30 }));
  const seen = [];
  for (const row of result.variants.filter((v) => v.export)) {
    seen.push(row.name);
    assertNoPairSumSaturates(row.export, row.name);
    const bytes = onnxModel(row.export, row.name);
    const check = await checkWithOnnxRuntime(bytes, row.export);
    assert.equal(check.outputs.length, row.export.check.rows.length);
    assert.equal(check.output, 'probability');
    assert.ok(check.worst <= toleranceOf(row.export.parts), `${row.name} (${row.format}): ONNX Runtime differs by ${check.worst}`);
    // The int8 graph computes in int8 steps: it must still track the engine closely, and the
    // float forms to float rounding.
    if (row.format !== 'mlp_int8') assert.ok(check.worst < 1e-5, `${row.name}: ${check.worst}`);
    // The file is the format's size: int8 weights one byte each, float16 two.
    if (row.format === 'mlp_int8' || row.format === 'mlp_fp16') assert.ok(bytes.length < row.size_bytes * 1.2 + 2048, `${row.name}: ${bytes.length} bytes for a ${row.size_bytes}-byte model`);
  }
  assert.deepEqual(seen, VARIANTS);
});

// Every kind of variant on a multi-class and on a numeric target: softmax and share heads give
// [rows, classes] probabilities, least squares and trees a value, a network on the standardized
// target its value through Mul + Add.
const TASK_VARIANTS = [
  { name: 'Linear', model: { type: 'LINEAR' } },
  { name: 'Tree', model: { type: 'decision_tree', max_depth: 4 } },
  { name: 'Boosted', model: { type: 'gradient_boosting', n_estimators: 20 } },
  { name: 'MLP', model: { type: 'mlp' } },
  { name: 'MLP fp16', compress: { quantize: { bits: 16 } } },
  { name: 'MLP int8', compress: { quantize: { bits: 8 } } },
  { name: 'MLP pruned', compress: { prune: { sparsity: 0.7, epochs: 3 } } },
];

function taskSpec(dataset, linear, dir, name) {
  const spec = {
    dataset, split: { test: 0.3, validation: 0.2, seed: 4 },
    model: { type: 'mlp', hidden: [16, 16] }, train: { epochs: 30, learning_rate: 0.01, batch_size: 16, seed: 1 },
    variants: TASK_VARIANTS.map((v) => (v.name === 'Linear' ? { ...v, model: { type: linear } } : v)),
  };
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

test('multi-class and regression variants export with their heads, and ONNX Runtime agrees', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-export-tasks-'));
  let csv = 'x1,x2,y\n';
  for (let i = 0; i < 200; ++i) {  // y = 40 + 12 x1 - 5 x2 (+ a deterministic wobble): a numeric target far from 0
    const x1 = Math.sin(i * 1.3), x2 = Math.cos(i * 0.7);
    csv += `${x1.toFixed(4)},${x2.toFixed(4)},${(40 + 12 * x1 - 5 * x2 + 0.1 * Math.sin(i * 5.1)).toFixed(4)}\n`;
  }
  writeFileSync(join(dir, 'numbers.csv'), csv);
  const cases = [
    { file: taskSpec({ csv: `${ROOT}widgets/data/iris.csv`, target: 'species' }, 'logistic_regression', dir, 'iris.json'), output: 'probability', outputs: 3 },
    { file: taskSpec({ csv: 'numbers.csv', target: 'y' }, 'linear_regression', dir, 'numbers.json'), output: 'value', outputs: 1 },
  ];
  for (const c of cases) {
    const args = ['run', c.file, ...TASK_VARIANTS.flatMap((v) => ['--export', v.name])];
    const result = JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 30 }));
    assert.equal(result.variants.length, TASK_VARIANTS.length);
    for (const row of result.variants) {
      assertNoPairSumSaturates(row.export, row.name);
      const check = await checkWithOnnxRuntime(onnxModel(row.export, row.name), row.export);
      assert.equal(check.output, c.output, row.name);
      assert.deepEqual(check.dims.map(Number).slice(1), [c.outputs], row.name);
      assert.equal(check.outputs.length, row.export.check.rows.length * c.outputs);
      assert.ok(check.worst <= toleranceOf(row.export.parts), `${c.file} ${row.name} (${row.format}, ${row.export.parts.head.kind} head): ONNX Runtime differs by ${check.worst}`);
      if (c.output === 'probability') {  // class probabilities sum to 1 in ONNX Runtime too
        for (let r = 0; r < row.export.check.rows.length; ++r) {
          const sum = check.outputs.slice(r * 3, r * 3 + 3).reduce((a, b) => a + b, 0);
          assert.ok(Math.abs(sum - 1) < 1e-5, `${row.name} row ${r}: ${sum}`);
        }
      }
    }
    if (c.output === 'value') assert.equal(result.variants.find((v) => v.name === 'MLP').export.parts.head.kind, 'affine');
  }
});

test('tools/onnx/export.mjs: an unknown variant or an unwritable path is one line, exit 2, nothing written', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-export-'));
  const run = (...a) => spawnSync(process.execPath, [`${ROOT}tools/onnx/export.mjs`, SPEC, ...a], { encoding: 'utf8' });
  const unknown = run('--variant', 'No such variant', '-o', join(dir, 'x.onnx'));
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^lab export: .*no variant named 'No such variant' to export; the variants are: Logistic regression, /);
  assert.equal(unknown.stderr.trim().split('\n').length, 1);
  // A spec without trade-off variants has nothing to export, and says what it expected.
  const lab = spawnSync(process.execPath, [`${ROOT}tools/onnx/export.mjs`, `${ROOT}widgets/optimization_lab.titanic.json`, '--variant', 'MLP fp32', '-o', join(dir, 'y.onnx')], { encoding: 'utf8' });
  assert.equal(lab.status, 2);
  assert.match(lab.stderr, /^lab export: .*optimization_lab\.titanic\.json: no trade-off variant 'MLP fp32' \(is this a trade-off spec with "variants"\?\)\n$/);
  const unwritable = run('--variant', 'Logistic regression', '-o', join(dir, 'missing', 'folder', 'x.onnx'));
  assert.equal(unwritable.status, 2);
  assert.match(unwritable.stderr, /cannot write .*x\.onnx: ENOENT/);
  assert.deepEqual(readdirSync(dir), [], 'nothing written');
  const ok = run('--variant', 'Logistic regression', '-o', join(dir, 'logistic.onnx'));
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(readdirSync(dir), ['logistic.onnx']);
});

// The browser's path: the wasm engine's exportVariant (what the explorer's "Download" asks the
// worker for). Its graphs agree with its own probabilities under ONNX Runtime; the logistic and
// tree models are the native CLI's (bit for bit). (MLP training is not bit-identical across the two
// builds yet, so MLP weights are compared only through each build's own check rows.)
test('the wasm engine exports every kind ONNX Runtime runs; its logistic and tree models equal the native CLI\'s; a spec without variants is refused', { skip: skipUnlessBuilt(existsSync(CLI) && wasmBuilt, 'needs lab-cli and the wasm build (tools/lab build)') }, async () => {
  const engine = await loadEngine();
  const specText = readFileSync(SPEC, 'utf8');
  const files = { 'data/titanic.csv': readFileSync(`${ROOT}widgets/data/titanic.csv`, 'utf8') };
  assert.equal(JSON.parse(specText).dataset.csv, 'data/titanic.csv');
  const exact = ['L1 logistic regression', 'Pruned tree', 'Boosted trees (early stopping)'];
  const native = JSON.parse(execFileSync(CLI, ['run', SPEC, ...exact.flatMap((v) => ['--export', v])], { encoding: 'utf8', maxBuffer: 1 << 30 })).variants;
  for (const name of [...exact, 'MLP int8', 'MLP pruned 80%', 'MLP fp16']) {
    const answer = JSON.parse(engine.exportVariant(specText, files, name, undefined));
    assert.equal(answer.ok, true, JSON.stringify(answer.error));
    assert.equal(answer.name, name);
    assertNoPairSumSaturates(answer.export, name);
    const check = await checkWithOnnxRuntime(onnxModel(answer.export, name), answer.export);
    assert.ok(check.worst <= toleranceOf(answer.export.parts), `${name}: ONNX Runtime differs from the wasm engine by ${check.worst}`);
    if (!exact.includes(name)) continue;
    // The same coefficients and splits, bit for bit; the probabilities only to libm's rounding
    // (each build has its own exp).
    const mine = native.find((v) => v.name === name).export;
    assert.deepEqual(answer.export.parts, mine.parts, `${name}: wasm and native models differ`);
    assert.deepEqual(answer.export.columns, mine.columns);
    mine.check.predictions.forEach((p, i) => assert.ok(Math.abs(answer.export.check.predictions[i][0] - p[0]) < 1e-6, `${name} row ${i}`));
  }
  const unknown = JSON.parse(engine.exportVariant(specText, files, 'No such variant', undefined));
  assert.equal(unknown.ok, false);
  assert.match(unknown.error.message, /no variant named 'No such variant' to export/);
  const lab = JSON.parse(engine.exportVariant(readFileSync(`${ROOT}widgets/optimization_lab.titanic.json`, 'utf8'), files, 'MLP fp32', undefined));
  assert.equal(lab.ok, false);
  assert.match(lab.error.message, /no trade-off variants to export/);
});
