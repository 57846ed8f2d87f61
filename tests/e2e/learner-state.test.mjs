// Learner state in Chromium, beyond lesson.test.mjs (which covers answers surviving a reload
// and an unreadable saved value ignored with a notice): progress saved by the previous version
// is migrated, progress goes out as a file and back into a fresh browser, a bad file is refused
// with a message and changes nothing, and a storage that is full shows a notice while the page
// keeps working (and clears it once a save works again). Zero console errors throughout.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { openPage, runResult, startLab } from './harness.mjs';

const ID = 'ai-builder-ch3-lesson4';
const LESSON = `lesson.html?id=${ID}`;
const KEY = 'ml-lab.learner.v4';
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

async function openLesson(context = null) {
  const page = await openPage(lab, LESSON, { context });
  await page.locator('#lesson-title').waitFor({ timeout: 30_000 });
  return page;
}

async function reload(page) {
  await page.reload();
  await page.locator('#lesson-title').waitFor({ timeout: 30_000 });
}

const question = (page, n) => page.locator('.quiz-question').nth(n);
/** Picks option `choice` of question `n` and checks it. */
async function answer(page, n, choice) {
  await question(page, n).locator('input[type=radio]').nth(choice).check();
  await question(page, n).getByRole('button', { name: 'Check answer' }).click();
  await question(page, n).locator('.verdict').waitFor();
}
const saved = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), KEY);
const storeNotice = (page) => page.locator('#notices .store-notice');

async function openProgressMenu(page) {
  const menu = page.locator('details.progress-menu');
  await menu.locator('summary').click();
  return menu;
}

