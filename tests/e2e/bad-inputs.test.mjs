// The bad-input catalog (tests/bad_inputs/catalog.json) in Chromium, met the way a course
// author or a learner meets it: a widget element whose src is a bad widget or spec file, a
// lesson page whose lesson file is bad, a CSV picked in a widget's "use your own CSV". For each
// case the message naming the file, field or line is on the page, nothing is thrown, and the
// same widget or page then still runs a good experiment. Every case reaches the browser; where
// the browser's words differ from the catalog's (which are run_experiment's), BROWSER says what
// the page shows and why. One page per route, shared by its cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, afterRun, openPage, startLab } from './harness.mjs';

const DIR = join(ROOT, 'tests/bad_inputs');
const catalog = JSON.parse(readFileSync(join(DIR, 'catalog.json'), 'utf8'));
const GOOD_WIDGET = '/fixtures/widgets/tiny-optimization-lab.json';
const TAG = 'optimization-lab';

/** Cases whose message in the browser is not the catalog's text, with the reason. */
const BROWSER = {
  'nan_literal.json': {
    expect: 'nan_literal.json:1:69: error: invalid JSON: syntax error while parsing value - invalid literal',
    why: 'a widget file is checked by the engine\'s validator, which words a syntax error its own way (same place)',
  },
  'missing_csv.json': {
    expect: /^dataset\.csv: file 'nowhere\.csv' not found \(looked in 'http:\/\/127\.0\.0\.1:\d+\/fixtures\/bad_inputs\/nowhere\.csv'\)$/,
    why: 'the worker fetches the CSV next to the widget file: the engine\'s words for a missing file, with the URL it looked at',
  },
  'invalid_utf8.csv': {
    expect: 'invalid_utf8.csv:3:3: invalid UTF-8 (byte 0xFF)',
    why: 'the picker reads the bytes strictly (File.text() would replace them) and names them as the engine does',
  },
};
/** Spec cases the engine can only find on the data (a file, a column, the split of its rows):
 *  the widget loads them and the run reports them. */
const AT_RUN = new Set(['missing_csv.json', 'unknown_target.json', 'split_too_big.json', 'too_few_rows.json']);
/** Cases the picker refuses: the engine's preview reads the file as a run reads it (quoting,
 *  header, text among numbers) or finds one class in the target; "Run on this file" stays disabled. */
const PICKER_REFUSES = new Set(['ragged.csv', 'empty.csv', 'broken_quote.csv', 'invalid_utf8.csv', 'single_class.csv', 'text_in_numbers.csv', 'duplicate_header.csv', 'nul_byte.csv', 'semicolon_separated.csv']);

const expected = (entry) => BROWSER[entry.file]?.expect ?? entry.expect;
function assertShows(text, entry) {
  const want = expected(entry);
  if (want instanceof RegExp) assert.match(text, want, entry.file);
  else assert.ok(text.includes(want), `${entry.file}: expected "${want}" in "${text}"`);
}

let lab;
const seen = new Set();
before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

/** The 404 of missing_csv.json's nowhere.csv is logged by Chromium; nothing else may be. */
const noErrors = (page) => assert.deepEqual(page.errors.filter((e) => !/nowhere\.csv|404 \(Not Found\)/.test(e)), []);

/** Does `act` and waits for the widget's next run: { ok, accuracy } or { ok: false, message }. */
async function runOutcome(page, act) {
  const outcome = await afterRun(page, TAG, act);
  return outcome.ok
    ? { ok: true, accuracy: outcome.detail.result.metrics?.test?.accuracy }
    : { ok: false, message: outcome.error.message };
}

const statusText = (page) => page.locator(`${TAG} .status`).textContent();
const waitStatus = (page, re) => page.waitForFunction(([tag, source]) =>
  new RegExp(source).test(document.querySelector(tag)?.shadowRoot?.querySelector('.status')?.textContent ?? ''), [TAG, re.source]);

/** Points the widget at `src` and waits until it is loaded ("Ready") or refused. */
async function setSource(page, src) {
  await page.evaluate(([tag, value]) => document.querySelector(tag).setAttribute('src', value), [TAG, src]);
}

