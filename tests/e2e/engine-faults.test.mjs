// The engine's worker killed at several stages of a run, as a crash, an out-of-memory kill or the
// browser would end it: the widget says so in plain words, keeps the learner's settings, and
// the next run works on a fresh worker; a cancelled run leaves no worker or job behind. The
// page is opened with ?lab-test-hooks, which exposes `labEngineTestHooks.terminateWorker()`
// (a Worker.terminate() the engine client is not told about: it must notice by itself).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { afterRun, openPage, recordRuns, runResult, startLab } from './harness.mjs';

const LAB = { src: '/widgets/optimization_lab.titanic.json', tag: 'optimization-lab' };
const EXPLORER = { src: '/widgets/performance_tradeoff.titanic.json', tag: 'performance-tradeoff-explorer' };
const STOPPED = /^The engine stopped during the run \(its worker ended: it was closed or ran out of memory\)\. Your settings are kept: run again to start a fresh engine\.$/;
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

// One engine worker (?lab-workers=1): these are one worker's faults, counted worker by worker
// (a killed share of a run split across a pool: tests/e2e/worker-pool.test.mjs).
async function openWidget({ src, tag }, query = '') {
  const page = await openPage(lab, `widget.html?src=${encodeURIComponent(src)}&lab-test-hooks&lab-workers=1${query}`);
  page.setDefaultTimeout(180_000);
  await page.locator(`${tag} button.run:not([disabled])`).waitFor();
  await recordRuns(page, tag);
  return page;
}

const counters = (page) => page.evaluate(() => window.labEngineTestHooks.counters());
const status = (page, tag) => page.locator(`${tag} p.status`).textContent();
const engineWorkers = (page) => page.workers().filter((w) => w.url().includes('lab-engine-worker'));

/** Kills the worker from inside the page when the widget fires `event` (`nth` one of its
 *  kind, counting from now): the kill lands at that stage of the run, not after it. */
function killOn(page, tag, event, nth = 1) {
  return page.evaluate(([t, type, n]) => {
    let seen = 0;
    const el = document.querySelector(t);
    const kill = () => {
      if (++seen < n) return;
      el.removeEventListener(type, kill);
      window.labEngineTestHooks.terminateWorker();
    };
    el.addEventListener(type, kill);
  }, [tag, event, nth]);
}

/** Waits until the page has at most `n` live engine workers (a terminated one closes a little
 *  after terminate()); fails after 30 s with how many are left. */
async function settleWorkers(page, n, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (engineWorkers(page).length > n) {
    if (Date.now() > end) throw new Error(`waited ${timeout} ms for at most ${n} live engine worker(s); ${engineWorkers(page).length} are left`);
    await page.waitForTimeout(50);  // a poll of Playwright's worker list (no page event says a worker closed)
  }
  return engineWorkers(page).length;
}

