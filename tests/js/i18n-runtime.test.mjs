// The page's side of the catalogs (web/src/i18n/i18n.ts, built by `tsc -p web/tsconfig.node.json`):
// which locale a request gets, the English fallback key by key, German numbers and plurals, a
// locale's catalog fetched once from the site root and only when asked for, the pseudo-locales
// through t(), and the HTML's own words (page-text.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { window } from './helpers/dom-env.mjs';
import { precompile, pseudoCatalog, readCatalog } from '../../web/scripts/i18n-catalogs.mjs';

const i18n = await import('../../build/js-test/i18n/i18n.js');
const { translatePage, tNodes } = await import('../../build/js-test/i18n/page-text.js');
const { setSiteRoot } = await import('../../build/js-test/runtime/browser-engine.js');
const { addCatalog, direction, formatNumber, locale, resolveLocale, t, useLocale } = i18n;

setSiteRoot('http://lab.test/site/');
const fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(String(url));
  const lang = /i18n\/([^/]+)\.json$/.exec(String(url))?.[1];
  if (lang === 'de') return new Response(JSON.stringify(precompile(readCatalog('de'))), { status: 200 });
  return new Response('not found', { status: 404 });
};

test('a requested locale resolves to one the site has: de-AT and de_CH to de, pseudo-locales exactly, anything else English', () => {
  assert.equal(resolveLocale('de'), 'de');
  assert.equal(resolveLocale('de-AT'), 'de');
  assert.equal(resolveLocale('de_CH'), 'de');
  assert.equal(resolveLocale('en-xa'), 'en-XA');
  assert.equal(resolveLocale('ar-XB'), 'ar-XB');
  assert.equal(resolveLocale('ar'), 'en');
  assert.equal(resolveLocale('fr-FR'), 'en');
  assert.equal(resolveLocale(''), 'en');
  assert.equal(direction('ar-XB'), 'rtl');
  assert.equal(direction('de'), 'ltr');
});

test('English is built in: no fetch, plurals and placeholders formatted', async () => {
  assert.equal(await useLocale('en'), 'en');
  assert.deepEqual(fetched, []);
  assert.equal(t('lesson.quiz.check'), 'Check answer');
  assert.equal(t('course.progress.widgetsOf', { run: 1, total: 1 }), '1 of 1 widget run');
  assert.equal(t('course.progress.widgetsOf', { run: 1, total: 2 }), '1 of 2 widgets run');
  assert.equal(t('no.such.key'), 'no.such.key');
});

test('German: fetched once from the site root when asked for (de-AT too), German numbers and plurals', async () => {
  const [a, b] = await Promise.all([useLocale('de-AT'), useLocale('de')]);
  assert.equal(a, 'de');
  assert.equal(b, 'de');
  assert.deepEqual(fetched, ['http://lab.test/site/i18n/de.json']);
  assert.equal(locale(), 'de');
  assert.equal(t('lesson.quiz.check'), 'Antwort prüfen');
  assert.equal(formatNumber(1234.5), '1.234,5');
  assert.equal(t('lesson.progressMenu.tooBig', { name: 'x.json', megabytes: 1234.5 }), 'x.json: keine Fortschrittsdatei (1.234,5 MB; Fortschrittsdateien sind nur wenige KB groß)');
  assert.equal(t('course.progress.flashcards', { known: 1 }), '1 Lernkarte gewusst');
  assert.equal(t('course.progress.flashcards', { known: 1234 }), '1.234 Lernkarten gewusst');
  await useLocale('de');
  assert.equal(fetched.length, 1, 'a locale in place is not fetched again');
});

test('a key the locale lacks falls back to English, key by key', async () => {
  addCatalog('de', { 'lesson.quiz.check': 'Antwort prüfen' });
  await useLocale('de');
  assert.equal(t('lesson.quiz.check'), 'Antwort prüfen');
  assert.equal(t('lesson.quiz.show'), 'Show the answer');
  assert.equal(t('lesson.quiz.score', { correct: 2, total: 3, checked: 2 }), 'Score: 2 of 3 correct (2 checked)');
});

test('a locale with no catalog on the site stays English (nothing fetched for it)', async () => {
  const before = fetched.length;
  assert.equal(await useLocale('fr'), 'en');
  assert.equal(fetched.length, before);
  assert.equal(t('lesson.quiz.check'), 'Check answer');
});

test('en-XA through t(): marked, accented, with the values and English number rules', async () => {
  addCatalog('en-XA', pseudoCatalog(readCatalog('en'), 'en-XA'));
  assert.equal(await useLocale('en-XA'), 'en-XA');
  assert.equal(t('lesson.quiz.check'), '⟦Çĥééçķ ááñšŵééŕ⟧');
  assert.equal(t('course.progress.widgets', { run: 1234 }), '⟦1,234 ŵííðĝééţš ŕúúñ⟧');
  assert.equal(formatNumber(0.5, { style: 'percent' }), '50%');
  await useLocale('en');
});

test('the HTML\'s marked words take the locale\'s messages; tNodes puts nodes where the message says', async () => {
  const doc = new window.DOMParser().parseFromString(
    '<html><head><title data-i18n="page.lesson.title">Lesson · ML Lab</title><meta name="description" data-i18n-content="page.lesson.description" content="x"></head>' +
    '<body><a data-i18n="page.skipLink">Skip to content</a></body></html>', 'text/html');
  addCatalog('de', precompile(readCatalog('de')));
  await useLocale('de');
  translatePage(doc);
  assert.equal(doc.title, 'Lektion · ML Lab');
  assert.match(doc.querySelector('meta').getAttribute('content'), /^Eine interaktive Lektion/);
  assert.equal(doc.querySelector('a').textContent, 'Zum Inhalt springen');
  const answer = window.document.createElement('span');
  answer.textContent = 'Pruning';
  const parts = tNodes('lesson.quiz.wrong', {}, { answer });
  assert.deepEqual(parts.map((p) => (typeof p === 'string' ? p : `<${p.textContent}>`)), ['Nicht ganz. Richtig ist: ', '<Pruning>']);
  await useLocale('en');
});
