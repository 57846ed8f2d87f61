// lab-widgets.js as an anywidget front-end module (web/src/anywidget.ts), rendered by a host
// page that makes its model the way MyST's static renderer does (fixtures/anywidget-host.*):
// the widget runs by itself and publishes its result through the model; a setting the host
// changes (model.set('settings', …) + save_changes) reruns it with that setting; the learner's
// change comes back into the model; unmounting leaves no element, no model listener and, once
// the pool lets them go, no Worker. A model the module cannot use is refused in one line
// naming the trait and its value. And the same from a page on another origin, as in a notebook.
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, openPage, startLab, waitUntil } from './harness.mjs';

const FIXTURES = join(ROOT, 'tests/e2e/fixtures');
let lab;
/** The same host page on another origin, as a notebook server is to the lab's site. */
let notebook;

before(async () => {
  lab = await startLab();
  // The host page sits beside lab-widgets.js, as a page of the course's own site would.
  for (const file of ['anywidget-host.html', 'anywidget-host.js']) cpSync(join(FIXTURES, file), join(ROOT, 'build/e2e-site', file));
  notebook = createServer((req, res) => {
    const file = { '/anywidget-host.html': 'text/html', '/anywidget-host.js': 'text/javascript' }[req.url];
    if (!file) return res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'Content-Type': `${file}; charset=utf-8` });
    res.end(readFileSync(join(FIXTURES, req.url.slice(1))));
  });
  await new Promise((resolve) => notebook.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  notebook?.close();
  await lab?.close();
});

async function openHost() {
  const page = await openPage(lab, null);
  // The host page has no icon; the browser's own request for one is not the widget's.
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(new URL('anywidget-host.html?lab-test-hooks', lab.url).href);
  page.setDefaultTimeout(60_000);
  await waitUntil(page, () => !!window.anywidgetHost, undefined, 'the host page\'s script');
  return page;
}

const resultCount = (page) => page.evaluate(() => window.anywidgetHost.model.saves);

