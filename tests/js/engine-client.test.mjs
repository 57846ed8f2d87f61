// EngineClient + EngineHost: the promise API, progress, the dataset fetch, errors, and
// cancellation by terminating the worker (with the compiled module handed to the next one).
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { EngineClient, LatestRun, isAbortError } from '../../build/js-test/runtime/engine-client.js';
import { EngineError } from '../../build/js-test/runtime/engine-api.js';
import { FAKE_METRICS, FakeWorker, deferred, fakeEngine } from './helpers/fake-worker.mjs';

const SITE = 'https://lab.test/';
const WIDGET = `${SITE}widgets/optimization_lab.json`;
const CSV = 'survived,age\nyes,30\nno,40\n';
const spec = (extra = {}) => ({ dataset: { csv: 'data/tiny.csv', target: 'survived' }, ...extra });
const runOptions = (extra = {}) => ({ baseUrl: WIDGET, allowOrigins: ['https://lab.test'], ...extra });

function client(workerOptions = () => ({})) {
  return new EngineClient({
    createWorker: () => new FakeWorker({ files: { [`${SITE}widgets/data/tiny.csv`]: CSV }, ...workerOptions() }),
    engineUrl: `${SITE}engine.mjs`,
    wasmUrl: `${SITE}engine.wasm`,
  });
}

beforeEach(() => { FakeWorker.instances.length = 0; });

test('run resolves with the result and streams progress in order', async () => {
  const log = [];
  const c = client(() => ({ engine: fakeEngine(log) }));
  const progress = [];
  const result = await c.run(spec({ fake: { epochs: 4 } }), runOptions({ onProgress: (p) => progress.push(p) }));
  assert.deepEqual(result.metrics.test, { accuracy: 0.75 });
  assert.deepEqual(progress.map((p) => p.done), [1, 2, 3, 4]);
  assert.equal(progress[0].stage, 'train');
  assert.deepEqual(progress[3].data, { epoch: 4, loss: 0.25 });
  // The CSV was fetched relative to the widget JSON and passed keyed by the spec's own path.
  assert.deepEqual(Object.keys(log[0].files), ['data/tiny.csv']);
  assert.deepEqual(log[0].bytes, ['data/tiny.csv']);  // a fetched file crosses as UTF-8 bytes, encoded once
  assert.deepEqual(result.rows, [2]);
});

test('the worker is reused across runs and calls', async () => {
  const c = client();
  assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS);
  assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS);
  const answer = await c.call('version');
  assert.equal(answer.version, '0.0.0-fake');
  assert.equal(c.workersStarted, 1);
  assert.equal(FakeWorker.instances[0].received.filter((m) => m.type === 'init').length, 1);
});

test('an engine error value rejects with EngineError carrying the field path', async () => {
  const c = client();
  await assert.rejects(c.run(spec({ fake: { error: 'model.lambda' } }), runOptions()), (e) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.info.field, 'model.lambda');
    assert.match(e.message, /^model\.lambda: must be > 0$/);
    return true;
  });
  assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS, 'the client stays usable after an error');
});

test('cancelling the running job terminates the worker; the next job gets a new one with the compiled module', async () => {
  const gate = deferred();
  let first = true;
  const c = client(() => (first ? ((first = false), { gate: gate.promise }) : {}));
  const controller = new AbortController();
  const running = c.run(spec(), runOptions({ signal: controller.signal }));
  await new Promise((r) => setTimeout(r, 20));  // let the first worker "compile" and start the run
  controller.abort();
  await assert.rejects(running, (e) => isAbortError(e));
  assert.equal(FakeWorker.instances[0].terminated, true);
  gate.resolve();
  const result = await c.run(spec(), runOptions());
  assert.equal(result.metrics.test.accuracy, 0.75);
  assert.equal(c.workersStarted, 2);
  const init = FakeWorker.instances[1].received.find((m) => m.type === 'init');
  assert.deepEqual(init.module, { compiledBy: 0 }, 'the second worker reuses the first one\'s module');
});

test('cancelling a queued job leaves the running one alone', async () => {
  const c = client();
  const controller = new AbortController();
  const a = c.run(spec({ fake: { epochs: 2 } }), runOptions());
  const b = c.run(spec(), runOptions({ signal: controller.signal }));
  controller.abort();
  await assert.rejects(b, (e) => isAbortError(e));
  assert.deepEqual((await a).metrics, FAKE_METRICS);
  assert.equal(c.workersStarted, 1);
  assert.equal(FakeWorker.instances[0].terminated, false);
});

test('an already aborted signal rejects at once', async () => {
  const c = client();
  await assert.rejects(c.run(spec(), runOptions({ signal: AbortSignal.abort() })), (e) => isAbortError(e));
  assert.equal(c.workersStarted, 0);
});

