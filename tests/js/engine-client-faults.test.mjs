// EngineClient when the worker dies on its own (the life-lock watch) and when its wasm memory
// grew large (the worker is replaced after the job). The fake worker runs the real EngineHost.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { EngineClient, RECYCLE_WORKER_ABOVE_BYTES } from '../../build/js-test/runtime/engine-client.js';
import { EngineError } from '../../build/js-test/runtime/engine-api.js';
import { FAKE_METRICS, FakeWorker, deferred, fakeEngine } from './helpers/fake-worker.mjs';

const SITE = 'https://lab.test/';
const CSV = 'survived,age\nyes,30\nno,40\n';
const spec = () => ({ dataset: { csv: 'data/tiny.csv', target: 'survived' } });
const runOptions = () => ({ baseUrl: `${SITE}widgets/w.json`, allowOrigins: ['https://lab.test'] });

/** A client whose life locks the test releases by hand (as the browser does when a worker ends). */
function client(workerOptions = () => ({})) {
  const locks = new Map();
  const c = new EngineClient({
    createWorker: () => new FakeWorker({ files: { [`${SITE}widgets/data/tiny.csv`]: CSV }, ...workerOptions() }),
    engineUrl: `${SITE}engine.mjs`,
    wasmUrl: `${SITE}engine.wasm`,
    whenReleased: (name) => {
      const lock = deferred();
      locks.set(name, lock);
      return lock.promise;
    },
  });
  return { c, locks };
}

/** Has the n-th fake worker say it holds its lock, as engine-worker.ts does on init. */
function announceAlive(index) {
  const worker = FakeWorker.instances[index];
  assert.ok(worker.received.find((m) => m.type === 'init').lifeLock, 'the init names a life lock');
  worker.onmessage({ data: { type: 'alive' } });
}

beforeEach(() => { FakeWorker.instances.length = 0; });

test('a worker that dies mid-run fails the run in plain words; the next run gets a fresh worker', async () => {
  const gate = deferred();
  let first = true;
  const { c, locks } = client(() => (first ? ((first = false), { gate: gate.promise }) : {}));
  const running = c.run(spec(), runOptions());
  announceAlive(0);
  await new Promise((r) => setTimeout(r, 10));
  FakeWorker.instances[0].terminate();  // killed behind the client's back
  [...locks.values()][0].resolve();     // ... and the browser frees its lock
  await assert.rejects(running, (e) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.info.kind, 'worker');
    assert.match(e.message, /^The engine stopped during the run \(its worker ended: it was closed or ran out of memory\)\. Your settings are kept: run again/);
    return true;
  });
  assert.equal(c.busy, false, 'nothing is left waiting');
  const result = await c.run(spec(), runOptions());
  assert.equal(result.metrics.test.accuracy, 0.75);
  assert.equal(c.workersStarted, 2);
});

test('a worker that dies while idle is replaced by the next job without an error', async () => {
  const { c, locks } = client();
  assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS);
  announceAlive(0);
  FakeWorker.instances[0].terminate();
  [...locks.values()][0].resolve();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS);
  assert.equal(c.workersStarted, 2);
});

test('the lock of a worker the client itself replaced is not taken for a death', async () => {
  const { c, locks } = client(() => ({ engine: fakeEngine() }));
  const first = c.run(spec(), runOptions());
  announceAlive(0);
  assert.deepEqual((await first).metrics, FAKE_METRICS);
  c.dispose();  // terminates worker 0 on purpose
  const next = c.run(spec(), runOptions());
  [...locks.values()][0].resolve();
  assert.deepEqual((await next).metrics, FAKE_METRICS, 'the new worker\'s run is unaffected');
  assert.equal(c.workersStarted, 2);
});

test('a worker whose wasm memory grew past the threshold is replaced after its job', async () => {
  const big = { ...fakeEngine(), HEAP8: { buffer: { byteLength: RECYCLE_WORKER_ABOVE_BYTES + 65536 } } };
  const small = { ...fakeEngine(), HEAP8: { buffer: { byteLength: 32 * 2 ** 20 } } };
  let n = 0;
  const { c } = client(() => ({ engine: n++ === 0 ? big : small }));
  assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS);
  assert.equal(c.lastMemoryBytes, RECYCLE_WORKER_ABOVE_BYTES + 65536);
  assert.equal(FakeWorker.instances[0].terminated, true, 'the large worker is gone after its job');
  for (let i = 0; i < 2; i++) assert.deepEqual((await c.run(spec(), runOptions())).metrics, FAKE_METRICS);
  assert.equal(c.workersStarted, 2, 'a small worker is kept');
  assert.equal(c.workersRecycled, 1);
  assert.equal(c.lastMemoryBytes, 32 * 2 ** 20);
});
