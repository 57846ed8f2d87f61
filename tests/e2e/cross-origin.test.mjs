// A course site on another origin embeds the widgets from the lab's site: lab-widgets.js and
// the worker come cross-origin (CORS), the worker starts through a blob: module, and the
// dataset CSV on the lab's origin is fetched only because the element's allow-origins lists it.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { afterRun, openPage, startLab } from './harness.mjs';

let lab;
let host;
let hostUrl;

function hostPage(allow) {
  const labOrigin = new URL(lab.url).origin;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course site</title>
<script type="module" src="${labOrigin}/lab-widgets.js"></script></head><body>
<h1>A course site elsewhere</h1>
<optimization-lab src="${labOrigin}/fixtures/widgets/tiny-optimization-lab.json"${allow ? ` allow-origins="${labOrigin}"` : ''}></optimization-lab>
</body></html>`;
}

before(async () => {
  lab = await startLab();
  host = createServer((req, res) => {
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(hostPage(req.url.includes('allow')));
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  // "localhost" vs the lab's "127.0.0.1": another origin for the browser.
  hostUrl = `http://localhost:${host.address().port}/`;
});
after(async () => {
  host?.close();
  await lab?.close();
});

async function run(page) {
  await page.locator('optimization-lab button.run:not([disabled])').waitFor({ timeout: 15_000 });
  const outcome = await afterRun(page, 'optimization-lab', () => page.locator('optimization-lab button.run').click());
  return outcome.ok ? { accuracy: outcome.detail.result.metrics.test.accuracy } : { error: outcome.error };
}

test('an embed on another origin runs with the lab\'s origin allowed', async () => {
  const page = await openPage(lab, `${hostUrl}?allow`);
  const outcome = await run(page);
  assert.ok(outcome.accuracy >= 0 && outcome.accuracy <= 1, JSON.stringify(outcome));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without allow-origins the dataset from another origin is refused with a message', async () => {
  const page = await openPage(lab, hostUrl);
  const outcome = await run(page);
  assert.equal(outcome.error?.kind, 'fetch');
  assert.match(await page.locator('optimization-lab .status').textContent(), /is not allowed/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
