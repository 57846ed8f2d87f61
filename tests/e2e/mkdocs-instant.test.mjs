// The MkDocs Material example (examples/mkdocs) with `navigation.instant`: a link between pages
// swaps the page's content without a reload. Built by Debian's mkdocs with `tools/lab pack`'s
// folder copied in (as site-generators.test.mjs builds it), then in Chromium: page 1 (both
// widgets) → page 2 (the explorer) → page 1 again, each by clicking the site's navigation. A
// window marker survives (no reload), every widget loads exactly once per visit and runs to a
// result, the page's engine counts only the widgets on screen (the old ones let go), and
// coming back holds no more engine workers than the first visit did; Back (popstate) is
// instant as well.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { pack } from '../../tools/pack.mjs';
import { createSiteServer } from '../../tools/lib/site-server.mjs';
import { launchChromium, ROOT, waitUntil } from './harness.mjs';

const WORK = mkdtempSync(join(tmpdir(), 'lab-mkdocs-instant-'));
const FIXTURES = join(ROOT, 'tests/e2e/fixtures/widgets');
const LAB = 'optimization-lab';
const EXPLORER = 'performance-tradeoff-explorer';

let browser;
let server;
let base;

before(async () => {
  const src = join(WORK, 'mkdocs');
  cpSync(join(ROOT, 'examples/mkdocs'), src, { recursive: true });
  const packed = pack({ out: join(WORK, 'pack'), site: join(ROOT, 'build/site') });
  cpSync(packed.folder, join(src, 'docs/lab'), { recursive: true });
  // Small fixture files under the course's names: a run takes well under a second.
  cpSync(join(FIXTURES, 'data'), join(src, 'docs/widgets/data'), { recursive: true });
  cpSync(join(FIXTURES, 'tiny-optimization-lab.json'), join(src, 'docs/widgets/optimization_lab.titanic.json'));
  cpSync(join(FIXTURES, 'tiny-tradeoff.json'), join(src, 'docs/widgets/performance_tradeoff.titanic.json'));
  const out = spawnSync('mkdocs', ['build', '--strict', '--site-dir', join(src, 'out')], { cwd: src, encoding: 'utf8' });
  if (out.error?.code === 'ENOENT') throw new Error('mkdocs is not installed (tools/setup.sh installs it)');
  assert.equal(out.status, 0, `mkdocs build failed:\n${out.stderr}`);
  server = createSiteServer(join(src, 'out'), { csp: false });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
  rmSync(WORK, { recursive: true, force: true });
});

/** Before any page script: counts the Workers alive (constructed, not yet terminated) and
 *  keeps every widget load and result with the page it happened on. */
function recordPage() {
  const alive = new Set();
  const PageWorker = window.Worker;
  window.Worker = class CountedWorker extends PageWorker {
    constructor(...args) {
      super(...args);
      if (String(args[0]).includes('lab-engine-worker') || String(args[0]).startsWith('blob:')) alive.add(this);
    }

    terminate() {
      alive.delete(this);
      super.terminate();
    }
  };
  window.labWorkersAlive = () => alive.size;
  window.labEvents = [];
  for (const type of ['lab-widget-load', 'lab-run-result', 'lab-run-error']) {
    document.addEventListener(type, (e) => window.labEvents.push({ type, tag: e.target.localName, page: location.pathname, error: e.detail?.error?.message }));
  }
}

const events = (page, type, tag, path) => page.evaluate(([t, g, p]) => window.labEvents.filter((e) => e.type === t && e.tag === g && e.page.endsWith(p)).length, [type, tag, path]);

/** Clicks Run in the widget `tag` on this page and waits for one more result there. */
async function run(page, tag, path) {
  const before = await events(page, 'lab-run-result', tag, path);
  const button = page.locator(`${tag} button.run:not([disabled])`);
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  await waitUntil(page, ([t, p, n]) => window.labEvents.filter((e) => e.type === 'lab-run-result' && e.tag === t && e.page.endsWith(p)).length > n
    || window.labEvents.some((e) => e.type === 'lab-run-error'), [tag, path, before], `a result of ${tag} on ${path}`);
  assert.deepEqual(await page.evaluate(() => window.labEvents.filter((e) => e.type === 'lab-run-error')), [], 'no run failed');
}

