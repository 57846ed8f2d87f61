// Learner state: versioned key, survives a "reload" (a new store over the same storage),
// unreadable values are ignored with a notice and kept aside, reset works.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LearnerStore, STORAGE_KEY, readState } from '../../build/js-test/state/learner-store.js';

class MemoryStorage {
  constructor(entries = {}) { this.map = new Map(Object.entries(entries)); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

test('the key carries the version', () => {
  assert.equal(STORAGE_KEY, 'ml-lab.learner.v1');
});

test('progress survives a reload', () => {
  const storage = new MemoryStorage();
  const store = new LearnerStore(storage);
  store.updateLesson('l4', (p) => {
    p.quiz[0] = { choice: 1, checked: true };
    p.flashcards[2] = 'known';
    p.reflections[0] = 'latency first';
  });
  store.setWidgetSettings('widgets/a.json', { lambda: 0.1 });
  const again = new LearnerStore(storage);
  assert.equal(again.notice, null);
  assert.deepEqual(again.lesson('l4'), { quiz: { 0: { choice: 1, checked: true } }, flashcards: { 2: 'known' }, reflections: { 0: 'latency first' } });
  assert.deepEqual(again.widgetSettings('widgets/a.json'), { lambda: 0.1 });
});

for (const [name, text] of [['bad JSON', '{"version":1,'], ['a newer version', '{"version":2,"lessons":{}}'], ['not an object', '[1,2]']]) {
  test(`an unreadable value (${name}) is ignored with a notice and kept aside`, () => {
    const storage = new MemoryStorage({ [STORAGE_KEY]: text });
    const store = new LearnerStore(storage);
    assert.match(store.notice, /could not be read and was ignored/);
    assert.deepEqual(store.lesson('l4'), { quiz: {}, flashcards: {}, reflections: {} });
    assert.equal(storage.getItem(`${STORAGE_KEY}.unreadable`), text);
    store.updateLesson('l4', (p) => { p.reflections[0] = 'x'; });
    assert.equal(JSON.parse(storage.getItem(STORAGE_KEY)).version, 1);
  });
}

test('entries of the wrong shape are dropped one by one, the rest kept', () => {
  const { state, dropped } = readState(JSON.stringify({
    version: 1,
    lessons: { l4: { quiz: { 0: { choice: 1, checked: true }, 1: { choice: 'x' } }, flashcards: { 0: 'maybe', 1: 'known' }, reflections: { 0: 7 } } },
    widgets: { a: { x: 1 }, b: 3 },
  }));
  assert.equal(dropped, 4);
  assert.deepEqual(state.lessons.l4, { quiz: { 0: { choice: 1, checked: true } }, flashcards: { 1: 'known' }, reflections: {} });
  assert.deepEqual(Object.keys(state.widgets), ['a']);
});

test('reset clears one lesson or everything', () => {
  const storage = new MemoryStorage();
  const store = new LearnerStore(storage);
  store.updateLesson('a', (p) => { p.flashcards[0] = 'unknown'; });
  store.updateLesson('b', (p) => { p.flashcards[0] = 'known'; });
  store.resetLesson('a');
  assert.deepEqual(new LearnerStore(storage).lesson('a').flashcards, {});
  assert.deepEqual(new LearnerStore(storage).lesson('b').flashcards, { 0: 'known' });
  store.resetAll();
  assert.deepEqual(new LearnerStore(storage).lesson('b').flashcards, {});
});

test('without storage the store works in memory and says so', () => {
  const store = new LearnerStore(null);
  store.updateLesson('a', (p) => { p.quiz[0] = { choice: 0, checked: false }; });
  assert.equal(store.lesson('a').quiz[0].choice, 0);
  assert.match(store.notice, /does not allow saving/);
});

test('a storage that refuses writes gives a notice instead of an exception', () => {
  const storage = new MemoryStorage();
  storage.setItem = () => { throw new Error('QuotaExceededError'); };
  const store = new LearnerStore(storage);
  store.updateLesson('a', (p) => { p.reflections[0] = 'long'; });
  assert.match(store.notice, /could not be saved/);
});

test('two stores on one storage (page and embedded widget, or two tabs) do not undo each other', () => {
  const storage = new MemoryStorage();
  const page = new LearnerStore(storage);
  const widget = new LearnerStore(storage);
  page.updateLesson('l4', (p) => { p.reflections[0] = 'mine'; });
  widget.setWidgetSettings('w.json', { seed: 3 });
  page.updateLesson('l4', (p) => { p.flashcards[0] = 'known'; });
  const after = new LearnerStore(storage);
  assert.deepEqual(after.widgetSettings('w.json'), { seed: 3 });
  assert.deepEqual(after.lesson('l4').reflections, { 0: 'mine' });
  page.resetLesson('l4', ['w.json']);
  assert.deepEqual(new LearnerStore(storage).widgetSettings('w.json'), {});
});