/** The same widget runs the good file and gets a result. */
async function runsGoodWidget(page, what) {
  await setSource(page, GOOD_WIDGET);
  await waitStatus(page, /^Ready\./);
  const outcome = await runOutcome(page, () => page.locator(`${TAG} button.run`).click());
  assert.equal(outcome.ok, true, `${what}: the good widget file afterwards failed: ${outcome.message}`);
  assert.ok(outcome.accuracy >= 0 && outcome.accuracy <= 1, `${what}: accuracy ${outcome.accuracy}`);
}

test('bad widget and spec files as a widget\'s src: the message names file, line and field; the widget then runs a good file', { timeout: 120_000 }, async () => {
  const page = await openPage(lab, `widget.html?src=${encodeURIComponent(GOOD_WIDGET)}`);
  await waitStatus(page, /^Ready\./);
  for (const entry of catalog.cases.filter((e) => e.kind === 'spec' || e.kind === 'widget')) {
    await setSource(page, `/fixtures/bad_inputs/${entry.file}`);
    let message;
    if (AT_RUN.has(entry.file)) {
      await waitStatus(page, /^Ready\./);
      const outcome = await runOutcome(page, () => page.locator(`${TAG} button.run`).click());
      assert.equal(outcome.ok, false, `${entry.file} ran`);
      message = await statusText(page);
      assert.ok(message.includes(outcome.message), `the status line shows the run's error: ${message}`);
    } else {
      // The engine's check may arrive after the screen is up: wait for the refusal itself.
      await waitStatus(page, /^The widget could not be loaded: /);
      message = (await statusText(page)).replace(/^The widget could not be loaded: /, '');
      assert.ok(message.startsWith(`${entry.file}:1:`), `${entry.file}: the message starts with its place: ${message}`);
      assert.equal(await page.locator(`${TAG} button.run`).isDisabled(), true, `${entry.file}: a refused file cannot run`);
      assert.equal(await page.locator(`${TAG} button.share`).isDisabled(), true, `${entry.file}: a refused file has no link to copy`);
    }
    assertShows(message, entry);
    await runsGoodWidget(page, entry.file);
    seen.add(entry.file);
  }
  noErrors(page);
  await page.context().close();
});

test('a course CSV that is not UTF-8, fetched by the worker: the run names the file, line and byte; the widget then runs a good file', { timeout: 60_000 }, async () => {
  const page = await openPage(lab, `widget.html?src=${encodeURIComponent('/fixtures/widgets/non-utf8-data.json')}`);
  await waitStatus(page, /^Ready\./);
  const outcome = await runOutcome(page, () => page.locator(`${TAG} button.run`).click());
  assert.equal(outcome.ok, false, 'a file with invalid UTF-8 ran');
  // The same place the engine names for this file (tests/bad_inputs: line 3, column 3).
  assert.match(await statusText(page), /invalid_utf8\.csv:3:3: invalid UTF-8 \(byte 0xFF\)/);
  await runsGoodWidget(page, 'non-utf8-data.json');
  noErrors(page);
  await page.context().close();
});

