// <optimization-lab> on the lesson's Titanic widget file, in Chromium, one test per numbered
// experiment of the lesson: change a control (keyboard, preset or switch), see the chart change,
// no console errors. Plus: the λ slider reads the path without a run, epochs stream in while
// training, settings go to the URL and a shared link reproduces the run, exports, the learner's
// own CSV (and a bad one), and screenshots at desktop width and 360 px.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ROOT, afterRun, openPage, recordRuns, runResult, saveElementScreenshot, startLab, waitUntil } from './harness.mjs';

const SRC = '/widgets/optimization_lab.titanic.json';
const TAG = 'optimization-lab';
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

async function openLab(options = {}, query = '') {
  const page = await openPage(lab, `widget.html?src=${encodeURIComponent(SRC)}${query}`, options);
  page.setDefaultTimeout(120_000);
  await page.locator(`${TAG} button.run:not([disabled])`).waitFor();
  await recordRuns(page, TAG);
  return page;
}

const panel = (page, id) => page.locator(`${TAG} [data-panel="${id}"].panel`);
const summaries = (page, id) => panel(page, id).locator('.chart-summary').allTextContents();
const canvasImage = (page, id, n) => panel(page, id).locator('canvas').nth(n).evaluate((c) => c.toDataURL());
const openTab = (page, id) => page.locator(`${TAG} [role=tab][data-panel="${id}"]`).click();
const noticeOf = (page, id) => panel(page, id).locator('.what-to-notice').textContent();
/** The panel's table: its column headings (after "Measure") and each row's cells by heading. */
async function tableOf(page, id) {
  const table = panel(page, id).locator('table.metrics');
  const headings = (await table.locator('thead th').allTextContents()).slice(1);
  const rows = {};
  for (const row of await table.locator('tbody tr').all()) {
    const cells = await row.locator('td').allTextContents();
    rows[await row.locator('th').textContent()] = Object.fromEntries(headings.map((h, i) => [h, cells[i]]));
  }
  return { headings, rows };
}
const percent = (v) => `${(100 * v).toFixed(1)}%`;
/** Waits until no pin of the panel is still being computed (a restored pin runs after the live run). */
const pinsComputed = (page, id) => panel(page, id).locator('.pin-pending').first().waitFor({ state: 'detached', timeout: 120_000 });

/** Waits until the locator's text matches. */
async function waitText(locator, re) {
  await locator.page().waitForFunction(([el, source]) => new RegExp(source).test(el.textContent), [await locator.elementHandle(), re.source]);
}

/** Moves a slider by keyboard: focus, then keys (a range input fires input and change). */
async function slide(page, id, option, keys) {
  const slider = panel(page, id).locator(`.control[data-option="${option}"] input[type=range]`);
  await slider.focus();
  for (const key of keys) await slider.press(key);
}

