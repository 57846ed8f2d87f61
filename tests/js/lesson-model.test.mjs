// The lesson and the catalog as the engine's parseLesson and parseCatalog give them (the page
// renders them as they are), ids, paths and dataset rules.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadEngine, wasmBuilt } from './helpers/load-engine.mjs';
import { skipUnlessBuilt } from './helpers/skip-unless-built.mjs';
import { courseNeighbours, DESCRIPTION_MAX, isLessonId, lessonDescription, prerequisitesOf, resolveSitePath } from '../../build/js-test/lesson/lesson-model.js';
import { datasetPaths, parseAllowOrigins, resolveDatasetUrl } from '../../build/js-test/runtime/dataset-files.js';

const skipWasm = skipUnlessBuilt(wasmBuilt, 'build/wasm/bindings/engine.mjs is not built (tools/lab build)');

// These tests ask the wasm engine: the shape is the engine's, not a copy of it (skipped without
// the build outside CI, failing under CI).
let engine;
before(async () => { if (!skipWasm) engine = await loadEngine(); });
const parse = (text) => JSON.parse(engine.parseLesson(text, 'l.md'));

test('a lesson in the seed format: every part in the one shape the page renders', { skip: skipWasm }, () => {
  const answer = parse(`---
id: ai-builder-ch3-lesson4
title: Model Optimization Techniques
duration_min: 45
prereqs: [ai-builder-ch3-lesson1]
tags: [intermediate]
video: { platform: youtube, id: 7x8R2aJx0a0, start: 0, end: 720 }
widgets:
  - { type: optimization_lab, data: /widgets/optimization_lab.titanic.json }
goals: [Understand]
quiz:
  - { q: "Why?", options: [a, b], answer: 1, explain: because }
flashcards:
  - Regularization: Constrain complexity
reflection: ["How?"]
next: ai-builder-ch3-lesson5
---
## Intro
`);
  assert.equal(answer.ok, true, JSON.stringify(answer.diagnostics));
  const { lesson } = answer;
  assert.equal(lesson.duration_min, 45);
  assert.deepEqual(lesson.video, { platform: 'youtube', id: '7x8R2aJx0a0', start: 0, end: 720 });
  assert.deepEqual(lesson.widgets, [{ type: 'optimization_lab', data: '/widgets/optimization_lab.titanic.json' }]);
  assert.deepEqual(lesson.quiz, [{ q: 'Why?', options: ['a', 'b'], answer: 1, explain: 'because' }]);
  assert.deepEqual(lesson.flashcards, [{ term: 'Regularization', definition: 'Constrain complexity' }]);
  assert.deepEqual(lesson.sections.map((s) => [s.level, s.title, s.anchor]), [[2, 'Intro', 'intro']]);
  assert.equal(lesson.next, 'ai-builder-ch3-lesson5');
});

test('parts of another shape are left out by the engine, each with a diagnostic; the rest keeps its shape', { skip: skipWasm }, () => {
  const answer = parse(`---
id: broken-parts
title: Broken parts
duration_min: 10
tags: [ok, { not: text }]
video: { platform: youtube }
widgets:
  - { type: chart_of_the_day, data: /widgets/x.json }
  - { type: optimization_lab, data: /widgets/optimization_lab.titanic.json }
quiz:
  - { q: no options, answer: 0 }
  - { q: "Fine?", options: ["yes", "no"], answer: 0 }
  - { q: out of range, options: [a, b], answer: 5 }
flashcards: [no colon here, "Term: definition"]
---
Body
`);
  assert.equal(answer.ok, false);
  assert.ok(answer.diagnostics.filter((d) => d.severity === 'error').length >= 5, JSON.stringify(answer.diagnostics));
  const { lesson } = answer;
  assert.deepEqual(lesson.tags, ['ok']);
  assert.equal(lesson.video, null);
  assert.deepEqual(lesson.widgets, [{ type: 'optimization_lab', data: '/widgets/optimization_lab.titanic.json' }]);
  assert.deepEqual(lesson.quiz, [{ q: 'Fine?', options: ['yes', 'no'], answer: 0, explain: '' }]);
  assert.deepEqual(lesson.flashcards, [{ term: 'Term', definition: 'definition' }]);
  assert.deepEqual([lesson.goals, lesson.reflection, lesson.prereqs, lesson.next], [[], [], [], null]);
});

test('the catalog as the engine reads it: every field, file order, entries with errors left out and named', { skip: skipWasm }, () => {
  const answer = JSON.parse(engine.parseCatalog(JSON.stringify({ title: 'C', lessons: [
    { id: 'a', title: 'A', duration_min: 30, tags: ['t'], path: '/lessons/a.md' },
    { id: 'soon', title: 'Soon', available: false, prerequisites: ['a'] },
    { title: 'no id', path: '/lessons/x.md', duration_min: 1 },
  ] }), 'index.json'));
  assert.equal(answer.ok, false);
  assert.deepEqual(answer.catalog.lessons, [
    { id: 'a', title: 'A', duration_min: 30, tags: ['t'], prerequisites: [], path: '/lessons/a.md', available: true, chapter: null, translations: [] },
    { id: 'soon', title: 'Soon', duration_min: null, tags: [], prerequisites: ['a'], path: '', available: false, chapter: null, translations: [] },
  ]);
  assert.match(answer.diagnostics.map((d) => d.message).join(' '), /missing required field 'id'/);
  // A lenient reading (a bare list) is not a catalog.
  assert.equal(JSON.parse(engine.parseCatalog('[{"id": "b"}]', 'index.json')).catalog, null);
});

