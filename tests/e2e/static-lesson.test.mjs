// The static lesson pages the site build writes (lesson-<id>.html, web/scripts/static-lessons.mjs):
// the lesson's text is in the HTML, so it reads with JavaScript off; with it on, the page's
// script makes the quiz, flashcards, reflection, video and progress live on top of that text
// (the text is not rendered again), links between lessons go to the static pages, and a
// lesson edited after the build still shows its new text (the page renders it afresh).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, openPage, startLab } from './harness.mjs';

const PAGE = 'lesson-ai-builder-ch3-lesson4.html';
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

const noErrors = (page) => assert.deepEqual(page.errors, [], 'console errors');

test('with JavaScript off, the static page shows the whole lesson text, its contents and readable quiz and flashcards', async () => {
  const context = await lab.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await openPage(lab, PAGE, { context });
  assert.equal(await page.title(), 'Model Optimization Techniques · ML Lab');
  assert.equal(await page.locator('h1#lesson-title').textContent(), 'Model Optimization Techniques');
  assert.equal(await page.locator('#lesson-status').isHidden(), true, 'no "Loading the lesson…"');
  assert.equal(await page.locator('.lesson-body h2#introduction .heading-anchor').count(), 1);
  assert.ok(await page.locator('.lesson-body strong').count() > 10);
  assert.equal(await page.locator('.toc a[href="#interactive-exploration"]').count(), 1);
  assert.equal(await page.locator('.goals li').count(), 4);
  // The widgets are in place, as lesson pages set them, waiting for their script.
  const lab1 = page.locator('.lesson-body optimization-lab');
  assert.equal(await lab1.getAttribute('autorun'), 'visible');
  assert.equal(await lab1.getAttribute('src'), 'widgets/optimization_lab.titanic.json');
  assert.equal(await page.locator('.lesson-body performance-tradeoff-explorer').count(), 1);
  // What needs a script reads without one: the questions with a folded answer, the cards as a list.
  assert.equal(await page.locator('.quiz-text > li').count(), 4);
  assert.equal(await page.locator('.quiz-text details').count(), 4);
  assert.ok(await page.locator('.flashcard-list dt').count() >= 1);
  assert.equal(await page.locator('.reflection-text li').count(), 2);
  assert.equal(await page.locator('a.video-play').getAttribute('href'), 'https://www.youtube.com/watch?v=7x8R2aJx0a0');
  // Links to other lessons go to their static pages; lessons 1-3 are not written yet: no link,
  // their titles marked "coming soon".
  assert.equal(await page.locator('.next-lesson a[href="lesson-ai-builder-ch3-lesson5.html"]').count(), 1);
  assert.equal(await page.locator('.prereqs a').count(), 0);
  assert.match(await page.locator('.prereqs').textContent(), /Chapter 3, Lesson 1 \(coming soon\)/);
  // The live parts are not there without a script.
  assert.equal(await page.locator('.quiz-question, .flashcard, .reflection textarea, button.video-play').count(), 0);
  noErrors(page);
  await context.close();
});

test('the front page\'s featured lesson opens its static page, readable with JavaScript off', async () => {
  const context = await lab.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await openPage(lab, 'index.html', { context });
  await page.locator('p.featured a').click();
  await page.waitForURL(new RegExp(`${PAGE.replace('.', '\\.')}$`));
  assert.equal(await page.locator('h1#lesson-title').textContent(), 'Model Optimization Techniques');
  noErrors(page);
  await context.close();
});

