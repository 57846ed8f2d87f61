// A static lesson page's widgets' first results from the answers the site build recorded
// (web/src/runtime/answer-book.ts, web/scripts/record-answers.mjs): the lab's first result is
// on screen before any engine file is requested, and it is the engine's own result (a page
// with ?lab-answers=off computes the same numbers); a learner's change is computed in the page.
// A widget timing the device (the trade-off explorer) is never answered. The page goes live
// from the build's parse of its text and reads its lesson file only after the first result.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, openPage, startLab } from './harness.mjs';

const PAGE = 'lesson-ai-builder-ch3-lesson4.html';
const ENGINE_FILES = /\/(engine\.wasm|engine\.mjs|lab-engine-worker\.js|widgets\/data\/titanic\.csv)$/;
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

/** Brings the lab into view as the page opens (a reader following a link to it) and keeps
 *  every widget's lab-run-result detail, with its time. */
function watchReader() {
  window.readerRuns = [];
  document.addEventListener('DOMContentLoaded', () => document.querySelector('optimization-lab')?.scrollIntoView());
  document.addEventListener('lab-run-result', (e) => window.readerRuns.push({ tag: e.target.localName, t: performance.now(), ...e.detail }), true);
}

/** Opens the lesson page as a reader does; resolves with the page, its first lab result and
 *  the engine files it requested (with when, on this machine's clock). */
async function readerVisit(query = '') {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(watchReader);
  const engineRequests = [];
  const lessonRequests = [];
  context.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (ENGINE_FILES.test(path)) engineRequests.push({ path, at: Date.now() });
    if (/\/lessons\/[^/]+\.(md|json)$/.test(path)) lessonRequests.push({ path, at: Date.now() });
  });
  const page = await openPage(lab, `${PAGE}${query}`, { context });
  await page.waitForFunction(() => window.readerRuns.some((r) => r.tag === 'optimization-lab'));
  const first = await page.evaluate(() => ({ ...window.readerRuns.find((r) => r.tag === 'optimization-lab'), at: performance.timeOrigin + window.readerRuns[0].t }));
  return { context, page, first, engineRequests, lessonRequests };
}

test('the site build recorded the lesson page\'s answers, one file for the lesson and its translation', () => {
  assert.ok(existsSync(join(ROOT, 'build/site/answers/ai-builder-ch3-lesson4.json')), 'tools/lab build records them (Chromium)');
  assert.equal(existsSync(join(ROOT, 'build/site/answers/ai-builder-ch3-lesson4.de.json')), false);
  for (const page of [PAGE, 'lesson-ai-builder-ch3-lesson4.de.html']) {
    assert.match(readFileSync(join(ROOT, 'build/site', page), 'utf8'), /data-answers="answers\/ai-builder-ch3-lesson4\.json"/, page);
  }
  const file = JSON.parse(readFileSync(join(ROOT, 'build/site/answers/ai-builder-ch3-lesson4.json'), 'utf8'));
  assert.equal(file.format, 2);
  assert.ok(Object.keys(file.answers).every((key) => /^[0-9a-f]{64}$/.test(key)), 'filed under SHA-256 hashes of the requests');
});

test('the German page\'s first result comes from the same answers', async () => {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(watchReader);
  const page = await openPage(lab, 'lesson-ai-builder-ch3-lesson4.de.html', { context });
  await page.waitForFunction(() => window.readerRuns.some((r) => r.tag === 'optimization-lab'));
  assert.equal(await page.evaluate(() => window.readerRuns.find((r) => r.tag === 'optimization-lab').fromBuild), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a reader meets the lab\'s first result from the build before any engine file is requested; a learner\'s change is computed in the page', async () => {
  const { context, page, first, engineRequests, lessonRequests } = await readerVisit();
  assert.equal(first.fromBuild, true);
  assert.ok(first.result?.experiments, 'the first panel\'s experiments');
  const early = engineRequests.filter((r) => r.at <= first.at);
  assert.deepEqual(early, [], 'nothing of the engine (worker, engine.mjs, engine.wasm, the CSV) before the first result');
  // The page went live from the build's parse of its own text: the lesson file and the catalog
  // are read after the first result, to check that the page is still theirs.
  assert.deepEqual(lessonRequests.filter((r) => r.at <= first.at), [], 'neither the lesson file nor the catalog before the first result');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/lessons/ai-builder-ch3-lesson4.md')));
  assert.ok(lessonRequests.some((r) => r.path.endsWith('/lessons/index.json')), 'the catalog too');
  assert.equal(await page.locator('#lesson-layout').getAttribute('data-lesson-id'), 'ai-builder-ch3-lesson4', 'still the build\'s page');
  const status = page.locator('optimization-lab .status, optimization-lab [role="status"]').first();
  assert.match(await status.textContent(), /Computed when this page was built/);

  // The learner changes a setting (the seed): the engine, started once the first result was
  // shown, computes it.
  const lab1 = page.locator('optimization-lab');
  const count = () => page.evaluate(() => window.readerRuns.filter((r) => r.tag === 'optimization-lab').length);
  const before = await count();
  await lab1.locator('input[type="number"][id^="widget-seed"]').fill('7');
  await lab1.locator('input[type="number"][id^="widget-seed"]').dispatchEvent('change');
  await page.waitForFunction((n) => window.readerRuns.filter((r) => r.tag === 'optimization-lab').length > n, before, { timeout: 60_000 });
  const computed = await page.evaluate(() => window.readerRuns.filter((r) => r.tag === 'optimization-lab').at(-1));
  assert.equal(computed.fromBuild, undefined, 'a learner\'s run is computed here');
  assert.match(await status.textContent(), /in your browser/);
  assert.notDeepEqual(computed.result, first.result, 'another seed, other numbers');
  assert.ok(engineRequests.some((r) => r.path.endsWith('/engine.wasm')));

  // The trade-off explorer below it times the device: its result is never the build's. It
  // starts when a reader nears it (autorun="visible"), so the reader scrolls to it.
  await page.locator('performance-tradeoff-explorer').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.readerRuns.some((r) => r.tag === 'performance-tradeoff-explorer'), null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.readerRuns.find((r) => r.tag === 'performance-tradeoff-explorer').fromBuild), undefined);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('with ?lab-answers=off the page computes its first result, the same as the build\'s', async () => {
  const answered = await readerVisit();
  const computed = await readerVisit('?lab-answers=off');
  assert.equal(answered.first.fromBuild, true);
  assert.equal(computed.first.fromBuild, undefined);
  assert.deepEqual(computed.first.result, answered.first.result);
  assert.ok(computed.engineRequests.some((r) => r.path.endsWith('/engine.wasm') && r.at <= computed.first.at), 'computed: the engine loads first');
  assert.deepEqual(computed.page.errors, []);
  await answered.context.close();
  await computed.context.close();
});
