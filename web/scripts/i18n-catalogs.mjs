// The message catalogs as the site ships them (web/src/i18n/i18n.ts reads them):
//  - English, built into the page bundles, and every other locale as build/site/i18n/LANG.json
//    (all of web/i18n/LANG/*.json merged), fetched only by a page that asks for that locale;
//  - precompiled: each message that is more than plain text is stored as the ICU parser's AST,
//    so the pages format it without the parser (the bundles alias the parser to its
//    `no-parser.js` export; i18nVitePlugin below);
//  - two pseudo-locales generated from English: en-XA (accented, ~30 % longer, each message in
//    ⟦…⟧: a string that skipped the catalog stands out unaccented) and ar-XB (right to left:
//    every word of literal text in U+202E … U+202C, so it shows mirrored, and the page runs rtl).
// Also used by tools/i18n/check-catalogs.mjs (reading) and the static lesson pages (a page in
// locale L is rendered with L's messages).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPE, parse } from '@formatjs/icu-messageformat-parser';

export const I18N_DIR = fileURLToPath(new URL('../i18n/', import.meta.url));
export const PSEUDO_LOCALES = ['en-XA', 'ar-XB'];

/** The locales with a folder under web/i18n, English first. */
export function catalogLocales(dir = I18N_DIR) {
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)
    .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
}

/** A locale's areas (shell.json, widgets.json, …): file name -> its text. */
export function catalogFiles(lang, dir = I18N_DIR) {
  const folder = join(dir, lang);
  if (!existsSync(folder)) return {};
  return Object.fromEntries(readdirSync(folder).filter((f) => f.endsWith('.json')).sort()
    .map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
}

/** All of a locale's areas merged: key -> ICU message source. Throws on JSON that is not an
 *  object of strings (check-catalogs.mjs reports it with its line first). */
export function readCatalog(lang, dir = I18N_DIR) {
  const merged = {};
  for (const [file, text] of Object.entries(catalogFiles(lang, dir))) {
    const data = JSON.parse(text);
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${lang}/${file}: not a JSON object of messages`);
    Object.assign(merged, data);
  }
  return merged;
}

/** Plain text: no ICU syntax at all, so the source is what shows. */
const isPlain = (source) => !/[{}']/.test(source);

/** A message as the pages take it: plain text as is, anything else as its AST. */
export const precompileMessage = (source) => (isPlain(source) ? source : parse(source));

/** A whole catalog precompiled (throws on a malformed message, naming its key). */
export function precompile(catalog) {
  const out = {};
  for (const [key, source] of Object.entries(catalog)) {
    try {
      out[key] = precompileMessage(source);
    } catch (e) {
      throw new Error(`message "${key}": ${e.message}`);
    }
  }
  return out;
}

// ---- pseudo-locales ----

const ACCENTS = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** en-XA text: every letter accented and every vowel doubled (English text gets ~30 % longer,
 *  as translations often are). */
export const accentText = (text) => text.replace(/[A-Za-z]/g, (c) => (/[aeiouAEIOU]/.test(c) ? ACCENTS[c].repeat(2) : ACCENTS[c]));

/** ar-XB text: each word between RIGHT-TO-LEFT OVERRIDE and POP DIRECTIONAL FORMATTING, so it
 *  shows mirrored (as Chromium's ar-XB does); spaces and punctuation between words stay. */
export const mirrorText = (text) => text.replace(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu, (word) => `\u202E${word}\u202C`);

/** The AST with `change` applied to its literal text, at any depth (plural and select options,
 *  tags); arguments, `#` and formats stay as they are. */
function mapLiterals(ast, change) {
  return ast.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: change(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      return { ...el, options: Object.fromEntries(Object.entries(el.options).map(([k, o]) => [k, { ...o, value: mapLiterals(o.value, change) }])) };
    }
    if (el.type === TYPE.tag) return { ...el, children: mapLiterals(el.children, change) };
    return el;
  });
}

/** A pseudo-locale's message (precompiled) from the English source. */
export function pseudoMessage(source, lang) {
  const ast = parse(source);
  if (lang === 'en-XA') return [{ type: TYPE.literal, value: '⟦' }, ...mapLiterals(ast, accentText), { type: TYPE.literal, value: '⟧' }];
  if (lang === 'ar-XB') return mapLiterals(ast, mirrorText);
  throw new Error(`not a pseudo-locale: ${lang}`);
}

export function pseudoCatalog(english, lang) {
  return Object.fromEntries(Object.entries(english).map(([key, source]) => [key, pseudoMessage(source, lang)]));
}

// ---- the site ----

/** build/site/i18n/LANG.json for every locale but English (it is in the bundles) and for the
 *  pseudo-locales; returns the locales written. */
export function writeSiteCatalogs(siteDir, dir = I18N_DIR) {
  const out = join(siteDir, 'i18n');
  mkdirSync(out, { recursive: true });
  const english = readCatalog('en', dir);
  const written = [];
  for (const lang of catalogLocales(dir).filter((l) => l !== 'en')) {
    writeFileSync(join(out, `${lang}.json`), JSON.stringify(precompile(readCatalog(lang, dir))));
    written.push(lang);
  }
  for (const lang of PSEUDO_LOCALES) {
    writeFileSync(join(out, `${lang}.json`), JSON.stringify(pseudoCatalog(english, lang)));
    written.push(lang);
  }
  return written;
}

/** A locale's messages precompiled, for the static pages' renderer (English: none needed). */
export function siteMessages(lang, dir = I18N_DIR) {
  if (PSEUDO_LOCALES.includes(lang)) return pseudoCatalog(readCatalog('en', dir), lang);
  return lang === 'en' || !existsSync(join(dir, lang)) ? null : precompile(readCatalog(lang, dir));
}

/** Vite: the English catalogs the bundles import arrive precompiled, and the bundles get the
 *  parser-less build of @formatjs/icu-messageformat-parser (no message is parsed in a page). */
export function i18nVitePlugin() {
  const catalogFile = /[\\/]web[\\/]i18n[\\/][^\\/]+[\\/][^\\/]+\.json$/;
  return {
    name: 'lab-i18n-precompile',
    enforce: 'pre',
    config: () => ({
      resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] },
    }),
    transform(code, id) {
      if (!catalogFile.test(id.split('?')[0])) return null;
      // Still JSON: Vite's own JSON step makes the module of it.
      return { code: JSON.stringify(precompile(JSON.parse(code))), map: null };
    },
  };
}
