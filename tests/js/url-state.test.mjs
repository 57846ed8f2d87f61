// Widget settings in the page URL: each widget reads and writes only its own parameters, the
// page's own ones survive, values round-trip exactly (numbers, booleans, text with symbols),
// and malformed input is ignored rather than thrown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBoolean, parseNumber, readSettings, widgetKey, writeSettings } from '../../build/js-test/state/url-state.js';

test('a widget key is its file name without .json, safe for a URL', () => {
  assert.equal(widgetKey('/widgets/optimization_lab.titanic.json'), 'optimization_lab.titanic');
  assert.equal(widgetKey('https://lab.example/course/widgets/perf trade-off.json?v=2'), 'perf_trade-off');
  assert.equal(widgetKey(''), 'widget');
});

test('settings round-trip through the query string, keeping the page\'s parameters', () => {
  const settings = { panel: 'dropout', 'dropout/model.dropout': 0.45, 'early_stopping/train.early_stopping.restore_best': false, seed: 7 };
  const search = writeSettings('?id=ai-builder-ch3-lesson4', 'optimization_lab.titanic', settings);
  assert.match(search, /^\?id=ai-builder-ch3-lesson4&/);
  assert.match(search, /optimization_lab\.titanic:dropout\/model\.dropout=0\.45/, 'readable: no %3A or %2F');
  const back = readSettings(search, 'optimization_lab.titanic');
  assert.deepEqual(back, { panel: 'dropout', 'dropout/model.dropout': '0.45', 'early_stopping/train.early_stopping.restore_best': 'false', seed: '7' });
  assert.equal(parseNumber(back['dropout/model.dropout']), 0.45);
  assert.equal(parseBoolean(back['early_stopping/train.early_stopping.restore_best']), false);
});

test('numbers keep every digit (a shared link means exactly the same run)', () => {
  for (const value of [0.1 + 0.2, 1e-7, 123456789.123, 0.0001, 5e-324]) {
    const search = writeSettings('', 'w', { 'p/model.lambda': value });
    assert.equal(parseNumber(readSettings(search, 'w')['p/model.lambda']), value);
  }
});

test('two widgets share one URL without touching each other\'s settings', () => {
  let search = writeSettings('?id=x', 'a', { panel: 'one', seed: 1 });
  search = writeSettings(search, 'b', { scenario: 'edge' });
  search = writeSettings(search, 'a', { panel: 'two' });
  assert.deepEqual(readSettings(search, 'a'), { panel: 'two' });
  assert.deepEqual(readSettings(search, 'b'), { scenario: 'edge' });
  assert.equal(new URLSearchParams(search).get('id'), 'x');
});

test('a widget with no settings in the URL reads null; writing none removes its parameters', () => {
  assert.equal(readSettings('?id=x&other:panel=1', 'a'), null);
  assert.equal(readSettings('', 'a'), null);
  assert.equal(writeSettings('?a:panel=1&id=x', 'a', {}), '?id=x');
  assert.equal(writeSettings('?a:panel=1', 'a', {}), '');
});

test('text values with symbols survive; a key that only shares a prefix is not ours', () => {
  const search = writeSettings('', 'a', { variant: 'Boosted trees (early stopping) & 50%=x' });
  assert.equal(readSettings(search, 'a').variant, 'Boosted trees (early stopping) & 50%=x');
  assert.equal(readSettings('?ab:panel=1', 'a'), null);
});

test('malformed input is ignored, never thrown', () => {
  assert.deepEqual(readSettings('?a:seed=%E0%A4%A&a:panel=%zz&a:=1&&a:x', 'a'), { seed: '%E0%A4%A', panel: '%zz', x: '' });
  assert.equal(parseNumber('12abc'), undefined);
  assert.equal(parseNumber(''), undefined);
  assert.equal(parseNumber('Infinity'), undefined);
  assert.equal(parseNumber('NaN'), undefined);
  assert.equal(parseBoolean('yes'), undefined);
  assert.equal(parseBoolean('1'), true);
});