// (The lab shows a result again from its cache when the settings did not change, without the
// engine: each run below that must reach the worker changes a setting first.)
test('a worker killed mid-run: the lab says so, keeps the learner\'s setting, and runs again on a fresh worker', { timeout: 300_000 }, async () => {
  const page = await openWidget(LAB);
  await page.locator(`${LAB.tag} [role=tab][data-panel="dropout"]`).click();
  await runResult(page, LAB.tag, () => page.locator(`${LAB.tag} button.run`).click());
  const dropout = page.locator(`${LAB.tag} [data-panel="dropout"].panel .control[data-option="model.dropout"] input[type=range]`);
  const started = await counters(page);
  await killOn(page, LAB.tag, 'lab-run-progress');  // the run the learner's change starts dies at its first step
  await dropout.focus();
  const outcome = await afterRun(page, LAB.tag, () => dropout.press('End'));
  assert.equal(outcome.ok, false, 'the killed run cannot have succeeded');
  assert.equal(outcome.error.kind, 'worker');
  assert.match(outcome.error.message, STOPPED);
  assert.match(await status(page, LAB.tag), STOPPED);
  assert.equal(await dropout.getAttribute('aria-valuetext'), '0.8', 'the slider keeps the learner\'s value');
  assert.match(page.url(), /dropout\/model\.dropout=0\.8/, 'the settings in the URL are kept');
  assert.equal(await page.locator(`${LAB.tag} button.run`).isEnabled(), true);

  const { result } = await runResult(page, LAB.tag, () => page.locator(`${LAB.tag} button.run`).click());
  assert.equal(result.experiments.dropout.model.dropout, 0.8, 'the next run uses the kept setting');
  assert.match(await status(page, LAB.tag), /^Finished in/);
  const after = await counters(page);
  assert.ok(after.workersStarted > started.workersStarted, 'a fresh worker ran it');
  // No job left behind (the engine's warm-up, a background job, may still be finishing).
  await page.waitForFunction(() => !window.labEngineTestHooks.counters().busy);
  assert.equal(await settleWorkers(page, 1), 1, 'one live engine worker');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a worker killed as the run starts, and one killed while idle: the next run works', { timeout: 300_000 }, async () => {
  const page = await openWidget(LAB);
  await killOn(page, LAB.tag, 'lab-run-start');
  const first = await afterRun(page, LAB.tag, () => page.locator(`${LAB.tag} button.run`).click());
  assert.equal(first.ok, false);
  assert.match(first.error.message, STOPPED);
  const { result } = await runResult(page, LAB.tag, () => page.locator(`${LAB.tag} button.run`).click());
  assert.ok(result.experiments.regularization.path.length > 0);

  // Killed between runs: nothing is running, so nothing fails; the next run starts a worker.
  const idle = await counters(page);
  await page.evaluate(() => window.labEngineTestHooks.terminateWorker());
  await settleWorkers(page, 0);
  const ridge = await runResult(page, LAB.tag, () => page.locator(`${LAB.tag} [data-panel="regularization"].panel`).getByRole('button', { name: 'Ridge (L2)' }).click());
  assert.ok(ridge.result.experiments.regularization.path.slice(1).every((row) => row.nonzero === 12), 'a ridge path, computed');
  assert.ok((await counters(page)).workersStarted > idle.workersStarted, 'on a fresh worker');
  assert.equal(await page.evaluate(() => window.labRuns.errors.length), 1, 'only the run that was killed failed');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the explorer killed in the middle of its variants says so and measures them all on the next run', { timeout: 300_000 }, async () => {
  const page = await openWidget(EXPLORER);
  await killOn(page, EXPLORER.tag, 'lab-run-progress', 2);
  const outcome = await afterRun(page, EXPLORER.tag, () => page.locator(`${EXPLORER.tag} button.run`).click());
  assert.equal(outcome.ok, false);
  assert.match(outcome.error.message, STOPPED);
  assert.match(await status(page, EXPLORER.tag), STOPPED);
  const { result } = await runResult(page, EXPLORER.tag, () => page.locator(`${EXPLORER.tag} button.run`).click());
  assert.ok(result.variants.length > 1);
  assert.equal(await page.locator(`${EXPLORER.tag} table.variants tbody tr`).count(), result.variants.length);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('runs cancelled at the start, mid-run and from the queue leave no worker or job behind', { timeout: 300_000 }, async () => {
  const page = await openWidget(LAB);
  await page.evaluate((t) => {
    window.cancels = 0;
    document.querySelector(t).addEventListener('lab-run-cancel', () => window.cancels++);
  }, LAB.tag);
  const run = page.locator(`${LAB.tag} button.run`);
  // Cancelled as it starts (a second Run replaces the first at once), then mid-run by Cancel.
  await page.evaluate((t) => {
    const button = document.querySelector(t).shadowRoot.querySelector('button.run');
    button.click();
    button.click();
  }, LAB.tag);
  await page.waitForFunction(() => window.cancels >= 1);
  // Cancel is pressed from the first progress event itself: a click from the test afterwards
  // can come after a short run has already ended (seen on a loaded CI machine).
  await page.evaluate((t) => new Promise((resolve) => {
    const el = document.querySelector(t);
    el.addEventListener('lab-run-progress', () => {
      el.shadowRoot.querySelector('button.cancel').click();
      resolve();
    }, { once: true });
  }), LAB.tag);
  await page.waitForFunction(() => window.cancels >= 2);
  await page.waitForFunction(() => !window.labEngineTestHooks.counters().busy);
  assert.match(await status(page, LAB.tag), /^Cancelled\.$/);
  assert.equal(await page.evaluate(() => window.labRuns.results.length + window.labRuns.errors.length), 0, 'no cancelled run reported a result or an error');
  assert.ok(await settleWorkers(page, 1) <= 1, 'the cancelled runs\' workers are gone');
  const { result } = await runResult(page, LAB.tag, () => run.click());
  assert.ok(result.experiments.regularization.path.length > 0);
  assert.equal(await page.evaluate(() => window.labRuns.started.length), 3, 'two cancelled runs and one that finished');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
