// EngineClient.attach: the widgets on a page that use the engine. Once the last one is gone
// the pool ends its workers after RELEASE_WORKERS_AFTER_MS (a widget back before then keeps
// them), a warm-up still waiting is dropped, a job in flight finishes first, and the next
// widget starts a worker again. Time is node:test's mock clock: nothing here waits for real.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { EngineClient, RELEASE_WORKERS_AFTER_MS } from '../../build/js-test/runtime/engine-client.js';
import { FakeWorker, deferred } from './helpers/fake-worker.mjs';

const SITE = 'https://lab.test/';
const SPEC = { dataset: { csv: 'data.csv' } };
const FILES = { 'data.csv': 'a,y\n1,yes\n2,no\n' };

function client(gate = null) {
  return new EngineClient({ createWorker: () => new FakeWorker({ gate }), engineUrl: `${SITE}engine.mjs`, wasmUrl: `${SITE}engine.wasm` });
}
const run = (c) => c.run(SPEC, { baseUrl: `${SITE}w.json`, files: FILES });
/** Lets the fake workers' messages (setImmediate) and the promises after them go through. */
const settle = async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)); };
const alive = () => FakeWorker.instances.filter((w) => !w.terminated).length;

beforeEach(() => {
  FakeWorker.instances.length = 0;
  mock.timers.enable({ apis: ['setTimeout'] });
});
afterEach(() => mock.timers.reset());

test('the last widget gone: its workers end after the grace period, and the next widget starts one again', async () => {
  const c = client();
  const detach = c.attach();
  assert.equal(c.attached, 1);
  await run(c);
  assert.equal(c.workersAlive, 1);
  detach();
  detach();  // a second call changes nothing
  assert.equal(c.attached, 0);
  assert.equal(c.workersAlive, 1, 'kept during the grace period');
  mock.timers.tick(RELEASE_WORKERS_AFTER_MS);
  await settle();
  assert.equal(c.workersAlive, 0);
  assert.equal(alive(), 0, 'every Worker was terminated');
  assert.equal(c.workersReleased, 1);

  const again = c.attach();
  await run(c);
  assert.equal(c.workersAlive, 1, 'a new widget starts a worker again');
  again();
});

test('a widget back within the grace period (a page swapped in by instant navigation) keeps the workers', async () => {
  const c = client();
  const first = c.attach();
  await run(c);
  first();
  mock.timers.tick(RELEASE_WORKERS_AFTER_MS - 1);
  const second = c.attach();
  mock.timers.tick(10 * RELEASE_WORKERS_AFTER_MS);
  await settle();
  assert.equal(c.workersAlive, 1);
  assert.equal(c.workersReleased, 0);
  assert.equal(FakeWorker.instances.length, 1, 'no worker was started twice');
  second();
});

test('a warm-up still waiting when the last widget goes is dropped: no job and no worker after it', async () => {
  const c = client();
  const detach = c.attach();
  c.warmUpWhenIdle();
  detach();
  mock.timers.tick(10 * RELEASE_WORKERS_AFTER_MS);
  await settle();
  assert.equal(c.jobsQueued, 0, 'the warm-up never queued');
  assert.equal(FakeWorker.instances.length, 0, 'no worker was started');
});

test('a job still running when the grace period ends finishes, then the workers end', async () => {
  const gate = deferred();
  const c = client(gate.promise);
  const detach = c.attach();
  const result = run(c);
  await settle();
  detach();
  mock.timers.tick(RELEASE_WORKERS_AFTER_MS);
  await settle();
  assert.equal(c.workersAlive, 1, 'the running job keeps its worker');
  gate.resolve();
  assert.equal((await result).metrics.test.accuracy, 0.75);
  await settle();
  assert.equal(c.workersAlive, 0);
  assert.equal(alive(), 0);
});
