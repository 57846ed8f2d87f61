// The lesson as a SCORM 1.2 package in a test LMS: tools/lab pack --scorm writes the zip, the
// test unzips it and serves it beside a host page (fixtures/scorm-host.html) that makes
// scorm-again's Scorm12API window.API and opens the launch page in a frame. The page must
// initialize, report incomplete, then after the quiz and both widgets passed with the quiz
// score, keep its progress in suspend_data (≤ 4,096 characters) and finish when it goes; a
// second launch with what the LMS kept shows the answers again in a fresh browser. Opened
// without an LMS, the packaged page works as the site's: no errors, nothing outside the package,
// no link that leads out of it, as built or drawn again after a reset.
// Served without the site's CSP, as an LMS serves a package.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createSiteServer } from '../../tools/lib/site-server.mjs';
import { listTree } from '../../tools/scorm/lesson-files.mjs';
import { ROOT, launchChromium, openPage, waitUntil } from './harness.mjs';

const ID = 'ai-builder-ch3-lesson4';
const LAUNCH = `pkg/lesson-${ID}.html`;
const KEY = 'ml-lab.learner.v4';
const WIDGETS = ['optimization-lab', 'performance-tradeoff-explorer'];
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'lab-scorm-e2e-'));
let lab;
let server;
let quiz;  // the right option of each question, from the packaged lesson's parse