test('a lesson page the build parsed runs its widgets without the engine\'s lesson parser; a lesson the build did not see loads it', async () => {
  const page = await openPage(lab, null);
  const authoring = [];
  page.on('request', (request) => { if (/engine-authoring\.(mjs|wasm)$/.test(request.url())) authoring.push(request.url()); });
  await page.goto(new URL(PAGE, lab.url).href);
  // The lesson and catalog are the build's (no parse in the browser) and the widget is ready.
  await page.locator('.quiz-question').first().waitFor({ timeout: 30_000 });
  await page.locator('optimization-lab button.run:not([disabled])').first().waitFor({ timeout: 60_000 });
  assert.deepEqual(authoring, [], 'engine-authoring was fetched for a lesson the build parsed');
  // An edited lesson (not the bytes the build parsed) is parsed in the worker by the second module.
  await page.route('**/lessons/ai-builder-ch3-lesson5.md', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace(/^title: .*$/m, 'title: Evaluating, Edited') });
  });
  await page.goto(new URL('lesson.html?id=ai-builder-ch3-lesson5', lab.url).href);
  await page.locator('h1#lesson-title', { hasText: 'Evaluating, Edited' }).waitFor({ timeout: 30_000 });
  assert.ok(authoring.some((u) => u.endsWith('engine-authoring.wasm')), `fetched: ${authoring.join(', ')}`);
  noErrors(page);
  await page.context().close();
});

test('the static page as read without its script has no WCAG 2.2 A/AA violation', async () => {
  // axe needs timers, which a page with JavaScript off does not run: here the page's own script
  // is replaced by an empty one instead (the test's context lets axe past the CSP).
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await context.route(/\/assets\/lesson-[^/]*\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
  const page = await openPage(lab, PAGE, { context });
  assert.equal(await page.locator('.quiz-text').count(), 1, 'the page is as the build wrote it');
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] })).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, []);
  noErrors(page);
  await context.close();
});

test('with JavaScript on, the static page is made live without rendering its text again', async () => {
  const page = await openPage(lab, null);
  // Marks the static text before any script runs: hydration keeps these nodes, a render would not.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      window.staticIntro = document.getElementById('introduction');
    });
  });
  await page.goto(new URL(PAGE, lab.url).href);
  await page.locator('.quiz-question').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.staticIntro === document.getElementById('introduction')), true, 'the text was kept');
  assert.equal(await page.locator('.quiz-text, .flashcard-list, .reflection-text, a.video-play').count(), 0, 'the readable stand-ins are replaced');
  assert.equal(await page.locator('button.video-play').count(), 1);
  assert.equal(await page.locator('.flashcard').count(), 1);
  assert.equal(await page.locator('.reflection textarea').count(), 2);

  const question = page.locator('.quiz-question').first();
  await question.locator('input[type=radio]').first().check();
  await question.getByRole('button', { name: 'Check answer' }).click();
  const verdict = await question.locator('.verdict').textContent();
  assert.match(verdict, /^(Correct\.|Not quite\. The answer is: .+)$/);
  await page.locator('.flashcard').click();
  assert.equal(await page.locator('.flashcard').getAttribute('aria-pressed'), 'true');
  // The progress is the lesson's, whichever page showed it: lesson.html?id= has the answer too.
  await page.reload();
  await page.locator('.quiz-question').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.quiz-question .verdict').first().textContent(), verdict);
  await page.goto(new URL('lesson.html?id=ai-builder-ch3-lesson4', lab.url).href);
  await page.locator('.quiz-question').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.quiz-question .verdict').first().textContent(), verdict);

  // The course page links the static pages.
  await page.goto(new URL('index.html', lab.url).href);
  await page.locator(`.catalog .lesson-title a[href="${PAGE}"]`).waitFor({ timeout: 30_000 });
  noErrors(page);
  await page.context().close();
});

test('a static page whose lesson file changed after the build shows the new text', async () => {
  const context = await lab.browser.newContext();
  const url = new URL('lessons/ai-builder-ch3-lesson5.md', lab.url).href;
  const text = await (await fetch(url)).text();
  assert.ok(text.includes('\ntitle: Evaluating a Model Honestly\n'));
  await context.route(url, (route) => route.fulfill({ contentType: 'text/markdown; charset=utf-8',
    body: text.replace('\ntitle: Evaluating a Model Honestly\n', '\ntitle: Evaluating a Model, Edited\n') }));
  const page = await openPage(lab, 'lesson-ai-builder-ch3-lesson5.html', { context });
  await page.waitForFunction(() => document.getElementById('lesson-title')?.textContent === 'Evaluating a Model, Edited', null, { timeout: 60_000 });
  assert.equal(await page.locator('.quiz-text').count(), 0);
  noErrors(page);
  await context.close();
});
