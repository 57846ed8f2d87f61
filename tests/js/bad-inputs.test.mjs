// The bad-input catalog (tests/bad_inputs/catalog.json) through the wasm module, as the browser
// calls it, and through the native CLI: every case is an error value (never a thrown number or
// a dead module) with the expected message, the CLI exits 2 with one line on stderr, and the
// same module instance then still runs a good experiment.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(root, 'tests/bad_inputs');
const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'));
const cli = join(root, 'build/native/engine/lab-cli');
const read = (file) => readFileSync(join(dir, file), 'utf8');
const skipWasm = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');
const skipCli = skipUnlessBuilt(existsSync(cli), 'build/native/engine/lab-cli is not built (tools/lab build)');
let engine;

before(async () => {
  if (wasmBuilt) engine = await loadEngine();
});

const csvSpec = (file) => ({ dataset: { csv: file, target: 'y' }, split: { test: 0, validation: 0 } });

function wasmProblem(entry) {
  const { file, kind } = entry;
  let answer;
  if (kind === 'csv') {
    // Bytes as the browser's fetch would hand them over (invalid UTF-8 becomes U+FFFD there,
    // so that case is checked natively only).
    answer = JSON.parse(engine.runExperiment(JSON.stringify(csvSpec(file)), JSON.stringify({ [file]: read(file) }), undefined));
  } else if (kind === 'spec') {
    const files = { 'good.csv': read('good.csv') };
    answer = JSON.parse(engine.runExperiment(read(file), JSON.stringify(files), undefined));
  } else if (kind === 'lesson') {
    answer = JSON.parse(engine.parseLesson(read(file), file));
  } else {
    answer = JSON.parse(engine.validateWidget(read(file), file));
  }
  assert.equal(answer.ok, false, `${file} should be rejected`);
  if (answer.error) {
    const { field, message } = answer.error;
    return field ? `${field}: ${message}` : message;
  }
  return answer.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('\n');
}

// Messages carry file names as the caller gave them; the wasm call names the spec "spec".
const comparable = (expect) => expect.replace(/^[\w.]+\.(csv|json|md):(\d+:)*\s?/, '');

test('every catalog case is an error value from the wasm module, which keeps working', { skip: skipWasm }, () => {
  for (const entry of catalog.cases) {
    if (entry.file.startsWith('invalid_utf8')) continue;
    const message = wasmProblem(entry);
    const expected = comparable(entry.expect);
    assert.ok(message.includes(expected), `${entry.file}: expected "${expected}" in "${message}"`);
  }
  const good = JSON.parse(engine.runExperiment(JSON.stringify(csvSpec('good.csv')), JSON.stringify({ 'good.csv': read('good.csv') }), undefined));
  assert.equal(good.ok, true);
  assert.equal(good.result.data.rows.train, 10);
  // A constant or empty feature is left out with a warning in the result, not refused.
  for (const entry of catalog.good.filter((e) => e.warning)) {
    const answer = JSON.parse(engine.runExperiment(JSON.stringify(csvSpec(entry.file)), JSON.stringify({ [entry.file]: read(entry.file) }), undefined));
    assert.equal(answer.ok, true, entry.file);
    assert.deepEqual(answer.result.warnings.map((w) => `${w.field}: ${w.message}`), [entry.warning]);
    assert.deepEqual(answer.result.data.features, ['x']);
  }
});

test('the CLI exits 2 with one line on stderr for each bad spec', { skip: skipCli }, () => {
  for (const entry of catalog.cases.filter((e) => e.kind === 'spec')) {
    const run = spawnSync(cli, ['run', join(dir, entry.file)], { encoding: 'utf8' });
    assert.equal(run.status, 2, `${entry.file}: exit ${run.status}, stderr ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, `${entry.file}: ${run.stderr}`);
    assert.ok(run.stderr.includes(entry.expect), `${entry.file}: ${run.stderr}`);
    assert.equal(run.stdout, '');
  }
});
