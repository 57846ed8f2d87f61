// Learner state: versioned key, survives a "reload" (a new store over the same storage), older
// versions are migrated with nothing lost, newer ones are left alone, unreadable values are
// ignored with a notice and kept aside, a full storage gives a notice that the next good save
// clears, progress files export and merge back, and a bad file changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LearnerStore, MIGRATIONS, PROGRESS_FORMAT, STATE_VERSION, STORAGE_KEY, readState,
} from '../../build/js-test/state/learner-store.js';

class MemoryStorage {
  constructor(entries = {}) { this.map = new Map(Object.entries(entries)); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
}

/** A storage whose writes fail with the browser's quota error while `full` is true. */
class FullStorage extends MemoryStorage {
  full = true;
  setItem(k, v) {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    super.setItem(k, v);
  }
}

/** A clock that ticks one minute per call, from a fixed start. */
function clock(start = '2026-03-01T10:00:00.000Z') {
  let t = Date.parse(start);
  return () => { const d = new Date(t); t += 60_000; return d; };
}

const EMPTY = { quiz: {}, flashcards: {}, reflections: {}, widgetRuns: {}, updated: null };

// What version 1 of the store wrote (its format, as saved in learners' browsers).
const V1_VALUE = JSON.stringify({
  version: 1,
  lessons: {
    'ai-builder-ch3-lesson4': {
      quiz: { 0: { choice: 1, checked: true }, 2: { choice: 3, checked: false } },
      flashcards: { 0: 'known', 4: 'unknown' },
      reflections: { 0: 'Quantize for the edge.', 1: 'Keep fp32 for batch.' },
    },
    'ai-builder-ch3-lesson5': { quiz: {}, flashcards: { 1: 'known' }, reflections: {} },
  },
  widgets: { '/widgets/optimization_lab.titanic.json': { panel: 'dropout', seed: 7, 'model.lambda': 0.01 } },
});

test('the key carries the version, and there is one migration per version step', () => {
  assert.equal(STORAGE_KEY, `ml-lab.learner.v${STATE_VERSION}`);
  assert.equal(STATE_VERSION, 4);
  assert.equal(MIGRATIONS.length, STATE_VERSION - 1);
});

test('progress survives a reload, with when each lesson was last changed', () => {
  const storage = new MemoryStorage();
  const store = new LearnerStore(storage, { now: clock() });
  store.updateLesson('l4', (p) => {
    p.quiz[0] = { choice: 1, checked: true };
    p.flashcards[2] = 'known';
    p.reflections[0] = 'latency first';
  });
  store.setWidgetSettings('widgets/a.json', { lambda: 0.1 });
  const again = new LearnerStore(storage);
  assert.equal(again.notice, null);
  assert.deepEqual(again.lesson('l4'), {
    quiz: { 0: { choice: 1, checked: true } }, flashcards: { 2: 'known' }, reflections: { 0: 'latency first' }, widgetRuns: {},
    updated: '2026-03-01T10:00:00.000Z',
  });
  assert.deepEqual(again.widgetSettings('widgets/a.json'), { lambda: 0.1 });
});

test('a version 1 value under the old key is migrated with nothing lost, and the old key is left as it was', () => {
  const storage = new MemoryStorage({ 'ml-lab.learner.v1': V1_VALUE });
  const store = new LearnerStore(storage);
  assert.equal(store.notice, null);
  const v1 = JSON.parse(V1_VALUE);
  for (const [id, lesson] of Object.entries(v1.lessons)) assert.deepEqual(store.lesson(id), { ...lesson, widgetRuns: {}, updated: null });
  assert.deepEqual(store.widgetSettings('/widgets/optimization_lab.titanic.json'), v1.widgets['/widgets/optimization_lab.titanic.json']);
  // Saved under the current key at once; the old value stays for an older page still cached.
  const saved = JSON.parse(storage.getItem(STORAGE_KEY));
  assert.equal(saved.version, 4);
  assert.deepEqual(saved.lessons['ai-builder-ch3-lesson4'], { ...v1.lessons['ai-builder-ch3-lesson4'], widgetRuns: {}, updated: null });
  assert.deepEqual(saved.widgets, v1.widgets);
  assert.equal(storage.getItem('ml-lab.learner.v1'), V1_VALUE);
  // From then on the current key is what is read (a later change is not lost to the old key).
  store.updateLesson('ai-builder-ch3-lesson5', (p) => { p.flashcards[1] = 'unknown'; });
  assert.equal(new LearnerStore(storage).lesson('ai-builder-ch3-lesson5').flashcards[1], 'unknown');
});

test('a value whose version field is older than its key is migrated too', () => {
  const { state, from } = readState(V1_VALUE);
  assert.equal(from, 1);
  assert.equal(state.version, 4);
  assert.deepEqual(state.lessons['ai-builder-ch3-lesson5'], { quiz: {}, flashcards: { 1: 'known' }, reflections: {}, widgetRuns: {}, updated: null });
});

test('a value from a newer version is not overwritten: ignored with a notice and kept aside', () => {
  const newer = JSON.stringify({ version: 5, lessons: { l4: { quiz: {}, notes: 'a v5 thing' } } });
  const storage = new MemoryStorage({ [STORAGE_KEY]: newer });
  const store = new LearnerStore(storage);
  assert.match(store.notice, /could not be read and was ignored \(version 5 is newer than this page reads \(up to 4\)\)/);
  assert.equal(storage.getItem(`${STORAGE_KEY}.unreadable`), newer);
  store.updateLesson('l4', (p) => { p.reflections[0] = 'x'; });
  assert.equal(storage.getItem(`${STORAGE_KEY}.unreadable`), newer);
});

test('a newer version\'s own key is left alone, with a notice; this version\'s progress still loads', () => {
  const v5 = '{"version":5,"anything":true}';
  const storage = new MemoryStorage({ 'ml-lab.learner.v5': v5 });
  new LearnerStore(storage).updateLesson('l4', (p) => { p.flashcards[0] = 'known'; });
  const store = new LearnerStore(storage);
  assert.match(store.notice, /newer version of this lab \(version 5\) is kept as it is/);
  assert.equal(store.lesson('l4').flashcards[0], 'known');
  store.updateLesson('l4', (p) => { p.flashcards[1] = 'known'; });
  assert.equal(storage.getItem('ml-lab.learner.v5'), v5);
});

for (const [name, text] of [['bad JSON', '{"version":2,'], ['not an object', '[1,2]'], ['no version', '{"lessons":{}}']]) {
  test(`an unreadable value (${name}) is ignored with a notice and kept aside`, () => {
    const storage = new MemoryStorage({ [STORAGE_KEY]: text });
    const store = new LearnerStore(storage);
    assert.match(store.notice, /could not be read and was ignored/);
    assert.deepEqual(store.lesson('l4'), EMPTY);
    assert.equal(storage.getItem(`${STORAGE_KEY}.unreadable`), text);
    store.updateLesson('l4', (p) => { p.reflections[0] = 'x'; });
    assert.equal(JSON.parse(storage.getItem(STORAGE_KEY)).version, 4);
  });
}

test('an unreadable old value is ignored with a notice and left under its own key', () => {
  const storage = new MemoryStorage({ 'ml-lab.learner.v1': '{"version":1,' });
  const store = new LearnerStore(storage);
  assert.match(store.notice, /could not be read and was ignored/);
  assert.equal(storage.getItem('ml-lab.learner.v1'), '{"version":1,');
  assert.equal(storage.getItem(STORAGE_KEY), null);
});

test('entries of the wrong shape are dropped one by one, the rest kept', () => {
  const { state, dropped } = readState(JSON.stringify({
    version: 2,
    lessons: { l4: { quiz: { 0: { choice: 1, checked: true }, 1: { choice: 'x' } }, flashcards: { 0: 'maybe', 1: 'known' }, reflections: { 0: 7 }, updated: 'yesterday' } },
    widgets: { a: { x: 1 }, b: 3 },
  }));
  assert.equal(dropped, 5);
  assert.deepEqual(state.lessons.l4, { quiz: { 0: { choice: 1, checked: true } }, flashcards: { 1: 'known' }, reflections: {}, widgetRuns: {}, updated: null });
  assert.deepEqual(Object.keys(state.widgets), ['a']);
});

test('a version 2 value gains empty widget run counts; finished runs are counted per widget file and kept', () => {
  const v2 = JSON.stringify({ version: 2, lessons: { l4: { quiz: {}, flashcards: { 0: 'known' }, reflections: {}, updated: null } }, widgets: {} });
  const storage = new MemoryStorage({ 'ml-lab.learner.v2': v2 });
  const store = new LearnerStore(storage, { now: clock() });
  assert.equal(store.notice, null);
  assert.deepEqual(store.lesson('l4'), { quiz: {}, flashcards: { 0: 'known' }, reflections: {}, widgetRuns: {}, updated: null });
  store.countWidgetRun('l4', '/widgets/a.json');
  store.countWidgetRun('l4', '/widgets/a.json');
  store.countWidgetRun('l4', '/widgets/b.json');
  const again = new LearnerStore(storage);
  assert.deepEqual(again.lesson('l4').widgetRuns, { '/widgets/a.json': 2, '/widgets/b.json': 1 });
  assert.equal(again.lesson('l4').updated, '2026-03-01T10:02:00.000Z');
  assert.equal(storage.getItem('ml-lab.learner.v2'), v2);
  // Counts that are not whole numbers above zero are dropped one by one.
  const { state, dropped } = readState(JSON.stringify({ version: 3, lessons: { l4: { ...EMPTY, widgetRuns: { a: 3, b: 0, c: 'x', d: 1.5 } } }, widgets: {} }));
  assert.equal(dropped, 3);
  assert.deepEqual(state.lessons.l4.widgetRuns, { a: 3 });
});

// What version 3 of the store wrote: progress and widget settings, no pinned runs.
const V3_VALUE = JSON.stringify({
  version: 3,
  lessons: {
    'ai-builder-ch3-lesson4': {
      quiz: { 0: { choice: 1, checked: true } }, flashcards: { 2: 'known' }, reflections: { 0: 'Prune, then quantize.' },
      widgetRuns: { '/widgets/optimization_lab.titanic.json': 4 }, updated: '2026-02-11T09:30:00.000Z',
    },
  },
  widgets: { '/widgets/optimization_lab.titanic.json': { panel: 'dropout', 'dropout/model.dropout': 0.45 } },
});

test('a version 3 value is upgraded to version 4: everything kept, no pins yet; pins are then saved per widget and panel', () => {
  const storage = new MemoryStorage({ 'ml-lab.learner.v3': V3_VALUE });
  const store = new LearnerStore(storage, { now: clock() });
  assert.equal(store.notice, null);
  const v3 = JSON.parse(V3_VALUE);
  assert.deepEqual(store.lesson('ai-builder-ch3-lesson4'), v3.lessons['ai-builder-ch3-lesson4']);
  assert.deepEqual(store.widgetSettings('/widgets/optimization_lab.titanic.json'), v3.widgets['/widgets/optimization_lab.titanic.json']);
  assert.deepEqual(store.widgetPins('/widgets/optimization_lab.titanic.json'), {});
  const saved = JSON.parse(storage.getItem(STORAGE_KEY));
  assert.equal(saved.version, 4);
  assert.deepEqual(saved.lessons, v3.lessons);
  assert.deepEqual(saved.widgets, v3.widgets);
  assert.deepEqual(saved.pins, {});
  assert.equal(storage.getItem('ml-lab.learner.v3'), V3_VALUE, 'the old key is left for a cached older page');

  store.setWidgetPins('/widgets/optimization_lab.titanic.json', { dropout: [{ values: { 'model.dropout': 0.6 } }, { values: {}, seed: 9 }] });
  const again = new LearnerStore(storage);
  assert.deepEqual(again.widgetPins('/widgets/optimization_lab.titanic.json'), { dropout: [{ values: { 'model.dropout': 0.6 } }, { values: {}, seed: 9 }] });
  assert.deepEqual(again.lesson('ai-builder-ch3-lesson4'), v3.lessons['ai-builder-ch3-lesson4']);
  // Removing the last pin of every panel forgets the widget's entry.
  again.setWidgetPins('/widgets/optimization_lab.titanic.json', { dropout: [] });
  assert.deepEqual(JSON.parse(storage.getItem(STORAGE_KEY)).pins, {});
});

test('pins of the wrong shape are dropped one by one, the rest kept', () => {
  const { state, dropped } = readState(JSON.stringify({
    version: 4, lessons: {}, widgets: {},
    pins: { w: { dropout: [{ values: { 'model.dropout': 0.3 } }, { values: { x: [1] } }, { values: {}, seed: 1.5 }, 'x'], schedules: 3 }, v: 2 },
  }));
  assert.equal(dropped, 5);
  assert.deepEqual(state.pins, { w: { dropout: [{ values: { 'model.dropout': 0.3 } }] } });
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

test('a full storage: a notice (announced to listeners), memory keeps working, the next good save clears it', () => {
  const storage = new FullStorage({ [STORAGE_KEY]: JSON.stringify({ version: 2, lessons: { a: { ...EMPTY, reflections: { 0: 'saved before' } } }, widgets: {} }) });
  const store = new LearnerStore(storage);
  assert.equal(store.notice, null, 'reading works while writing does not');
  assert.equal(store.lesson('a').reflections[0], 'saved before');
  const heard = [];
  store.onNotice((notice) => heard.push(notice));

  store.updateLesson('a', (p) => { p.reflections[1] = 'first, unsaved'; });
  assert.match(store.notice, /could not be saved: this browser's storage for the site is full/);
  assert.equal(heard.length, 1);
  // A second change while full: the first unsaved one is not undone by re-reading the storage.
  store.updateLesson('a', (p) => { p.quiz[0] = { choice: 2, checked: true }; });
  assert.deepEqual(store.lesson('a').reflections, { 0: 'saved before', 1: 'first, unsaved' });
  assert.equal(heard.length, 1, 'the same notice is not announced twice');

  storage.full = false;
  store.setWidgetSettings('w.json', { seed: 4 });
  assert.equal(store.notice, null);
  assert.deepEqual(heard, [heard[0], null]);
  const reloaded = new LearnerStore(storage);
  assert.deepEqual(reloaded.lesson('a').reflections, { 0: 'saved before', 1: 'first, unsaved' });
  assert.deepEqual(reloaded.lesson('a').quiz[0], { choice: 2, checked: true });
  assert.deepEqual(reloaded.widgetSettings('w.json'), { seed: 4 });
});

test('a storage that refuses writes for another reason says so too', () => {
  const storage = new MemoryStorage();
  storage.setItem = () => { throw new Error('SecurityError'); };
  const store = new LearnerStore(storage);
  store.updateLesson('a', (p) => { p.reflections[0] = 'long'; });
  assert.match(store.notice, /could not be saved \(the browser refused to store it\)/);
  assert.equal(store.lesson('a').reflections[0], 'long');
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

test('an exported file has a format marker, the version and date, and loads into another browser', () => {
  const store = new LearnerStore(new MemoryStorage(), { now: clock() });
  store.updateLesson('l4', (p) => { p.quiz[1] = { choice: 0, checked: true }; p.reflections[0] = 'ünïcode ✓'; });
  store.setWidgetSettings('/widgets/a.json', { panel: 'dropout' });
  const text = store.exportFile();
  const file = JSON.parse(text);
  assert.equal(file.format, PROGRESS_FORMAT);
  assert.equal(file.version, STATE_VERSION);
  assert.equal(file.exported, '2026-03-01T10:01:00.000Z');
  assert.deepEqual(file.lessons.l4.reflections, { 0: 'ünïcode ✓' });

  const elsewhere = new MemoryStorage();
  const summary = new LearnerStore(elsewhere).importFile(text, 'progress.json');
  assert.deepEqual(summary, { fromFile: 1, keptHere: 0, widgets: 1, dropped: 0 });
  const loaded = new LearnerStore(elsewhere);
  assert.deepEqual(loaded.lesson('l4'), store.lesson('l4'));
  assert.deepEqual(loaded.widgetSettings('/widgets/a.json'), { panel: 'dropout' });
});

test('loading merges: per lesson the more recently changed copy wins; widget settings here stay', () => {
  const laptop = new LearnerStore(new MemoryStorage(), { now: clock('2026-03-01T10:00:00Z') });
  laptop.updateLesson('old-here', (p) => { p.reflections[0] = 'laptop, older'; });
  laptop.updateLesson('new-here', (p) => { p.reflections[0] = 'laptop, newer'; });
  laptop.updateLesson('only-there', (p) => { p.flashcards[0] = 'known'; });
  laptop.setWidgetSettings('w.json', { seed: 1 });
  laptop.setWidgetSettings('v.json', { seed: 2 });
  const file = laptop.exportFile();

  const storage = new MemoryStorage();
  const desktop = new LearnerStore(storage, { now: clock('2026-03-01T09:00:00Z') });
  desktop.updateLesson('old-here', (p) => { p.reflections[0] = 'desktop, even older'; });
  new LearnerStore(storage, { now: clock('2026-03-02T00:00:00Z') }).updateLesson('new-here', (p) => { p.reflections[0] = 'desktop, newest'; });
  desktop.setWidgetSettings('w.json', { seed: 9 });
  const summary = desktop.importFile(file, 'laptop.json');
  assert.deepEqual(summary, { fromFile: 2, keptHere: 1, widgets: 1, dropped: 0 });
  const after = new LearnerStore(storage);
  assert.equal(after.lesson('old-here').reflections[0], 'laptop, older');
  assert.equal(after.lesson('new-here').reflections[0], 'desktop, newest');
  assert.equal(after.lesson('only-there').flashcards[0], 'known');
  assert.deepEqual(after.widgetSettings('w.json'), { seed: 9 });
  assert.deepEqual(after.widgetSettings('v.json'), { seed: 2 });
});

test('a version 1 progress file is migrated as it loads', () => {
  const store = new LearnerStore(new MemoryStorage());
  const file = JSON.stringify({ ...JSON.parse(V1_VALUE), format: PROGRESS_FORMAT });
  assert.deepEqual(store.importFile(file, 'old.json'), { fromFile: 2, keptHere: 0, widgets: 1, dropped: 0 });
  assert.deepEqual(store.lesson('ai-builder-ch3-lesson5').flashcards, { 1: 'known' });
});

test('a bad progress file is refused with a message naming it and what is wrong; nothing changes', () => {
  const storage = new MemoryStorage();
  const store = new LearnerStore(storage);
  store.updateLesson('l4', (p) => { p.quiz[0] = { choice: 1, checked: true }; });
  const before = storage.getItem(STORAGE_KEY);
  const cases = [
    ['', /^progress\.json: the file is empty$/],
    ['{"format": "ml-lab-progress", "version": 2,', /^progress\.json: not valid JSON \(.+\)$/],
    ['[1, 2]', /^progress\.json: not a progress file \(expected a JSON object\)$/],
    ['{"version": 2, "lessons": {}}', /^progress\.json: not a progress file \(no "format" field\)$/],
    ['{"format": "csv", "version": 2}', /^progress\.json: not a progress file \("format" is "csv", expected "ml-lab-progress"\)$/],
    ['{"format": "ml-lab-progress", "version": 7, "lessons": {}}', /^progress\.json: version 7 is newer than this page reads \(up to 4\); reload the page/],
    ['{"format": "ml-lab-progress", "version": "two"}', /^progress\.json: "version" is "two", expected a whole number from 1 to 4$/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => store.importFile(text, 'progress.json'), { message }, JSON.stringify(text));
    assert.equal(storage.getItem(STORAGE_KEY), before);
    assert.deepEqual(store.lesson('l4').quiz, { 0: { choice: 1, checked: true } });
  }
});

test('the store\'s notices and a progress file\'s problems are worded in the page\'s language when read', async () => {
  const { readFileSync } = await import('node:fs');
  const { addCatalog, useLocale } = await import('../../build/js-test/i18n/i18n.js');
  const { readProgressFile } = await import('../../build/js-test/state/learner-store.js');
  const store = new LearnerStore(null);  // created before the page's catalog is in place
  const full = new FullStorage();
  const unsaved = new LearnerStore(full);
  unsaved.updateLesson('a', (p) => { p.reflections[0] = 'x'; });
  addCatalog('de', JSON.parse(readFileSync(new URL('../../web/i18n/de/shell.json', import.meta.url), 'utf8')));
  await useLocale('de');
  try {
    assert.equal(store.notice, 'Dein Browser erlaubt hier kein Speichern des Fortschritts; er bleibt nur, bis du die Seite verlässt.');
    assert.match(unsaved.notice, /^Dein Fortschritt konnte nicht gespeichert werden: Der Speicher dieses Browsers für die Website ist voll\./);
    assert.throws(() => readProgressFile('{"format": "other"}', 'mein.json'), { message: 'mein.json: keine Fortschrittsdatei („format“ ist "other", erwartet wird „ml-lab-progress“)' });
    assert.throws(() => readProgressFile(JSON.stringify({ format: PROGRESS_FORMAT, version: 99 }), 'mein.json'),
      { message: `mein.json: Version 99 ist neuer, als diese Seite lesen kann (bis ${STATE_VERSION}); lade die Seite neu, um das neueste Lab zu bekommen` });
  } finally {
    await useLocale('en');
  }
  assert.match(store.notice, /^Your browser does not allow saving progress here/);
});
