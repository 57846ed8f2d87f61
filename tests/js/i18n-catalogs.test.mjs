// The catalog checker (tools/i18n/check-catalogs.mjs, run by `tools/lab validate`) on small
// catalogs written for each mistake, and on the committed ones: one line per problem naming the
// file, the key's line and the bad message; exit 1. And the build's side of the catalogs
// (web/scripts/i18n-catalogs.mjs): precompiled messages format as their source does, and the
// pseudo-locales keep every placeholder while changing all literal text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import { checkCatalogs, placeholders } from '../../tools/i18n/check-catalogs.mjs';
import { accentText, precompile, pseudoCatalog, pseudoMessage, readCatalog } from '../../web/scripts/i18n-catalogs.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHECKER = join(ROOT, 'tools/i18n/check-catalogs.mjs');

/** A web/i18n-like folder: { 'en/shell.json': {...} | 'raw text' }. */
function catalogs(files) {
  const dir = mkdtempSync(join(tmpdir(), 'lab-i18n-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}

const ENGLISH = {
  'a.title': 'Runs',
  'a.count': '{count, plural, one {# run} other {# runs}}',
  'a.share': '{value, number, percent} of {name}',
};

test('the committed catalogs pass', () => {
  assert.deepEqual(checkCatalogs(), []);
});

test('a missing key and an extra key are named with their file and line', () => {
  const dir = catalogs({
    'en/shell.json': ENGLISH,
    'de/shell.json': { 'a.title': 'Läufe', 'a.count': '{count, plural, one {# Lauf} other {# Läufe}}', 'a.extra': 'Überzählig' },
  });
  try {
    const errors = checkCatalogs(dir, { localesFile: null });
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors[0], /de\/shell\.json:1: key "a\.share": missing \(English: "\{value, number, percent\} of \{name\}"\)$/);
    assert.match(errors[1], /de\/shell\.json:4: key "a\.extra": not in .*en\/shell\.json \(extra key, value "Überzählig"\)$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a placeholder renamed, dropped, added or of another kind is an error quoting the message', () => {
  const dir = catalogs({
    'en/shell.json': ENGLISH,
    'de/shell.json': {
      'a.title': 'Läufe {extra}',
      'a.count': '{count, number} Läufe',
      'a.share': '{wert, number, percent} von {name}',
    },
  });
  try {
    const errors = checkCatalogs(dir, { localesFile: null });
    assert.deepEqual(errors.map((e) => e.replace(/^.*de\/shell\.json/, 'de/shell.json')), [
      'de/shell.json:2: key "a.title": placeholder {extra} is not in the English message ("Läufe {extra}")',
      'de/shell.json:3: key "a.count": placeholder {count} is a number in "{count, number} Läufe"; in English it is a plural',
      'de/shell.json:4: key "a.share": placeholder {value} of the English message is missing in "{wert, number, percent} von {name}"',
      'de/shell.json:4: key "a.share": placeholder {wert} is not in the English message ("{wert, number, percent} von {name}")',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a malformed message (English or not) and a file that is not JSON: the CLI prints each on a line and exits 1', () => {
  const dir = catalogs({
    'en/shell.json': { ...ENGLISH, 'a.broken': 'Hello {name' },
    'de/shell.json': `{\n  "a.title": "Läufe",\n  "a.count": "{count, plural, one {# Lauf}}",\n  "a.share": "{value, number, percent} von {name}",\n  "a.broken": "Hallo {name}"\n}\n`,
    'de/widgets.json': '{ "x": ',
    'en/widgets.json': { x: 'X' },
  });
  try {
    const run = spawnSync(process.execPath, [CHECKER, '--dir', dir], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trim().split('\n');
    assert.match(lines[0], /en\/shell\.json:5: key "a\.broken": malformed message "Hello \{name": EXPECT_ARGUMENT_CLOSING_BRACE at column \d+$/);
    assert.match(lines[1], /de\/shell\.json:3: key "a\.count": malformed message "\{count, plural, one \{# Lauf\}\}": MISSING_OTHER_CLAUSE at column \d+$/);
    assert.match(lines[2], /de\/widgets\.json:1: not valid JSON: /);
    assert.equal(lines[3], '3 error(s) in the message catalogs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a locale folder the pages do not know (not in i18n.ts LOCALES) is an error', () => {
  const dir = catalogs({ 'en/shell.json': { 'a.title': 'Runs' }, 'fr/shell.json': { 'a.title': 'Exécutions' } });
  try {
    const errors = checkCatalogs(dir);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /web\/src\/i18n\/i18n\.ts:\d+: locale "fr" has catalogs in .* but is not in LOCALES/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('precompiling keeps each message: plain text as it is, anything else as the parser\'s AST', () => {
  const english = readCatalog('en');
  const compiled = precompile(english);
  for (const [key, source] of Object.entries(english)) {
    if (/[{}']/.test(source)) assert.deepEqual(compiled[key], parse(source), key);
    else assert.equal(compiled[key], source, key);
  }
  assert.throws(() => precompile({ 'x.y': 'a {b' }), /message "x\.y": EXPECT_ARGUMENT_CLOSING_BRACE/);
});

test('en-XA: every literal accented and lengthened inside ⟦…⟧, placeholders and plural syntax untouched', () => {
  const source = '{count, plural, one {# run} other {# runs}} on {name}';
  const ast = pseudoMessage(source, 'en-XA');
  assert.equal(printAST(ast), '⟦{count,plural,one{# ŕúúñ} other{# ŕúúñš}} óóñ {name}⟧');
  assert.deepEqual(placeholders(ast), placeholders(parse(source)));
  // Every English message gets about 30 % longer (the letters of a sentence, not its marks).
  const english = readCatalog('en');
  const letters = (s) => s.replace(/[^A-Za-z]/g, '').length;
  const total = Object.values(english).reduce((n, s) => n + letters(s), 0);
  const longer = Object.values(english).reduce((n, s) => n + accentText(s.replace(/[^A-Za-z]/g, '')).length, 0);
  assert.ok(longer / total > 1.25 && longer / total < 1.5, `${longer / total}`);
  assert.ok(Object.values(pseudoCatalog(english, 'en-XA')).every((ast) => ast[0].value === '⟦' && ast.at(-1).value === '⟧'));
});

test('ar-XB: words of literal text between RLO and PDF, placeholders untouched', () => {
  const ast = pseudoMessage('Score: {correct} of {total}', 'ar-XB');
  assert.equal(printAST(ast), '\u202EScore\u202C: {correct} \u202Eof\u202C {total}');
});

test('the German catalog is complete and uses du, not Sie', () => {
  const german = JSON.parse(readFileSync(join(ROOT, 'web/i18n/de/shell.json'), 'utf8'));
  const formal = Object.entries(german).filter(([, m]) => /\b(Sie|Ihr|Ihre|Ihren|Ihnen)\b/.test(m));
  assert.deepEqual(formal, []);
  assert.ok(Object.values(german).some((m) => /\b(du|dein|deine|deinem|deinen)\b/.test(m)));
});
