// autorun="visible" on the lesson page, in Chromium: a widget runs by itself once the learner
// scrolls near it (no click), a widget still far below waits, and autorun="off" set before the
// widget is seen keeps it waiting for Run. Widgets report every run start and result to the
// page (recorded from document start), so no run can slip past the test.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, startLab } from './harness.mjs';

const LESSON = 'lesson.html?id=ai-builder-ch3-lesson4';
const NEAR_PX = 300;  // autorun.ts: how near the viewport a widget starts
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

/** Records, per widget tag, the runs started and the results shown (from document start). */
function recordAll() {
  window.autoruns = {};
  const of = (e) => (window.autoruns[e.target.localName] ??= { loaded: 0, started: 0, results: 0 });
  document.addEventListener('lab-widget-load', (e) => { of(e).loaded++; }, true);
  document.addEventListener('lab-run-start', (e) => { of(e).started++; }, true);
  document.addEventListener('lab-run-result', (e) => { if (!e.detail?.cached) of(e).results++; }, true);
}

async function openLesson() {
  const page = await openPage(lab, null);
  await page.addInitScript(recordAll);
  await page.goto(new URL(LESSON, lab.url).href);
  await page.locator('#lesson-title').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => window.autoruns['optimization-lab']?.loaded && window.autoruns['performance-tradeoff-explorer']?.loaded, null, { timeout: 30_000 });
  return page;
}

const runs = (page, tag) => page.evaluate((t) => window.autoruns[t] ?? { loaded: 0, started: 0, results: 0 }, tag);
/** Two frames and an idle moment: an observer's callback and the idle run it asks for are due. */
const settle = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() =>
  requestIdleCallback(() => setTimeout(resolve, 50), { timeout: 2000 })))));
/** How far below the viewport's bottom the element's top is (px; negative when in view). */
const below = (page, tag) => page.evaluate((t) => document.querySelector(t).getBoundingClientRect().top - innerHeight, tag);

test('widgets far below the reading wait; each runs by itself, once, when the learner scrolls near it', { timeout: 180_000 }, async () => {
  const page = await openLesson();
  // The lesson text comes first: at the top of the page both widgets are far below and wait.
  await settle(page);
  assert.ok(await below(page, 'optimization-lab') > NEAR_PX, 'the lab is near the top of the lesson: this test needs a widget far below');
  assert.equal((await runs(page, 'optimization-lab')).started, 0, 'the lab ran before it was near');
  assert.equal((await runs(page, 'performance-tradeoff-explorer')).started, 0, 'the explorer ran before it was near');

  // Scrolled to the lab: it runs and shows its result with no click.
  await page.evaluate(() => document.querySelector('optimization-lab').scrollIntoView({ block: 'start' }));
  await page.waitForFunction(() => window.autoruns['optimization-lab']?.results >= 1, null, { timeout: 120_000 });
  assert.equal((await runs(page, 'optimization-lab')).started, 1, 'one run, not one per intersection');
  assert.equal(await page.locator('optimization-lab').evaluate((el) => el.result !== null), true);
  // Scrolled on to the explorer: it runs by itself too.
  await page.evaluate(() => document.querySelector('performance-tradeoff-explorer').scrollIntoView({ block: 'start' }));
  await page.waitForFunction(() => window.autoruns['performance-tradeoff-explorer']?.results >= 1, null, { timeout: 150_000 });
  // Scrolling away and back does not run again.
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  await page.evaluate(() => document.querySelector('optimization-lab').scrollIntoView({ block: 'start' }));
  await settle(page);
  assert.equal((await runs(page, 'optimization-lab')).started, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('widget.html (iframe embeds) waits for Run unless its URL asks: ?autorun=load runs it by itself', { timeout: 180_000 }, async () => {
  const src = encodeURIComponent('/widgets/optimization_lab.titanic.json');
  const open = async (query) => {
    const page = await openPage(lab, null);
    await page.addInitScript(recordAll);
    await page.goto(new URL(`widget.html?src=${src}${query}`, lab.url).href);
    await page.waitForFunction(() => window.autoruns['optimization-lab']?.loaded, null, { timeout: 60_000 });
    return page;
  };
  const waiting = await open('');
  await settle(waiting);
  assert.equal((await runs(waiting, 'optimization-lab')).started, 0, 'an embed without ?autorun ran by itself');
  assert.deepEqual(waiting.errors, []);
  await waiting.context().close();

  const running = await open('&autorun=load');
  await running.waitForFunction(() => window.autoruns['optimization-lab']?.results >= 1, null, { timeout: 120_000 });
  assert.equal((await runs(running, 'optimization-lab')).started, 1);
  assert.equal(await running.locator('optimization-lab').getAttribute('autorun'), 'load');
  assert.deepEqual(running.errors, []);
  await running.context().close();
});

test('autorun="off" set before the widget is seen keeps it waiting; Run still runs it', { timeout: 180_000 }, async () => {
  const page = await openLesson();
  assert.ok(await below(page, 'optimization-lab') > NEAR_PX, 'the lab is near the top of the lesson: this test needs a widget far below');
  await page.locator('optimization-lab').evaluate((el) => el.setAttribute('autorun', 'off'));
  await page.evaluate(() => document.querySelector('optimization-lab').scrollIntoView({ block: 'start' }));
  await settle(page);
  await settle(page);
  assert.equal((await runs(page, 'optimization-lab')).started, 0);
  await page.locator('optimization-lab button.run').click();
  await page.waitForFunction(() => window.autoruns['optimization-lab']?.results >= 1, null, { timeout: 120_000 });
  assert.equal((await runs(page, 'optimization-lab')).started, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
