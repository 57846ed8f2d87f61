// The live preview (`tools/serve.mjs --watch --content DIR`, what `tools/lab serve` runs) in
// Chromium: an edited lesson reloads the open page with the new text; a half-written lesson or
// widget file shows an overlay naming file:line:col (and the terminal says it too) while the
// site keeps the last good version; fixing the file removes the overlay and reloads. The lesson
// page it serves keeps the build's answers (its first result from the build, as under
// --no-watch) until a widget file changes. Works on
// temporary copies of the built site and of lessons/ + widgets/: the committed files are
// never edited.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium, ROOT } from './harness.mjs';

const LESSON_FILE = 'lessons/ai-builder-ch3-lesson5.md';
const WIDGET_FILE = 'widgets/optimization_lab.titanic.json';
const TITLE = 'Evaluating a Model Honestly';
/** The static page whose widgets the build answered, and its lesson. */
const ANSWERED_PAGE = 'lesson-ai-builder-ch3-lesson4.html';
const ANSWERED_LESSON = 'lessons/ai-builder-ch3-lesson4.md';
let temp;
let server;
let browser;
let url;
let terminal = '';
const waiters = new Set();
const heard = (chunk) => {
  terminal += chunk;
  for (const check of waiters) check();
};

before(async () => {
  if (!existsSync(join(ROOT, 'build/site/engine.mjs'))) throw new Error('build/site is not built with the engine: run `npm run build`');
  temp = mkdtempSync(join(tmpdir(), 'lab-live-'));
  cpSync(join(ROOT, 'build/site'), join(temp, 'site'), { recursive: true });
  for (const dir of ['lessons', 'widgets']) cpSync(join(ROOT, dir), join(temp, 'content', dir), { recursive: true });
  server = spawn(process.execPath, [join(ROOT, 'tools/serve.mjs'), join(temp, 'site'), '0', '--watch', '--content', join(temp, 'content')],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.on('data', heard);
  url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      heard(chunk);
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (found) resolve(found[0]);
    });
    server.on('exit', (code) => reject(new Error(`serve.mjs --watch exited with ${code}: ${terminal}`)));
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => undefined);
  if (server && server.exitCode === null) await new Promise((resolve) => { server.once('exit', resolve); server.kill('SIGTERM'); });
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const content = (file) => join(temp, 'content', file);
/** Saves as most editors do: written aside, then renamed over the file. (A plain write truncates
 *  first; on a loaded machine the watcher may read the empty file in between and rightly show
 *  it as an error for a moment, which would race the assertions below.) */
