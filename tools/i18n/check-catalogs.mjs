#!/usr/bin/env node
// Checks the message catalogs under web/i18n (run by `tools/lab validate` with no paths, or with
// a path under web/i18n): for every area file of English (web/i18n/en/AREA.json) each other
// locale's AREA.json has exactly the same keys, every message parses as ICU MessageFormat, and
// every message uses the same placeholders as its English one, each of the same kind (a plain
// {name}, {n, number}, {n, plural, …}, {x, select, …}, a date, a time or a <tag>). The locales
// with catalogs must be the ones web/src/i18n/i18n.ts lists in LOCALES (pages ask only for those).
// Errors go to stderr one a line, `FILE:LINE: key "k": what is wrong`, with the bad message
// quoted; exit status 1 when there are any. Usage: check-catalogs.mjs [--dir DIR] [PATH...]
// (the paths only say that catalogs are wanted: the locales are checked together).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPE, parse } from '@formatjs/icu-messageformat-parser';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KIND = { [TYPE.argument]: 'plain', [TYPE.number]: 'number', [TYPE.date]: 'date', [TYPE.time]: 'time',
  [TYPE.select]: 'select', [TYPE.plural]: 'plural', [TYPE.tag]: 'tag' };

/** The 1-based line of `key`'s entry in the JSON text (1 when it cannot be found). */
function lineOf(text, key) {
  const at = text.search(new RegExp(`${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** Placeholder name -> its kind, at any depth (plural and select options, tags). */
export function placeholders(ast, out = new Map()) {
  for (const el of ast) {
    if (KIND[el.type]) {
      const had = out.get(el.value);
      out.set(el.value, had && had !== KIND[el.type] ? `${had}+${KIND[el.type]}` : KIND[el.type]);
    }
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) placeholders(o.value, out);
    if (el.type === TYPE.tag) placeholders(el.children, out);
  }
  return out;
}

const quote = (s) => JSON.stringify(s);
const kindText = (kind) => (kind === 'plain' ? 'a plain placeholder' : `a ${kind}`);

/** Reads one area file: { messages, text } or an error line. */
function readArea(file, shown) {
  const text = readFileSync(file, 'utf8');
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec(e.message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : 1;
    return { error: `${shown}:${line}: not valid JSON: ${e.message}` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { error: `${shown}:1: a catalog is a JSON object of key -> message` };
  return { messages: data, text };
}

/** Every problem of the catalogs in `dir` (web/i18n), one line each. */
export function checkCatalogs(dir = join(ROOT, 'web/i18n'), { localesFile = join(ROOT, 'web/src/i18n/i18n.ts') } = {}) {
  const errors = [];
  const show = (file) => relative(process.cwd(), file) || file;
  if (!existsSync(join(dir, 'en'))) return [`${show(dir)}:1: no English catalogs (en/*.json): English is every other locale's reference`];
  const locales = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (localesFile && existsSync(localesFile)) {
    const source = readFileSync(localesFile, 'utf8');
    const listed = /LOCALES\s*=\s*\[([^\]]*)\]/.exec(source);
    const names = listed ? [...listed[1].matchAll(/'([^']+)'/g)].map((m) => m[1]) : [];
    const line = listed ? source.slice(0, listed.index).split('\n').length : 1;
    for (const lang of locales) if (!names.includes(lang)) errors.push(`${show(localesFile)}:${line}: locale "${lang}" has catalogs in ${show(join(dir, lang))} but is not in LOCALES`);
  }
  const areas = readdirSync(join(dir, 'en')).filter((f) => f.endsWith('.json')).sort();
  for (const area of areas) {
    const enFile = join(dir, 'en', area);
    const en = readArea(enFile, show(enFile));
    if (en.error) { errors.push(en.error); continue; }
    const reference = new Map();  // key -> placeholders of the English message
    for (const [key, message] of Object.entries(en.messages)) {
      const where = `${show(enFile)}:${lineOf(en.text, key)}: key "${key}"`;
      if (typeof message !== 'string') { errors.push(`${where}: a message is a string, not ${quote(message)}`); continue; }
      try {
        reference.set(key, placeholders(parse(message)));
      } catch (e) {
        errors.push(`${where}: malformed message ${quote(message)}: ${e.message} at column ${e.location?.start?.column ?? '?'}`);
      }
    }
    for (const lang of locales.filter((l) => l !== 'en')) {
      const file = join(dir, lang, area);
      if (!existsSync(file)) {
        if (Object.keys(en.messages).length) errors.push(`${show(file)}:1: missing: ${show(enFile)} has ${Object.keys(en.messages).length} messages for this locale to translate`);
        continue;
      }
      const other = readArea(file, show(file));
      if (other.error) { errors.push(other.error); continue; }
      for (const key of Object.keys(en.messages)) {
        if (!Object.hasOwn(other.messages, key)) errors.push(`${show(file)}:1: key "${key}": missing (English: ${quote(en.messages[key])})`);
      }
      for (const [key, message] of Object.entries(other.messages)) {
        const where = `${show(file)}:${lineOf(other.text, key)}: key "${key}"`;
        if (!Object.hasOwn(en.messages, key)) { errors.push(`${where}: not in ${show(enFile)} (extra key, value ${quote(message)})`); continue; }
        if (typeof message !== 'string') { errors.push(`${where}: a message is a string, not ${quote(message)}`); continue; }
        let found;
        try {
          found = placeholders(parse(message));
        } catch (e) {
          errors.push(`${where}: malformed message ${quote(message)}: ${e.message} at column ${e.location?.start?.column ?? '?'}`);
          continue;
        }
        const wanted = reference.get(key);
        if (!wanted) continue;  // the English message is malformed: reported above
        for (const [name, kind] of wanted) {
          if (!found.has(name)) errors.push(`${where}: placeholder {${name}} of the English message is missing in ${quote(message)}`);
          else if (found.get(name) !== kind) errors.push(`${where}: placeholder {${name}} is ${kindText(found.get(name))} in ${quote(message)}; in English it is ${kindText(kind)}`);
        }
        for (const name of found.keys()) if (!wanted.has(name)) errors.push(`${where}: placeholder {${name}} is not in the English message (${quote(message)})`);
      }
    }
  }
  return errors;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--dir');
  const dir = at >= 0 ? args[at + 1] : join(ROOT, 'web/i18n');
  const errors = checkCatalogs(dir, at >= 0 ? { localesFile: null } : undefined);
  for (const line of errors) console.error(line);
  if (errors.length) {
    console.error(`${errors.length} error(s) in the message catalogs`);
    process.exit(1);
  }
  console.log(`${relative(process.cwd(), dir) || dir}: message catalogs ok`);
}
