// The build's recorded engine answers (web/src/runtime/answer-book.ts) behind the real
// EngineClient and EngineHost: which requests they answer (exactly the recorded ones the page
// makes by itself, never a learner's), that nothing starts a worker while they serve the page,
// and when the engine does start (a learner's request, the warm-up, the page's first result shown).
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { createHash } from 'node:crypto';
import { AnswerRecorder, callKey, readAnswersFile, runKey } from '../../build/js-test/runtime/answer-book.js';
import { EngineClient } from '../../build/js-test/runtime/engine-client.js';
import { FAKE_METRICS, FakeWorker, fakeEngine } from './helpers/fake-worker.mjs';

const SITE = 'https://lab.test/course/';
const ROOT = new URL(SITE);
const WIDGET = `${SITE}widgets/optimization_lab.json`;
const CSV = 'survived,age\nyes,30\nno,40\n';
const spec = (extra = {}) => ({ dataset: { csv: 'data/tiny.csv', target: 'survived' }, ...extra });
const runOptions = (extra = {}) => ({ baseUrl: WIDGET, allowOrigins: ['https://lab.test'], ...extra });

function client(log = []) {
  return new EngineClient({
    createWorker: () => new FakeWorker({ files: { [`${SITE}widgets/data/tiny.csv`]: CSV }, engine: fakeEngine(log) }),
    engineUrl: `${SITE}engine.mjs`,
    wasmUrl: `${SITE}engine.wasm`,
  });
}

/** What a build records: the page's start-up calls and its autorun, computed by the engine. */
async function recordedBook() {
  const recording = client();
  const recorder = new AnswerRecorder(ROOT);
  recording.recordAnswers(recorder);
  await recording.call('options');
  await recording.call('validateWidget', ['{"x": 1}', 'lab.json'], undefined, 'background');
  await recording.call('previewCsv', [CSV, 'mine.csv']).catch(() => undefined);  // a learner's file: never kept
  await recording.run(spec({ fake: { epochs: 2 } }), runOptions({ byPage: true }));
  await recording.run(spec({ fake: { epochs: 5 } }), runOptions());  // a learner's run: never kept
  // The file goes through JSON, as the build writes it and the page fetches it.
  return readAnswersFile(JSON.parse(JSON.stringify(await recorder.file())), ROOT);
}

beforeEach(() => { FakeWorker.instances.length = 0; });

test('keys: only calls that depend on their arguments alone, and runs of the site\'s own data wherever it is hosted', () => {
  assert.equal(callKey('options', []), JSON.stringify(['call', 'options', []]));
  assert.notEqual(callKey('optionPaths', ['a', 'b']), callKey('optionPaths', ['a', 'c']));
  for (const fn of ['previewCsv', 'warmUp', 'parseLesson']) assert.equal(callKey(fn, ['x']), null, fn);
  const run = { specText: '{"a":1}', baseUrl: WIDGET, values: { 'model.lambda': 0.1 } };
  const key = runKey(run, ROOT);
  assert.match(key, /"widgets\/optimization_lab\.json"/);
  assert.equal(runKey({ ...run, baseUrl: 'https://other.test/x/widgets/optimization_lab.json' }, new URL('https://other.test/x/')), key,
    'the same site served from another place has the same keys');
  assert.notEqual(runKey({ ...run, values: { 'model.lambda': 0.2 } }, ROOT), key);
  assert.notEqual(runKey({ ...run, specText: '{"a":2}' }, ROOT), key);
  assert.equal(runKey({ ...run, files: { 'mine.csv': 'a\n1\n' } }, ROOT), null, 'a learner\'s file');
  assert.equal(runKey({ ...run, baseUrl: 'https://elsewhere.test/w.json' }, ROOT), null, 'a widget file from another site');
});

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

test('an answers file of another format, or an answer that is not ok, is not used; answers are filed under their key\'s SHA-256', async () => {
  assert.equal(readAnswersFile({ format: 1, answers: {} }, ROOT), null, 'format 1 had the keys themselves');
  assert.equal(readAnswersFile('not json', ROOT), null);
  assert.equal(readAnswersFile(null, ROOT), null);
  const book = readAnswersFile({ format: 2, answers: { [sha256('a')]: { ok: true, x: 1 }, [sha256('b')]: { ok: false, error: { kind: 'input', message: 'no' } }, c: { ok: true } } }, ROOT);
  assert.equal(book.size, 2);
  assert.deepEqual(await book.get('a'), { ok: true, x: 1 });
  assert.equal(await book.get('b'), undefined, 'not ok');
  assert.equal(await book.get('c'), undefined, 'a key that is not hashed is never found');
  assert.equal(await book.get(null), undefined);
  const copy = await book.get('a');
  copy.x = 2;
  assert.equal((await book.get('a')).x, 1, 'callers get a copy');
});

test('the recorder files each answer under its key\'s hash, in hash order, with no key text in the file', async () => {
  const recorder = new AnswerRecorder(ROOT);
  const long = callKey('validateWidget', ['{"dataset": {"csv": "data/titanic.csv"}}', 'lab.json']);
  recorder.add(long, { ok: true, report: [] });
  recorder.add(callKey('options', []), { ok: true, options: [] });
  const file = await recorder.file();
  assert.equal(file.format, 2);
  assert.deepEqual(Object.keys(file.answers), [sha256(long), sha256(callKey('options', []))].sort());
  assert.doesNotMatch(JSON.stringify(file), /titanic/);
});

