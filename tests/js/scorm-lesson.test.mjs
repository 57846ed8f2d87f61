// The lesson page's side of SCORM 1.2 (web/src/lms/): suspend_data is read back as written,
// stays within 4,096 characters by leaving out parts in the stated order, refuses what it
// cannot read; the status rules (incomplete → completed / passed / failed, mastery, never back
// to incomplete); and a session against a fake LMS: restore, reports, commits, errors logged once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DROP_ORDER, SUSPEND_LIMIT, SuspendDataError, decodeSuspendData, encodeSuspendData } from '../../build/js-test/lms/suspend-data.js';
import { DEFAULT_MASTERY, lessonReport, masteryScore } from '../../build/js-test/lms/lesson-status.js';
import { Scorm12Session, startScormSession, timespan } from '../../build/js-test/lms/scorm12.js';
import { findScormApi } from '../../build/js-test/lms/find-api.js';
import { LearnerStore } from '../../build/js-test/state/learner-store.js';

const lessonProgress = (over = {}) => ({
  quiz: {}, widgetRuns: [0, 0], flashcards: {}, reflections: {}, settings: [{}, {}], pins: [{}, {}], ...over,
});

test('suspend data is read back as written, compactly', () => {
  const lesson = lessonProgress({
    quiz: { 0: { choice: 1, checked: true }, 1: { choice: 0, checked: false }, 3: { choice: 2, checked: true } },
    widgetRuns: [3, 1],
    flashcards: { 0: 'known', 2: 'unknown' },
    reflections: { 1: 'Dropout "helps" — sometimes.' },
    settings: [{ 'model.dropout': 0.3, panel: 'dropout' }, {}],
    pins: [{ dropout: [{ values: { 'model.dropout': 0.5 }, seed: 7 }] }, {}],
  });
  const { text, dropped } = encodeSuspendData(lesson, 4, 3);
  assert.deepEqual(dropped, []);
  assert.equal(text, '[1,"1,0?,,2",[3,1],"k_u",{"1":"Dropout \\"helps\\" — sometimes."},[{"model.dropout":0.3,"panel":"dropout"},{}],[{"dropout":[{"values":{"model.dropout":0.5},"seed":7}]},{}]]');
  assert.deepEqual(decodeSuspendData(text), lesson);
  // Nothing yet: the shortest form, and empty parts come back empty.
  const empty = encodeSuspendData(lessonProgress(), 4, 3).text;
  assert.equal(empty, '[1,",,,",[0,0],0,0,0,0]');
  assert.deepEqual(decodeSuspendData(empty), { ...lessonProgress(), settings: [], pins: [] });
  assert.equal(decodeSuspendData(''), null);
});

test('suspend data over 4,096 characters leaves out pins, then settings, then flashcards, then reflections', () => {
  assert.deepEqual(DROP_ORDER, ['pins', 'settings', 'flashcards', 'reflections']);
  const big = (n) => 'x'.repeat(n);
  const lesson = lessonProgress({
    quiz: { 0: { choice: 1, checked: true } },
    widgetRuns: [2, 5],
    flashcards: { 0: 'known' },
    reflections: { 0: big(1500) },
    settings: [{ a: big(1200) }, {}],
    pins: [{ p: [{ values: { a: big(1500) } }] }, {}],
  });
  let out = encodeSuspendData(lesson, 1, 1);
  assert.ok(out.text.length <= SUSPEND_LIMIT, `${out.text.length} characters`);
  assert.deepEqual(out.dropped, ['pins']);
  assert.deepEqual(decodeSuspendData(out.text).settings, lesson.settings);
  // A smaller limit drops more, in order; the quiz and the run counts always stay.
  // Just too long without pins and settings: the flashcards' "k" (3 characters for 1) goes.
  const withoutSettings = encodeSuspendData({ ...lesson, pins: [], settings: [] }, 1, 1).text.length;
  out = encodeSuspendData(lesson, 1, 1, withoutSettings - 1);
  assert.deepEqual(out.dropped, ['pins', 'settings', 'flashcards']);
  assert.equal(out.text.length, withoutSettings - 2);
  assert.deepEqual(decodeSuspendData(out.text).reflections, lesson.reflections);
  out = encodeSuspendData(lesson, 1, 1, 100);
  assert.deepEqual(out.dropped, ['pins', 'settings', 'flashcards', 'reflections']);
  const back = decodeSuspendData(out.text);
  assert.deepEqual([back.quiz, back.widgetRuns, back.reflections, back.pins], [lesson.quiz, [2, 5], {}, []]);
  // Not even the quiz fits: nothing to set (the caller keeps the last one).
  assert.equal(encodeSuspendData(lesson, 1, 1, 10).text, null);
});