test('previous/next skip lessons not written yet; prerequisites join the front matter\'s and the catalog\'s', () => {
  const entry = (id, available = true, prerequisites = []) => ({ id, title: id, chapter: null, prerequisites, duration_min: 1, tags: [], path: `/lessons/${id}.md`, available });
  const catalog = [entry('one'), entry('two', false), entry('three', true, ['one', 'x']), entry('four', false)];
  assert.deepEqual(courseNeighbours(catalog, 'three'), { previous: catalog[0], next: null });
  assert.deepEqual(courseNeighbours(catalog, 'one'), { previous: null, next: catalog[2] });
  assert.deepEqual(courseNeighbours(catalog, 'two'), { previous: catalog[0], next: catalog[2] });
  assert.deepEqual(courseNeighbours(catalog, 'not-listed'), { previous: null, next: null });
  assert.deepEqual(prerequisitesOf({ id: 'three', prereqs: ['x', 'zero'] }, catalog), ['x', 'zero', 'one']);
  assert.deepEqual(prerequisitesOf({ id: 'elsewhere', prereqs: ['one'] }, catalog), ['one']);
});

test('lesson ids cannot smuggle paths', () => {
  assert.ok(isLessonId('ai-builder-ch3-lesson4'));
  for (const bad of ['../etc/passwd', 'a/b', '', null, 'x..y', '%2e%2e', 'a b']) assert.equal(isLessonId(bad), false, String(bad));
});

test('"/widgets/x.json" resolves against the site root, wherever it is hosted', () => {
  const root = new URL('https://host.test/course/');
  const lessonUrl = new URL('https://host.test/course/lessons/l4.md');
  assert.equal(resolveSitePath('/widgets/x.json', root, lessonUrl).href, 'https://host.test/course/widgets/x.json');
  assert.equal(resolveSitePath('../widgets/x.json', root, lessonUrl).href, 'https://host.test/course/widgets/x.json');
  assert.equal(resolveSitePath('//evil.test/x.json', root, lessonUrl).origin, 'https://evil.test');
});

test('dataset paths from the spec, its experiments and variants', () => {
  assert.deepEqual(datasetPaths({
    dataset: { csv: 'data/t.csv' },
    experiments: { a: { dataset: { csv: 'data/other.csv' } }, b: { model: {} } },
    variants: [{ dataset: { csv: 'data/t.csv' } }],
  }), ['data/t.csv', 'data/other.csv']);
  assert.deepEqual(datasetPaths(null), []);
});

test('dataset URLs: relative to the widget JSON, http(s), allowed origins only', () => {
  const base = 'https://lab.test/widgets/w.json';
  assert.equal(resolveDatasetUrl('data/t.csv', base, ['https://lab.test']).href, 'https://lab.test/widgets/data/t.csv');
  assert.throws(() => resolveDatasetUrl('https://x.test/t.csv', base, ['https://lab.test']), /x\.test is not allowed/);
  assert.equal(resolveDatasetUrl('https://x.test/t.csv', base, ['https://lab.test', 'https://x.test']).origin, 'https://x.test');
  assert.throws(() => resolveDatasetUrl('data:text/csv,a', base, ['https://lab.test']), /http\(s\)/);
  assert.deepEqual(parseAllowOrigins(' https://a.test/x, nonsense  http://b.test:8080 '), ['https://a.test', 'http://b.test:8080']);
});

test('a lesson page\'s meta description comes from its front matter: length, goals, cut at a word', () => {
  assert.equal(lessonDescription({ title: 'T', duration_min: 45, goals: ['Name the tools.', 'Use penalties'] }),
    'A 45-minute interactive lesson: Name the tools; Use penalties.');
  assert.equal(lessonDescription({ title: 'Trees', duration_min: null, goals: [] }),
    'An interactive lesson, Trees, whose experiments train real models in your browser.');
  const goals = Array.from({ length: 12 }, (_, i) => `Goal number ${i} with a few words`);
  const long = lessonDescription({ title: 'T', duration_min: 30, goals });
  assert.ok(long.length <= DESCRIPTION_MAX, `${long.length} characters`);
  assert.ok(long.endsWith('…'));
  assert.ok(`A 30-minute interactive lesson: ${goals.join('; ')}.`.startsWith(long.slice(0, -1)), 'a prefix of the whole text, cut between words');
  assert.doesNotMatch(long, /[\s;]…$/);
});
