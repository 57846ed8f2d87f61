// tools/lab bench: times the engine on the lesson's workloads, natively (lab-cli) and as
// wasm (the browser's engine.mjs under Node's V8), with scikit-learn measured in the same run
// as the reference when Debian's python3-sklearn is installed. Writes bench/results.json and
// docs/benchmarks.md. `--quick` runs a small smoke (CI); `--no-write` leaves the files alone.
// Figures are medians of repeated runs with min and max; no assertion is made on time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadEngine } from '../../tests/js/helpers/load-engine.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');
const repeats = quick ? 1 : 5;
const csv = readFileSync(join(root, 'widgets/data/titanic.csv'), 'utf8');
const cli = join(root, 'build/native/engine/lab-cli');

const data = {
  dataset: { csv: 'titanic.csv', target: 'survived', positive: 'yes',
             features: ['gender', 'age', 'class', 'embarked', 'fare', 'sibsp', 'parch'],
             where: { class: ['1st', '2nd', '3rd'] } },
  preprocess: { log1p: ['fare'] },
  split: { test: 0.2, validation: 0.0, seed: 42 },
};
const nLambda = quick ? 10 : 100;
const epochs = quick ? 5 : 200;
const cases = [
  ['path L2, 100 lambdas', { model: { type: 'logistic_regression', l1_ratio: 0, path: { n_lambda: nLambda } } }],
  ['path L1, 100 lambdas', { model: { type: 'logistic_regression', l1_ratio: 1, path: { n_lambda: nLambda } } }],
  ['path elastic net 0.5', { model: { type: 'logistic_regression', l1_ratio: 0.5, path: { n_lambda: nLambda } } }],
  ['MLP 32-32, dropout 0.3, 200 epochs', { model: { type: 'mlp', hidden: [32, 32], dropout: 0.3 },
    train: { optimizer: 'adam', learning_rate: 0.001, batch_size: 32, epochs, seed: 7 } }],
];

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median_ms: sorted[Math.floor(sorted.length / 2)], min_ms: sorted[0], max_ms: sorted.at(-1) };
}

const dir = mkdtempSync(join(tmpdir(), 'lab-bench-'));
writeFileSync(join(dir, 'titanic.csv'), csv);
const engine = await loadEngine();
const rows = [];
for (const [name, patch] of cases) {
  const spec = { ...data, ...patch };
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const native = [], wasm = [];
  for (let i = 0; i < repeats; i++) {
    let t = performance.now();
    execFileSync(cli, ['run', specPath], { maxBuffer: 64 << 20 });
    native.push(performance.now() - t);
    t = performance.now();
    const answer = JSON.parse(engine.runExperiment(JSON.stringify(spec), JSON.stringify({ 'titanic.csv': csv }), undefined));
    wasm.push(performance.now() - t);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  }
  rows.push({ case: name, native: stats(native), wasm_node: stats(wasm) });
  console.log(`${name.padEnd(36)} native ${stats(native).median_ms.toFixed(1).padStart(8)} ms   wasm ${stats(wasm).median_ms.toFixed(1).padStart(8)} ms`);
}

// scikit-learn reference, same machine, same run.
let sklearn = null;
if (!quick && existsSync('/usr/bin/python3')) {
  try {
    sklearn = JSON.parse(execFileSync('/usr/bin/python3', [join(root, 'tools/bench/sklearn_reference.py')], { encoding: 'utf8' }));
    for (const [k, v] of Object.entries(sklearn.cases)) console.log(`scikit-learn ${k.padEnd(23)} ${v.median_ms.toFixed(1).padStart(8)} ms`);
  } catch (e) {
    console.log(`scikit-learn reference skipped: ${String(e.message).split('\n')[0]}`);
  }
}

const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model },
                  node: process.version, engine: engine.version(), repeats, quick, cases: rows, sklearn,
                  command: 'tools/lab bench', note: 'native times include process start (~5 ms); wasm runs in Node 20 (V8)' };
if (write && !quick) {
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  const table = rows.map((r) => `| ${r.case} | ${r.native.median_ms.toFixed(1)} (${r.native.min_ms.toFixed(1)}–${r.native.max_ms.toFixed(1)}) | ${r.wasm_node.median_ms.toFixed(1)} (${r.wasm_node.min_ms.toFixed(1)}–${r.wasm_node.max_ms.toFixed(1)}) |`).join('\n');
  const sk = sklearn ? Object.entries(sklearn.cases).map(([k, v]) => `| ${k} | ${v.median_ms.toFixed(1)} (${v.min_ms.toFixed(1)}–${v.max_ms.toFixed(1)}) |`).join('\n') : '';
  writeFileSync(join(root, 'docs/benchmarks.md'), `# Benchmarks

Produced by \`tools/lab bench\` on ${results.date.slice(0, 10)} (${results.machine.cpus} cores, ${results.machine.model}, Node ${results.node}).
Medians of ${repeats} runs, (min–max) in milliseconds, Titanic passengers (1053 training rows).
Native times include starting the \`lab-cli\` process; wasm is the browser's engine.mjs under Node's V8.

| case | native ms | wasm ms |
| --- | --- | --- |
${table}

${sklearn ? `scikit-learn ${sklearn.version} (Debian), measured in the same run:\n\n| case | ms |\n| --- | --- |\n${sk}\n` : ''}
Still to come (issue 8): TensorFlow.js in the same Chromium page, page weight and start-up,
scaling to 100k rows, main-thread long tasks.
`);
}
