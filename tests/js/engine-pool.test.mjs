// The EngineClient's pool of workers: independent jobs run side by side, and a run with a path
// and cross-validation is split into pieces across the workers and merged in a fixed order:
// with the real wasm engine, 1, 2 and 3 workers give the same numbers. FakeWorker runs the real
// EngineHost; cancelling a split run stops every worker it used.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';
import { EngineClient, MAX_ENGINE_WORKERS, SPLIT_MIN_DATA_BYTES, isAbortError, poolSize } from '../../build/js-test/runtime/engine-client.js';
import { EngineError } from '../../build/js-test/runtime/engine-api.js';
import { FAKE_METRICS, FakeWorker, deferred } from './helpers/fake-worker.mjs';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';

const SITE = 'https://lab.test/';
const WIDGET_URL = `${SITE}widgets/optimization_lab.titanic.json`;
const widget = JSON.parse(readFileSync(new URL('../../widgets/optimization_lab.titanic.json', import.meta.url), 'utf8'));
const titanic = readFileSync(new URL('../../widgets/data/titanic.csv', import.meta.url), 'utf8');
const skip = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');

let engine;
async function realEngine() {
  engine ??= await loadEngine();
  return engine;
}

/** A pool splitting runs on any amount of data (the lesson's CSV is below SPLIT_MIN_DATA_BYTES). */
function pool(workers, engineModule, { splitMinDataBytes = 0 } = {}) {
  return new EngineClient({
    createWorker: () => new FakeWorker({ engine: engineModule, files: { [`${SITE}widgets/data/titanic.csv`]: titanic } }),
    engineUrl: `${SITE}engine.mjs`,
    wasmUrl: `${SITE}engine.wasm`,
    workers,
    splitMinDataBytes,
  });
}

const runOptions = (extra = {}) => ({ baseUrl: WIDGET_URL, allowOrigins: [SITE.slice(0, -1)], ...extra });

beforeEach(() => { FakeWorker.instances.length = 0; });

test('poolSize: one worker per core, at least one, at most the declared cap; a request wins', () => {
  assert.equal(poolSize(undefined), 1);
  assert.equal(poolSize(2), 2);
  assert.equal(poolSize(64), MAX_ENGINE_WORKERS);
  assert.equal(poolSize(8, 1), 1);
  assert.equal(poolSize(1, 3), 3);
  assert.equal(poolSize(2, Number.NaN), 2);
  assert.equal(poolSize(2, 0), 2);
});

test('the lab\'s path + 5-fold CV run gives the same numbers on 1, 2 and 3 workers', { skip }, async () => {
  const real = await realEngine();
  const experiments = { regularization: { 'model.lambda': 0.02, 'model.l1_ratio': 0.5 } };
  const results = [];
  for (const workers of [1, 2, 3]) {
    FakeWorker.instances.length = 0;
    const c = pool(workers, real);
    // The first run goes whole while the pool's other workers start; the second is split.
    const whole = await c.run(widget, runOptions({ experiments }));
    assert.equal(c.splitRuns, 0, 'no split while the pool is starting');
    const cv = [];
    const result = await c.run(widget, runOptions({ experiments, onProgress: (p) => p.stage === 'cv' && cv.push(p.done) }));
    assert.deepEqual(result, whole, `split across ${workers} workers = whole on one`);
    assert.equal(c.splitRuns, workers > 1 ? 1 : 0);
    assert.equal(FakeWorker.instances.length, workers, 'a worker per share');
    assert.deepEqual(cv, [1, 2, 3, 4, 5], `fold steps count up across the shares (${workers} workers)`);
    if (workers > 1) {
      const shares = FakeWorker.instances.flatMap((w) => w.received.filter((m) => m.type === 'run' && 'instance' in (m.share ?? {})));
      assert.deepEqual(shares.map((m) => m.share.instance).sort(), Array.from({ length: workers }, (_, i) => i));
    }
    results.push(result);
  }
  const lab = results[0].experiments.regularization;
  assert.equal(lab.path.length, 100);
  assert.equal(lab.cv.mean.length, 100);
  assert.deepEqual(results[1], results[0], '2 workers');
  assert.deepEqual(results[2], results[0], '3 workers');
});

test('a path + CV run on less data than SPLIT_MIN_DATA_BYTES goes to one worker whole', { skip }, async () => {
  const real = await realEngine();
  assert.ok(titanic.length < SPLIT_MIN_DATA_BYTES);
  const c = pool(2, real, { splitMinDataBytes: SPLIT_MIN_DATA_BYTES });
  for (let i = 0; i < 2; i++) await c.run(widget, runOptions({ experiments: { regularization: { 'model.l1_ratio': 0.5 + i / 10 } } }));
  assert.equal(c.splitRuns, 0);
  const runs = FakeWorker.instances.flatMap((w) => w.received).filter((m) => m.type === 'run');
  assert.equal(runs.filter((m) => m.share).length, 0);
  assert.equal(runs.filter((m) => m.plan).length, 1, 'the rerun on the same data is not planned again');
});

test('a run without pieces (an MLP) goes to one worker whole', { skip }, async () => {
  const real = await realEngine();
  const c = pool(2, real);
  const result = await c.run(widget, runOptions({ experiments: { no_dropout: { 'train.epochs': 3 } } }));
  assert.ok(result.experiments.no_dropout.metrics.test.accuracy > 0.5);
  assert.equal(c.splitRuns, 0);
  const runs = FakeWorker.instances.flatMap((w) => w.received).filter((m) => m.type === 'run');
  assert.deepEqual(runs.map((m) => Boolean(m.plan)), [true, false], 'planned, then run whole');
});

