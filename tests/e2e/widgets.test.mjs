// The widget elements in Chromium: a small experiment runs through the worker and shows its
// result; a long run shows a progress bar and cancels (the worker is replaced, engine.wasm is
// not fetched again); the embed example keeps the widgets intact on a page with hostile CSS;
// the site is served with its strict CSP and no inline script. Zero console errors.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, openPage, runResult, saveScreenshot, startLab } from './harness.mjs';

const TINY_LAB = '/fixtures/widgets/tiny-optimization-lab.json';
const TINY_TRADEOFF = '/fixtures/widgets/tiny-tradeoff.json';
const LONG_RUN = '/fixtures/widgets/long-run.json';
let lab;

before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

async function openWidget(src, options) {
  const page = await openPage(lab, `widget.html?src=${encodeURIComponent(src)}`, options);
  await page.locator('button.run:not([disabled])').waitFor({ timeout: 15_000 });
  return page;
}

/** Clicks Run and waits for the run's result: its metrics and experiment names. */
async function runAndWait(page, selector) {
  const { result } = await runResult(page, selector, () => page.locator(`${selector} button.run`).click());
  return { metrics: result.metrics, experiments: Object.keys(result.experiments ?? {}) };
}

test('<optimization-lab> runs a small experiment through the worker and shows the result', async () => {
  const page = await openWidget(TINY_LAB, { width: 360, height: 800 });
  const detail = await runAndWait(page, 'optimization-lab');
  const accuracy = detail.metrics.test.accuracy;
  assert.ok(accuracy >= 0 && accuracy <= 1, `test accuracy ${accuracy}`);
  const table = page.locator('optimization-lab table').first();
  await table.waitFor();
  assert.match(await table.textContent(), /validation/);
  assert.match(await page.locator('optimization-lab .status').textContent(), /Finished/);
  assert.equal(await page.locator('optimization-lab .progress-row').isHidden(), true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360 px`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('<performance-tradeoff-explorer> runs its named experiments', async () => {
  const page = await openWidget(TINY_TRADEOFF);
  const detail = await runAndWait(page, 'performance-tradeoff-explorer');
  assert.deepEqual(detail.experiments.sort(), ['lasso', 'mlp']);
  const rows = await page.locator('performance-tradeoff-explorer tbody th').allTextContents();
  assert.ok(rows.includes('lasso') && rows.includes('mlp'), `table rows: ${rows}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// (Their screenshots come from optimization-lab.test.mjs and tradeoff-explorer.test.mjs.)
test('the lesson\'s own widget files run on the Titanic data', { timeout: 600_000 }, async () => {
  for (const [tag, src] of [['optimization-lab', '/widgets/optimization_lab.titanic.json'],
    ['performance-tradeoff-explorer', '/widgets/performance_tradeoff.titanic.json']]) {
    const page = await openWidget(src);
    page.setDefaultTimeout(240_000);
    await runAndWait(page, tag);
    await page.locator(`${tag} table`).first().waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a long run shows progress and cancels; the next run gets a fresh worker without refetching the wasm', async () => {
  const page = await openPage(lab, null);
  const wasmRequests = [];
  page.on('request', (request) => { if (request.url().endsWith('/engine.wasm')) wasmRequests.push(request.url()); });
  await page.goto(new URL(`widget.html?src=${encodeURIComponent(LONG_RUN)}`, lab.url).href);
  await page.locator('optimization-lab button.run:not([disabled])').waitFor({ timeout: 15_000 });
  // Warm up: the first worker compiles engine.wasm (as the widget loads: it asks the engine for
  // its option declarations).
  await page.evaluate((src) => document.querySelector('optimization-lab').setAttribute('src', src), TINY_LAB);
  await page.locator('optimization-lab button.run:not([disabled])').waitFor();
  await runAndWait(page, 'optimization-lab');
  assert.equal(wasmRequests.length, 1, 'the first worker fetches engine.wasm');
  wasmRequests.length = 0;
  await page.evaluate((src) => document.querySelector('optimization-lab').setAttribute('src', src), LONG_RUN);
  await page.locator('optimization-lab .status', { hasText: 'Ready' }).waitFor();

  await page.locator('optimization-lab button.run').click();
  const bar = page.locator('optimization-lab progress');
  await bar.waitFor({ state: 'visible', timeout: 5_000 });
  await page.waitForFunction(() => Number(document.querySelector('optimization-lab').shadowRoot.querySelector('progress').value) > 0, null, { timeout: 30_000 });
  assert.match(await page.locator('optimization-lab .progress-text').textContent(), /of 5000/);
  // A second run of the same widget cancels the first and starts over.
  const cancels = page.evaluate(() => new Promise((resolve) => {
    document.querySelector('optimization-lab').addEventListener('lab-run-cancel', () => resolve('cancelled'), { once: true });
  }));
  await page.locator('optimization-lab button.run').click();
  assert.equal(await cancels, 'cancelled');
  await page.waitForFunction(() => Number(document.querySelector('optimization-lab').shadowRoot.querySelector('progress').value) > 0, null, { timeout: 30_000 });
  assert.equal(await page.locator('optimization-lab .progress-row').isVisible(), true);
  await page.locator('optimization-lab button.cancel').click();
  await page.locator('optimization-lab .status', { hasText: 'Cancelled.' }).waitFor({ timeout: 5_000 });
  assert.equal(await page.locator('optimization-lab .progress-row').isHidden(), true);

  await page.evaluate((src) => document.querySelector('optimization-lab').setAttribute('src', src), TINY_LAB);
  await page.locator('optimization-lab .status', { hasText: 'Ready' }).waitFor();
  const detail = await runAndWait(page, 'optimization-lab');
  assert.ok(detail.metrics.test.accuracy >= 0);
  assert.equal(wasmRequests.length, 0, 'the replacement worker instantiates the module compiled before');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the embed example keeps both widgets working under hostile page CSS', async () => {
  const page = await openPage(lab, 'embed-example.html');
  for (const tag of ['optimization-lab', 'performance-tradeoff-explorer']) {
    await page.locator(`${tag} button.run:not([disabled])`).waitFor({ timeout: 15_000 });
  }
  const look = await page.evaluate(() => {
    const root = document.querySelector('optimization-lab').shadowRoot;
    const h3 = getComputedStyle(root.querySelector('h3'));
    const run = getComputedStyle(root.querySelector('button.run'));
    return {
      hostButtonHidden: getComputedStyle(document.querySelector('body > p > button')).display === 'none',
      h3Size: parseFloat(h3.fontSize), h3Color: h3.color, h3Font: h3.fontFamily,
      runDisplay: run.display, hostOpacity: getComputedStyle(document.querySelector('optimization-lab')).opacity,
    };
  });
  assert.equal(look.hostButtonHidden, true, 'the hostile CSS is active on the host page');
  assert.ok(look.h3Size < 30, `widget heading font-size ${look.h3Size}px`);
  assert.notEqual(look.h3Color, 'rgb(255, 0, 255)');
  assert.doesNotMatch(look.h3Font, /Comic/);
  assert.notEqual(look.runDisplay, 'none');
  assert.ok(await page.locator('optimization-lab button.run').isVisible());
  assert.equal(look.hostOpacity, '1');
  await page.evaluate((src) => document.querySelector('optimization-lab').setAttribute('src', src), TINY_LAB);
  await page.locator('optimization-lab .status', { hasText: 'Ready' }).waitFor();
  const detail = await runAndWait(page, 'optimization-lab');
  assert.ok(detail.metrics.test.accuracy >= 0);
  assert.deepEqual(page.errors, []);
  await saveScreenshot(page, 'embed-example', { full: true });
  await page.context().close();
});

test('pages are served with the strict CSP and contain no inline script or style', async () => {
  const response = await fetch(new URL('lesson.html', lab.url));
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.equal((await fetch(new URL('engine.wasm', lab.url))).headers.get('content-type'), 'application/wasm');
  const site = join(ROOT, 'build/site');
  for (const file of readdirSync(site).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(site, file), 'utf8');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${file} has an inline script`);
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i, `${file} has inline style or handlers`);
  }
});