test('suspend data this page did not write, or cannot read, is refused saying why', () => {
  const cases = [
    ['viewed=1,2,3|last=3', /not this lab's format/],
    ['{"v":1}', /not this lab's format/],
    ['[2,"",[],0,0,0,0]', /version 2 is not 1/],
    ['[1,"",[]]', /3 parts, expected 7/],
    ['[1,"1,x",[],0,0,0,0]', /quiz answer 2 is "x"/],
    ['[1,"",[-1],0,0,0,0]', /run count 1 is -1/],
    ['[1,"",[],"kz",0,0,0]', /flashcards are "kz"/],
    ['[1,"",[],0,{"0":5},0,0]', /reflections are/],
    ['[1,"",[],0,0,[3],0]', /widget settings 1 is 3/],
  ];
  for (const [text, why] of cases) assert.throws(() => decodeSuspendData(text), (e) => e instanceof SuspendDataError && why.test(e.message), text);
});

const facts = { answers: [1, 0, 2, 1, 0], widgets: ['/widgets/a.json', '/widgets/b.json'] };
const progress = (quiz, runs) => ({ quiz, widgetRuns: runs, flashcards: {}, reflections: {}, updated: null });
const allChecked = (choices) => Object.fromEntries(choices.map((choice, i) => [i, { choice, checked: true }]));

test('status: incomplete until the whole quiz is checked and every widget has run; then passed or failed by the mastery score', () => {
  const bothRun = { '/widgets/a.json': 1, '/widgets/b.json': 4 };
  assert.deepEqual(lessonReport(facts, progress({}, {}), 80, 'not attempted'), { status: 'incomplete', score: null });
  // The quiz done (4 of 5 right = 80) but one widget not run: the score, still incomplete.
  assert.deepEqual(lessonReport(facts, progress(allChecked([1, 0, 2, 1, 1]), { '/widgets/a.json': 2 }), 80, 'incomplete'), { status: 'incomplete', score: 80 });
  // An unchecked answer is not an answer.
  const unchecked = { ...allChecked([1, 0, 2, 1, 1]), 4: { choice: 1, checked: false } };
  assert.deepEqual(lessonReport(facts, progress(unchecked, bothRun), 80, 'incomplete'), { status: 'incomplete', score: null });
  assert.deepEqual(lessonReport(facts, progress(allChecked([1, 0, 2, 1, 1]), bothRun), 80, 'incomplete'), { status: 'passed', score: 80 });
  assert.deepEqual(lessonReport(facts, progress(allChecked([1, 0, 2, 1, 1]), bothRun), 85, 'incomplete'), { status: 'failed', score: 80 });
  assert.deepEqual(lessonReport(facts, progress(allChecked([0, 1, 0, 0, 1]), bothRun), 80, 'incomplete'), { status: 'failed', score: 0 });
  // Without a quiz: completed, no score.
  assert.deepEqual(lessonReport({ answers: [], widgets: facts.widgets }, progress({}, bothRun), 80, 'incomplete'), { status: 'completed', score: null });
  // A finished lesson is not reported incomplete again.
  assert.deepEqual(lessonReport(facts, progress({}, {}), 80, 'passed'), { status: 'passed', score: null });
});

test('mastery: the LMS\'s score when it is a number 0-100, else 80', () => {
  assert.equal(DEFAULT_MASTERY, 80);
  assert.equal(masteryScore('70'), 70);
  assert.equal(masteryScore('0'), 0);
  for (const v of ['', ' ', 'abc', '101', '-5']) assert.equal(masteryScore(v), 80, v);
  assert.equal(timespan(3_725_400), '01:02:05');
});

/** A SCORM 1.2 API as an LMS gives it, over a plain object; `failing` elements answer error 405. */
class FakeLms {
  constructor(cmi = {}, { failing = [], initialize = 'true' } = {}) {
    this.cmi = { 'cmi.core.lesson_status': 'not attempted', 'cmi.suspend_data': '', 'cmi.student_data.mastery_score': '', ...cmi };
    this.failing = new Set(failing);
    this.initializeAnswer = initialize;
    this.calls = [];
    this.error = '0';
  }
  LMSInitialize() { this.calls.push('init'); return this.initializeAnswer; }
  LMSFinish() { this.calls.push('finish'); return 'true'; }
  LMSCommit() { this.calls.push('commit'); return 'true'; }
  LMSGetValue(k) { this.error = this.failing.has(k) ? '401' : '0'; return this.failing.has(k) ? '' : (this.cmi[k] ?? ''); }
  LMSSetValue(k, v) {
    this.calls.push(`set ${k}`);
    if (this.failing.has(k)) { this.error = '405'; return 'false'; }
    this.error = '0';
    this.cmi[k] = v;
    return 'true';
  }
  LMSGetLastError() { return this.error; }
  LMSGetErrorString(code) { return code === '405' ? 'Incorrect Data Type' : 'Not implemented'; }
  commits() { return this.calls.filter((c) => c === 'commit').length; }
}

class MemoryStorage {
  map = new Map();
  getItem(k) { return this.map.get(k) ?? null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
}

const ID = 'lesson-x';
const keys = ['/widgets/a.json', '/widgets/b.json'];
const fakeWindow = () => {
  const listeners = {};
  return {
    listeners,
    addEventListener: (type, fn) => { listeners[type] = fn; },
    document: { visibilityState: 'visible', addEventListener: (type, fn) => { listeners[`doc:${type}`] = fn; } },
  };
};
const session = (lms, store = new LearnerStore(new MemoryStorage()), win = fakeWindow()) => ({
  store, win,
  session: startScormSession(lms, { store, lessonId: ID, answers: facts.answers, widgets: facts.widgets, widgetKeys: keys, flashcards: 2 }, win),
});

test('a session: incomplete and suspend at start, the score and passed once done, suspend_data restored at the next launch', () => {
  const lms = new FakeLms();
  const { store, win, session: s } = session(lms);
  assert.ok(s instanceof Scorm12Session);
  assert.equal(lms.cmi['cmi.core.lesson_status'], 'incomplete');
  assert.equal(lms.cmi['cmi.core.exit'], 'suspend');
  assert.equal(lms.calls[0], 'init');
  const commitsAtStart = lms.commits();
  assert.ok(commitsAtStart >= 1);
  // The learner answers; a widget setting changes; both widgets run.
  [1, 0, 2, 1, 1].forEach((choice, i) => store.updateLesson(ID, (p) => { p.quiz[i] = { choice, checked: true }; }));
  store.setWidgetSettings(keys[0], { 'model.dropout': 0.3 });
  assert.equal(lms.cmi['cmi.core.score.raw'], '80');
  assert.equal(lms.cmi['cmi.core.lesson_status'], 'incomplete');
  store.countWidgetRun(ID, facts.widgets[0]);
  store.countWidgetRun(ID, facts.widgets[1]);
  assert.equal(lms.cmi['cmi.core.lesson_status'], 'passed');
  assert.deepEqual([lms.cmi['cmi.core.score.min'], lms.cmi['cmi.core.score.max']], ['0', '100']);
  assert.equal(lms.cmi['cmi.core.exit'], '');
  assert.ok(lms.commits() > commitsAtStart);
  const suspend = lms.cmi['cmi.suspend_data'];
  assert.equal(suspend, '[1,"1,0,2,1,1",[1,1],0,0,[{"model.dropout":0.3},{}],0]');
  // The page goes: session time, a commit, LMSFinish, once.
  win.listeners.pagehide();
  win.listeners.pagehide();
  assert.match(lms.cmi['cmi.core.session_time'], /^\d{2}:\d{2}:\d{2}$/);
  assert.deepEqual(lms.calls.slice(-2), ['commit', 'finish']);
  assert.equal(lms.calls.filter((c) => c === 'finish').length, 1);

  // The next launch, in a browser whose storage holds someone else's answers: the LMS's win.
  const other = new LearnerStore(new MemoryStorage());
  other.updateLesson(ID, (p) => { p.quiz[0] = { choice: 3, checked: true }; p.reflections[0] = 'not mine'; });
  const again = new FakeLms({ 'cmi.core.lesson_status': 'passed', 'cmi.suspend_data': suspend, 'cmi.core.entry': 'resume' });
  session(again, other);
  assert.deepEqual(other.lesson(ID).quiz[0], { choice: 1, checked: true });
  assert.deepEqual(other.lesson(ID).reflections, {});
  assert.deepEqual(other.lesson(ID).widgetRuns, { '/widgets/a.json': 1, '/widgets/b.json': 1 });
  assert.deepEqual(other.widgetSettings(keys[0]), { 'model.dropout': 0.3 });
  assert.equal(again.cmi['cmi.core.lesson_status'], 'passed', 'a passed lesson is not set back to incomplete');
});

test('LMS errors are logged once per code and the page goes on; a failed LMSInitialize means no session', (t) => {
  const warnings = [];
  t.mock.method(console, 'warn', (...args) => warnings.push(args.join(' ')));
  const lms = new FakeLms({}, { failing: ['cmi.core.exit', 'cmi.suspend_data'] });
  const { store } = session(lms);
  store.updateLesson(ID, (p) => { p.quiz[0] = { choice: 1, checked: true }; });
  store.updateLesson(ID, (p) => { p.quiz[1] = { choice: 0, checked: true }; });
  assert.equal(lms.cmi['cmi.core.lesson_status'], 'incomplete');
  const lmsWarnings = warnings.filter((w) => w.startsWith('SCORM:'));
  assert.deepEqual(lmsWarnings.map((w) => /LMS error (\d+)/.exec(w)?.[1]), ['401', '405'], lmsWarnings.join('\n'));
  // An API whose calls throw: logged once, no exception reaches the page.
  const throwing = new FakeLms();
  throwing.LMSCommit = () => { throw new Error('network down'); };
  const before = warnings.length;
  const { store: s2 } = session(throwing);
  s2.updateLesson(ID, (p) => { p.quiz[0] = { choice: 1, checked: true }; });
  assert.equal(warnings.slice(before).filter((w) => w.includes('network down')).length, 1);
  // LMSInitialize refused: null, and the store is left as it was.
  const store3 = new LearnerStore(new MemoryStorage());
  store3.updateLesson(ID, (p) => { p.quiz[0] = { choice: 2, checked: true }; });
  const refused = session(new FakeLms({}, { initialize: 'false' }), store3);
  assert.equal(refused.session, null);
  assert.deepEqual(store3.lesson(ID).quiz[0], { choice: 2, checked: true });
});

test('unreadable suspend_data starts the lesson afresh with a warning', (t) => {
  const warnings = [];
  t.mock.method(console, 'warn', (...args) => warnings.push(args.join(' ')));
  const lms = new FakeLms({ 'cmi.suspend_data': 'viewed=1,2' });
  const { store } = session(lms);
  assert.deepEqual(store.lesson(ID).quiz, {});
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /could not be read: not this lab's format/);
  assert.equal(lms.cmi['cmi.suspend_data'], '[1,",,,,",[0,0],0,0,0,0]');
});

test('the API is found in this window, a parent up to 7 levels up, or the opener; another origin is passed by', () => {
  const api = new FakeLms();
  const chain = (levels, top) => {
    let win = top;
    for (let i = 0; i < levels; i++) {
      const child = { parent: win };
      win = child;
    }
    return win;
  };
  const top = { API: api };
  top.parent = top;
  assert.equal(findScormApi(chain(0, top)), api);
  assert.equal(findScormApi(chain(7, top)), api);
  assert.equal(findScormApi(chain(8, top)), null);
  const lonely = { parent: null };
  assert.equal(findScormApi(lonely), null);
  assert.equal(findScormApi({ parent: null, opener: chain(2, top) }), api);
  const crossOrigin = { get API() { throw new DOMException('Blocked', 'SecurityError'); } };
  crossOrigin.parent = top;
  assert.equal(findScormApi({ parent: crossOrigin }), api);
  assert.equal(findScormApi({ API: { LMSInitialize: 'not a function' }, parent: null }), null);
});
