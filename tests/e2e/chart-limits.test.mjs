// The chart limits of web/src/widgets/charts/drawable.ts, in Chromium against the project's
// own uPlot: a log axis whose data reach 1e-100 (an exponentially decayed learning rate) makes
// uPlot throw "Invalid array length" from its tick loop (the soak test's long-run failure);
// the same data through drawable() draw without an error, as do values at the floor itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launchChromium, ROOT } from './harness.mjs';
import { MIN_LOG_DRAWN, drawable, logScalesOf } from '../../build/js-test/widgets/charts/drawable.js';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Draws `data` with `options` in a fresh page; the page errors it caused. */
async function drawErrors(options, data) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<div id="host"></div>');
  await page.addScriptTag({ content: readFileSync(`${ROOT}node_modules/uplot/dist/uPlot.iife.js`, 'utf8') });
  await page.evaluate(([o, d]) => new Promise((resolve) => {
    new window.uPlot({ width: 400, height: 200, ...o }, d, document.getElementById('host'));
    setTimeout(resolve, 100);  // uPlot draws in a microtask; errors surface as page errors
  }), [options, data]);
  await page.close();
  return errors;
}

test('a log axis: uPlot throws on values near 1e-100, and draws what drawable() hands it', async () => {
  const options = { scales: { x: { time: false }, y: { distr: 3 } }, series: [{}, { stroke: 'red' }] };
  const epochs = Array.from({ length: 300 }, (_, i) => i + 1);
  const rate = epochs.map((e) => 0.1 * 0.45 ** e);  // 1e-105 by the last epoch
  const raw = await drawErrors(options, [epochs, rate]);
  assert.ok(raw.some((m) => /Invalid array length/.test(m)), `uPlot no longer fails on the raw data (${raw}); drawable.ts's floor may be revisited`);
  assert.deepEqual(await drawErrors(options, drawable([epochs, rate], logScalesOf(options))), []);
  assert.deepEqual(await drawErrors(options, [[1, 2, 3], [MIN_LOG_DRAWN, 1e-3, 1]]), [], 'the floor itself draws');
  const logX = { scales: { x: { time: false, distr: 3 } }, series: [{}, { stroke: 'red' }] };
  assert.deepEqual(await drawErrors(logX, drawable([[1e-60, 1e-3, 1], [1, 2, 3]], logScalesOf(logX))), []);
});
