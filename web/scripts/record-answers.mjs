// The site build records what its engine answers each static lesson page, so that a reader's
// page shows its widgets' first results before engine.wasm has downloaded
// (web/src/runtime/answer-book.ts says which requests qualify and why the answers are exact).
// Each lesson-<id>.html is opened in Chromium (Debian's, through playwright-core, as the e2e
// tests do) with `?lab-record-answers`: the page runs as a reader's would, each widget whose
// results do not depend on the device is brought into view so that it runs by itself, and the
// page's EngineClient hands back every answer it may reuse. They are written to
// answers/<id>.json, one file for a lesson and its translations (static-lessons.mjs:
// answersFileOf says why they share it): the original's page is recorded, else the first.
// Without Chromium, or when a page fails, the site has no answers for it and its pages ask the
// engine for everything, as they did before.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, launchChromium } from '../../tools/lib/chromium.mjs';
import { createSiteServer } from '../../tools/lib/site-server.mjs';
import { writeAtomic } from './site-content.mjs';
import { ANSWERS_DIR, answersFileOf, markPage } from './static-lessons.mjs';

/** The most a page may take to load and run its widgets here (the trade-off explorer's run
 *  included, if it starts: the recorder waits for the engine to be idle). */
const PAGE_TIMEOUT_MS = 90_000;

/** Every static page's answers dropped (the live preview, after a widget file or its data changed). */
export function dropAnswers(siteDir) {
  rmSync(join(siteDir, ANSWERS_DIR), { recursive: true, force: true });
  for (const f of readdirSync(siteDir).filter((n) => /^lesson-.+\.html$/.test(n))) markPage(siteDir, f, null);
}

/** Records answers for `pages` ({page key: {file, id}}, as writeLessonPages returns them):
 *  one page of each lesson, the file marked on all of its pages; resolves with
 *  {id: {answers, bytes, pages}} for the lessons recorded. Never throws: a lesson it cannot
 *  record is reported and its pages left without answers. */
export async function recordAnswers(siteDir, pages, { log = console.log } = {}) {
  const out = join(siteDir, ANSWERS_DIR);
  dropAnswers(siteDir);  // never a previous build's answers
  const lessons = new Map();  // lesson id -> its page keys, the original's first
  for (const key of Object.keys(pages).sort((a, b) => Number(b === pages[b].id) - Number(a === pages[a].id))) {
    lessons.set(pages[key].id, [...(lessons.get(pages[key].id) ?? []), key]);
  }
  if (!lessons.size) return {};
  if (!existsSync(CHROMIUM)) {
    log(`recorded widget results: none (${CHROMIUM} is missing: tools/lab setup installs it); pages compute them`);
    return {};
  }
  const server = createSiteServer(siteDir);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  const written = {};
  try {
    for (const [id, keys] of lessons) {
      const recorded = pages[keys[0]].file;
      try {
        const file = await recordPage(browser, new URL(`${recorded}?lab-record-answers`, base).href);
        if (!file) continue;
        mkdirSync(out, { recursive: true });
        const text = `${JSON.stringify(file)}\n`;
        writeAtomic(join(siteDir, answersFileOf(id)), text);
        for (const key of keys) markPage(siteDir, pages[key].file, answersFileOf(id));
        written[id] = { answers: Object.keys(file.answers).length, bytes: text.length, pages: keys.length };
      } catch (e) {
        log(`recorded widget results: ${recorded} failed (${e.message.split('\n')[0]}); the lesson's pages compute them`);
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  const summary = Object.entries(written).map(([id, w]) => `${id} (${w.answers} answers, ${(w.bytes / 1024).toFixed(1)} KB, ${w.pages} page${w.pages === 1 ? '' : 's'})`);
  log(`recorded widget results: ${summary.join(', ') || 'none (no page has widgets)'}`);
  return written;
}

/** One page: loads it in a fresh context (no stored learner state, no service worker), brings
 *  each widget that may be answered into view in turn, waits for its first result and for the
 *  engine to be idle, and takes the recorder's file. */
async function recordPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const seen = { loaded: new Set(), ended: new Set() };
      Object.defineProperty(window, '__labRecording', { value: seen });
      document.addEventListener('lab-widget-load', (e) => seen.loaded.add(e.target), true);
      for (const type of ['lab-run-result', 'lab-run-error']) document.addEventListener(type, (e) => seen.ended.add(e.target), true);
    });
    await page.goto(url);
    // The widgets are in the static page's HTML: a lesson without any has nothing to record.
    const count = await page.evaluate(() => document.querySelectorAll('[data-lesson-widget]').length);
    if (!count) return null;
    await page.waitForFunction(() => [...document.querySelectorAll('[data-lesson-widget]')].every((w) => window.__labRecording.loaded.has(w)));
    for (let i = 0; i < count; i++) {
      const answerable = await page.evaluate((index) => {
        const widget = document.querySelectorAll('[data-lesson-widget]')[index];
        if (widget.measuresTheDevice) return false;
        widget.scrollIntoView();
        return true;
      }, i);
      if (answerable) await page.waitForFunction((index) => window.__labRecording.ended.has(document.querySelectorAll('[data-lesson-widget]')[index]), i);
    }
    await page.evaluate(() => window.labAnswerRecorder.whenIdle());
    if (errors.length) throw new Error(`the page reported: ${errors.join('; ')}`);
    return await page.evaluate(() => window.labAnswerRecorder.file());
  } finally {
    await context.close();
  }
}