test('1. regularization: the λ slider spans the path, reads it (no run) and moves bars, zeros, markers and the notice; L1 share reruns the path', { timeout: 300_000 }, async () => {
  const page = await openLab();
  const result = await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const reg = result.result.experiments.regularization;
  assert.equal(reg.path.length, 100);
  const nonzero = () => panel(page, 'regularization').locator('.nonzero-count').textContent();
  assert.match(await nonzero(), /^\d+ of 12 coefficients non-zero/);
  await saveElementScreenshot(page.locator(TAG), 'optimization-lab-desktop');
  const before = { count: await nonzero(), bars: await canvasImage(page, 'regularization', 0), path: await canvasImage(page, 'regularization', 1) };
  const starts = await page.evaluate(() => window.labRuns.started.length);

  const count = (text) => Number(/^(\d+) of 12/.exec(text)[1]);
  const top = reg.path[0];  // the strongest penalty on the path: (nearly) every coefficient zero under L1
  // The file's λ = 0.01 lies on the path, and the notice reads the fit there (the path's nearest λ).
  const fit = reg.path.reduce((a, r) => (Math.abs(Math.log(r.lambda / 0.01)) < Math.abs(Math.log(a.lambda / 0.01)) ? r : a));
  assert.ok(fit.lambda > reg.path.at(-1).lambda && fit.lambda < top.lambda, 'inside the path');
  const notice = await noticeOf(page, 'regularization');
  assert.match(notice, new RegExp(`^At λ = ${String(Number(fit.lambda.toPrecision(3))).replace('.', '\\.')}, lasso \\(L1\\) keeps ${count(before.count)} of 12 coefficients and scores \\d+\\.\\d% on passengers it did not train on; cross-validation's best λ is [\\d.e-]+ \\(\\d+\\.\\d%\\)\\.$`));
  const lambdaOutput = panel(page, 'regularization').locator('.control[data-option="model.lambda"] output');
  const near = (text, value) => Math.abs(Number(text) / value - 1) < 0.02;
  await slide(page, 'regularization', 'model.lambda', ['End']);  // the slider ends where the path does: its top fit
  assert.ok(near(await lambdaOutput.textContent(), top.lambda), `End is the path's largest λ ${top.lambda}: ${await lambdaOutput.textContent()}`);
  await waitText(panel(page, 'regularization').locator('.nonzero-count'), new RegExp(`^${top.nonzero} of 12 coefficients non-zero`));
  assert.notEqual(await noticeOf(page, 'regularization'), notice, 'the notice follows λ');
  assert.match(await noticeOf(page, 'regularization'), new RegExp(`keeps ${top.nonzero} of 12 coefficients`));
  assert.ok(top.nonzero < count(before.count), `${top.nonzero} non-zero at the top of the path, ${before.count} at λ = 0.01`);
  assert.ok(!(await canvasImage(page, 'regularization', 0) === before.bars), 'the bars move');
  assert.ok(!(await canvasImage(page, 'regularization', 1) === before.path), 'the λ marker moves on the path');
  const zeros = Object.entries(top.coefficients).filter(([, v]) => v === 0).map(([k]) => k);
  assert.match((await summaries(page, 'regularization'))[0], new RegExp(`^${top.nonzero} of 12 coefficients are non-zero; exactly zero: ${zeros.join(', ')}\\.`));
  assert.doesNotMatch(await panel(page, 'regularization').locator('.readout').textContent(), /above the path|below the path/);
  await slide(page, 'regularization', 'model.lambda', ['Home']);
  const bottom = reg.path.at(-1);  // Home: the path's smallest λ, its weakest penalty
  assert.ok(near(await lambdaOutput.textContent(), bottom.lambda), `Home is the path's smallest λ ${bottom.lambda}: ${await lambdaOutput.textContent()}`);
  await waitText(panel(page, 'regularization').locator('.nonzero-count'), new RegExp(`^${bottom.nonzero} of 12 coefficients non-zero`));
  assert.ok(bottom.nonzero >= top.nonzero);
  // Nothing pending: no rerun waiting out its delay or running (the widget's pendingReruns).
  await waitUntil(page, (tag) => document.querySelector(tag).pendingReruns === 0, TAG, `${TAG} to have no rerun pending after moving λ`, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.labRuns.started.length), starts, 'moving λ starts no run');

  // Ridge: the path is recomputed, and no coefficient is exactly zero along it.
  const ridge = await runResult(page, TAG, () => panel(page, 'regularization').getByRole('button', { name: 'Ridge (L2)' }).click());
  const path = ridge.result.experiments.regularization.path;
  assert.ok(path.slice(1).every((row) => row.nonzero === 12), 'ridge keeps every coefficient');
  assert.match((await summaries(page, 'regularization'))[1], /cross-validation picks λ_min = [\d.e-]+/);
  assert.match(await noticeOf(page, 'regularization'), /ridge \(L2\) keeps \d+ of 12 coefficients/);
  assert.ok(new URL(page.url()).search.includes('regularization/model.l1_ratio=0'), page.url());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('2. dropout: the rate reruns only the dropout model; curves stream in; the gap is drawn for both', { timeout: 300_000 }, async () => {
  const page = await openLab();
  await openTab(page, 'dropout');
  const first = await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const [reference, withDropout] = await summaries(page, 'dropout');
  assert.match(reference, /^Epoch 300 of 300: .* gap \+/);
  // What to notice: the gap and the scores of both runs, as the table shows them.
  const m = (name, split) => first.result.experiments[name].metrics[split].accuracy;
  const gap = (name) => (m(name, 'train') - m(name, 'validation')).toFixed(3);
  const notice = await noticeOf(page, 'dropout');
  assert.equal(notice, `Dropout moved the train–validation accuracy gap from ${gap('no_dropout')} to ${gap('dropout')}; validation accuracy ${percent(m('no_dropout', 'validation'))} → ${percent(m('dropout', 'validation'))}, test accuracy ${percent(m('no_dropout', 'test'))} → ${percent(m('dropout', 'test'))}.`);
  const table = await tableOf(page, 'dropout');
  assert.deepEqual(table.headings, ['Plain network (reference)', 'With dropout']);
  assert.equal(table.rows['test accuracy']['With dropout'], percent(m('dropout', 'test')), 'one format: the table reads as the notice');
  // Watch the dropout chart's text while the next run streams its epochs.
  await panel(page, 'dropout').locator('.chart-summary').nth(1).evaluate((el) => {
    window.seen = [];
    new MutationObserver(() => window.seen.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
  });
  const image = await canvasImage(page, 'dropout', 1);
  const result = await runResult(page, TAG, () => slide(page, 'dropout', 'model.dropout', ['End']));
  assert.deepEqual(await page.evaluate(() => window.labRuns.started.at(-1)), ['dropout'], 'the reference is reused, not retrained');
  assert.equal(result.result.experiments.dropout.model.dropout, 0.8);
  const [reference2, heavy] = await summaries(page, 'dropout');
  assert.equal(reference2, reference);
  assert.notEqual(heavy, withDropout);
  assert.notEqual(await noticeOf(page, 'dropout'), notice, 'the notice follows the numbers');
  assert.match(await noticeOf(page, 'dropout'), new RegExp(`test accuracy ${percent(m('no_dropout', 'test'))} → ${percent(result.result.experiments.dropout.metrics.test.accuracy)}\\.$`));
  assert.notEqual(await canvasImage(page, 'dropout', 1), image);
  const seen = await page.evaluate(() => window.seen);
  assert.ok(seen.some((t) => /^Epoch (\d+) of 300/.test(t) && Number(/^Epoch (\d+)/.exec(t)[1]) < 300), `streamed: ${seen.slice(0, 3)}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a burst of changes during a run: the run stops at once, one rerun follows with the last value', { timeout: 300_000 }, async () => {
  const page = await openLab();
  await openTab(page, 'dropout');
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  // On the next run's first progress event (it is computing), three more steps arrive at once.
  await page.locator(TAG).evaluate((el) => {
    window.burst = { cancels: 0, starts: 0, statusAfterCancel: null };
    el.addEventListener('lab-run-cancel', () => {
      window.burst.cancels++;
      queueMicrotask(() => { window.burst.statusAfterCancel = el.shadowRoot.querySelector('.status')?.textContent ?? null; });
    });
    el.addEventListener('lab-run-start', () => { window.burst.starts++; });
    el.addEventListener('lab-run-progress', () => {
      if (window.burst.stepped) return;
      window.burst.stepped = true;
      const slider = el.shadowRoot.querySelector('[data-panel="dropout"].panel .control[data-option="model.dropout"] input[type=range]');
      for (let i = 0; i < 3; i++) {
        slider.stepUp();
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        slider.dispatchEvent(new Event('change', { bubbles: true }));
      }
      window.burst.value = Number(slider.value);
    });
  });
  // One step starts a run (Run again would show the cached result: nothing changed).
  const rerun = await runResult(page, TAG, async () => {
    await slide(page, 'dropout', 'model.dropout', ['ArrowRight']);
    await page.waitForFunction(() => window.burst.cancels === 1);
  });
  const burst = await page.evaluate(() => window.burst);
  assert.equal(burst.cancels, 1, 'the run computing the old value was stopped');
  assert.equal(burst.starts, 2, 'the first step\'s run and one rerun after the burst, not one per step');
  assert.match(burst.statusAfterCancel ?? '', /Settings changed: running again/);
  assert.equal(rerun.result.experiments.dropout.model.dropout, burst.value);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('3. early stopping: patience and restore-best change the stop, the marks and the epochs saved', { timeout: 300_000 }, async () => {
  const page = await openLab();
  await openTab(page, 'early_stopping');
  const first = await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const stop1 = first.result.experiments.early_stopping.early_stopping;
  // The same network without early stopping runs as the reference, all 500 epochs.
  assert.equal(first.result.experiments.no_early_stopping.history.length, 500);
  assert.equal(first.result.experiments.no_early_stopping.early_stopping, undefined);
  assert.match((await summaries(page, 'early_stopping'))[0], /^Epoch 500 of 500/);
  const notice1 = await noticeOf(page, 'early_stopping');
  assert.match(notice1, new RegExp(`^Early stopping trained ${stop1.epochs_run} of 500 epochs \\(best epoch ${stop1.best_epoch}\\); validation loss \\d\\.\\d{3} → \\d\\.\\d{3}, test accuracy \\d+\\.\\d% → \\d+\\.\\d%\\.$`));
  const text1 = (await summaries(page, 'early_stopping'))[1];
  assert.match(text1, new RegExp(`stopped at epoch ${stop1.stopped_epoch}; best epoch ${stop1.best_epoch} \\(its weights restored\\); ${stop1.epochs_saved} epochs`));
  const second = await runResult(page, TAG, () => panel(page, 'early_stopping').getByRole('button', { name: 'Impatient' }).click());
  const stop2 = second.result.experiments.early_stopping.early_stopping;
  assert.ok(stop2.epochs_saved > stop1.epochs_saved, `patience 2 saves more epochs (${stop2.epochs_saved} vs ${stop1.epochs_saved})`);
  assert.deepEqual(await page.evaluate(() => window.labRuns.started.at(-1)), ['early_stopping'], 'the reference is reused');
  assert.notEqual((await summaries(page, 'early_stopping'))[1], text1);
  assert.match(await noticeOf(page, 'early_stopping'), new RegExp(`^Early stopping trained ${stop2.epochs_run} of 500 epochs`));
  const third = await runResult(page, TAG, () => panel(page, 'early_stopping').getByRole('switch', { name: /Restore the best/ }).press('Space'));
  assert.equal(third.result.experiments.early_stopping.early_stopping.restored, false);
  assert.match((await summaries(page, 'early_stopping'))[1], /\(last weights kept\)/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('4. learning-rate schedules: four schedules overlaid; the starting rate moves every curve', { timeout: 300_000 }, async () => {
  const page = await openLab({ width: 360, height: 800 });
  await openTab(page, 'schedules');
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const [rates] = await summaries(page, 'schedules');
  for (const name of ['Constant', 'Step decay', 'Exponential decay', 'Cosine']) assert.match(rates, new RegExp(`${name}: 0\\.0500 at epoch 1`));
  const notice = await noticeOf(page, 'schedules');
  assert.match(notice, /^Lowest final validation loss: (Constant|Step decay|Exponential decay|Cosine) \(\d\.\d{3}, validation accuracy \d+\.\d%\); highest: (Constant|Step decay|Exponential decay|Cosine) \(\d\.\d{3}, \d+\.\d%\)\./);
  const image = await canvasImage(page, 'schedules', 0);
  const bold = await runResult(page, TAG, () => panel(page, 'schedules').getByRole('button', { name: 'Bold start' }).click());
  assert.deepEqual(Object.keys(bold.result.experiments).sort(), ['schedule_constant', 'schedule_cosine', 'schedule_exponential', 'schedule_step']);
  assert.match((await summaries(page, 'schedules'))[0], /Step decay: 0\.300 at epoch 1 to [\d.e-]+ at epoch 150/);
  assert.notEqual(await noticeOf(page, 'schedules'), notice, 'the notice follows the numbers');
  assert.notEqual(await canvasImage(page, 'schedules', 0), image);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360 px`);
  assert.deepEqual(page.errors, []);
  await saveElementScreenshot(page.locator(TAG), 'optimization-lab-360');
  await page.context().close();
});

test('5. batch normalization and weight decay: toggling them changes the curves; tabs work by keyboard', { timeout: 300_000 }, async () => {
  const page = await openLab();
  const firstTab = page.locator(`${TAG} [role=tab]`).first();
  await firstTab.focus();
  await firstTab.press('End');
  assert.equal(await page.locator(`${TAG} [role=tab][aria-selected=true]`).getAttribute('data-panel'), 'batchnorm_weight_decay');
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const before = (await summaries(page, 'batchnorm_weight_decay'))[1];
  // Learner words: the controls' labels and the experiments' labels, no option paths.
  assert.equal(await panel(page, 'batchnorm_weight_decay').locator('.targets').textContent(),
    'Batch normalization, Weight decay per step and Learning rate change: Your settings. Unchanged for comparison: Plain network.');
  const notice = await noticeOf(page, 'batchnorm_weight_decay');
  assert.match(notice, /^Against the plain network, your settings moved validation loss from \d\.\d{3} to \d\.\d{3} and test accuracy from \d+\.\d% to \d+\.\d%/);
  const off = await runResult(page, TAG, () => panel(page, 'batchnorm_weight_decay').getByRole('switch', { name: 'Batch normalization' }).click());
  assert.equal(off.result.experiments.batchnorm_weight_decay.model.batch_norm, false);
  assert.notEqual((await summaries(page, 'batchnorm_weight_decay'))[1], before);
  assert.notEqual(await noticeOf(page, 'batchnorm_weight_decay'), notice, 'the notice follows the numbers');
  const decay = await runResult(page, TAG, () => slide(page, 'batchnorm_weight_decay', 'train.weight_decay', ['End']));
  assert.ok(decay.result.experiments.batchnorm_weight_decay.metrics.test.accuracy >= 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('settings live in the URL and the saved state; a shared link reproduces the run', { timeout: 300_000 }, async () => {
  const page = await openLab();
  await openTab(page, 'dropout');
  const first = await runResult(page, TAG, () => slide(page, 'dropout', 'model.dropout', ['ArrowRight', 'ArrowRight']));
  assert.equal(first.result.experiments.dropout.model.dropout, 0.4);
  await page.waitForFunction(() => location.search.includes('dropout/model.dropout=0.4'));
  const link = page.url();
  assert.match(link, /optimization_lab\.titanic:panel=dropout/);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('ml-lab.learner.v4')).widgets);
  assert.deepEqual(Object.values(saved)[0], { 'dropout/model.dropout': 0.4, panel: 'dropout' });
  const accuracy = first.result.experiments.dropout.metrics.test.accuracy;
  await page.context().close();

  // Someone else opens the link: the same panel and value, run automatically, same numbers.
  const other = await openPage(lab, null);
  await other.goto(link);
  await other.waitForFunction((tag) => document.querySelector(tag)?.result?.experiments?.dropout, TAG, { timeout: 120_000 });
  const shared = await other.evaluate((tag) => document.querySelector(tag).result.experiments.dropout, TAG);
  assert.equal(shared.model.dropout, 0.4);
  assert.equal(shared.metrics.test.accuracy, accuracy);
  assert.equal(await other.locator(`${TAG} [role=tab][aria-selected=true]`).getAttribute('data-panel'), 'dropout');
  assert.equal(await other.locator(`${TAG} [data-panel=dropout] output`).textContent(), '0.4');
  assert.deepEqual(other.errors, []);
  await other.context().close();

  // A link with a value out of range says so and keeps the file's value.
  const bad = await openLab({}, '&optimization_lab.titanic:dropout/model.dropout=7');
  assert.match(await bad.locator(`${TAG} .notice`).textContent(), /not valid here/);
  assert.equal(await bad.locator(`${TAG} [data-panel=dropout] output`).textContent(), '0.3');
  await bad.context().close();
});

test('pins: a pinned run stays drawn and in the table while a control changes; two pins side by side, each removable; saved and restored by a shared link', { timeout: 400_000 }, async () => {
  const page = await openLab();
  await openTab(page, 'dropout');
  const pinButton = panel(page, 'dropout').getByRole('button', { name: 'Pin this run' });
  assert.equal(await pinButton.isDisabled(), true, 'nothing to pin before a run');
  const first = await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const moderate = first.result.experiments.dropout;
  await pinButton.click();
  assert.equal(await panel(page, 'dropout').locator('.pin .pin-label').allTextContents().then((t) => t.join('|')), 'Pinned: dropout rate 0.3');
  assert.equal(await pinButton.isDisabled(), true, 'this run is pinned already');

  // A control changes: the live run is the new one, the pinned run is still drawn and in the table.
  const heavy = await runResult(page, TAG, () => slide(page, 'dropout', 'model.dropout', ['End']));
  assert.equal(heavy.result.experiments.dropout.model.dropout, 0.8);
  let table = await tableOf(page, 'dropout');
  assert.deepEqual(table.headings, ['Plain network (reference)', 'With dropout', 'Pinned: dropout rate 0.3']);
  assert.equal(table.rows['test accuracy']['Pinned: dropout rate 0.3'], percent(moderate.metrics.test.accuracy));
  assert.equal(table.rows['test accuracy']['With dropout'], percent(heavy.result.experiments.dropout.metrics.test.accuracy));
  const [, curves] = await summaries(page, 'dropout');
  assert.match(curves, new RegExp(`^Epoch 300 of 300: .* Pinned: dropout rate 0\\.3: epoch 300, train loss ${moderate.history.at(-1).loss.toFixed(3)}, validation loss ${moderate.history.at(-1).val_loss.toFixed(3)}`));
  // Drawn: the chart's own series (its data table's columns) include the pinned run's curves.
  const chartTable = panel(page, 'dropout').locator('details.chart-table').nth(1);
  await chartTable.locator('summary').click();
  await chartTable.locator('tbody tr').first().waitFor();
  assert.deepEqual(await chartTable.locator('thead th').allTextContents(), ['epoch', 'train cross-entropy', 'validation cross-entropy',
    'Pinned: dropout rate 0.3: train cross-entropy', 'Pinned: dropout rate 0.3: validation cross-entropy']);

  // A second pin: both side by side; the first removed by its button.
  await pinButton.click();
  table = await tableOf(page, 'dropout');
  assert.deepEqual(table.headings.slice(2), ['Pinned: dropout rate 0.3', 'Pinned: dropout rate 0.8']);
  // Settings only, in short names: the file's own settings ("-"), then dropout 0.8.
  await page.waitForFunction(() => /optimization_lab\.titanic:pins\.dropout=-~dropout:0\.8(&|$)/.test(decodeURIComponent(location.search)));
  await saveElementScreenshot(page.locator(TAG), 'optimization-lab-pinned');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('ml-lab.learner.v4')).pins);
  assert.deepEqual(Object.values(saved)[0], { dropout: [{ values: {} }, { values: { 'model.dropout': 0.8 } }] });
  const link = page.url();
  await panel(page, 'dropout').getByRole('button', { name: 'Remove pin: dropout rate 0.3' }).click();
  table = await tableOf(page, 'dropout');
  assert.deepEqual(table.headings.slice(2), ['Pinned: dropout rate 0.8']);
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // Someone opens the link: the live run and both pins come back, the pins computed again from
  // their settings (the same seeded numbers).
  const other = await openPage(lab, null);
  await other.goto(link);
  await other.waitForFunction((tag) => document.querySelector(tag)?.result?.experiments?.dropout, TAG, { timeout: 120_000 });
  await other.locator(`${TAG} [data-panel="dropout"].panel .pin`).nth(1).waitFor();
  await pinsComputed(other, 'dropout');
  const restored = await tableOf(other, 'dropout');
  assert.deepEqual(restored.headings, ['Plain network (reference)', 'With dropout', 'Pinned: dropout rate 0.3', 'Pinned: dropout rate 0.8']);
  assert.equal(restored.rows['test accuracy']['Pinned: dropout rate 0.3'], percent(moderate.metrics.test.accuracy));
  assert.equal(restored.rows['validation log loss']['Pinned: dropout rate 0.8'], heavy.result.experiments.dropout.metrics.validation.log_loss.toFixed(3));
  assert.deepEqual(other.errors, []);
  await other.context().close();
});

test('pins compare schedules with the learner\'s own earlier settings', { timeout: 300_000 }, async () => {
  const page = await openLab();
  await openTab(page, 'schedules');
  const first = await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  await panel(page, 'schedules').getByRole('button', { name: 'Pin this run' }).click();
  await runResult(page, TAG, () => panel(page, 'schedules').getByRole('button', { name: 'Cautious start' }).click());
  const [, losses] = await summaries(page, 'schedules');
  const step = first.result.experiments.schedule_step.history.at(-1).val_loss.toFixed(3);
  assert.match(losses, new RegExp(`Pinned: starting learning rate 0\\.05 \\(Step decay\\): final validation loss ${step}`));
  const table = await tableOf(page, 'schedules');
  assert.ok(table.headings.includes('Pinned: starting learning rate 0.05 (Cosine)'), table.headings.join(' | '));
  assert.equal(table.rows['test accuracy']['Pinned: starting learning rate 0.05 (Cosine)'], percent(first.result.experiments.schedule_cosine.metrics.test.accuracy));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('exports: results as CSV and JSON, each chart as PNG', { timeout: 300_000 }, async () => {
  const page = await openLab();
  await openTab(page, 'early_stopping');
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const read = async (click) => {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
  };
  const csv = await read(() => panel(page, 'early_stopping').locator('.export-csv').click());
  assert.equal(csv.name, 'early_stopping-results.csv');
  const lines = csv.body.toString().trim().split('\n');
  assert.deepEqual(lines[0].split(',').sort(), ['accuracy', 'epoch', 'experiment', 'learning_rate', 'loss', 'val_accuracy', 'val_loss']);
  assert.ok(lines.length > 10);
  const json = await read(() => panel(page, 'early_stopping').locator('.export-json').click());
  assert.ok(JSON.parse(json.body).experiments.early_stopping.early_stopping.best_epoch > 0);
  const png = await read(() => panel(page, 'early_stopping').locator('button.png').nth(1).click());
  assert.equal(png.name, 'early-stopping.png');
  assert.deepEqual([...png.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a learner\'s own CSV: pick the target, run the same experiments; a bad file gets a message', { timeout: 300_000 }, async () => {
  const page = await openLab();
  const picker = page.locator(`${TAG} details.data-source`);
  await picker.locator('summary').click();
  // The picker reads the file asynchronously and clears its message first; a message means it is done.
  const choose = async (file) => {
    await picker.locator('input[type=file]').setInputFiles(file);
    await picker.locator('.data-message').filter({ hasText: /\S/ }).waitFor();
  };
  await choose({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('just one column\nhello\n') });
  // The engine's own reader refuses it, with the place: file:line:col.
  assert.match(await picker.locator('.data-message').textContent(), /notes\.csv:1:1: a dataset needs at least two columns/);
  assert.equal(await picker.locator('button.use-data').isDisabled(), true);

  // Bad quoting: the preview is the engine's reader, so the picker names the place at once.
  await choose({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,y\n1,x"z,yes\n2,3,no\n') });
  assert.match(await picker.locator('.data-message').textContent(), /broken\.csv:2:4: quote inside an unquoted field/);
  assert.equal(await picker.locator('button.use-data').isDisabled(), true);

  // A file the preview accepts but a run refuses (every feature constant: one constant feature
  // is only left out, with a warning): the run's message, in the widget.
  await choose({ name: 'constant.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,y\n1,5,yes\n1,5,no\n1,5,yes\n1,5,no\n') });
  await picker.locator('select.csv-target').selectOption('y');
  const refused = await afterRun(page, TAG, () => picker.locator('button.use-data').click());
  assert.equal(refused.ok, false, 'the engine ran constant.csv');
  const shown = await picker.locator('.data-message').textContent();
  assert.match(shown, /Your file could not be used: .*constant/);
  assert.ok(refused.error.message && shown.includes(refused.error.message), `the engine's message "${refused.error.message}" is shown: ${shown}`);
  assert.match(await page.locator(`${TAG} .status`).textContent(), /constant/);

  const tiny = readFileSync(`${ROOT}tests/e2e/fixtures/widgets/data/tiny.csv`);
  await choose({ name: 'passengers.csv', mimeType: 'text/csv', buffer: tiny });
  assert.equal(await picker.locator('select.csv-target').inputValue(), 'survived');
  // Another file picked: what was said about constant.csv is gone, in the picker and the status line.
  assert.doesNotMatch(await picker.locator('.data-message').textContent(), /could not be used|constant/);
  assert.doesNotMatch(await page.locator(`${TAG} .status`).textContent(), /constant/);
  assert.equal(await page.locator(`${TAG} .status.error`).count(), 0);
  const mine = await runResult(page, TAG, () => picker.locator('button.use-data').click());
  assert.equal(mine.result.experiments.regularization.data.rows.train + mine.result.experiments.regularization.data.rows.validation + mine.result.experiments.regularization.data.rows.test, 120);
  assert.match(await picker.locator('summary').textContent(), /passengers\.csv \(your file\), target "survived"/);
  assert.match(await panel(page, 'regularization').locator('.nonzero-count').textContent(), /of 6 coefficients/);
  // The file's title and description are about the lesson's table: on other data the widget
  // says what it runs on, and gives them back with the lesson's data.
  const heading = page.locator(`${TAG} section.widget > h3`);
  assert.match(await heading.textContent(), /: passengers\.csv$/);
  assert.match(await page.locator(`${TAG} section.widget > p.muted`).first().textContent(), /On your file passengers\.csv, predicting "survived" \(one of two classes\)/);
  await picker.locator('button.reset-data').click();
  assert.doesNotMatch(await heading.textContent(), /passengers/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every kind of target: the iris example runs multi-class (a class picker), a numeric target runs regression', { timeout: 300_000 }, async () => {
  const page = await openLab({ width: 1280, height: 1400 });
  const picker = page.locator(`${TAG} details.data-source`);
  await picker.locator('summary').click();
  const iris = await runResult(page, TAG, () => picker.locator('button.use-example').filter({ hasText: /iris/i }).click());
  const experiments = Object.entries(iris.result.experiments);
  assert.ok(experiments.length >= 1, 'the open panel ran');
  for (const [name, r] of experiments) {
    assert.equal(r.data.task, 'multiclass', name);
    assert.deepEqual(r.data.classes, ['setosa', 'versicolor', 'virginica'], name);
    assert.equal(r.metrics.test.confusion.length, 3, `${name}: a 3 x 3 confusion matrix`);
    assert.ok(r.metrics.test.accuracy > 0.6, `${name}: test accuracy ${r.metrics.test.accuracy}`);
  }
  assert.match(await picker.locator('summary').textContent(), /iris\.csv \(example\), target "species"/);
  // The regularization panel shows one class's coefficients at a time, on one shared axis.
  const classPicker = panel(page, 'regularization').locator('select.class-picker');
  assert.deepEqual(await classPicker.locator('option').allTextContents(), ['setosa', 'versicolor', 'virginica']);
  const before = await canvasImage(page, 'regularization', 0);
  await classPicker.selectOption('virginica');
  await waitText(panel(page, 'regularization').locator('.nonzero-count'), /of class virginica/);
  assert.notEqual(await canvasImage(page, 'regularization', 0), before, 'the bars change with the class');
  await saveElementScreenshot(page.locator(TAG), 'optimization-lab-multiclass');
  // The MLPs get a softmax head: three outputs, learning curves on cross-entropy.
  await openTab(page, 'dropout');
  const mlp = await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  for (const r of Object.values(mlp.result.experiments).filter((e) => e.model.type === 'mlp')) {
    assert.equal(r.model.sizes.at(-1), 3);
    assert.ok(r.metrics.test.accuracy > 0.6, `MLP test accuracy ${r.metrics.test.accuracy}`);
  }
  assert.match((await summaries(page, 'dropout'))[0], /^Epoch \d+ of \d+/);
  await openTab(page, 'regularization');

  // A numeric target: the logistic model becomes least squares, the scores R² and RMSE.
  let csv = 'rooms,age,distance,price\n';
  for (let i = 0; i < 160; i++) {
    const rooms = 2 + (i % 6), age = (i * 7) % 50, distance = ((i * 13) % 29) / 3;
    csv += `${rooms},${age},${distance.toFixed(3)},${(50 + 20 * rooms - 0.4 * age - 3 * distance + ((i * 37) % 11) - 5).toFixed(2)}\n`;
  }
  await picker.locator('input[type=file]').setInputFiles({ name: 'houses.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await picker.locator('.data-message').filter({ hasText: /regression/ }).waitFor();
  assert.equal(await picker.locator('select.csv-target').inputValue(), 'price');
  const houses = await runResult(page, TAG, () => picker.locator('button.use-data').click());
  const reg = houses.result.experiments.regularization;
  assert.equal(reg.data.task, 'regression');
  assert.equal(reg.model.type, 'linear_regression');
  assert.equal(reg.cv.metric, 'mse');
  assert.ok(reg.metrics.test.r2 > 0.8, `R² ${reg.metrics.test.r2}`);
  for (const [name, r] of Object.entries(houses.result.experiments)) assert.equal(typeof r.metrics.test.rmse, 'number', name);
  assert.equal(await panel(page, 'regularization').locator('select.class-picker').isVisible(), false);
  assert.match(await panel(page, 'regularization').locator('.readout').textContent(), /R²|squared error/);
  await saveElementScreenshot(page.locator(TAG), 'optimization-lab-regression');
  // The MLPs get a linear head on the standardized target; metrics come back in its units.
  await openTab(page, 'dropout');
  const mlpReg = await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  for (const r of Object.values(mlpReg.result.experiments).filter((e) => e.model.type === 'mlp')) {
    assert.equal(r.data.task, 'regression');
    assert.equal(r.model.sizes.at(-1), 1);
    assert.ok(Number.isFinite(r.metrics.test.rmse) && r.model.target_standardized.std > 0);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every chart has a data table: the numbers behind the picture, with the axis\'s own names', { timeout: 300_000 }, async () => {
  const page = await openLab();
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const figures = panel(page, 'regularization').locator('figure.chart');
  assert.equal(await figures.count(), await figures.locator('details.chart-table').count(), 'one table per chart');
  // The coefficient bars: one row per feature column, named as on the axis.
  const bars = figures.filter({ hasText: 'Coefficients at the current λ' }).locator('details.chart-table');
  await bars.locator('summary').click();
  // The table is filled on the details' toggle event, which comes after the click.
  await bars.locator('tbody tr').first().waitFor();
  const headings = await bars.locator('thead th').allTextContents();
  assert.deepEqual(headings.slice(1), ['coefficient', 'exactly zero']);
  const names = await bars.locator('tbody th').allTextContents();
  assert.ok(names.includes('gender=male') || names.some((n) => /gender/.test(n)), names.join());
  const nonzero = await panel(page, 'regularization').locator('.nonzero-count').textContent();
  assert.match(nonzero, new RegExp(`of ${names.length} coefficients`));
  // A learning curve: one row per epoch, the train and validation loss as the summary says.
  await openTab(page, 'dropout');
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const curve = panel(page, 'dropout').locator('details.chart-table').first();
  await curve.locator('summary').click();
  await curve.locator('tbody tr').first().waitFor();
  assert.deepEqual(await curve.locator('thead th').allTextContents(), ['epoch', 'train cross-entropy', 'validation cross-entropy']);
  const rows = await curve.locator('tbody tr').count();
  const summary = (await summaries(page, 'dropout'))[0];
  assert.equal(rows, Number(/^Epoch (\d+)/.exec(summary)[1]), summary);
  // The table is a keyboard stop that scrolls.
  await curve.locator('.table-scroll').focus();
  assert.equal(await curve.locator('.table-scroll').evaluate((el) => el.matches(':focus')), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