test('the recorder keeps the page\'s calls and its own runs, not a learner\'s run or file', async () => {
  const book = await recordedBook();
  assert.equal(book.size, 3);  // options, validateWidget, the autorun
  assert.ok((await book.get(callKey('options', []))).ok);
  assert.ok(await book.get(callKey('validateWidget', ['{"x": 1}', 'lab.json'])));
  assert.equal(await book.get(runKey({ specText: JSON.stringify(spec({ fake: { epochs: 5 } })), baseUrl: WIDGET }, ROOT)), undefined);
});

test('the recorded calls and the page\'s own first run are answered without starting the engine, with the engine\'s numbers', async () => {
  const book = await recordedBook();
  const computed = await client().run(spec({ fake: { epochs: 2 } }), runOptions());
  FakeWorker.instances.length = 0;
  const c = client();
  c.useAnswers(book);
  let answered = 0;
  const options = await c.call('options');
  const check = await c.call('validateWidget', ['{"x": 1}', 'lab.json'], undefined, 'background');
  c.prefetch(spec(), runOptions());  // the widget's data: fetched by the first worker, when it starts
  const result = await c.run(spec({ fake: { epochs: 2 } }), runOptions({ byPage: true, onAnsweredFromBuild: () => answered++ }));
  assert.deepEqual(options, { ok: true, options: { name: 'spec' } });
  assert.deepEqual(check, { ok: true, diagnostics: [] });
  assert.deepEqual(result, computed);
  assert.equal(answered, 1);
  assert.equal(c.answeredFromBuild, 3);
  assert.equal(FakeWorker.instances.length, 0, 'no worker, no engine.wasm');
  // The warm-up starts the engine; the prefetch made meanwhile reaches it.
  c.warmUp();
  await c.whenIdle();
  assert.equal(FakeWorker.instances.length, 1);
  assert.ok(FakeWorker.instances[0].received.some((m) => m.type === 'prefetch'));
});

test('a learner\'s run is computed even when the build recorded the same run, and starts the engine at once', async () => {
  const book = await recordedBook();
  const log = [];
  const c = client(log);
  c.useAnswers(book);
  let answered = 0;
  assert.deepEqual((await c.run(spec({ fake: { epochs: 2 } }), runOptions({ onAnsweredFromBuild: () => answered++ }))).metrics, FAKE_METRICS);
  assert.equal(answered, 0);
  assert.equal(log.length, 1, 'the engine ran it');
  // A run of the page with a learner's file, or another spec, is computed too.
  assert.deepEqual((await c.run(spec({ fake: { epochs: 2 } }), runOptions({ byPage: true, files: { 'data/tiny.csv': CSV } }))).metrics, FAKE_METRICS);
  assert.equal(log.length, 2);
  assert.equal(answered, 0);
});

test('with answers, a page run they do not hold waits for the engine to be released; a learner\'s call releases it', async () => {
  const book = await recordedBook();
  FakeWorker.instances.length = 0;
  const log = [];
  const c = client(log);
  c.useAnswers(book);
  let done = false;
  // A widget timing the device runs by itself: it needs the engine, which the page starts once
  // its first result from the build is shown.
  const waiting = c.run(spec({ fake: { epochs: 3 } }), runOptions({ byPage: true, measuresTheDevice: true })).then((r) => { done = true; return r; });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(done, false);
  assert.equal(FakeWorker.instances.length, 0);
  c.releaseEngine();
  assert.deepEqual((await waiting).metrics, FAKE_METRICS);
  assert.equal(FakeWorker.instances.length, 1);

  FakeWorker.instances.length = 0;
  const other = client();
  other.useAnswers(book);
  const version = await other.call('version');  // not recorded: the learner's page needs the engine now
  assert.equal(version.version, '0.0.0-fake');
  assert.equal(FakeWorker.instances.length, 1);
});

test('a run the page started whose result measures the device is computed, even when the build recorded the same run', async () => {
  const book = await recordedBook();
  const log = [];
  const c = client(log);
  c.useAnswers(book);
  let answered = 0;
  c.releaseEngine();
  const result = await c.run(spec({ fake: { epochs: 2 } }), runOptions({ byPage: true, measuresTheDevice: true, onAnsweredFromBuild: () => answered++ }));
  assert.deepEqual(result.metrics, FAKE_METRICS);
  assert.equal(answered, 0);
  assert.equal(log.length, 1, 'the engine ran it');
  assert.equal(c.answeredFromBuild, 0);
});

test('resultShown lets the engine start only for a result the build served', async () => {
  const book = await recordedBook();
  FakeWorker.instances.length = 0;
  const c = client();
  c.useAnswers(book);
  const answered = await c.run(spec({ fake: { epochs: 2 } }), runOptions({ byPage: true }));
  // A result the build did not serve (an equal copy, say) does not start it.
  c.resultShown(structuredClone(answered));
  c.prefetch(spec(), runOptions());
  assert.equal(FakeWorker.instances.length, 0, 'still held: nothing started');
  c.resultShown(answered);
  const waiting = c.run(spec({ fake: { epochs: 3 } }), runOptions({ byPage: true, measuresTheDevice: true }));
  assert.equal(FakeWorker.instances.length, 1, 'the first worker starts for the page\'s next run');
  assert.deepEqual((await waiting).metrics, FAKE_METRICS);
});

test('without answers nothing changes: the first job starts the engine', async () => {
  const c = client();
  c.useAnswers(null);
  c.prefetch(spec(), runOptions());
  assert.equal(FakeWorker.instances.length, 1, 'the data downloads while the engine starts');
  const result = await c.run(spec(), runOptions({ byPage: true }));
  assert.deepEqual(result.metrics, FAKE_METRICS);
  assert.equal(c.answeredFromBuild, 0);
});
