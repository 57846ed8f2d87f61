// The static lesson pages (web/scripts/static-lessons.mjs) on a small site made here: each
// parsed lesson becomes lesson-<id>.html with its text rendered by the lesson page's own code
// (sanitized as in the browser), links between lessons go to the pages, a lesson whose file no
// longer has the parsed bytes gets none, and without a renderer every page goes. Needs the wasm
// engine (skipped without it outside CI, a failure under CI).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { readParsedIndex, writeAllParsed } from '../../web/scripts/site-content.mjs';
import { buildRenderer, loadRenderer, writeLessonPages } from '../../web/scripts/static-lessons.mjs';

const skip = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');
let site;
let code;

const TEMPLATE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lesson · ML Lab</title>
<script type="module" src="./assets/lesson.js"></script></head><body><main id="main">
<div id="notices"></div><div id="lesson-status" role="status"><p>Loading the lesson…</p></div>
<div id="lesson-layout" class="lesson-layout" hidden></div></main></body></html>`;

const lesson = (id, title, extra, body) => `---\nid: ${id}\ntitle: ${title}\nduration_min: 5\n${extra}---\n${body}`;

before(async () => {
  if (skip) return;
  site = mkdtempSync(join(tmpdir(), 'lab-static-'));
  mkdirSync(join(site, 'lessons'));
  writeFileSync(join(site, 'lesson.html'), TEMPLATE);
  writeFileSync(join(site, 'lessons/index.json'), JSON.stringify({ title: 'T', lessons: [{ id: 'first', title: 'First (catalog)', duration_min: 5, path: 'lessons/first.md' }] }));
  writeFileSync(join(site, 'lessons/first.md'), lesson('first', 'First', 'quiz:\n  - { q: "Two?", options: [one, two], answer: 1, explain: because }\n',
    '## Intro\n\nSome **bold** text <img src=x onerror="window.x=1"> and a [link](https://example.org/).\n\n<script>window.y=1</script>\n'));
  writeFileSync(join(site, 'lessons/second.md'), lesson('second', 'Second', 'next: first\n', '## Only\n\nText.\n'));
  writeAllParsed(site, await loadEngine());
  code = loadRenderer(await buildRenderer(join(site, '.renderer/lesson-prerender.js')));
});
after(() => { if (site) rmSync(site, { recursive: true, force: true }); });

const page = (name) => readFileSync(join(site, name), 'utf8');

test('each parsed lesson gets a static page with its text, sanitized, and links to the other pages', { skip }, async () => {
  const pages = await writeLessonPages(site, code);
  assert.deepEqual(pages, { first: { file: 'lesson-first.html', id: 'first' }, second: { file: 'lesson-second.html', id: 'second' } });
  assert.deepEqual(readParsedIndex(site).pages, { first: 'lesson-first.html', second: 'lesson-second.html' });
  const first = page('lesson-first.html');
  assert.match(first, /<title>First · ML Lab<\/title>/);
  assert.match(first, /<h1 id="lesson-title" tabindex="-1">First<\/h1>/);
  assert.match(first, /<h2 id="intro">Intro <a class="heading-anchor" href="#intro"/);
  assert.match(first, /Some <strong>bold<\/strong> text/);
  assert.match(first, /<a href="https:\/\/example.org\/" rel="noopener noreferrer">link<\/a>/);
  // DOMPurify ran: no script from the lesson, no handler attribute.
  assert.doesNotMatch(first, /onerror|window\.y/);
  assert.equal([...first.matchAll(/<script/g)].length, 1, 'only the page\'s own module script');
  // The quiz reads without a script, in the place the script fills.
  assert.match(first, /<div data-live="quiz"><ol class="quiz-text"><li><p class="quiz-text-question">Two\?<\/p>/);
  // The page knows which bytes it was rendered from; the loading notice is gone.
  assert.match(first, new RegExp(`data-lesson-sha256="${readParsedIndex(site).lessons['lessons/first.md'].sha256}"`));
  // …and names the build's parse of them, which it goes live from.
  assert.match(first, new RegExp(`data-lesson-parsed="parsed-lessons/${readParsedIndex(site).lessons['lessons/first.md'].file.replace(/\./g, '\\.')}"`));
  assert.match(first, /<div id="lesson-status" role="status" hidden=""><\/div>/);
  assert.match(first, /<script type="module" src=".\/assets\/lesson.js"><\/script>/);
  // Not in the catalog: its front matter's next, linked to that lesson's static page.
  assert.match(page('lesson-second.html'), /Next lesson: <a href="lesson-first.html">First \(catalog\)<\/a>/);
});

test('a lesson file that no longer has the parsed bytes gets no page; without a renderer none is left', { skip }, async () => {
  await writeLessonPages(site, code);
  writeFileSync(join(site, 'lessons/second.md'), lesson('second', 'Second, edited', '', 'New.\n'));
  assert.deepEqual(await writeLessonPages(site, code), { first: { file: 'lesson-first.html', id: 'first' } });
  assert.equal(existsSync(join(site, 'lesson-second.html')), false);
  assert.deepEqual(await writeLessonPages(site, null), {});
  assert.equal(existsSync(join(site, 'lesson-first.html')), false);
  assert.equal(readParsedIndex(site).pages, undefined);
});