test('bad CSV files through "use your own CSV": the message names the file and line; the widget then runs a good CSV', { timeout: 120_000 }, async () => {
  const page = await openPage(lab, `widget.html?src=${encodeURIComponent(GOOD_WIDGET)}`);
  await waitStatus(page, /^Ready\./);
  const picker = page.locator(`${TAG} details.data-source`);
  await picker.locator('summary').click();
  const message = picker.locator('.data-message');
  const useButton = picker.locator('button.use-data');
  // The picker reads a file asynchronously and clears its message first; a message means it is done.
  const choose = async (file) => {
    await picker.locator('input[type=file]').setInputFiles({ name: file, mimeType: 'text/csv', buffer: readFileSync(join(DIR, file)) });
    await message.filter({ hasText: /\S/ }).waitFor();
  };
  for (const entry of catalog.cases.filter((e) => e.kind === 'csv')) {
    await choose(entry.file);
    if (PICKER_REFUSES.has(entry.file)) {
      // A file that reads has its columns listed; the picker preselects a column it can use
      // (single_class.csv's x is a 3-class column), so choose the refused target as a learner would.
      if (await picker.locator('select.csv-target option[value="y"]').count()) await picker.locator('select.csv-target').selectOption('y');
      assert.equal(await useButton.isDisabled(), true, `${entry.file}: the picker lets it through`);
    } else {
      assert.equal(await picker.locator('select.csv-target').inputValue(), 'y');
      const outcome = await runOutcome(page, () => useButton.click());
      assert.equal(outcome.ok, false, `${entry.file} ran`);
      await message.filter({ hasText: 'Your file could not be used' }).waitFor();
      assert.ok((await statusText(page)).includes(outcome.message), 'the status line shows it too');
    }
    assertShows(await message.textContent(), entry);

    await choose('good.csv');
    await picker.locator('select.csv-target').selectOption('y');
    const outcome = await runOutcome(page, () => useButton.click());
    assert.equal(outcome.ok, true, `${entry.file}: good.csv afterwards failed: ${outcome.message}`);
    assert.match(await picker.locator('summary').textContent(), /good\.csv \(your file\), target "y"/);
    seen.add(entry.file);
  }
  // A constant or empty feature is left out, and the result says so beside it; the next run
  // on a file without one clears the note.
  for (const entry of catalog.good.filter((e) => e.warning)) {
    await choose(entry.file);
    await picker.locator('select.csv-target').selectOption('y');
    const outcome = await runOutcome(page, () => useButton.click());
    assert.equal(outcome.ok, true, `${entry.file}: ${outcome.message}`);
    assert.deepEqual(await page.locator(`${TAG} ul.warnings li`).allTextContents(), [entry.warning]);
  }
  await choose('good.csv');
  await picker.locator('select.csv-target').selectOption('y');
  assert.equal((await runOutcome(page, () => useButton.click())).ok, true);
  assert.equal(await page.locator(`${TAG} ul.warnings`).isHidden(), true, 'the warning of an earlier file stays');
  noErrors(page);
  await page.context().close();
});

test('bad lesson files: the lesson page names the file and line; the same page then runs a widget', { timeout: 120_000 }, async () => {
  const page = await openPage(lab, null);
  for (const entry of catalog.cases.filter((e) => e.kind === 'lesson')) {
    const id = entry.file.replace(/\.md$/, '');
    await page.goto(new URL(`lesson.html?id=${id}`, lab.url).href);
    const problem = page.locator('#lesson-status .notice.error');
    const diagnostics = page.locator('details.diagnostics');
    await problem.or(diagnostics).waitFor({ timeout: 30_000 });
    let text;
    if (await diagnostics.count()) {
      // Parsed with errors: the lesson shows, its problems listed for its authors.
      await diagnostics.locator('summary').click();
      text = await diagnostics.locator('ul').textContent();
    } else {
      assert.match(await problem.locator('strong').textContent(), /The lesson could not be loaded/);
      text = await problem.textContent();
    }
    assertShows(text, entry);
    assert.ok(text.includes(`${entry.file}:`), `${entry.file}: the message names the file: ${text}`);

    // The page's engine, which refused the lesson, still runs an experiment.
    await page.evaluate(([tag, src]) => {
      const el = document.createElement(tag);
      el.setAttribute('src', src);
      document.querySelector('main').append(el);
    }, [TAG, GOOD_WIDGET]);
    await waitStatus(page, /^Ready\./);
    const outcome = await runOutcome(page, () => page.locator(`${TAG} button.run`).click());
    assert.equal(outcome.ok, true, `${entry.file}: the widget afterwards failed: ${outcome.message}`);
    seen.add(entry.file);
  }
  noErrors(page);
  await page.context().close();
});

test('every catalog case went through the browser', () => {
  assert.deepEqual(catalog.cases.map((e) => e.file).filter((f) => !seen.has(f)), []);
  assert.deepEqual(Object.keys(BROWSER).filter((f) => !catalog.cases.some((e) => e.file === f)), [], 'BROWSER names only catalog cases');
});
