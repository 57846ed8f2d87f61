// Numbers in the widgets follow the page's locale: each quantity keeps its one format (a
// score's one decimal as a percent, a loss's three decimals, λ's three significant digits,
// whole counts), only the digits' separators and the percent sign change (87.9% → 87,9 %,
// 1,234.5 → 1.234,5). English output is what it was before the locales. And the widgets'
// catalogs: German has every English key, each message is valid ICU in its locale, and the
// plurals are ICU plurals.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { IntlMessageFormat } from 'intl-messageformat';

const { fixed, percent, precise, scientific, significant, whole } = await import('../../build/js-test/widgets/model/locale-number.js');
const { formatLambda, formatQuantity, renderNotice } = await import('../../build/js-test/widgets/model/notice.js');
const { inSentence, wordOr } = await import('../../build/js-test/widgets/model/words.js');

const NBSP = '\u00a0';

test('each quantity keeps its format; German writes it with a decimal comma, grouping dots and a spaced percent', () => {
  assert.equal(percent(0.87913, 1, 'en'), '87.9%');
  assert.equal(percent(0.87913, 1, 'de'), `87,9${NBSP}%`);
  assert.equal(fixed(1234.5, 1, 'de'), '1.234,5');
  assert.equal(fixed(1234.5, 1, 'en'), '1,234.5');
  assert.equal(fixed(0.4193388, 3, 'de'), '0,419');
  assert.equal(whole(1317, 'de'), '1.317');
  assert.equal(significant(0.25713, 3, 'de'), '0,257');
  assert.equal(precise(1.5, 3, 'de'), '1,50');
  assert.equal(scientific(0.000025713, 3, 'en'), '2.57e-5');
  assert.equal(scientific(0.000025713, 3, 'de'), '2,57e-5');
});

test('notice values: English as before, German in its own format', () => {
  for (const [item, en, de] of [
    [{ quantity: 'score', value: 0.87913 }, '87.9%', `87,9${NBSP}%`],
    [{ quantity: 'score', value: 0.87913, plain: true }, '0.879', '0,879'],
    [{ quantity: 'gap', value: 0.05234 }, '0.052', '0,052'],
    [{ quantity: 'loss', value: 0.4193388 }, '0.419', '0,419'],
    [{ quantity: 'count', value: 1317 }, '1,317', '1.317'],
    [{ quantity: 'lambda', value: 0.25713444908569477 }, '0.257', '0,257'],
    [{ quantity: 'lambda', value: 0.000025713444908569478 }, '2.57e-5', '2,57e-5'],
    [{ quantity: 'text', value: 'Lasso (L1)' }, 'Lasso (L1)', 'Lasso (L1)'],
  ]) {
    assert.equal(formatQuantity(item, 'en'), en, JSON.stringify(item));
    assert.equal(formatQuantity(item, 'de'), de, JSON.stringify(item));
  }
  assert.equal(formatLambda(0.01, 'de'), '0,01');
  assert.equal(formatLambda(0.0001, 'de'), '1,00e-4');
  const values = { lambda: { quantity: 'lambda', value: 0.0123 }, score: { quantity: 'score', value: 0.8123 } };
  assert.equal(renderNotice('Bei λ = {lambda} erreicht es {score}.', values, 'de'), `Bei λ = 0,0123 erreicht es 81,2${NBSP}%.`);
});

test('a label inside a sentence is lower-cased, except where nouns keep their capital (German)', () => {
  assert.equal(inSentence('Dropout rate', false, 'en'), 'dropout rate');
  assert.equal(inSentence('Rows per batch call', true, 'en-GB'), 'rows per batch call');
  assert.equal(inSentence('Dropout-Rate', false, 'de'), 'Dropout-Rate');
  assert.equal(inSentence('Zeilen pro Batch-Aufruf', true, 'de-CH'), 'Zeilen pro Batch-Aufruf');
  assert.equal(wordOr('widgets.metric.no_such_metric', 'engine word'), 'engine word');
  assert.equal(wordOr('widgets.metric.accuracy', 'x'), 'accuracy');
});

const catalog = (lang) => JSON.parse(readFileSync(new URL(`../../web/i18n/${lang}/widgets.json`, import.meta.url), 'utf8'));

test('the German widgets catalog has every English key and no other; every message is valid ICU', () => {
  const en = catalog('en'), de = catalog('de');
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  for (const [lang, messages] of [['en', en], ['de', de]]) {
    for (const [key, message] of Object.entries(messages)) {
      assert.ok(key.startsWith('widgets.'), `${lang} ${key}: the widgets area's keys start with "widgets."`);
      assert.doesNotThrow(() => new IntlMessageFormat(message, lang), `${lang} ${key}`);
      // A message whose wording depends on a count says so with ICU plural, not in code.
      assert.doesNotMatch(message, /\(s\)|\bitem\(s\)/, `${lang} ${key}`);
    }
  }
});

test('plurals and numbers in messages follow the locale', () => {
  const de = catalog('de'), en = catalog('en');
  const format = (messages, lang, key, values) => String(new IntlMessageFormat(messages[key], lang).format(values));
  assert.equal(format(en, 'en', 'widgets.progress.read', { rows: 1 }), 'Read 1 row; preparing them…');
  assert.equal(format(en, 'en', 'widgets.progress.read', { rows: 1317 }), 'Read 1,317 rows; preparing them…');
  assert.equal(format(de, 'de', 'widgets.progress.read', { rows: 1317 }), '1.317 Zeilen gelesen; sie werden vorbereitet…');
  assert.equal(format(de, 'de', 'widgets.progress.read', { rows: 1 }), '1 Zeile gelesen; sie werden vorbereitet…');
  assert.equal(format(de, 'de', 'widgets.budget.fitting', { count: 0, total: 12, names: '' }), '0 von 12 Varianten passen.');
  assert.equal(format(en, 'en', 'widgets.budget.fitting', { count: 2, total: 12, names: 'a, b' }), '2 of 12 variants fit: a, b.');
  assert.equal(format(de, 'de', 'widgets.table.splitMetric', { split: 'test', metric: 'Genauigkeit' }), 'Genauigkeit (Test)');
  assert.equal(format(en, 'en', 'widgets.table.splitMetric', { split: 'test', metric: 'accuracy' }), 'test accuracy');
});

test('control values: up to four significant digits, small and large ones in e-notation without trailing zeros', async () => {
  const { formatValue } = await import('../../build/js-test/widgets/controls/control-view.js');
  assert.equal(formatValue(0.0005), '5e-4');
  assert.equal(formatValue(0.00025), '2.5e-4');
  assert.equal(formatValue(0.12345), '0.1235');
  assert.equal(formatValue(200), '200');
  assert.equal(formatValue(true), 'on');
  assert.equal(scientific(0.00025, 2, 'de', true), '2,5e-4');
});