test('LatestRun: a second run of the same widget cancels the first', async () => {
  const gate = deferred();
  let first = true;
  const c = client(() => (first ? ((first = false), { gate: gate.promise }) : {}));
  const widget = new LatestRun(c);
  const one = widget.run(spec(), runOptions());
  await new Promise((r) => setTimeout(r, 10));
  const two = widget.run(spec({ fake: { epochs: 1 } }), runOptions());
  await assert.rejects(one, (e) => isAbortError(e));
  assert.equal((await two).metrics.test.accuracy, 0.75);
  assert.equal(widget.running, false);
  gate.resolve();
});

test('a dataset from another origin is refused unless allowed', async () => {
  const c = client();
  const far = spec({ dataset: { csv: 'https://elsewhere.test/x.csv', target: 'survived' } });
  await assert.rejects(c.run(far, runOptions()), (e) => e instanceof EngineError && e.info.kind === 'fetch' && /elsewhere\.test is not allowed/.test(e.message));
});

test('a missing dataset file is worded as the engine words it: the path in the spec, not found, and where it looked', async () => {
  const c = client();
  const missing = spec({ dataset: { csv: 'data/missing.csv', target: 'survived' } });
  await assert.rejects(c.run(missing, runOptions()), (e) => e instanceof EngineError && e.info.kind === 'fetch'
    && e.message === `dataset.csv: file 'data/missing.csv' not found (looked in '${SITE}widgets/data/missing.csv')`);
});

test('a dataset the server fails to send (not a missing file) keeps the HTTP status', async () => {
  const c = client(() => ({ httpStatus: 503 }));
  const csv = spec({ dataset: { csv: 'data/busy.csv', target: 'survived' } });
  await assert.rejects(c.run(csv, runOptions()), (e) => e instanceof EngineError && /busy\.csv: HTTP 503$/.test(e.message));
});

test('files given by the caller are passed without a fetch', async () => {
  const log = [];
  const c = client(() => ({ engine: fakeEngine(log) }));
  const result = await c.run(spec({ dataset: { csv: 'mine.csv', target: 'survived' } }), runOptions({ files: { 'mine.csv': 'a\n1\n' } }));
  assert.deepEqual(result.rows, [1]);
  assert.deepEqual(log[0].files, { 'mine.csv': 'a\n1\n' });
  assert.deepEqual(log[0].bytes, []);  // the caller's own text as it was given
});

test('an engine that cannot load rejects with kind "engine"; the next job tries a fresh worker', async () => {
  let fail = true;
  const c = client(() => ({ loadFails: fail }));
  await assert.rejects(c.run(spec(), runOptions()), (e) => e instanceof EngineError && e.info.kind === 'engine');
  fail = false;
  assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS);
  assert.equal(c.workersStarted, 2);
});

test('an exception thrown by the engine becomes an error value and replaces the worker', async () => {
  const c = client();
  await assert.rejects(c.run(spec({ fake: { throw: true } }), runOptions()), (e) =>
    e instanceof EngineError && e.info.kind === 'worker' && /^The engine stopped during the run \(engine exception 5243120\)\. Your settings are kept/.test(e.message));
  assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS);
  assert.equal(c.workersStarted, 2);
});

test('start() starts the worker and its engine before any job; jobs then reuse it', async () => {
  const c = client();
  c.start();
  assert.equal(c.workersStarted, 1);
  assert.deepEqual(FakeWorker.instances[0].received.map((m) => m.type), ['init']);
  assert.equal((await c.call('version')).version, '0.0.0-fake');
  assert.equal(c.workersStarted, 1);
});

test('a prefetch downloads the spec\'s CSV once; the run finds it in the worker\'s cache', async () => {
  const log = [];
  const c = client(() => ({ engine: fakeEngine(log) }));
  c.prefetch(spec(), runOptions());
  assert.deepEqual((await c.run(spec(), runOptions())).rows, [2]);
  assert.deepEqual(FakeWorker.instances[0].fetched, [`${SITE}widgets/data/tiny.csv`]);
  assert.deepEqual(Object.keys(log[0].files), ['data/tiny.csv']);
});

test('a failed prefetch is left for the run to report, and the run tries again', async () => {
  const c = client();
  const missing = spec({ dataset: { csv: 'data/missing.csv', target: 'survived' } });
  c.prefetch(missing, runOptions());
  await assert.rejects(c.run(missing, runOptions()), (e) => e instanceof EngineError && e.info.kind === 'fetch' && /file 'data\/missing\.csv' not found/.test(e.message));
  assert.deepEqual(FakeWorker.instances[0].fetched, [`${SITE}widgets/data/missing.csv`, `${SITE}widgets/data/missing.csv`]);
  c.prefetch({ dataset: { csv: 'https://elsewhere.test/x.csv' } }, runOptions());  // refused origin: nothing fetched
  c.prefetch('not json', runOptions());
  assert.equal((await c.call('version')).version, '0.0.0-fake');
  assert.equal(FakeWorker.instances[0].fetched.length, 2);
});