test('a bad value with a pool is the whole run\'s error, and the pool keeps working', { skip }, async () => {
  const real = await realEngine();
  const c = pool(2, real);
  await assert.rejects(c.run(widget, runOptions({ experiments: { regularization: { 'model.lambda': -1 } } })), (e) => {
    assert.ok(e instanceof EngineError);
    assert.match(e.message, /lambda/);
    assert.match(e.message, /-1/);
    return true;
  });
  const again = await c.run(widget, runOptions({ experiments: { regularization: { 'model.l1_ratio': 1 } } }));
  assert.equal(again.experiments.regularization.cv.folds, 5);
});

test('cancelling a split run stops every worker it used; the next run starts fresh ones', { skip }, async () => {
  const real = await realEngine();
  const gate = deferred();
  const c = pool(2, real);
  await c.run(widget, runOptions({ experiments: { regularization: { 'model.l1_ratio': 0.5 } } }));  // starts the pool
  const runs = () => FakeWorker.instances.map((w) => w.received.filter((m) => m.type === 'run').length);
  const before = runs();
  FakeWorker.instances.forEach((w) => { w.gate = gate.promise; w.gateOnly = (m) => Boolean(m.share); });
  const controller = new AbortController();
  const run = c.run(widget, runOptions({ experiments: { regularization: {} }, signal: controller.signal }));
  for (let i = 0; i < 100 && runs().some((n, k) => n === before[k]); i++) await new Promise((r) => setTimeout(r, 5));
  const held = FakeWorker.instances.filter((w, k) => runs()[k] > before[k]);
  assert.equal(held.length, 2, 'both shares are running');
  controller.abort();
  await assert.rejects(run, (e) => isAbortError(e));
  assert.ok(held.every((w) => w.terminated), 'both share workers were stopped');
  gate.resolve();
  const result = await c.run(widget, runOptions({ experiments: { regularization: {} } }));
  assert.equal(result.experiments.regularization.path.length, 100);
});

test('independent jobs run side by side on the pool\'s workers', async () => {
  const gate = deferred();
  const c = new EngineClient({
    createWorker: () => {
      const w = new FakeWorker({ gate: gate.promise, files: { [`${SITE}widgets/data/tiny.csv`]: 'y,x\n1,2\n' } });
      w.gateOnly = (m) => !m.plan;  // the plans (milliseconds) go through; the runs are held
      return w;
    },
    engineUrl: `${SITE}engine.mjs`, wasmUrl: `${SITE}engine.wasm`, workers: 2,
  });
  const spec = { dataset: { csv: 'data/tiny.csv', target: 'y' } };
  const a = c.run(spec, runOptions());
  const b = c.run(spec, runOptions());
  const third = c.run(spec, runOptions());
  await new Promise((r) => setTimeout(r, 30));
  const running = FakeWorker.instances.map((w) => w.received.filter((m) => m.type === 'run' && !m.plan).length);
  assert.deepEqual(running, [1, 1], 'two workers, one run each; the third waits');
  gate.resolve();
  for (const result of await Promise.all([a, b, third])) assert.deepEqual(result.metrics, FAKE_METRICS);
  assert.equal(FakeWorker.instances.length, 2);
  assert.equal(c.busy, false);
});

test('the engine\'s warm-up runs real specs on its own rows (a failing one would warm nothing)', { skip }, async () => {
  const real = await realEngine();
  const { WARM_UP_SPECS, warmUpCsv, warmUp } = await import('../../build/js-test/runtime/warm-up.js');
  for (const spec of WARM_UP_SPECS) {
    const answer = JSON.parse(real.runExperiment(JSON.stringify(spec), { 'warm-up.csv': warmUpCsv() }, undefined));
    assert.equal(answer.ok, true, JSON.stringify(answer.error));
    const r = answer.result;
    if (spec.model.cv) assert.deepEqual([r.path.length, r.cv.folds], [20, 3], 'a 20-lambda path and 3-fold CV');
    else assert.deepEqual(r.history.map((h) => h.epoch), [1, 2, 3], 'three epochs');
  }
  assert.equal(warmUp(real).ok, true);
});

test('warmUp queues one background job, after the jobs a page is waiting for, on a worker already there', async () => {
  const c = new EngineClient({ createWorker: () => new FakeWorker(), engineUrl: `${SITE}engine.mjs`, wasmUrl: `${SITE}engine.wasm`, workers: 2 });
  c.warmUp();
  c.warmUp();
  const version = c.call('version');
  await version;
  await c.whenIdle();
  const calls = FakeWorker.instances.flatMap((w) => w.received).filter((m) => m.type === 'call').map((m) => m.fn);
  assert.deepEqual(calls, ['version', 'warmUp']);
  assert.equal(FakeWorker.instances.length, 1, 'the warm-up did not start a worker of its own');
});

test('calls and plans take the next idle worker; only a run starts another one', async () => {
  const gate = deferred();
  const c = new EngineClient({
    createWorker: () => { const w = new FakeWorker({ gate: gate.promise }); w.gateOnly = (m) => !m.plan; return w; },
    engineUrl: `${SITE}engine.mjs`, wasmUrl: `${SITE}engine.wasm`, workers: 2,
  });
  const calls = [c.call('version'), c.call('options'), c.call('version')];
  assert.deepEqual((await Promise.all(calls)).map((a) => a.ok), [true, true, true]);
  assert.equal(FakeWorker.instances.length, 1, 'three calls in a row, one worker');
  gate.resolve();
});
