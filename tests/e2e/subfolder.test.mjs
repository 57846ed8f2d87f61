// The built site works from a subfolder (/course/), as on hosts that serve a project under a
// path: "/widgets/..." in lessons means the site root, not the host's root.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, runResult, startLab } from './harness.mjs';

let lab;
before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

test('the lesson page and a standalone widget work under /course/', async () => {
  const page = await openPage(lab, 'course/lesson.html?id=ai-builder-ch3-lesson4');
  await page.locator('#lesson-title').waitFor({ timeout: 30_000 });
  await page.locator('optimization-lab button.run:not([disabled])').waitFor({ timeout: 15_000 });
  // Both are relative to the page (the static pages are written without knowing the host).
  const src = await page.locator('optimization-lab').getAttribute('src');
  assert.equal(new URL(src, page.url()).href, new URL('course/widgets/optimization_lab.titanic.json', lab.url).href);
  const standalone = new URL(await page.locator('.lesson-widgets a').first().getAttribute('href'), page.url()).href;
  assert.equal(new URL(standalone).pathname, '/course/widget.html');
  assert.equal(new URL(standalone).searchParams.get('src'), '/widgets/optimization_lab.titanic.json');
  assert.deepEqual(page.errors, []);

  const widget = await openPage(lab, 'course/widget.html?src=/fixtures/widgets/tiny-optimization-lab.json');
  await widget.locator('optimization-lab button.run:not([disabled])').waitFor({ timeout: 15_000 });
  const { result } = await runResult(widget, 'optimization-lab', () => widget.locator('optimization-lab button.run').click());
  assert.ok(result.metrics.test.accuracy >= 0);
  assert.deepEqual(widget.errors, []);
  await page.context().close();
  await widget.context().close();
});
