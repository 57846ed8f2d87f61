// How a widget element reads its file (web/src/widgets/widget-file.ts), with the real wasm
// engine behind a fake client: what the browser's JSON.parse hides (duplicate keys, numbers out
// of range) and syntax errors come back located by the engine's validator; spec errors stop the
// widget; the widget section's own rules do not (the elements run files without panels); and
// without an engine the browser's reading stands.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { readWidgetFile } from '../../build/js-test/widgets/widget-file.js';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const bad = (file) => read(`../bad_inputs/${file}`);
let client;

before(async () => {
  if (!wasmBuilt) return;
  const engine = await loadEngine();
  client = { call: async (fn, args) => JSON.parse(engine[fn](...args)) };
});

const skip = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');

test('syntax errors and what JSON.parse hides are located by the engine', { skip }, async () => {
  const cases = [
    ['nan_literal.json', 'nan_literal.json:1:69: error: invalid JSON: syntax error while parsing value - invalid literal', false],
    ['truncated.json', 'truncated.json:1:73: error: invalid JSON: syntax error while parsing object - unexpected end of input', false],
    ['huge_number.json', "huge_number.json:1:1: error: number overflow parsing '1e999' (not a finite number)", false],
    ['duplicate_key.json', "duplicate_key.json:1:48: error: dataset.target: duplicate key 'target'", true],
  ];
  for (const [file, expected, parsedByBrowser] of cases) {
    const { value, problem } = readWidgetFile(bad(file), file, client);
    assert.equal(value !== undefined, parsedByBrowser, file);
    const text = await problem;
    assert.ok(text?.startsWith(expected), `${file}: ${text}`);
  }
});

test('spec errors stop the widget, with file, line, column and field', { skip }, async () => {
  const { value, problem } = readWidgetFile(bad('lambda_negative.json'), 'lambda_negative.json', client);
  assert.deepEqual(value.model, { lambda: -1 });
  assert.equal(await problem, 'lambda_negative.json:1:69: error: model.lambda: value -1 is outside [0, 1e+06]');
});

test('the widget section\'s own rules and checks that need the data do not stop the element', { skip }, async () => {
  for (const path of ['../e2e/fixtures/widgets/tiny-optimization-lab.json', '../e2e/fixtures/widgets/tiny-tradeoff.json', '../../widgets/optimization_lab.titanic.json']) {
    const text = read(path);
    const { value, problem } = readWidgetFile(text, path.split('/').pop(), client);
    assert.deepEqual(value, JSON.parse(text));
    assert.equal(await problem, null, path);
  }
  // The engine finds these when it runs the spec on its data (missing file, no such column).
  for (const file of ['missing_csv.json', 'unknown_target.json', 'split_too_big.json']) {
    assert.equal(await readWidgetFile(bad(file), file, client).problem, null, file);
  }
});

test('without an engine the browser\'s reading stands, and its error names the file', async () => {
  const offline = { call: () => Promise.reject(new Error('no worker')) };
  assert.equal(await readWidgetFile(bad('lambda_negative.json'), 'lambda_negative.json', offline).problem, null);
  const broken = readWidgetFile(bad('truncated_widget.json'), 'truncated_widget.json', offline);
  assert.equal(broken.value, undefined);
  assert.match(await broken.problem, /^truncated_widget\.json: .*JSON/);
  assert.match(await readWidgetFile(bad('huge_number.json'), 'huge_number.json', offline).problem, /^huge_number\.json: a number is too large to represent$/);
});
