// Pinned runs in a URL: settings only, in short readable names, round-tripping exactly; a pin
// naming no control of the panel is refused on its own, the rest kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PINS, decodePins, encodePins, samePin, shortNames } from '../../build/js-test/state/pins.js';
import { readSettings, writeSettings } from '../../build/js-test/state/url-state.js';

const EARLY = ['train.early_stopping.patience', 'train.early_stopping.min_delta', 'train.early_stopping.restore_best'];
const SCHEDULES = ['train.learning_rate', 'train.schedule.step_size', 'train.schedule.gamma'];

test('each option gets its shortest unique ending', () => {
  assert.deepEqual([...shortNames(EARLY).values()], ['patience', 'min_delta', 'restore_best']);
  assert.deepEqual([...shortNames(['model.gamma', 'train.schedule.gamma', 'model.lambda']).values()], ['model.gamma', 'schedule.gamma', 'lambda']);
});

test('pins round-trip through a shared URL, compact and readable', () => {
  const pins = [
    { values: { 'train.early_stopping.patience': 2 } },
    { values: { 'train.early_stopping.patience': 80, 'train.early_stopping.restore_best': false }, seed: 11 },
    { values: {} },
  ];
  const text = encodePins(pins, EARLY);
  assert.equal(text, 'patience:2~patience:80,restore_best:false,seed:11~-');
  const search = writeSettings('?id=l4', 'optimization_lab.titanic', { panel: 'early_stopping', 'pins.early_stopping': text });
  assert.match(search, /optimization_lab\.titanic:pins\.early_stopping=patience:2~patience:80,restore_best:false,seed:11~-/);
  const back = decodePins(readSettings(search, 'optimization_lab.titanic')['pins.early_stopping'], EARLY);
  assert.equal(back.rejected, 0);
  assert.deepEqual(back.pins, [
    { values: { 'train.early_stopping.patience': '2' } },
    { values: { 'train.early_stopping.patience': '80', 'train.early_stopping.restore_best': 'false' }, seed: 11 },
    { values: {} },
  ]);
});

test('numbers keep every digit', () => {
  for (const value of [0.1 + 0.2, 1e-7, 0.0005]) {
    const { pins } = decodePins(encodePins([{ values: { 'train.learning_rate': value } }], SCHEDULES), SCHEDULES);
    assert.equal(Number(pins[0].values['train.learning_rate']), value);
  }
});

test('a pin naming no control of the panel is refused, the others kept; at most MAX_PINS', () => {
  const { pins, rejected } = decodePins('gamma:0.9~dropout:0.3~learning_rate:0.3~seed:x', SCHEDULES);
  assert.equal(rejected, 2);
  assert.deepEqual(pins, [{ values: { 'train.schedule.gamma': '0.9' } }, { values: { 'train.learning_rate': '0.3' } }]);
  const many = Array.from({ length: MAX_PINS + 2 }, (_, i) => `gamma:0.${i + 5}`).join('~');
  assert.equal(decodePins(many, SCHEDULES).pins.length, MAX_PINS);
});

test('the same settings are the same pin', () => {
  assert.ok(samePin({ values: { a: 1 } }, { values: { a: 1 } }));
  assert.ok(!samePin({ values: { a: 1 } }, { values: { a: 1 }, seed: 3 }));
  assert.ok(!samePin({ values: { a: 1 } }, { values: { a: 1, b: true } }));
});