function save(file, text) {
  const aside = join(dirname(file), `.${basename(file)}.saving`);
  writeFileSync(aside, text);
  renameSync(aside, file);
}
/** Polls `condition` (a check of files on disk) until it holds; fails after `timeout` ms naming `what`. */
async function until(condition, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  const holds = () => { try { return condition(); } catch { return false; } };  // a page is replaced whole, but may be gone for a moment
  while (!holds()) {
    if (Date.now() > end) throw new Error(`waited ${timeout} ms for ${what}; the watcher printed:\n${terminal}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
/** No overlay on the page; otherwise the failure shows it and what the watcher printed. */
async function noOverlay(page) {
  const overlay = page.locator('#lab-live-errors');
  if (await overlay.count()) assert.fail(`an overlay is shown: ${await overlay.textContent()}; the watcher printed:\n${terminal}`);
}
/** Waits for the page to show `title`; on a timeout the error carries what the watcher printed. */
async function titleIs(page, title) {
  try {
    await page.waitForFunction((t) => document.querySelector('#lesson-title')?.textContent === t, title, { timeout: 30_000 });
  } catch (e) {
    const shown = await page.locator('#lesson-title').textContent().catch(() => '(no title)');
    throw new Error(`the page shows "${shown}", not "${title}" (${e.message}); the watcher printed:\n${terminal}`);
  }
}
/** Waits until the terminal has printed `pattern` (the watcher reports every change it
 *  handles); fails after `timeout` ms naming the pattern and what the watcher printed. */
function terminalSays(pattern, timeout = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`the watcher did not print ${pattern} within ${timeout} ms; it printed:\n${terminal}`));
    }, timeout);
    const check = () => {
      if (!pattern.test(terminal)) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve();
    };
    waiters.add(check);
    check();
  });
}
/** Opens the static lesson page as a reader does (the lab brought into view as it opens) and
 *  resolves with its first lab-run-result detail; fails after 60 s naming what it waited for. */
async function firstLabResult() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.readerRuns = [];
    document.addEventListener('DOMContentLoaded', () => document.querySelector('optimization-lab')?.scrollIntoView());
    document.addEventListener('lab-run-result', (e) => window.readerRuns.push({ tag: e.target.localName, ...e.detail }), true);
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(new URL(ANSWERED_PAGE, url).href, { timeout: 30_000 });
    await page.waitForFunction(() => window.readerRuns.some((r) => r.tag === 'optimization-lab'), null, { timeout: 60_000 })
      .catch((e) => { throw new Error(`no lab-run-result from ${ANSWERED_PAGE}'s optimization-lab within 60 s (${e.message}); page errors: ${errors.join('; ')}`); });
    const first = await page.evaluate(() => window.readerRuns.find((r) => r.tag === 'optimization-lab'));
    const marked = await page.evaluate(() => document.getElementById('lesson-layout')?.getAttribute('data-answers') ?? null);
    assert.deepEqual(errors, [], 'page errors');
    return { first, marked };
  } finally {
    await context.close();
  }
}

test('the lesson page keeps the build\'s answers: its first result comes from the build, as without --watch', async () => {
  // The live preview wrote every static page again as it started (writePages): the build's
  // mark (data-answers) must survive that, or the page asks the engine for everything.
  assert.ok(existsSync(join(temp, 'site', 'answers', 'ai-builder-ch3-lesson4.json')), 'the build recorded the lesson page\'s answers');
  assert.match(readFileSync(join(temp, 'site', ANSWERED_PAGE), 'utf8'), /data-answers="answers\/ai-builder-ch3-lesson4\.json"/);
  const { first, marked } = await firstLabResult();
  assert.equal(marked, 'answers/ai-builder-ch3-lesson4.json');
  assert.equal(first.fromBuild, true, 'the first result is the build\'s');
  assert.ok(first.result?.experiments, 'the first panel\'s experiments');

  // A lesson change writes every page again: the mark stays (a lesson names its widget files,
  // it does not change what they compute).
  const lesson = content(ANSWERED_LESSON);
  const text = readFileSync(lesson, 'utf8');
  save(lesson, text.replace(/\n$/, '\n\nA line added while the live preview runs.\n'));
  await terminalSays(/ai-builder-ch3-lesson4\.md updated/);
  await until(() => readFileSync(join(temp, 'site', ANSWERED_PAGE), 'utf8').includes('A line added while the live preview runs.'), `${ANSWERED_PAGE} written again with the added line`);
  assert.match(readFileSync(join(temp, 'site', ANSWERED_PAGE), 'utf8'), /data-answers="answers\/ai-builder-ch3-lesson4\.json"/);
  save(lesson, text);
  await terminalSays(/ai-builder-ch3-lesson4\.md updated[^]*ai-builder-ch3-lesson4\.md updated/);
  await until(() => !readFileSync(join(temp, 'site', ANSWERED_PAGE), 'utf8').includes('A line added while the live preview runs.'), `${ANSWERED_PAGE} written again without the added line`);
  assert.match(readFileSync(join(temp, 'site', ANSWERED_PAGE), 'utf8'), /data-answers="answers\/ai-builder-ch3-lesson4\.json"/);
});

test('an edit reloads the page; a half-written file shows file:line:col and keeps the last good version; the fix reloads', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL('lesson.html?id=ai-builder-ch3-lesson5', url).href);
  await titleIs(page, TITLE);
  const good = readFileSync(content(LESSON_FILE), 'utf8');
  assert.ok(good.includes(`title: ${TITLE}\n`));
  assert.ok(existsSync(join(temp, 'site', 'answers', 'ai-builder-ch3-lesson4.json')), 'the build recorded the lesson page\'s answers');

  // 1. A good edit: the page reloads itself and shows it.
  const edited = good.replace(`title: ${TITLE}\n`, 'title: Evaluating a Model, Edited Live\n');
  save(content(LESSON_FILE), edited);
  await titleIs(page, 'Evaluating a Model, Edited Live');
  await noOverlay(page);
  // Its static page was written again before the page was told to reload.
  const staticPage = await (await fetch(new URL('lesson-ai-builder-ch3-lesson5.html', url))).text();
  assert.match(staticPage, /<h1 id="lesson-title" tabindex="-1">Evaluating a Model, Edited Live<\/h1>/);

  // 2. Saved half-written (the front matter cut off): an overlay names the file and place, the
  // terminal says the same, and the site still serves the last good version, whole.
  save(content(LESSON_FILE), edited.slice(0, edited.indexOf('goals:')));
  const overlay = page.locator('#lab-live-errors');
  await overlay.waitFor({ timeout: 30_000 });
  assert.match(await overlay.textContent(), /lessons\/ai-builder-ch3-lesson5\.md:1:1: error: the front matter opened on line 1 is never closed/);
  await terminalSays(/lessons\/ai-builder-ch3-lesson5\.md:1:1: error:[^\n]*\n[^\n]*not updated; the site keeps its last good version/);
  assert.equal(await page.evaluate(async (u) => (await fetch(u)).text(), new URL(LESSON_FILE, url).href), edited);
  assert.equal(await page.locator('#lesson-title').textContent(), 'Evaluating a Model, Edited Live');

  // A widget file cut mid-string joins the list, with its line and column.
  const widget = readFileSync(content(WIDGET_FILE), 'utf8');
  save(content(WIDGET_FILE), widget.slice(0, widget.indexOf('"title"') + 5));
  await page.waitForFunction(() => /optimization_lab\.titanic\.json:\d+:\d+: error: invalid JSON/.test(document.querySelector('#lab-live-errors')?.textContent ?? ''), null, { timeout: 30_000 });
  assert.equal(await page.evaluate(async (u) => (await fetch(u)).text(), new URL(WIDGET_FILE, url).href), widget);
  save(content(WIDGET_FILE), widget);
  // The widget's fix is handled (and its reload done) before the lesson is saved: two saves a
  // few milliseconds apart sometimes left the page on the old lesson under load (a known issue,
  // not yet understood; see the stop notes).
  await terminalSays(/optimization_lab\.titanic\.json updated \(its errors are fixed\)/);
  // The answers the build recorded for the lesson pages (web/src/runtime/answer-book.ts) may
  // be stale once a widget file or its data changed: dropped, and no page names them any more.
  assert.equal(existsSync(join(temp, 'site', 'answers')), false);
  assert.doesNotMatch(readFileSync(join(temp, 'site', ANSWERED_PAGE), 'utf8'), /data-answers=/);
  // ... and the lesson page computes its first result.
  const computed = await firstLabResult();
  assert.equal(computed.marked, null);
  assert.equal(computed.first.fromBuild, undefined, 'the page computed its first result');
  await page.locator('#lab-live-errors li', { hasText: 'optimization_lab' }).waitFor({ state: 'detached', timeout: 30_000 });

  // 3. Fixed: the page reloads with the fix and no overlay.
  save(content(LESSON_FILE), good.replace(`title: ${TITLE}\n`, 'title: Evaluating a Model, Fixed\n'));
  await titleIs(page, 'Evaluating a Model, Fixed');
  await page.locator('.lesson-body h2').first().waitFor();
  await noOverlay(page);
  assert.deepEqual(errors, [], 'console errors');
  await page.close();
});

test('without --watch nothing is injected and /__lab/ is not served', async () => {
  const plain = spawn(process.execPath, [join(ROOT, 'tools/serve.mjs'), join(temp, 'site'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await new Promise((resolve) => {
      let out = '';
      plain.stdout.on('data', (chunk) => {
        out += chunk;
        const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (found) resolve(found[0]);
      });
    });
    const html = await (await fetch(new URL('lesson.html', base))).text();
    assert.doesNotMatch(html, /__lab/);
    assert.equal((await fetch(new URL('__lab/events', base))).status, 404);
    assert.match(await (await fetch(new URL('lesson.html', url))).text(), /<script type="module" src="\/__lab\/live\.js\?v=/);
  } finally {
    await new Promise((resolve) => { plain.once('exit', resolve); plain.kill('SIGTERM'); });
  }
});