before(async () => {
  const packed = spawnSync(process.execPath, [join(ROOT, 'tools/pack.mjs'), '--scorm', ID, '--site', join(ROOT, 'build/site'), '--out', join(work, 'out')], { encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
  const site = join(work, 'lms');
  mkdirSync(join(site, 'pkg'), { recursive: true });
  const unzip = spawnSync('unzip', ['-q', join(work, 'out', `${ID}.scorm12.zip`), '-d', join(site, 'pkg')], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  for (const f of ['scorm-host.html', 'scorm-host.js']) copyFileSync(join(FIXTURES, f), join(site, f));
  copyFileSync(join(ROOT, 'node_modules/scorm-again/dist/scorm12.min.js'), join(site, 'scorm12.min.js'));
  const parsed = readdirSync(join(site, 'pkg/parsed-lessons')).find((f) => f.startsWith(`${ID}.`));
  quiz = JSON.parse(readFileSync(join(site, 'pkg/parsed-lessons', parsed), 'utf8')).answer.lesson.quiz.map((q) => q.answer);
  server = createSiteServer(site, { csp: false });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  lab = { url: `http://127.0.0.1:${server.address().port}/`, browser: await launchChromium() };
});
after(async () => {
  await lab?.browser.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A page in a fresh browser context whose failed requests join its errors. */
async function open(path) {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await openPage(lab, null, { context });
  page.requests = [];
  context.on('request', (r) => page.requests.push(new URL(r.url()).pathname));
  context.on('response', (r) => { if (r.status() >= 400) page.errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(new URL(path, lab.url).href);
  return page;
}

const lesson = (page) => page.frame({ url: (u) => u.pathname.startsWith('/pkg/') });
const calls = (page, name) => page.evaluate((n) => window.lmsCalls.filter((c) => c.name === n), name);
const value = (page, element) => page.evaluate((e) => window.lmsValue(e), element);
/** The last value the page set for `element` (cmi.core.exit and session_time are write-only). */
const lastSet = (page, element) => page.evaluate((e) => window.lmsCalls.filter((c) => c.name === 'LMSSetValue' && c.args[0] === e).at(-1)?.args[1], element);

/** The links on the page (light DOM) to a file of this server the package does not hold. */
const linksOut = (frame) => frame.evaluate((held) => [...document.querySelectorAll('a[href]')]
  .map((a) => new URL(a.getAttribute('href'), document.baseURI))
  .filter((u) => /^https?:$/.test(u.protocol) && u.origin === location.origin && !held.includes(u.pathname))
  .map((u) => u.href), listTree(join(work, 'lms/pkg')).map((f) => `/pkg/${f}`));

/** Waits until the learner store in the lesson's frame counts a finished run of `tag`. */
async function widgetRun(frame, tag) {
  await frame.locator(tag).scrollIntoViewIfNeeded();
  await waitUntil(frame, ([key, id, t]) => {
    const data = document.querySelector(t)?.dataset.lessonWidget;
    return data && (JSON.parse(localStorage.getItem(key) ?? '{}').lessons?.[id]?.widgetRuns?.[data] ?? 0) > 0;
  }, [KEY, ID, tag], `a counted run of ${tag}`, { timeout: 45_000 });
}

let kept;  // what the LMS kept of the first launch, flattened

test('in an LMS: initialized and incomplete, then passed with the quiz score; suspend_data kept; finished when the page goes', async () => {
  // The LMS's mastery score is 70: three of four right (75) passes (the page's own default, 80, would fail it).
  const page = await open(`scorm-host.html?launch=${LAUNCH}&cmi=${encodeURIComponent(JSON.stringify({ 'cmi.student_data.mastery_score': '70' }))}`);
  await waitUntil(page, () => window.lmsCalls.some((c) => c.name === 'LMSInitialize'), undefined, 'LMSInitialize');
  const init = await calls(page, 'LMSInitialize');
  assert.deepEqual(init.map((c) => [c.args, c.result]), [[[''], 'true']]);
  await waitUntil(page, () => window.lmsValue('cmi.core.lesson_status') === 'incomplete', undefined, 'lesson_status incomplete');
  assert.equal(await lastSet(page, 'cmi.core.exit'), 'suspend');

  const frame = lesson(page);
  await frame.locator('.quiz-question').first().waitFor();
  assert.equal(await frame.locator('.quiz-question').count(), quiz.length);
  const choices = quiz.map((answer, i) => (i === quiz.length - 1 ? (answer + 1) % 4 : answer));  // the last one wrong
  for (const [i, choice] of choices.entries()) {
    const q = frame.locator('.quiz-question').nth(i);
    await q.locator('input[type=radio]').nth(choice).check();
    await q.getByRole('button', { name: 'Check answer' }).click();
    await q.locator('.verdict').waitFor();
  }
  const expectedScore = String(Math.round((100 * (quiz.length - 1)) / quiz.length));
  await waitUntil(page, (s) => window.lmsValue('cmi.core.score.raw') === s, expectedScore, `score.raw ${expectedScore}`);
  for (const tag of WIDGETS) await widgetRun(frame, tag);
  await waitUntil(page, () => window.lmsValue('cmi.core.lesson_status') === 'passed', undefined, 'lesson_status passed');
  assert.deepEqual([await value(page, 'cmi.core.score.min'), await value(page, 'cmi.core.score.max')], ['0', '100']);
  assert.equal(await lastSet(page, 'cmi.core.exit'), '');
  const suspend = await value(page, 'cmi.suspend_data');
  assert.ok(suspend.length > 0 && suspend.length <= 4096, `suspend_data of ${suspend.length} characters`);
  assert.ok(suspend.startsWith(`[1,"${choices.join(',')}",[`), suspend);
  assert.ok((await calls(page, 'LMSCommit')).length >= 2, 'commits at start and at milestones');
  // Every call the page made succeeded.
  assert.deepEqual((await page.evaluate(() => window.lmsCalls)).filter((c) => c.result !== 'true' || c.error !== '0'), []);

  // The learner leaves: the frame's page goes, the session ends with a commit and LMSFinish.
  await page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
  await waitUntil(page, () => window.lmsCalls.some((c) => c.name === 'LMSFinish'), undefined, 'LMSFinish');
  assert.match(await lastSet(page, 'cmi.core.session_time'), /^\d{2,4}:\d{2}:\d{2}$/);
  kept = {};
  for (const e of ['cmi.core.lesson_status', 'cmi.core.score.raw', 'cmi.suspend_data', 'cmi.student_data.mastery_score']) kept[e] = await value(page, e);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a second launch with what the LMS kept shows the quiz answers again in a fresh browser, and stays passed', async (t) => {
  if (!kept) return t.skip('needs the first launch');
  const page = await open(`scorm-host.html?launch=${LAUNCH}&cmi=${encodeURIComponent(JSON.stringify({ ...kept, 'cmi.core.entry': 'resume' }))}`);
  const frame = lesson(page);
  await frame.locator('.quiz-question .verdict').first().waitFor();
  const suspendQuiz = JSON.parse(kept['cmi.suspend_data'])[1].split(',').map(Number);
  for (const [i, choice] of suspendQuiz.entries()) {
    const q = frame.locator('.quiz-question').nth(i);
    assert.equal(await q.locator('input[type=radio]').nth(choice).isChecked(), true, `question ${i + 1}`);
    assert.match(await q.locator('.verdict').textContent(), i === suspendQuiz.length - 1 ? /^Not quite\./ : /^Correct\./);
  }
  assert.match(await frame.locator('.quiz-score').textContent(), new RegExp(`${quiz.length - 1} of ${quiz.length} correct`));
  // A passed lesson is not set back to incomplete.
  const statusSets = (await calls(page, 'LMSSetValue')).filter((c) => c.args[0] === 'cmi.core.lesson_status');
  assert.deepEqual(statusSets, []);
  assert.equal(await value(page, 'cmi.core.lesson_status'), 'passed');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without an LMS the packaged page works on its own: no errors, no LMS code, nothing outside the package', async () => {
  const page = await open(LAUNCH);
  await page.locator('.quiz-question').first().waitFor();
  const q = page.locator('.quiz-question').first();
  await q.locator('input[type=radio]').nth(quiz[0]).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await q.locator('.verdict').waitFor();
  assert.match(await q.locator('.verdict').textContent(), /^Correct\./);
  await widgetRun(page.mainFrame(), WIDGETS[0]);
  // Nothing to click that leads out: not as packed, not after a reset draws the lesson again
  // (lesson-page.ts would link the next lesson, the translation and each widget's own page).
  assert.deepEqual(await linksOut(page.mainFrame()), []);
  assert.match(await page.locator('.next-lesson').textContent(), /Next lesson: \S/);
  await page.locator('button.reset-progress').click();
  await page.getByText('Your progress for this lesson was reset.').waitFor();
  assert.deepEqual(await linksOut(page.mainFrame()), []);
  assert.match(await page.locator('.next-lesson').textContent(), /Next lesson: \S/);
  assert.equal(await page.locator('nav.lesson-languages, .lesson-widgets > p').count(), 0);
  assert.ok(await page.locator('.toc a[href^="#"]').count() > 5, 'the contents still link within the page');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.requests.filter((p) => !p.startsWith('/pkg/')), []);
  assert.deepEqual(page.requests.filter((p) => /scorm12|lab-sw|offline-manifest/.test(p)), []);
  await page.context().close();
});