test('render(): the first result reaches the model, a settings change reruns, unmount leaves no listener or worker', { timeout: 180_000 }, async () => {
  const page = await openHost();
  await page.evaluate(() => window.anywidgetHost.mount({ type: 'optimization_lab', src: 'fixtures/widgets/tiny-optimization-lab.json' }));
  assert.equal(await page.evaluate(() => window.anywidgetHost.children()), 1, 'one widget element in the host\'s div');
  assert.equal(await page.evaluate(() => window.anywidgetHost.model.listenerCount), 1, 'render() listens to change:settings');

  // autorun="visible" by default: the widget in view runs by itself and publishes its result.
  await waitUntil(page, () => !!window.anywidgetHost.model.get('result'), undefined, 'the first result in the model');
  const first = await page.evaluate(() => window.anywidgetHost.model.get('result'));
  assert.equal(first.type, 'optimization_lab');
  assert.deepEqual(first.settings, {});
  assert.equal(typeof first.result.metrics.test.accuracy, 'number', 'the summary keeps the metrics');
  assert.equal(first.result.history, undefined, 'the summary leaves the 40-epoch history out');
  assert.deepEqual(await page.evaluate(() => window.anywidgetHost.runStarts), [3], 'one run, with the file\'s seed');

  // The host sets a setting: the widget runs again with it.
  const saves = await resultCount(page);
  await page.evaluate(() => {
    const { model } = window.anywidgetHost;
    model.set('settings', { seed: 7 });
    model.save_changes();
  });
  await waitUntil(page, (n) => window.anywidgetHost.model.get('result')?.settings?.seed === 7 && window.anywidgetHost.model.saves > n, saves + 1,
    'the result of the run with seed 7 in the model');
  assert.deepEqual(await page.evaluate(() => window.anywidgetHost.runStarts), [3, 7], 'the rerun used the model\'s seed');
  const seedShown = await page.evaluate(() => document.querySelector('optimization-lab').shadowRoot.querySelector('input[type=number]').value);
  assert.equal(seedShown, '7');

  // The learner changes the seed in the widget: the model hears of it (and the rerun's result).
  await page.evaluate(() => {
    const input = document.querySelector('optimization-lab').shadowRoot.querySelector('input[type=number]');
    input.value = '11';
    input.dispatchEvent(new Event('change'));
  });
  await waitUntil(page, () => window.anywidgetHost.model.get('settings')?.seed === 11 && window.anywidgetHost.model.get('result')?.settings?.seed === 11,
    undefined, 'the learner\'s seed 11 in the model\'s settings and result');
  assert.deepEqual(await page.evaluate(() => window.anywidgetHost.runStarts), [3, 7, 11], 'the learner\'s change ran once, and its echo through the model did not run again');

  const running = await page.evaluate(() => window.anywidgetHost.workers());
  assert.ok(running.alive >= 1, `a worker ran the widget (${JSON.stringify(running)})`);

  await page.evaluate(() => window.anywidgetHost.unmount());
  assert.equal(await page.evaluate(() => window.anywidgetHost.children()), 0, 'the element is gone');
  assert.equal(await page.evaluate(() => window.anywidgetHost.model.listenerCount), 0, 'no listener left on the model');
  await waitUntil(page, () => window.anywidgetHost.workers().alive === 0 && window.labEngineTestHooks.counters().workersAlive === 0, undefined,
    'every engine worker ended after the last widget went');
  const counters = await page.evaluate(() => window.labEngineTestHooks.counters());
  assert.equal(counters.widgetsAttached, 0);
  assert.equal(counters.workersReleased, 1);
  assert.equal(counters.busy, false);
  assert.deepEqual(page.errors, []);

  // Mounted again, the widget starts the engine afresh and runs.
  await page.evaluate(() => window.anywidgetHost.mount({ type: 'optimization_lab', src: 'fixtures/widgets/tiny-optimization-lab.json', settings: { seed: 5 } }));
  await waitUntil(page, () => window.anywidgetHost.model.get('result')?.settings?.seed === 5, undefined, 'a result after mounting again');
  assert.ok((await page.evaluate(() => window.anywidgetHost.workers().alive)) >= 1);
  await page.evaluate(() => window.anywidgetHost.unmount());
  await waitUntil(page, () => window.anywidgetHost.workers().alive === 0, undefined, 'no worker after the second unmount');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a model the module cannot use is refused in one line naming the trait and its value', async () => {
  const page = await openHost();
  await page.evaluate(() => window.anywidgetHost.mount({ type: 'optimisation_lab', src: 'fixtures/widgets/tiny-optimization-lab.json' }));
  const text = await page.locator('#host [role=alert]').textContent();
  assert.equal(text, 'lab-widgets.js: model trait "type": "optimisation_lab" is not a widget type (optimization_lab, performance_tradeoff_explorer)');
  assert.deepEqual(page.errors.map((e) => e.replace(/ \((http[^)]*)?\)$/, '')), [`console: ${text}`]);
  await page.evaluate(() => window.anywidgetHost.unmount());
  assert.equal(await page.evaluate(() => window.anywidgetHost.children()), 0);
  assert.deepEqual(await page.evaluate(() => window.anywidgetHost.workers()), { alive: 0, started: 0 }, 'nothing started');
  await page.context().close();
});

test('a notebook on another origin: `_esm` is the lab site\'s lab-widgets.js, and the widget file\'s own origin serves its CSV', { timeout: 120_000 }, async () => {
  // "localhost" vs the lab's "127.0.0.1": another origin for the browser.
  const page = await openPage(lab, `http://localhost:${notebook.address().port}/anywidget-host.html`);
  page.setDefaultTimeout(60_000);
  await waitUntil(page, () => !!window.anywidgetHost, undefined, 'the host page\'s script');
  const site = new URL(lab.url).origin;
  await page.evaluate(([esm, src]) => window.anywidgetHost.mount({ type: 'optimization_lab', src, settings: { seed: 9 } }, esm),
    [`${site}/lab-widgets.js`, `${site}/fixtures/widgets/tiny-optimization-lab.json`]);
  await waitUntil(page, () => !!window.anywidgetHost.model.get('result'), undefined, 'the first result in the model');
  const result = await page.evaluate(() => window.anywidgetHost.model.get('result'));
  assert.equal(result.settings.seed, 9);
  assert.equal(typeof result.result.metrics.test.accuracy, 'number');
  assert.ok((await page.evaluate(() => window.anywidgetHost.workers().alive)) >= 1);
  await page.evaluate(() => window.anywidgetHost.unmount());
  await waitUntil(page, () => window.anywidgetHost.workers().alive === 0, undefined, 'no worker after unmounting');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