/** Clicks the site's navigation link to `path` and waits until its content is in the page. */
async function navigate(page, path, tags) {
  await page.locator(`nav.md-nav--primary a.md-nav__link[href="${path}"]`).first().click();
  await waitUntil(page, ([p, t]) => location.pathname.endsWith(p) && t.every((tag) => document.querySelector(tag)), [path, tags], `the content of ${path}`);
}

test('instant navigation: page 1 → page 2 → page 1 without a reload; each widget loads once per visit, runs, and no worker is leaked', { timeout: 240_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  let loads = 0;
  page.on('load', () => loads++);
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.addInitScript(recordPage);
  // One worker in the pool (?lab-workers=1): a pool grows when a run finds every worker busy,
  // so with more the count after a visit would depend on timing; with one, any worker more
  // than one is a leak (a second pool, a worker never ended).
  await page.goto(`${base}index.html?lab-test-hooks&lab-workers=1`);
  await page.evaluate(() => { window.visitMarker = 'first load'; });

  // Visit 1: both widgets load once and run.
  for (const tag of [LAB, EXPLORER]) await run(page, tag, 'index.html');
  for (const tag of [LAB, EXPLORER]) assert.equal(await events(page, 'lab-widget-load', tag, 'index.html'), 1, `${tag} loaded once on the first visit`);
  const firstVisit = await page.evaluate(() => ({ alive: window.labWorkersAlive(), counters: window.labEngineTestHooks.counters() }));
  assert.equal(firstVisit.alive, 1, 'the first visit ran on the pool\'s one engine worker');
  assert.equal(firstVisit.counters.widgetsAttached, 2);

  // Page 2, by the site's navigation: the content is swapped in, the page is the same.
  await navigate(page, 'tradeoffs.html', [EXPLORER]);
  assert.equal(await page.evaluate(() => window.visitMarker), 'first load', 'no reload: the window is the same');
  assert.equal(await page.evaluate(() => document.querySelector('optimization-lab')), null);
  await run(page, EXPLORER, 'tradeoffs.html');
  assert.equal(await events(page, 'lab-widget-load', EXPLORER, 'tradeoffs.html'), 1, 'the explorer loaded once on page 2');
  assert.equal(await page.evaluate(() => window.labEngineTestHooks.counters().widgetsAttached), 1, 'the engine counts only the widget on screen');

  // Back to page 1 the same way: its widgets are new elements, loaded once each, and run.
  await navigate(page, 'index.html', [LAB, EXPLORER]);
  assert.equal(await page.evaluate(() => window.visitMarker), 'first load', 'no reload on the way back');
  for (const tag of [LAB, EXPLORER]) await run(page, tag, 'index.html');
  for (const tag of [LAB, EXPLORER]) assert.equal(await events(page, 'lab-widget-load', tag, 'index.html'), 2, `${tag} loaded once more on the second visit (once per visit)`);
  const back = await page.evaluate(() => ({ alive: window.labWorkersAlive(), counters: window.labEngineTestHooks.counters() }));
  assert.equal(back.counters.widgetsAttached, 2);
  assert.ok(back.alive <= firstVisit.alive, `no more engine workers after coming back (${back.alive}) than after the first visit (${firstVisit.alive})`);
  assert.equal(back.counters.poolSize, 1);

  // The browser's Back button is instant too (popstate): page 2's widget loads once more.
  await page.goBack();
  await waitUntil(page, () => location.pathname.endsWith('tradeoffs.html') && !document.querySelector('optimization-lab')
    && document.querySelector('performance-tradeoff-explorer'), undefined, 'page 2 again after Back');
  await run(page, EXPLORER, 'tradeoffs.html');
  assert.equal(await events(page, 'lab-widget-load', EXPLORER, 'tradeoffs.html'), 2, 'the explorer loaded once on this visit');
  assert.equal(await page.evaluate(() => window.labEngineTestHooks.counters().widgetsAttached), 1);
  assert.equal(await page.evaluate(() => window.visitMarker), 'first load', 'no reload after Back');
  assert.ok(await page.evaluate(() => window.labWorkersAlive()) <= firstVisit.alive, 'no worker more after Back');
  assert.equal(loads, 1, 'one page load in all');
  assert.deepEqual(errors, []);
  await context.close();
});
