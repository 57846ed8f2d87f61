// The pool on its own (web/src/runtime/worker-pool.ts, with worker-lifecycle.ts's launcher and
// FakeWorker running the real EngineHost): the hold on the first worker while the build's
// answers serve a page, growing to a count, and messages to every worker. Scheduling through
// the facade (priorities, cancel, side by side): engine-client.test.mjs, engine-pool.test.mjs.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { WorkerLauncher } from '../../build/js-test/runtime/worker-lifecycle.js';
import { WorkerPool } from '../../build/js-test/runtime/worker-pool.js';
import { FAKE_METRICS, FakeWorker } from './helpers/fake-worker.mjs';

const SITE = 'https://lab.test/';
const CSV = 'survived,age\nyes,30\nno,40\n';
const RUN = { type: 'run', specText: JSON.stringify({ dataset: { csv: 'data/tiny.csv', target: 'survived' } }), baseUrl: `${SITE}widgets/w.json`, allowOrigins: ['https://lab.test'] };

function pool(size) {
  const launcher = new WorkerLauncher({
    createWorker: () => new FakeWorker({ files: { [`${SITE}widgets/data/tiny.csv`]: CSV } }),
    engineUrl: `${SITE}engine.mjs`,
    wasmUrl: `${SITE}engine.wasm`,
    recycleAboveBytes: 2 ** 30,
  });
  return { pool: new WorkerPool(launcher, size), launcher };
}

beforeEach(() => { FakeWorker.instances.length = 0; });

test('held, the pool starts no first worker and keeps the jobs; released, it runs them', async () => {
  const { pool: p } = pool(2);
  p.hold(true);
  let answer = null;
  const job = p.enqueue(RUN).then((a) => { answer = a; });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(answer, null);
  assert.equal(FakeWorker.instances.length, 0);
  assert.equal(p.busy, true, 'the job waits');
  p.release();
  await job;
  assert.deepEqual(answer.result?.metrics, FAKE_METRICS, JSON.stringify(answer));
  assert.equal(FakeWorker.instances.length, 1);
  p.release();  // a second release changes nothing
  assert.equal(p.isHeld, false);
});

test('grow starts workers up to the count asked, never past the pool\'s size; broadcast reaches each', () => {
  const { pool: p, launcher } = pool(3);
  p.grow(2);
  assert.equal(p.workersAlive, 2);
  p.grow(8);
  assert.equal(p.workersAlive, 3);
  assert.equal(launcher.started, 3);
  p.broadcast({ type: 'prefetch', specText: RUN.specText, baseUrl: RUN.baseUrl, allowOrigins: [] });
  assert.deepEqual(FakeWorker.instances.map((w) => w.received.map((m) => m.type)), [['init', 'prefetch'], ['init', 'prefetch'], ['init', 'prefetch']]);
});

test('dispose ends every worker and rejects the jobs running or waiting', async () => {
  const { pool: p } = pool(1);
  const jobs = [p.enqueue(RUN), p.enqueue(RUN)].map((j) => j.catch((e) => e.name));
  p.dispose();
  assert.deepEqual(await Promise.all(jobs), ['AbortError', 'AbortError']);
  assert.equal(FakeWorker.instances[0].terminated, true);
  assert.equal(p.busy, false);
  await p.whenIdle();
});
