// The page's pool of engine workers in Chromium: the Optimization Lab's path + 5-fold CV run is
// split across 2 workers (?lab-workers=2) and gives exactly the numbers of the one-worker run
// (?lab-workers=1), with both workers busy at once; a change mid-run cancels the split run and
// only the latest setting's result is shown. A page's first run goes whole while the pool's
// other workers start (engine-client.ts), so each test splits its second run.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { afterRun, openPage, recordRuns, runResult, startLab } from './harness.mjs';

const SRC = '/widgets/optimization_lab.titanic.json';
const TAG = 'optimization-lab';
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

async function openLab(workers) {
  // lab-split-bytes=0: split the lesson's small data set too (the default splits from 1 MB).
  const page = await openPage(lab, `widget.html?src=${encodeURIComponent(SRC)}&lab-test-hooks&lab-workers=${workers}&lab-split-bytes=0`);
  page.setDefaultTimeout(120_000);
  await page.locator(`${TAG} button.run:not([disabled])`).waitFor();
  await recordRuns(page, TAG);
  return page;
}

const counters = (page) => page.evaluate(() => window.labEngineTestHooks.counters());
const l1Slider = (page) => page.locator(`${TAG} [data-panel="regularization"].panel .control[data-option="model.l1_ratio"] input[type=range]`);

/** The first run (whole, while the pool starts), then a change of the L1 share that reruns. */
async function firstRun(page) {
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
}
async function nudgeL1(page) {
  await l1Slider(page).focus();
  await l1Slider(page).press('ArrowLeft');
}
const engineWorkers = (page) => page.workers().filter((w) => w.url().includes('lab-engine-worker'));

test('a seeded path + CV run gives the same numbers on 1 and 2 workers; on 2 both work at once', { timeout: 300_000 }, async () => {
  const results = {};
  for (const workers of [1, 2]) {
    const page = await openLab(workers);
    // Both workers busy at the same moment: sampled on every progress step of the runs.
    await page.evaluate(() => {
      window.mostBusy = 0;
      document.querySelector('optimization-lab').addEventListener('lab-run-progress', () => {
        const busy = window.labEngineTestHooks.counters().runningWorkers;
        window.mostBusy = Math.max(window.mostBusy, busy);
      });
    });
    await firstRun(page);
    const before = await counters(page);
    const detail = await runResult(page, TAG, () => nudgeL1(page));
    const c = await counters(page);
    assert.equal(c.poolSize, workers);
    assert.equal(c.splitRuns - before.splitRuns, workers > 1 ? 1 : 0, 'the path + CV run is split only with a pool');
    assert.equal(engineWorkers(page).length, workers, `${workers} engine worker(s) in the page`);
    if (workers > 1) assert.equal(await page.evaluate(() => window.mostBusy), 2, 'both workers ran at once');
    results[workers] = detail.result.experiments.regularization;
    await page.close();
  }
  assert.equal(results[1].path.length, 100);
  assert.equal(results[1].cv.mean.length, 100);
  assert.deepEqual(results[2], results[1], 'every number of the run, to the last bit');
});

test('a change while a split run works cancels it: only the latest setting\'s result is shown, the pool stays usable', { timeout: 300_000 }, async () => {
  const page = await openLab(2);
  await firstRun(page);
  const detail = await runResult(page, TAG, async () => {
    await nudgeL1(page);
    await page.waitForFunction(() => window.labEngineTestHooks.counters().splitRuns >= 1);
    await l1Slider(page).press('Home');  // l1_ratio 0: ridge, a new run
  });
  assert.equal(detail.result.experiments.regularization.model.l1_ratio, 0);
  const c = await counters(page);
  assert.ok(c.splitRuns >= 1, 'the cancelled run was split');
  // No job left behind (the engine's warm-up, a background job, may still be finishing).
  await page.waitForFunction(() => !window.labEngineTestHooks.counters().busy);
  assert.ok(engineWorkers(page).length <= 2, 'cancelled workers are gone, at most the pool remains');
  await page.close();
});

test('a share worker killed mid-run fails the split run in plain words; the next run works on the pool', { timeout: 300_000 }, async () => {
  const page = await openLab(2);
  await firstRun(page);
  // Killed at the split run's first progress step, when its shares are running.
  await page.evaluate(() => {
    const el = document.querySelector('optimization-lab');
    const kill = () => {
      el.removeEventListener('lab-run-progress', kill);
      window.labEngineTestHooks.terminateWorker();
    };
    el.addEventListener('lab-run-progress', kill);
  });
  const outcome = await afterRun(page, TAG, () => nudgeL1(page));
  assert.equal(outcome.ok, false);
  assert.match(outcome.error.message, /^The engine stopped during the run \(its worker ended/);
  const { result } = await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  assert.equal(result.experiments.regularization.path.length, 100);
  const c = await counters(page);
  // No job left behind (the engine's warm-up, a background job, may still be finishing).
  await page.waitForFunction(() => !window.labEngineTestHooks.counters().busy);
  assert.ok(c.splitRuns >= 1, 'the killed run was split');
  await page.close();
});
