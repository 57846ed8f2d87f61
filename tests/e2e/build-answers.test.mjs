// A static lesson page's widgets' first results from the answers the site build recorded
// (web/src/runtime/answer-book.ts, web/scripts/record-answers.mjs): the lab's first result is
// on screen before any engine file is requested, and it is the engine's own result (a page
// with ?lab-answers=off computes the same numbers); a learner's change is computed in the page. A widget timing the device (the trade-off explorer) is never answered.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
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
  context.on('request', (request) => {
    if (ENGINE_FILES.test(new URL(request.url()).pathname)) engineRequests.push({ path: new URL(request.url()).pathname, at: Date.now() });
  });
  const page = await openPage(lab, `${PAGE}${query}`, { context });
  await page.waitForFunction(() => window.readerRuns.some((r) => r.tag === 'optimization-lab'));
  const first = await page.evaluate(() => ({ ...window.readerRuns.find((r) => r.tag === 'optimization-lab'), at: performance.timeOrigin + window.readerRuns[0].t }));
  return { context, page, first, engineRequests };
}

test('the site build recorded the lesson page\'s answers', () => {
  assert.ok(existsSync(join(ROOT, 'build/site/answers/ai-builder-ch3-lesson4.json')), 'tools/lab build records them (Chromium)');
});

test('a reader meets the lab\'s first result from the build before any engine file is requested; a learner\'s change is computed in the page', async () => {
  const { context, page, first, engineRequests } = await readerVisit();
  assert.equal(first.fromBuild, true);
  assert.ok(first.result?.experiments, 'the first panel\'s experiments');
  const early = engineRequests.filter((r) => r.at <= first.at);
  assert.deepEqual(early, [], 'nothing of the engine (worker, engine.mjs, engine.wasm, the CSV) before the first result');
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
