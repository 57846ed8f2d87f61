// Widget text files (widgets/i18n/STEM.LANG.json): where a widget looks for one, what a usable
// one is (each problem one line naming the file, the field and the value), how its text is
// applied to a display copy while the file that runs keeps its words and names, and that the
// German files of both Titanic widgets cover every translatable string with the same notice
// placeholders.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const { displayCopy, displayNames, readWidgetText, textLanguage, translatablePointers, valueAt, widgetTextUrl } =
  await import('../../build/js-test/widgets/widget-text.js');

const root = new URL('../../', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

const widget = {
  dataset: { csv: 'data/t.csv', target: 'y' },
  variants: [{ name: 'MLP fp32', model: { type: 'mlp' } }, { name: 'Student', compress: { distill: { teacher: 'MLP fp32' } } }],
  scenarios: [{ name: 'edge', title: 'On a small device' }],
  widget: {
    title: 'Lab', description: 'Watch it.',
    panels: [{ id: 'a/b', title: 'Dropout', experiments: ['x'], labels: { x: 'Plain' }, notice: 'From {a} to {b}.', controls: [{ option: 'model.dropout', label: 'Rate' }] }],
  },
};

test('a widget looks for its text beside its file, in i18n/, for its language only (English is the file itself)', () => {
  const url = new URL('https://site.example/course/widgets/optimization_lab.titanic.json');
  assert.equal(widgetTextUrl(url, 'de')?.href, 'https://site.example/course/widgets/i18n/optimization_lab.titanic.de.json');
  assert.equal(widgetTextUrl(url, 'de-AT')?.href, 'https://site.example/course/widgets/i18n/optimization_lab.titanic.de.json');
  assert.equal(widgetTextUrl(url, 'en'), null);
  assert.equal(widgetTextUrl(url, 'en-GB'), null);
  assert.equal(textLanguage('ar'), 'ar');
  assert.equal(widgetTextUrl(url, 'ar-XB'), null, 'a pseudo-locale shows the file\'s own words');
  assert.equal(widgetTextUrl(url, 'en-XA'), null);
});

test('the translatable strings: title, description, note, notice, label, help, name and every labels value', () => {
  assert.deepEqual(translatablePointers(widget), [
    '/variants/0/name', '/variants/1/name', '/scenarios/0/name', '/scenarios/0/title',
    '/widget/title', '/widget/description', '/widget/panels/0/title', '/widget/panels/0/labels/x',
    '/widget/panels/0/notice', '/widget/panels/0/controls/0/label',
  ]);
  assert.equal(valueAt(widget, '/widget/panels/0/labels/x'), 'Plain');
  assert.equal(valueAt({ 'a/b': { '~': 1 } }, '/a~1b/~0'), 1, 'RFC 6901 escapes');
  assert.equal(valueAt(widget, '/widget/panels/7/title'), undefined);
});

const file = (text, extra = {}) => JSON.stringify({ lang: 'de', widget: '../w.json', text, ...extra });

test('the text is applied to a copy for display; the file that runs keeps its words, and names stay identifiers', () => {
  const text = readWidgetText(file({
    '/widget/title': 'Labor', '/widget/panels/0/labels/x': 'Einfach', '/widget/panels/0/notice': 'Von {a} auf {b}.',
    '/variants/1/name': 'Schüler', '/scenarios/0/title': 'Auf einem kleinen Gerät', '/widget/panels/0/controls/0/label': 'Rate (de)',
  }), 'w.de.json', 'de', widget);
  const before = JSON.stringify(widget);
  const shown = displayCopy(widget, text);
  assert.equal(JSON.stringify(widget), before, 'the original is untouched');
  assert.equal(shown.widget.title, 'Labor');
  assert.equal(shown.widget.description, 'Watch it.', 'a string the file does not translate shows in English');
  assert.equal(shown.widget.panels[0].labels.x, 'Einfach');
  assert.equal(shown.widget.panels[0].notice, 'Von {a} auf {b}.');
  assert.equal(shown.widget.panels[0].controls[0].label, 'Rate (de)');
  assert.equal(shown.widget.panels[0].controls[0].option, 'model.dropout');
  assert.equal(shown.scenarios[0].title, 'Auf einem kleinen Gerät');
  // Results and `teacher` name variants by the file's names: the translation is a display name.
  const variant = displayNames(widget, 'variants', text);
  assert.equal(variant('Student'), 'Schüler');
  assert.equal(variant('MLP fp32'), 'MLP fp32');
  assert.equal(variant('unknown'), 'unknown');
  assert.equal(displayNames(widget, 'variants', null)('Student'), 'Student');
  assert.equal(displayCopy(widget, null), widget, 'no text: the file itself');
});

test('a file that cannot be used is one line naming the file, the field and the value', () => {
  const refused = (source, pattern, lang) => assert.throws(() => readWidgetText(source, 'w.de.json', lang ?? 'de', widget), (e) => {
    assert.match(e.message, pattern);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
  refused('{ "lang": "de", ', /^w\.de\.json: .*JSON/);
  refused('[]', /^w\.de\.json: the file is not a JSON object$/);
  refused(file({}, { lang: 'fr' }), /^w\.de\.json: lang: "fr" is not "de"$/);
  refused(JSON.stringify({ lang: 'de', text: ['x'] }), /^w\.de\.json: text: expected an object of JSON Pointer → text, got \["x"\]$/);
  refused(file({ '/widget/title': 3 }), /^w\.de\.json: text\["\/widget\/title"\]: expected text, got 3$/);
  refused(file({ '/widget/panels/0/id': 'b' }), /^w\.de\.json: text\["\/widget\/panels\/0\/id"\]: the widget file has no translatable text there$/);
  refused(file({ '/widget/nothing': 'x' }), /text\["\/widget\/nothing"\]: the widget file has no translatable text there/);
  refused(file({ '/widget/panels/0/notice': 'Von {a} auf {c}.' }), /text\["\/widget\/panels\/0\/notice"\]: the placeholders \{a,c\} are not the original's \{a,b\}$/);
});

for (const stem of ['optimization_lab.titanic', 'performance_tradeoff.titanic']) {
  test(`the German text of ${stem} covers every translatable string, keeps each notice's placeholders and reads`, () => {
    const original = readJson(`widgets/${stem}.json`);
    const source = readFileSync(new URL(`widgets/i18n/${stem}.de.json`, root), 'utf8');
    const text = readWidgetText(source, `${stem}.de.json`, 'de', original);
    const doc = JSON.parse(source);
    assert.equal(doc.widget, `../${stem}.json`);
    assert.equal(doc.$schema, '../../schema/widget-text.schema.json');
    assert.deepEqual([...text.text.keys()].sort(), translatablePointers(original).sort(), 'every translatable string, no other');
    // A translation that is the English text again is a string someone forgot (names such as
    // "Dropout" or "MLP int8" are the same words in German and are listed).
    const same = [...text.text].filter(([p, v]) => v === valueAt(original, p)).map(([p]) => p);
    for (const p of same) assert.match(String(valueAt(original, p)), /^(Dropout|MLP (fp32|int8|fp16)|Ridge \(L2\)|Lasso \(L1\))$/, `${p} is still English`);
  });
}
