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

test('1. regularization: the λ slider reads the path (no run) and moves bars, zeros and markers; L1 share reruns the path', { timeout: 300_000 }, async () => {
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
  await slide(page, 'regularization', 'model.lambda', ['End']);  // λ = 10, above the path: its top fit
  await waitText(panel(page, 'regularization').locator('.nonzero-count'), new RegExp(`^${top.nonzero} of 12 coefficients non-zero`));
  assert.ok(top.nonzero < count(before.count), `${top.nonzero} non-zero at the top of the path, ${before.count} at λ = 0.01`);
  assert.ok(!(await canvasImage(page, 'regularization', 0) === before.bars), 'the bars move');
  assert.ok(!(await canvasImage(page, 'regularization', 1) === before.path), 'the λ marker moves on the path');
  const zeros = Object.entries(top.coefficients).filter(([, v]) => v === 0).map(([k]) => k);
  assert.match((await summaries(page, 'regularization'))[0], new RegExp(`^${top.nonzero} of 12 coefficients are non-zero; exactly zero: ${zeros.join(', ')}\\.`));
  assert.match(await panel(page, 'regularization').locator('.readout').textContent(), /above the path's largest λ/);
  await slide(page, 'regularization', 'model.lambda', ['Home']);
  const bottom = reg.path.at(-1);  // λ = 1e-4 is inside the path: its nearest fit, near the weakest penalty
  await page.waitForFunction((el) => Number(/^(\d+)/.exec(el.textContent)[1]) > 0, await panel(page, 'regularization').locator('.nonzero-count').elementHandle());
  assert.ok(count(await nonzero()) >= top.nonzero && bottom.nonzero >= top.nonzero);
  // Nothing pending: no rerun waiting out its delay or running (the widget's pendingReruns).
  await waitUntil(page, (tag) => document.querySelector(tag).pendingReruns === 0, TAG, `${TAG} to have no rerun pending after moving λ`, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.labRuns.started.length), starts, 'moving λ starts no run');

  // Ridge: the path is recomputed, and no coefficient is exactly zero along it.
  const ridge = await runResult(page, TAG, () => panel(page, 'regularization').getByRole('button', { name: 'Ridge (L2)' }).click());
  const path = ridge.result.experiments.regularization.path;
  assert.ok(path.slice(1).every((row) => row.nonzero === 12), 'ridge keeps every coefficient');
  assert.match((await summaries(page, 'regularization'))[1], /cross-validation picks λ_min = [\d.e-]+/);
  assert.ok(new URL(page.url()).search.includes('regularization/model.l1_ratio=0'), page.url());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('2. dropout: the rate reruns only the dropout model; curves stream in; the gap is drawn for both', { timeout: 300_000 }, async () => {
  const page = await openLab();
  await openTab(page, 'dropout');
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const [reference, withDropout] = await summaries(page, 'dropout');
  assert.match(reference, /^Epoch 300 of 300: .* gap \+/);
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
  const text1 = (await summaries(page, 'early_stopping'))[0];
  assert.match(text1, new RegExp(`stopped at epoch ${stop1.stopped_epoch}; best epoch ${stop1.best_epoch} \\(its weights restored\\); ${stop1.epochs_saved} epochs`));
  const second = await runResult(page, TAG, () => panel(page, 'early_stopping').getByRole('button', { name: 'Impatient' }).click());
  const stop2 = second.result.experiments.early_stopping.early_stopping;
  assert.ok(stop2.epochs_saved > stop1.epochs_saved, `patience 2 saves more epochs (${stop2.epochs_saved} vs ${stop1.epochs_saved})`);
  assert.notEqual((await summaries(page, 'early_stopping'))[0], text1);
  const third = await runResult(page, TAG, () => panel(page, 'early_stopping').getByRole('switch', { name: /Restore the best/ }).press('Space'));
  assert.equal(third.result.experiments.early_stopping.early_stopping.restored, false);
  assert.match((await summaries(page, 'early_stopping'))[0], /\(last weights kept\)/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('4. learning-rate schedules: four schedules overlaid; the starting rate moves every curve', { timeout: 300_000 }, async () => {
  const page = await openLab({ width: 360, height: 800 });
  await openTab(page, 'schedules');
  await runResult(page, TAG, () => page.locator(`${TAG} button.run`).click());
  const [rates] = await summaries(page, 'schedules');
  for (const name of ['constant', 'step', 'exponential', 'cosine']) assert.match(rates, new RegExp(`schedule ${name}: 0\\.0500 at epoch 1`));
  const image = await canvasImage(page, 'schedules', 0);
  const bold = await runResult(page, TAG, () => panel(page, 'schedules').getByRole('button', { name: 'Bold start' }).click());
  assert.deepEqual(Object.keys(bold.result.experiments).sort(), ['schedule_constant', 'schedule_cosine', 'schedule_exponential', 'schedule_step']);
  assert.match((await summaries(page, 'schedules'))[0], /schedule step: 0\.300 at epoch 1 to [\d.e-]+ at epoch 150/);
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
  const off = await runResult(page, TAG, () => panel(page, 'batchnorm_weight_decay').getByRole('switch', { name: 'Batch normalization' }).click());
  assert.equal(off.result.experiments.batchnorm_weight_decay.model.batch_norm, false);
  assert.notEqual((await summaries(page, 'batchnorm_weight_decay'))[1], before);
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
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('ml-lab.learner.v3')).widgets);
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
  const png = await read(() => panel(page, 'early_stopping').locator('button.png').first().click());
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
