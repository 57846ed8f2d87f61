// The real wasm module under Node: the same engine.mjs the browser worker loads, its binary
// passed as wasmBinary (docs/toolchain.md, "Node cannot fetch the wasm file").
// Skipped, with a message, when the wasm build has not produced engine.mjs yet (a failure under CI).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

const skip = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');
let engine;

before(async () => {
  if (wasmBuilt) engine = await loadEngine();
});

// 60 rows where survival depends on gender and age: enough for a split and a fit.
function tinyCsv() {
  const rows = ['gender,age,fare,survived'];
  for (let i = 0; i < 60; i++) {
    const female = i % 2 === 0;
    const age = 5 + ((i * 7) % 60);
    rows.push(`${female ? 'female' : 'male'},${age},${10 + (i % 13)},${female || age < 12 ? 'yes' : 'no'}`);
  }
  return rows.join('\n') + '\n';
}

const spec = {
  dataset: { csv: 'data/tiny.csv', target: 'survived', positive: 'yes', features: ['gender', 'age', 'fare'] },
  split: { test: 0.2, validation: 0.2, seed: 1 },
  model: { type: 'logistic_regression', lambda: 0.01 },
};

test('version() answers', { skip }, () => {
  assert.match(engine.version(), /^\d+\.\d+\.\d+/);
});

test('runExperiment on a tiny CSV passed through the files map', { skip }, () => {
  const progress = [];
  const answer = JSON.parse(engine.runExperiment(JSON.stringify(spec), JSON.stringify({ 'data/tiny.csv': tinyCsv() }), (p) => {
    progress.push(JSON.parse(p));
    return true;
  }));
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  const accuracy = answer.result.metrics.test.accuracy;
  assert.ok(accuracy >= 0 && accuracy <= 1, `accuracy ${accuracy}`);
  for (const p of progress) assert.equal(typeof p.stage, 'string');
});

test('the files map may be a plain object (no JSON round trip) and gives the same result as its JSON text', { skip }, () => {
  const files = { 'data/tiny.csv': tinyCsv() };
  const fromObject = JSON.parse(engine.runExperiment(JSON.stringify(spec), files, undefined));
  const fromText = JSON.parse(engine.runExperiment(JSON.stringify(spec), JSON.stringify(files), undefined));
  assert.equal(fromObject.ok, true, JSON.stringify(fromObject.error));
  assert.deepEqual(fromObject.result.model, fromText.result.model);
  // Non-ASCII text crosses as UTF-8 either way: a category with an accent keeps its name.
  const accented = { 'data/tiny.csv': tinyCsv().replaceAll('male', 'mâle') };
  const both = [accented, JSON.stringify(accented)].map((f) => JSON.parse(engine.runExperiment(JSON.stringify(spec), f, undefined)));
  assert.deepEqual(both[0].result.model, both[1].result.model);
  assert.ok(Object.keys(both[0].result.model.coefficients).includes('gender=mâle'), Object.keys(both[0].result.model.coefficients).join());
  // A file's UTF-8 bytes (what the worker passes for a fetched file) read as its text does.
  const bytes = JSON.parse(engine.runExperiment(JSON.stringify(spec), { 'data/tiny.csv': new TextEncoder().encode(accented['data/tiny.csv']) }, undefined));
  assert.equal(bytes.ok, true, JSON.stringify(bytes.error));
  assert.deepEqual(bytes.result, both[0].result);
});

test('a files map that is not {path: text} is an error naming the entry', { skip }, () => {
  for (const [files, field] of [[{ 'data/tiny.csv': 42 }, 'files.data/tiny.csv'], [{ 'data/tiny.csv': new Float64Array(3) }, 'files.data/tiny.csv'], [7, 'files'], ['{"data/tiny.csv": [1]}', 'files.data/tiny.csv'], ['{oops', null]]) {
    const answer = JSON.parse(engine.runExperiment(JSON.stringify(spec), files, undefined));
    assert.equal(answer.ok, false, JSON.stringify(files));
    assert.equal(answer.error.kind, 'input', JSON.stringify(answer.error));
    if (field) assert.equal(answer.error.field, field);
    else assert.equal(answer.error.file, 'files');
  }
  assert.equal(JSON.parse(engine.runExperiment(JSON.stringify(spec), { 'data/tiny.csv': tinyCsv() }, undefined)).ok, true);
});

test('a bad spec comes back as an error value with its field, and the module stays usable', { skip }, () => {
  const bad = { ...spec, model: { type: 'logistic_regression', lambda: -1 } };
  const answer = JSON.parse(engine.runExperiment(JSON.stringify(bad), JSON.stringify({ 'data/tiny.csv': tinyCsv() }), undefined));
  assert.equal(answer.ok, false);
  assert.equal(answer.error.kind, 'input');
  assert.match(answer.error.field, /lambda/);
  assert.equal(JSON.parse(engine.runExperiment(JSON.stringify(spec), JSON.stringify({ 'data/tiny.csv': tinyCsv() }), undefined)).ok, true);
});

test('returning false from the progress callback cancels the run', { skip }, () => {
  const mlp = { ...spec, model: { type: 'mlp', hidden: [4] }, train: { epochs: 50 } };
  const answer = JSON.parse(engine.runExperiment(JSON.stringify(mlp), JSON.stringify({ 'data/tiny.csv': tinyCsv() }), () => false));
  assert.equal(answer.ok, false);
  assert.equal(answer.error.kind, 'cancelled');
});

test('parseLesson answers JSON with ok and diagnostics', { skip }, () => {
  const text = readFileSync(new URL('../e2e/fixtures/lessons/xss-fixture.md', import.meta.url), 'utf8');
  const answer = JSON.parse(engine.parseLesson(text, 'xss-fixture.md'));
  assert.equal(answer.ok, true, JSON.stringify(answer.diagnostics));
  assert.deepEqual(answer.diagnostics, []);
  assert.equal(answer.lesson.title, 'Inert payloads');
});