test('whenIdle resolves at once without jobs, else when the last queued job has settled', async () => {
  const c = client();
  await c.whenIdle();
  const order = [];
  const first = c.run(spec(), runOptions()).then((r) => order.push(`run 1: ${r.metrics?.test.accuracy}`));
  const second = c.call('version').then((a) => order.push(`call: ${a.version}`));
  assert.equal(c.busy, true);
  await c.whenIdle().then(() => order.push('idle'));
  await Promise.all([first, second]);
  assert.deepEqual(order, ['run 1: 0.75', 'call: 0.0.0-fake', 'idle']);
  assert.equal(c.busy, false);
  const controller = new AbortController();
  const cancelled = c.run(spec(), runOptions({ signal: controller.signal })).catch((e) => e);
  const idle = c.whenIdle();
  controller.abort();
  assert.ok(isAbortError(await cancelled));
  await idle;  // a cancel that empties the queue counts as idle too
});

test('a background job waits until no other job is queued, even one queued after it', async () => {
  const gate = deferred();
  const c = client(() => ({ gate: gate.promise }));
  const order = [];
  const first = c.run(spec(), runOptions()).then(() => order.push('run 1'));  // held at the gate
  const check = c.call('version', [], undefined, 'background').then(() => order.push('background'));
  const second = c.run(spec(), runOptions()).then(() => order.push('run 2'));
  const call = c.call('version').then(() => order.push('call'));
  gate.resolve();
  await Promise.all([first, check, second, call]);
  assert.deepEqual(order, ['run 1', 'run 2', 'call', 'background']);
});

test('a background job queued on an idle client still lets a job queued in the same turn go first', async () => {
  const c = client();
  const order = [];
  const check = c.call('version', [], undefined, 'background').then(() => order.push('background'));
  const run = c.run(spec(), runOptions()).then(() => order.push('run'));
  await Promise.all([check, run]);
  assert.deepEqual(order, ['run', 'background']);
  assert.equal((await c.call('version', [], undefined, 'background')).version, '0.0.0-fake', 'and alone, it runs');
});

test('start({ compileHere }) has the page compile engine.wasm and hand the module to the worker and its successors', async () => {
  const compiled = { compiledBy: 'page' };
  const asked = [];
  const c = new EngineClient({
    createWorker: () => new FakeWorker(),
    engineUrl: `${SITE}engine.mjs`,
    wasmUrl: `${SITE}engine.wasm`,
    compile: async (url) => { asked.push(url); return compiled; },
  });
  c.start({ compileHere: true });
  assert.deepEqual(asked, [`${SITE}engine.wasm`]);
  assert.equal((await c.call('version')).version, '0.0.0-fake');
  const first = FakeWorker.instances[0].received;
  assert.equal(first[0].type, 'init');
  assert.equal(first[0].moduleFromPage, true);
  assert.deepEqual(first.find((m) => m.type === 'module')?.module, compiled);
  const controller = new AbortController();
  const cancelled = c.run(spec(), runOptions({ signal: controller.signal })).catch((e) => e);
  controller.abort();
  assert.ok(isAbortError(await cancelled));
  assert.equal((await c.call('version')).version, '0.0.0-fake');
  const init = FakeWorker.instances[1].received.find((m) => m.type === 'init');
  assert.deepEqual([init.module, init.moduleFromPage], [compiled, false], 'the next worker gets the page\'s module at once');
  assert.equal(asked.length, 1);
});

test('a page compile that fails leaves the compile to the worker', async () => {
  const c = new EngineClient({
    createWorker: () => new FakeWorker(),
    engineUrl: `${SITE}engine.mjs`,
    wasmUrl: `${SITE}engine.wasm`,
    compile: async () => { throw new Error('CSP: wasm-unsafe-eval not allowed'); },
  });
  c.start({ compileHere: true });
  assert.equal((await c.call('version')).version, '0.0.0-fake', 'the worker compiled it');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(FakeWorker.instances[0].received.find((m) => m.type === 'module'), { type: 'module', module: null });
});

test('progress steps that come faster than frames reach the page in a few messages, every step in order', async () => {
  const c = client();
  const steps = [];
  const result = await c.run(spec({ fake: { epochs: 500 } }), runOptions({ onProgress: (p) => steps.push(p.done) }));
  assert.deepEqual(result.metrics, FAKE_METRICS);
  assert.deepEqual(steps, Array.from({ length: 500 }, (_, i) => i + 1));
  const messages = FakeWorker.instances[0].posted.filter((m) => m.type === 'progress');
  assert.ok(messages.length < 50, `${messages.length} messages for 500 steps`);
  assert.deepEqual(messages[0].steps.map((p) => p.done), [1], 'the first step goes at once');
  assert.equal(messages.at(-1).steps.at(-1).done, 500, 'the last step arrives before the result');
});