test('progress saved by version 1 of the store is migrated when the page loads', async () => {
  const page = await openLesson();
  const v1 = JSON.stringify({
    version: 1,
    lessons: { [ID]: { quiz: { 1: { choice: 2, checked: true } }, flashcards: { 0: 'known' }, reflections: { 1: 'from version 1' } } },
    widgets: {},
  });
  await page.evaluate(([key, value]) => { localStorage.clear(); localStorage.setItem('ml-lab.learner.v1', value); }, [KEY, v1]);
  await reload(page);
  assert.equal(await question(page, 1).locator('input[type=radio]').nth(2).isChecked(), true);
  assert.match(await question(page, 1).locator('.verdict').textContent(), /^(Correct\.|Not quite\.)/);
  assert.equal(await page.locator('.reflection textarea').nth(1).inputValue(), 'from version 1');
  assert.match(await page.locator('.deck-status').textContent(), /known 1/);
  assert.equal(await storeNotice(page).isHidden(), true);
  const now = await saved(page);
  assert.equal(now.version, 4);
  assert.deepEqual(now.lessons[ID], { ...JSON.parse(v1).lessons[ID], widgetRuns: {}, updated: null });
  assert.equal(await page.evaluate(() => localStorage.getItem('ml-lab.learner.v1')), v1, 'the old key is left as it was');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('progress saved by version 3 (before pinned runs) is upgraded: lessons and widget settings kept, the lab shows them', async () => {
  const page = await openLesson();
  const v3 = {
    version: 3,
    lessons: { [ID]: { quiz: {}, flashcards: { 0: 'known' }, reflections: { 0: 'from version 3' }, widgetRuns: { '/widgets/optimization_lab.titanic.json': 2 }, updated: '2026-02-11T09:30:00.000Z' } },
    widgets: { '/widgets/optimization_lab.titanic.json': { panel: 'dropout', 'dropout/model.dropout': 0.45 } },
  };
  await page.evaluate((value) => { localStorage.clear(); localStorage.setItem('ml-lab.learner.v3', value); }, JSON.stringify(v3));
  await reload(page);
  assert.equal(await page.locator('.reflection textarea').first().inputValue(), 'from version 3');
  assert.equal(await storeNotice(page).isHidden(), true);
  // The lesson's lab opens on the saved panel with the saved value.
  const lab = page.locator('optimization-lab');
  await lab.locator('[role=tab][aria-selected=true][data-panel="dropout"]').waitFor({ timeout: 60_000 });
  assert.equal(await lab.locator('[data-panel=dropout] .control[data-option="model.dropout"] output').textContent(), '0.45');
  const now = await saved(page);
  assert.equal(now.version, 4);
  assert.deepEqual(now.lessons[ID], v3.lessons[ID]);
  assert.deepEqual(now.widgets, v3.widgets);
  assert.deepEqual(now.pins, {});
  assert.equal(await page.evaluate(() => localStorage.getItem('ml-lab.learner.v3')), JSON.stringify(v3), 'the old key is left as it was');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('"Download my progress" gives a JSON file that loads into a fresh browser', async () => {
  const page = await openLesson();
  await answer(page, 0, 0);
  await page.locator('.reflection textarea').first().fill('Prune, then quantize.');
  await page.locator('.reflection textarea').first().blur();
  const menu = await openProgressMenu(page);
  const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Download my progress' }).click()]);
  assert.match(download.suggestedFilename(), /^ml-lab-progress-\d{4}-\d\d-\d\d\.json$/);
  const body = await readFile(await download.path(), 'utf8');
  const file = JSON.parse(body);
  assert.equal(file.format, 'ml-lab-progress');
  assert.equal(file.version, 4);
  assert.ok(Math.abs(Date.parse(file.exported) - Date.now()) < 60_000, `exported ${file.exported}`);
  assert.deepEqual(file.lessons[ID].quiz[0], { choice: 0, checked: true });
  assert.equal(file.lessons[ID].reflections[0], 'Prune, then quantize.');
  assert.deepEqual(file.lessons, (await saved(page)).lessons, 'the file holds what the browser saved');
  const verdict = await question(page, 0).locator('.verdict').textContent();
  assert.deepEqual(page.errors, []);
  await page.context().close();

  const fresh = await openLesson();
  assert.equal(await fresh.locator('.quiz-score').textContent(), 'Score: 0 of 4 correct (0 checked)');
  const freshMenu = await openProgressMenu(fresh);
  await freshMenu.getByLabel('Load progress from a file').setInputFiles({ name: 'my-progress.json', mimeType: 'application/json', buffer: Buffer.from(body) });
  await fresh.locator('#notices', { hasText: 'Loaded your progress from my-progress.json: 1 lesson taken from the file' }).waitFor();
  assert.equal(await question(fresh, 0).locator('input[type=radio]').first().isChecked(), true);
  assert.equal(await question(fresh, 0).locator('.verdict').textContent(), verdict);
  assert.equal(await fresh.locator('.reflection textarea').first().inputValue(), 'Prune, then quantize.');
  assert.deepEqual((await saved(fresh)).lessons[ID], file.lessons[ID]);
  assert.equal(await fresh.evaluate(() => document.activeElement?.id), 'lesson-title', 'focus goes to the redrawn lesson');
  assert.deepEqual(fresh.errors, []);
  await fresh.context().close();
});

test('a bad progress file is refused with a message naming it, and the progress stays', async () => {
  const page = await openLesson();
  await answer(page, 2, 1);
  const before = await page.evaluate((key) => localStorage.getItem(key), KEY);
  const menu = await openProgressMenu(page);
  const input = menu.getByLabel('Load progress from a file');
  const message = menu.locator('.progress-message');
  const bad = [
    ['notes.json', '{"lessons": {}}', /^Nothing was loaded\. notes\.json: not a progress file \(no "format" field\)$/],
    ['progress.json', '{"format": "ml-lab-progress", "version": 2, "lessons": {', /^Nothing was loaded\. progress\.json: not valid JSON \(.*position \d+/],
    ['later.json', '{"format": "ml-lab-progress", "version": 9, "lessons": {}}', /^Nothing was loaded\. later\.json: version 9 is newer than this page reads \(up to 4\)/],
  ];
  for (const [name, text, expected] of bad) {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await message.filter({ hasText: name }).waitFor();
    assert.match(await message.textContent(), expected);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), before);
    assert.equal(await question(page, 2).locator('input[type=radio]').nth(1).isChecked(), true);
  }
  assert.match(await page.locator('.quiz-score').textContent(), /\(1 checked\)/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a full storage (setItem throws QuotaExceededError): a notice, the page keeps working, a later save clears it', async () => {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__storageFull !== false) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const page = await openLesson(context);
  assert.equal(await storeNotice(page).isHidden(), true, 'reading works; nothing to say yet');
  await answer(page, 0, 1);
  await storeNotice(page).waitFor();
  assert.match(await storeNotice(page).textContent(), /could not be saved: this browser's storage for the site is full/);
  // The page keeps working from memory.
  await answer(page, 1, 0);
  assert.match(await page.locator('.quiz-score').textContent(), /\(2 checked\)/);
  await page.locator('.flashcard').click();
  assert.equal(await page.locator('.flashcard').getAttribute('aria-pressed'), 'true');
  assert.equal(await saved(page), null);

  await page.evaluate(() => { window.__storageFull = false; });
  await answer(page, 3, 0);
  await storeNotice(page).waitFor({ state: 'hidden' });
  const quiz = (await saved(page)).lessons[ID].quiz;
  assert.deepEqual(Object.keys(quiz).sort(), ['0', '1', '3'], 'what was kept in memory is saved with the next good save');
  assert.deepEqual(page.errors, []);
  await context.close();
});

// widget.html keeps the widget's settings in the same store, so the learner must hear there
// too when the saved progress is unreadable or a save fails.
test('widget.html shows the store\'s notice: unreadable saved progress, then a save that fails', async () => {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const page = await openPage(lab, 'widget.html?src=/fixtures/widgets/tiny-optimization-lab.json', { context });
  await page.locator('optimization-lab button.run:not([disabled])').waitFor({ timeout: 15_000 });
  assert.equal(await storeNotice(page).isHidden(), true, 'nothing to say yet');
  await page.evaluate((key) => localStorage.setItem(key, '{"version":2,"lessons":'), KEY);
  await page.reload();
  await page.locator('optimization-lab button.run:not([disabled])').waitFor({ timeout: 15_000 });
  assert.match(await storeNotice(page).textContent(), /could not be read and was ignored/);

  // A new seed is saved (debounced); with the storage full that save fails and says so.
  await page.evaluate(() => { window.__storageFull = true; });
  await page.locator('optimization-lab input[type=number]').fill('11');
  await page.locator('optimization-lab input[type=number]').press('Enter');
  await page.locator('#notices .store-notice', { hasText: /could not be saved/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the course page shows the progress of each lesson: the quiz score from the answers checked, the widgets run', async () => {
  const page = await openLesson();
  await page.evaluate(() => localStorage.clear());
  await reload(page);
  await answer(page, 0, 1);  // right
  await answer(page, 1, 2);  // wrong
  await page.goto(new URL('index.html', lab.url).href);
  const entry = page.locator('.catalog-entry[data-lesson="ai-builder-ch3-lesson4"] .lesson-progress');
  await entry.waitFor();
  assert.equal(await entry.textContent(), 'Your progress: Quiz: 1 of 4 correct (2 checked)');
  // A finished run of one of the lesson's two widgets counts; the course page says so.
  await page.goto(new URL(LESSON, lab.url).href);
  await page.locator('optimization-lab button.run').waitFor();
  await runResult(page, 'optimization-lab', () => page.locator('optimization-lab button.run').click());
  await page.waitForFunction((key) => Object.keys(JSON.parse(localStorage.getItem(key)).lessons['ai-builder-ch3-lesson4'].widgetRuns).length === 1, KEY);
  await page.goto(new URL('index.html', lab.url).href);
  await page.locator('.catalog-entry[data-lesson="ai-builder-ch3-lesson4"] .lesson-progress', { hasText: 'widgets run' }).waitFor();
  assert.equal(await entry.textContent(), 'Your progress: Quiz: 1 of 4 correct (2 checked) · 1 of 2 widgets run');
  // A lesson not started shows nothing.
  assert.equal(await page.locator('.catalog-entry[data-lesson="ai-builder-ch3-lesson5"] .lesson-progress').isHidden(), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
