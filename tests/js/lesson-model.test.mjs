// The lesson model made from parseLesson's JSON, the catalog, ids, paths and dataset rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flashcard, isLessonId, normalizeCatalog, normalizeLesson, quizQuestion, resolveSitePath, seconds } from '../../build/js-test/lesson/lesson-model.js';
import { datasetPaths, parseAllowOrigins, resolveDatasetUrl } from '../../build/js-test/runtime/dataset-files.js';

test('a lesson in the seed format normalizes to every part', () => {
  const lesson = normalizeLesson({
    id: 'ai-builder-ch3-lesson4', title: 'Model Optimization Techniques', duration_min: 45,
    prereqs: ['ai-builder-ch3-lesson1'], tags: ['intermediate'],
    video: { platform: 'youtube', id: '7x8R2aJx0a0', start: 0, end: 720 },
    widgets: [{ type: 'optimization_lab', data: '/widgets/optimization_lab.titanic.json' }],
    goals: ['Understand'],
    quiz: [{ q: 'Why?', options: ['a', 'b'], answer: 1, explain: 'because' }],
    flashcards: [{ Regularization: 'Constrain complexity' }],
    reflection: ['How?'], next: 'ai-builder-ch3-lesson5',
    body: '## Intro', sections: [{ level: 2, title: 'Intro', anchor: 'intro' }],
  });
  assert.equal(lesson.durationMin, 45);
  assert.deepEqual(lesson.video, { platform: 'youtube', id: '7x8R2aJx0a0', start: 0, end: 720 });
  assert.deepEqual(lesson.quiz, [{ question: 'Why?', options: ['a', 'b'], answer: 1, explain: 'because' }]);
  assert.deepEqual(lesson.flashcards, [{ front: 'Regularization', back: 'Constrain complexity' }]);
  assert.deepEqual(lesson.sections, [{ level: 2, title: 'Intro', anchor: 'intro' }]);
  assert.equal(lesson.next, 'ai-builder-ch3-lesson5');
});

test('missing or malformed parts become empty, not errors', () => {
  const lesson = normalizeLesson({ quiz: [{ q: 'no options' }, 3], flashcards: ['no colon', null], tags: 'x' });
  assert.equal(lesson.title, 'Untitled lesson');
  assert.deepEqual([lesson.quiz, lesson.flashcards, lesson.tags, lesson.widgets], [[], [], [], []]);
  assert.equal(lesson.video, undefined);
  assert.deepEqual(normalizeLesson(null).goals, []);
});

test('flashcards and quiz answers in the other spellings', () => {
  assert.deepEqual(flashcard({ front: 'A', back: 'B' }), { front: 'A', back: 'B' });
  assert.deepEqual(flashcard({ term: 'A', definition: 'B' }), { front: 'A', back: 'B' });
  assert.deepEqual(flashcard('Dropout: disable neurons: randomly'), { front: 'Dropout', back: 'disable neurons: randomly' });
  assert.equal(quizQuestion({ q: 'x', options: ['a', 'b'], answer: 'b' }).answer, 1);
  assert.equal(quizQuestion({ q: 'x', options: ['a', 'b'], answer: 2 }), null);
});

test('video times in seconds or m:ss', () => {
  assert.equal(seconds(720), 720);
  assert.equal(seconds('12:00'), 720);
  assert.equal(seconds('1:02:03'), 3723);
  assert.equal(seconds(-1), undefined);
  assert.equal(seconds('x'), undefined);
});

test('catalog entries', () => {
  const entries = normalizeCatalog({ lessons: [{ id: 'a', title: 'A', duration_min: 30, tags: ['t'], path: 'lessons/a.md', available: false }, { title: 'no id' }] });
  assert.deepEqual(entries, [{ id: 'a', title: 'A', durationMin: 30, tags: ['t'], path: 'lessons/a.md', available: false }]);
  assert.equal(normalizeCatalog([{ id: 'b' }])[0].available, true);
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

test('merge patch (RFC 7396) as used by widget settings', async () => {
  const { mergePatch } = await import('../../build/js-test/runtime/merge-patch.js');
  const spec = { split: { test: 0.2, seed: 42 }, model: { type: 'mlp', hidden: [32, 32] }, widget: { x: 1 } };
  assert.deepEqual(mergePatch(spec, { split: { seed: 7 }, model: { hidden: [8] }, widget: null }),
    { split: { test: 0.2, seed: 7 }, model: { type: 'mlp', hidden: [8] } });
  assert.deepEqual(spec.split.seed, 42, 'the original is not changed');
  assert.equal(mergePatch({ a: 1 }, 'x'), 'x');
});
