// Determinism across builds: the same seeded spec run by the native CLI (libstdc++) and by the
// wasm module (libc++) must give the same split, the same logistic-regression numbers to 1e-9,
// and MLP runs that start from the same weights and see the same batches and dropout masks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loadEngine, wasmDir } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'build/native/engine/lab-cli');
const present = existsSync(join(wasmDir, 'engine.mjs')) && existsSync(cli);
const skip = skipUnlessBuilt(present, 'needs build/native/engine/lab-cli and build/wasm/bindings/engine.mjs (tools/lab build)');
const csv = readFileSync(join(root, 'widgets/data/titanic.csv'), 'utf8');
let engine;

before(async () => {
  if (!present) return;
  engine = await loadEngine();
});

function baseSpec(model, train) {
  return {
    dataset: { csv: 'titanic.csv', target: 'survived', positive: 'yes',
               features: ['gender', 'age', 'class', 'embarked', 'fare', 'sibsp', 'parch'],
               where: { class: ['1st', '2nd', '3rd'] } },
    preprocess: { log1p: ['fare'] },
    split: { test: 0.2, validation: 0.2, seed: 42 },
    model, ...(train ? { train } : {}),
  };
}

function runNative(spec) {
  const dir = mkdtempSync(join(tmpdir(), 'lab-parity-'));
  writeFileSync(join(dir, 'titanic.csv'), csv);
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  return JSON.parse(execFileSync(cli, ['run', join(dir, 'spec.json')], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

function runWasm(spec) {
  const answer = JSON.parse(engine.runExperiment(JSON.stringify(spec), JSON.stringify({ 'titanic.csv': csv }), undefined));
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  return answer.result;
}

function maxDifference(a, b, path = '') {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (a === null || b === null || typeof a !== 'object') {
    assert.deepEqual(a, b, `differs at ${path}`);
    return 0;
  }
  assert.deepEqual(Object.keys(a), Object.keys(b), `keys differ at ${path}`);
  let worst = 0;
  for (const key of Object.keys(a)) worst = Math.max(worst, maxDifference(a[key], b[key], `${path}.${key}`));
  return worst;
}

test('logistic regression path, CV and model agree to 1e-9 between native and wasm', { skip }, () => {
  const spec = baseSpec({ type: 'logistic_regression', lambda: 0.005, l1_ratio: 0.5,
                          path: { n_lambda: 40 }, cv: { folds: 5 } });
  const native = runNative(spec);
  const wasm = runWasm(spec);
  assert.deepEqual(wasm.data, native.data, 'the same rows land in each split');
  const fitted = (m) => ({ intercept: m.intercept, coefficients: m.coefficients, lambda: m.lambda });
  assert.ok(maxDifference(fitted(native.model), fitted(wasm.model)) < 1e-9);
  const pathDifference = maxDifference(native.path, wasm.path);
  assert.ok(pathDifference < 1e-9, `path differs by ${pathDifference}`);
  assert.ok(maxDifference(native.cv, wasm.cv) < 1e-9);
  assert.deepEqual(wasm.metrics.test.confusion, native.metrics.test.confusion);
});

test('an MLP run starts identically and stays close between native and wasm', { skip }, () => {
  const spec = baseSpec({ type: 'mlp', hidden: [16, 8], dropout: 0.3 },
                        { optimizer: 'adam', learning_rate: 0.01, epochs: 5, seed: 3 });
  const native = runNative(spec);
  const wasm = runWasm(spec);
  assert.deepEqual(wasm.data, native.data);
  // Same weights, batches and masks: float rounding order is all that may differ.
  assert.ok(Math.abs(native.history[0].loss - wasm.history[0].loss) < 1e-5, `${native.history[0].loss} vs ${wasm.history[0].loss}`);
  assert.ok(maxDifference(native.history, wasm.history) < 1e-3);
});
