// The built site's parsed-lessons/ (web/scripts/assemble-site.mjs): every entry is what the
// site's own engine answers for that lesson file now, once the page puts back the body it
// leaves out, so the lesson page shows exactly what asking the engine would have shown.
// Skipped when the site is not built (tools/lab build); a failure under CI.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { loadNodeEngine } from '../../web/scripts/node-engine.mjs';

const SITE = fileURLToPath(new URL('../../build/site/', import.meta.url));
const built = ['parsed-lessons/index.json', 'engine.mjs', 'engine.wasm', 'engine-authoring.mjs', 'engine-authoring.wasm'].every((f) => existsSync(SITE + f));
const skip = skipUnlessBuilt(built, 'build/site is not built with the engine (tools/lab build)');
let engine;

before(async () => {
  if (!built) return;
  engine = await loadNodeEngine(SITE);  // the site's own copy of the engine
});

test('each pre-parsed lesson is the site engine\'s answer for the file as it is', { skip }, () => {
  const index = JSON.parse(readFileSync(`${SITE}parsed-lessons/index.json`, 'utf8'));
  const entries = Object.entries(index.lessons);
  assert.ok(entries.some(([path]) => path === 'lessons/ai-builder-ch3-lesson4.md'), 'the course lesson is pre-parsed');
  for (const [path, { sha256, file }] of entries) {
    const text = new TextDecoder().decode(readFileSync(SITE + path));
    assert.equal(createHash('sha256').update(text, 'utf8').digest('hex'), sha256, path);
    const stored = JSON.parse(readFileSync(`${SITE}parsed-lessons/${file}`, 'utf8'));
    assert.equal(stored.filename, path.split('/').pop());
    assert.equal(stored.sha256, sha256);
    if (typeof stored.bodyStart === 'number') stored.answer.lesson.body = text.slice(stored.bodyStart);
    assert.deepEqual(stored.answer, JSON.parse(engine.parseLesson(text, stored.filename)), path);
  }
});

