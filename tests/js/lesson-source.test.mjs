// Where the lesson page gets its parsed lesson: the build's answer for the same bytes (SHA-256
// and file name match), else the engine. fetch is a stub serving a tiny site; the engine a
// client that records what it was asked.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, test } from 'node:test';
import { LessonNotFound, loadLesson, loadParsedIndex } from '../../build/js-test/lesson/lesson-source.js';
import { loadPrebuiltLesson } from '../../build/js-test/lesson/parsed-lesson.js';
import { sha256Hex } from '../../build/js-test/runtime/sha256.js';

const ROOT = new URL('https://lab.test/course/');
const TEXT = '---\nid: l1\ntitle: From the file\n---\n\n## Intro\nHello é\n';
const sha = (text) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
const answer = (title) => ({ ok: true, lesson: { id: 'l1', title, body: '## Intro', sections: [] }, diagnostics: [{ severity: 'warning', file: 'l1.md', line: 3, message: 'from the build' }] });

const realFetch = globalThis.fetch;
afterEach(() => { globalThis.fetch = realFetch; });

/** Serves `files` (path under ROOT → text or object); records what was fetched. */
function serve(files) {
  const fetched = [];
  globalThis.fetch = async (url) => {
    const path = new URL(url).href.slice(ROOT.href.length);
    fetched.push(path);
    if (!(path in files)) return new Response('not found', { status: 404 });
    const body = files[path];
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 });
  };
  return fetched;
}

function engine() {
  const calls = [];
  return {
    calls,
    call: async (fn, args) => {
      calls.push([fn, ...args]);
      return { ok: true, lesson: { id: 'l1', title: 'From the engine', body: '', sections: [] }, diagnostics: [] };
    },
  };
}

const site = (prebuilt) => ({
  'lessons/l1.md': TEXT,
  'parsed-lessons/index.json': { lessons: { 'lessons/l1.md': { sha256: prebuilt.sha256, file: 'l1.abc.json' } } },
  'parsed-lessons/l1.abc.json': { filename: 'l1.md', answer: answer('From the build'), ...prebuilt },
});

test('sha256Hex hashes the UTF-8 bytes, as the build does', async () => {
  assert.equal(await sha256Hex(TEXT), sha(TEXT));
});

test('a static page\'s lesson from the parse it names, without its lesson file: only a parse of the text the page shows', async () => {
  const fetched = serve(site({ sha256: sha(TEXT), bodyStart: 40 }));
  const early = await loadPrebuiltLesson('parsed-lessons/l1.abc.json', sha(TEXT), ROOT);
  assert.equal(early.lesson.title, 'From the build');
  assert.deepEqual(early.diagnostics.map((d) => d.message), ['from the build']);
  assert.deepEqual(fetched, ['parsed-lessons/l1.abc.json'], 'neither the lesson file nor the index');
  assert.equal(await loadPrebuiltLesson('parsed-lessons/l1.abc.json', sha('other text'), ROOT), null, 'a parse of other text');
  assert.equal(await loadPrebuiltLesson('parsed-lessons/missing.json', sha(TEXT), ROOT), null, 'no such parse');
  assert.equal(await loadPrebuiltLesson('lessons/l1.md', sha(TEXT), ROOT), null, 'not a file of parsed-lessons/');
});

test('the build\'s answer for the same bytes is taken, diagnostics included; the engine is not asked', async () => {
  const fetched = serve(site({ sha256: sha(TEXT) }));
  const client = engine();
  const parsed = await loadParsedIndex(ROOT);
  const loaded = await loadLesson(client, new URL('lessons/l1.md', ROOT), { siteRoot: ROOT, parsed });
  assert.equal(loaded.lesson.title, 'From the build');
  assert.equal(loaded.prebuilt, true);
  assert.deepEqual(loaded.diagnostics.map((d) => [d.file, d.line, d.message]), [['l1.md', 3, 'from the build']]);
  assert.deepEqual(client.calls, []);
  assert.deepEqual(fetched.sort(), ['lessons/l1.md', 'parsed-lessons/index.json', 'parsed-lessons/l1.abc.json']);
});

test('a lesson file edited since the build, or parsed under another name, goes to the engine', async () => {
  for (const prebuilt of [{ sha256: sha(`${TEXT}more\n`) }, { sha256: sha(TEXT), filename: 'other.md' }]) {
    serve(site(prebuilt));
    const client = engine();
    const loaded = await loadLesson(client, new URL('lessons/l1.md', ROOT), { siteRoot: ROOT, parsed: await loadParsedIndex(ROOT) });
    assert.equal(loaded.lesson.title, 'From the engine');
    assert.equal(loaded.prebuilt, false);
    assert.deepEqual(client.calls, [['parseLesson', TEXT, 'l1.md']]);
  }
});

test('without an index, an entry, or a readable answer file, the engine parses', async () => {
  const files = site({ sha256: sha(TEXT) });
  for (const change of [{ 'parsed-lessons/index.json': undefined }, { 'parsed-lessons/index.json': { lessons: {} } }, { 'parsed-lessons/l1.abc.json': undefined }]) {
    const served = { ...files, ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete served[k];
    serve(served);
    const client = engine();
    const loaded = await loadLesson(client, new URL('lessons/l1.md', ROOT), { siteRoot: ROOT, parsed: await loadParsedIndex(ROOT) });
    assert.equal(loaded.lesson.title, 'From the engine');
    assert.equal(client.calls.length, 1);
  }
});

test('an answer stored without its body gets it from the file\'s text (the build leaves out what the page has)', async () => {
  const start = TEXT.indexOf('\n## Intro');
  const stored = answer('From the build');
  delete stored.lesson.body;
  serve({ ...site({ sha256: sha(TEXT) }), 'parsed-lessons/l1.abc.json': { filename: 'l1.md', sha256: sha(TEXT), bodyStart: start, answer: stored } });
  const loaded = await loadLesson(engine(), new URL('lessons/l1.md', ROOT), { siteRoot: ROOT, parsed: await loadParsedIndex(ROOT) });
  assert.equal(loaded.prebuilt, true);
  assert.equal(loaded.lesson.body, '\n## Intro\nHello é\n');
});

test('a missing lesson file is LessonNotFound, prebuilt answer or not', async () => {
  const files = site({ sha256: sha(TEXT) });
  delete files['lessons/l1.md'];
  serve(files);
  await assert.rejects(loadLesson(engine(), new URL('lessons/l1.md', ROOT), { siteRoot: ROOT, parsed: await loadParsedIndex(ROOT) }),
    (e) => e instanceof LessonNotFound);
});
